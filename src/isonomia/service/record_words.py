"""The record's words in a reader's language (P14), for the pages: one mapping layer.

The record writes its closed vocabularies (stages, kinds, forces, standings, statuses,
rulings, sanctions, votes) and its phrases (history lines, recusal reasons, the audit's
breaches) in English, from the message ids of `domain.phrases`. Here each is said in the
reader's language: a word through the catalogs, a phrase by finding its parts again with
the very message id it was written from, then saying that message with its parts (dates and
numbers in the reader's locale, through Babel, as the CLI does). Anything else (a title, a
ground, an id) is the record's own text and is shown as it is. The API keeps the record's
English words and ids: only the pages use this.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from isonomia.catalogs import day_in, number_in, percent_in
from isonomia.domain.phrases import (
    AWAITED_FROM,
    AWAITING,
    OUTSIDE_TERMS,
    PHRASES,
    RECORD_WORDS,
    VERSIONS_WAIVED,
)
from isonomia.service.translation import translator
from isonomia.voting.reasons import REASONS

__all__ = ["ENGLISH_WORDS", "RecordWords", "record_words"]

#: Every word of the record's closed vocabularies, as the record writes it.
ENGLISH_WORDS = frozenset(word for words in RECORD_WORDS.values() for word in words)
#: The parts of a phrase that are days, those that are shares written as percents, and those
#: that are phrases themselves (a count's reason, its detail).
_DAYS = frozenset({"day", "closes"})
_SHARES = frozenset({"share", "cap"})
_PHRASES = frozenset({"reason", "detail"})


#: The parts that are free text or lists ("uk, ru"); any other part (an id, a day, a number)
#: holds no space, so a phrase that begins with a part does not take a longer one whole.
_TEXTS = frozenset({"reason", "detail", "error", "members", "languages", "awaited"})


def _pattern(msgid: str) -> re.Pattern[str]:
    """What a phrase written from `msgid` looks like, each part a named group."""
    parts = []
    for literal, field, _, _ in string.Formatter().parse(msgid):
        parts.append(re.escape(literal))
        if field:
            parts.append(f"(?P<{field}>.+?)" if field in _TEXTS else rf"(?P<{field}>\S+?)")
    return re.compile("".join(parts) + r"\Z", re.S)


def _literal_length(msgid: str) -> int:
    return sum(len(literal) for literal, _, _, _ in string.Formatter().parse(msgid))


#: The phrases, the most literal first: "tabled for session {session}; voting closes on
#: {closes}" is tried before "tabled for session {session}", which would take it whole.
_PATTERNS = [
    (msgid, _pattern(msgid))
    for msgid in sorted((*PHRASES, *REASONS), key=_literal_length, reverse=True)
]


def parts_of(text: str) -> tuple[str, dict[str, str]] | None:
    """The message id a phrase of the record was written from, and its parts; None when the
    text is no phrase of the record."""
    for msgid, pattern in _PATTERNS:
        found = pattern.match(text)
        if found is not None:
            return msgid, found.groupdict()
    return None


class RecordWords:
    """The record's words in one language (English: as the record writes them)."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._speak = translator(language)

    def word(self, value: Any) -> str:
        """A word of a closed vocabulary in this language; any other value as it is."""
        text = "" if value is None else str(value)
        return self._speak.gettext(text) if text in ENGLISH_WORDS else text

    def words(self, values: Iterable[Any]) -> str:
        return ", ".join(self.word(v) for v in values)

    def phrase(self, text: Any) -> str:
        """A phrase of the record (a history line, a recusal reason, a breach) in this
        language, its parts kept; a word of a vocabulary, or any other text as it is."""
        value = "" if text is None else str(text)
        found = parts_of(value)
        if found is None:
            return self.word(value)
        msgid, parts = found
        return self.said(msgid, **parts)

    def said(self, msgid: str, **parts: Any) -> str:
        """A message of the record with its parts, said in this language."""
        shown = {name: self._part(name, str(value)) for name, value in parts.items()}
        try:
            return self._speak.gettext(msgid).format(**shown)
        except (KeyError, IndexError, ValueError):  # a catalog entry with a broken field
            return msgid.format(**parts)

    def _part(self, name: str, value: str) -> str:
        if name in _DAYS:
            try:
                return self.day(value)
            except ValueError:
                return value
        if name in _SHARES and value.endswith("%"):
            try:
                return percent_in(self.language, float(value[:-1]) / 100)
            except ValueError:
                return value
        if name in _PHRASES:
            return self.phrase(value)
        if value.isdigit() and len(value) > 4:  # as the CLI shows a large number
            return self.number(int(value))
        return self.word(value)

    def vote(self, value: Any) -> str:
        """A vote: yes, no or abstain, or a delegation's split ("yes=1,no=0,abstain=0")."""
        text = "" if value is None else str(value)
        if "=" not in text:
            return self.word(text)
        split = (part.partition("=") for part in text.split(","))
        return ", ".join(f"{self.word(choice)}: {count}" for choice, _, count in split)

    def standing(self, status: Any) -> str:
        """Where an act stands in a member (a `MemberActStatus`), from its parts."""
        kind = str(status.standing)
        if kind == "not binding":
            return self._speak.gettext(OUTSIDE_TERMS)
        if kind == "pending":
            by: dict[str, list[str]] = {}
            for language, who in (status.certifiers or {}).items():
                by.setdefault(who, []).append(language)
            awaited = "; ".join(
                self.said(AWAITED_FROM, languages=", ".join(tags), who=who)
                for who, tags in by.items()
            )
            return self._speak.gettext(AWAITING).format(awaited=awaited)
        if kind == "in force" and status.waived_on:
            return self._speak.gettext(VERSIONS_WAIVED)
        return self.word(kind or status.status)

    def sanctions(self, text: Any) -> str:
        """A conniver's sanctions as the case query writes them ("f-1: reprimand, …")."""
        said = []
        for item in str(text or "").split(", "):
            findings, colon, sanction = item.partition(": ")
            said.append(f"{findings}{colon}{self.word(sanction)}" if colon else self.word(item))
        return ", ".join(said)

    def day(self, value: Any) -> str:
        """A date in this language's locale (ISO in English)."""
        return day_in(self.language, None if value is None else str(value)[:10])

    def amount(self, value: Any) -> str:
        """An amount of money in this language's locale, to the cent (as recorded in
        English)."""
        if self.language == "en" or value is None:
            return "" if value is None else str(value)
        from babel.numbers import format_decimal

        return format_decimal(Decimal(str(value)), "#,##0.00", locale=self.language)

    def fraction(self, value: float) -> str:
        """A share between 0 and 1, to three places, in this language's locale."""
        if self.language == "en":
            return f"{value:.3f}"
        from babel.numbers import format_decimal

        return format_decimal(value, "0.000", locale=self.language)

    def count(self, value: int) -> str:
        """A count in a sentence: plain in English, as the record's lines write it; in this
        language's locale otherwise."""
        return str(value) if self.language == "en" else self.number(value)

    def number(self, value: Any) -> str:
        """A whole number in this language's locale."""
        return number_in(self.language, int(value))


@functools.cache
def record_words(language: str) -> RecordWords:
    """The shared mapping of one language."""
    return RecordWords(language)
