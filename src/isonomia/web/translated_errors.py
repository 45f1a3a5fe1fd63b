"""Errors the web says in the asked language (P14): an HTTP error whose detail is a catalog
message with named fields, and the detail line of any error, translated when it can be."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException

from isonomia.service import Translator

__all__ = ["Said", "detail_in"]


class Said(HTTPException):
    """An HTTP error whose detail is a catalog message (`N_`); English in `detail`."""

    def __init__(self, status_code: int, msgid: str, /, **params: object) -> None:
        values = {name: str(value) for name, value in params.items()}
        super().__init__(status_code=status_code, detail=msgid.format(**values))
        self.msgid = msgid
        self.params = tuple(sorted(values.items()))


def detail_in(speak: Translator, error: Any, english: str) -> str:
    """`error`'s line in the translator's language when it carries a message id (a `Said`,
    a service error made with `.of`); else `english` translated if it is a catalog message
    itself, or as it is."""
    msgid = getattr(error, "msgid", None)
    if msgid is None:
        return speak.gettext(english) if english else english
    try:
        return speak.gettext(msgid).format(**dict(getattr(error, "params", ())))
    except (KeyError, IndexError, ValueError):  # a catalog entry with a broken field
        return english
