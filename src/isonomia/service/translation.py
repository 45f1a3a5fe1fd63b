"""Messages in a member's language (P14) for one request, with no global state.

The CLI chooses one language for the whole process (`cli/i18n.py`); a server answers each
request in the language it asks for (`Accept-Language`, or `?lang=`). A `Translator` is
that language's catalog, made once per language and shared, so it is cheap to pick per
request. The catalogs are the CLI's: `isonomia/locale/<language>/LC_MESSAGES/isonomia.mo`,
then those of each area that brings its own (`isonomia.areas`: its `locale` folder), asked
in turn for what the ones before do not hold.
"""

from __future__ import annotations

import functools
from typing import Any

from isonomia.catalogs import SHIPPED, catalog

__all__ = ["SHIPPED", "Translator", "negotiate", "translator"]


class Translator:
    """One language's messages: plain texts and refusals."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._catalog = catalog(language)

    def gettext(self, msgid: str) -> str:
        return self._catalog.gettext(msgid)

    def reason(self, refusal: Any) -> str:
        """A refusal's reason in this language, when it carries a message id; else as
        recorded (in English)."""
        msgid = getattr(refusal, "msgid", None)
        if msgid is None:
            return str(refusal.reason)
        values = dict(refusal.params)
        if "languages" in values:
            values["languages"] = self.language_names(values["languages"])
        if "who" in values:
            values["who"] = self.gettext(values["who"])
        try:
            return self.gettext(msgid).format(**values)
        except (KeyError, IndexError, ValueError):  # a catalog entry with a broken field
            return str(refusal.reason)

    def line(self, refusal: Any) -> str:
        """The whole line: "refused (P3): …", in this language."""
        return f"{self.gettext('refused')} ({refusal.principle}): {self.reason(refusal)}"

    def language_names(self, tags: str) -> str:
        """Comma-separated language tags as their names in this language."""
        from babel import Locale, UnknownLocaleError

        shown = []
        for tag in (t for t in tags.split(",") if t):
            try:
                name = Locale.parse(tag, sep="-").get_display_name(self.language) or tag
            except (ValueError, UnknownLocaleError):
                name = tag
            shown.append(f"{name} ({tag})")
        return ", ".join(shown)


@functools.cache
def translator(language: str) -> Translator:
    """The shared translator of a shipped language (English for any other)."""
    return Translator(language if language in SHIPPED else "en")


def _base(tag: str) -> str:
    return tag.strip().split(".")[0].replace("_", "-").split("-")[0].lower()


def negotiate(asked: str | None, accept_language: str | None) -> str:
    """The language to answer in: `asked` (`?lang=`) if shipped, else the first shipped one
    of an `Accept-Language` header by its weights, else English."""
    if asked and _base(asked) in SHIPPED:
        return _base(asked)
    choices: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.partition(";")
        weight = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if weight > 0 and _base(tag) in SHIPPED:
            choices.append((-weight, index, _base(tag)))
    return min(choices)[2] if choices else "en"
