"""Canonical JSON for the ledger: RFC 8785 (JSON Canonicalization Scheme).

Every hash in the ledger is taken over these bytes, so two machines that hold the same
event must produce the same bytes: keys sorted by UTF-16 code units, no whitespace, UTF-8
text left unescaped, numbers in their shortest ECMAScript form. Python's ``json.dumps``
with ``sort_keys`` is *not* this (it sorts by code point and formats floats differently),
so nothing else may be used to produce bytes that get hashed.
"""

from __future__ import annotations

import json
import re
from typing import Any

import rfc8785

__all__ = ["CanonicalizationError", "canonical_json", "parse_canonical", "parse_json"]

_SAFE_INTEGER = 2**53 - 1
# Characters outside the Basic Multilingual Plane, or lone surrogates: where sorting keys by
# code point (``json.dumps``) and by UTF-16 code unit (RFC 8785) can differ.
_BEYOND_BMP = re.compile(r"[^\x00-\ud7ff\ue000-\uffff]")

CanonicalizationError = rfc8785.CanonicalizationError


def canonical_json(obj: Any) -> bytes:
    """Return the RFC 8785 canonical UTF-8 bytes of a JSON-compatible value.

    Raises ``CanonicalizationError`` (a ``ValueError``) for values JSON cannot carry
    exactly: NaN, infinities, integers beyond ±(2**53 - 1), non-string keys.
    """
    quick = _quick_canonical(obj)
    if quick is not None:
        return quick
    result: bytes = rfc8785.dumps(obj)
    return result


def _quick_canonical(obj: Any) -> bytes | None:
    """The RFC 8785 bytes of ``obj`` spelled by the standard library's compiled encoder,
    when that spelling is provably RFC 8785's; None to leave ``obj`` to ``rfc8785``.

    The compiled encoder (sorted keys, no whitespace, UTF-8 left unescaped) spells as RFC
    8785 does whatever ``parse_canonical`` takes its quick path for: no number but a safe
    integer, no character beyond the Basic Multilingual Plane, string keys only. Rather than
    walk ``obj`` in Python to know that, its spelling is read back with the quick decoder
    (which refuses any float and any integer beyond 2**53) and compared with ``obj``: a
    value read back equal to what was written, with no astral character or lone surrogate
    in the text, had only those. Anything else (a float, a tuple, a non-string key, a type
    JSON has not) goes to ``rfc8785``, so every result and every error is RFC 8785's."""
    try:
        text = _QUICK_ENCODER.encode(obj)
        if not text.isascii() and _BEYOND_BMP.search(text) is not None:
            return None
        if _QUICK_DECODER.decode(text) != obj:
            return None
    except (_Inexact, TypeError, ValueError, RecursionError):
        return None
    return text.encode("utf-8")


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


class _Inexact(Exception):
    """A number the standard library's encoder does not spell as RFC 8785 does."""


def _safe_int(digits: str) -> int:
    value = int(digits)
    if -_SAFE_INTEGER <= value <= _SAFE_INTEGER:
        return value
    raise _Inexact


def _inexact(digits: str) -> float:
    raise _Inexact


_QUICK_DECODER = json.JSONDecoder(
    parse_int=_safe_int, parse_float=_inexact, parse_constant=_reject_constant
)
_QUICK_ENCODER = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
)


def parse_canonical(text: str) -> tuple[Any, bool]:
    """Parse ``text`` once (as ``parse_json``) and say whether it is exactly the RFC 8785
    form of what it holds, i.e. ``canonical_json(value) == text.encode()``.

    The answer comes from the standard library's compiled encoder (sorted keys, no
    whitespace, UTF-8 left unescaped) where it spells exactly what RFC 8785 spells: no
    number that is not a safe integer (floats are written differently, e.g. ``1e-07``
    against ``1e-7``) and no character beyond the Basic Multilingual Plane (keys are sorted
    by code point there, by UTF-16 code unit in RFC 8785). Strings are escaped alike by both
    (``"``, backslash and control characters only, short forms where JSON has them). Any
    other text is decided by ``canonical_json`` itself, so the answer is always RFC 8785's.
    Raises ``ValueError`` when ``text`` is not JSON.
    """
    if text.isascii() or _BEYOND_BMP.search(text) is None:
        try:
            value = _QUICK_DECODER.decode(text)
        except _Inexact:
            pass
        else:
            return value, _QUICK_ENCODER.encode(value) == text
    value = parse_json(text)
    try:
        return value, canonical_json(value) == text.encode("utf-8")
    except (ValueError, UnicodeEncodeError):
        return value, False
