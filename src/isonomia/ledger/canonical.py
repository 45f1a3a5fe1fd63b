"""Canonical JSON for the ledger: RFC 8785 (JSON Canonicalization Scheme).

Every hash in the ledger is taken over these bytes, so two machines that hold the same
event must produce the same bytes: keys sorted by UTF-16 code units, no whitespace, UTF-8
text left unescaped, numbers in their shortest ECMAScript form. Python's ``json.dumps``
with ``sort_keys`` is *not* this (it sorts by code point and formats floats differently),
so nothing else may be used to produce bytes that get hashed.
"""

from __future__ import annotations

import json
from typing import Any

import rfc8785

__all__ = ["CanonicalizationError", "canonical_json", "parse_json"]

_SAFE_INTEGER = 2**53 - 1

CanonicalizationError = rfc8785.CanonicalizationError


def canonical_json(obj: Any) -> bytes:
    """Return the RFC 8785 canonical UTF-8 bytes of a JSON-compatible value.

    Raises ``CanonicalizationError`` (a ``ValueError``) for values JSON cannot carry
    exactly: NaN, infinities, integers beyond ±(2**53 - 1), non-string keys.
    """
    result: bytes = rfc8785.dumps(obj)
    return result


def parse_json(text: str | bytes) -> Any:
    """Parse JSON the way RFC 8785 models it, so that parsing canonical JSON and
    canonicalizing it again gives back the same bytes.

    JSON numbers are IEEE doubles: an integral double beyond 2**53 (say ``2.0**53``) is
    canonicalized as plain digits, which ``json.loads`` would read back as a Python int that
    ``canonical_json`` then refuses. Such digits are read as floats here. NaN and Infinity,
    which are not JSON, are refused with ``ValueError``.
    """
    return json.loads(text, parse_int=_parse_int, parse_constant=_reject_constant)


def _parse_int(digits: str) -> int | float:
    value = int(digits)
    if -_SAFE_INTEGER <= value <= _SAFE_INTEGER:
        return value
    return float(digits)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")
