"""The interface in the members' languages (P14): gettext catalogs, dates and numbers.

The catalogs live in `isonomia/locale/<language>/LC_MESSAGES/isonomia.po` and are compiled
to `.mo` beside them (`make catalogs`; a test fails when one is stale or incomplete).
`--lang` or `$ISONOMIA_LANG` chooses the language; English, the language the code is
written in, needs no catalog. Dates and numbers follow the chosen locale through Babel,
except in English, where they stay ISO dates and plain numbers as before.
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from isonomia.catalogs import SHIPPED, catalog, day_in, number_in, percent_in

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class _State:
    language = "en"
    translations: gettext.NullTranslations = gettext.NullTranslations()


def use(language: str | None) -> str | None:
    """Speak `language` (or `$ISONOMIA_LANG`, or English); the problem when none is shipped."""
    chosen = language or os.environ.get("ISONOMIA_LANG") or "en"
    chosen = chosen.split(".")[0].replace("_", "-").split("-")[0].lower()
    if chosen not in SHIPPED:
        _State.language, _State.translations = "en", gettext.NullTranslations()
        return f"no interface language {chosen!r}; shipped: {', '.join(SHIPPED)}"
    _State.language = chosen
    _State.translations = catalog(chosen)
    return None


def language() -> str:
    return _State.language


def _(msgid: str, **values: object) -> str:
    """A message in the chosen language; with `values`, its `{fields}` filled in, dates and
    whole numbers shown in the chosen locale."""
    said = _State.translations.gettext(msgid)
    if not values:
        return said
    return said.format(**{name: _local(str(value)) for name, value in values.items()})


def _local(value: str) -> str:
    """A value as the chosen locale writes it, when it is an ISO date or a large number."""
    if _State.language == "en":
        return value
    if _ISO_DAY.fullmatch(value):
        return day(value)
    if value.isdigit() and len(value) > 4:
        return number(int(value))
    return value


def N_(msgid: str) -> str:
    """Mark a message for the catalogs where it is written; it is translated where shown."""
    return msgid


def language_names(tags: str) -> str:
    """Comma-separated language tags as their names in the chosen language."""
    from babel import Locale

    shown = []
    for tag in (t for t in tags.split(",") if t):
        name = Locale.parse(tag, sep="-").get_display_name(_State.language) or tag
        shown.append(f"{name} ({tag})")
    return ", ".join(shown)


def _shown(name: str, value: str) -> str:
    """A field's value as the chosen language shows it: dates and whole numbers in its
    locale, language tags and weekdays by their names, a `who` (or a `held` place) as the
    message it names."""
    if name == "languages":
        return language_names(value)
    if name in ("who", "held"):
        return _(value)
    if name.startswith("weekday") and value in WEEKDAYS and _State.language != "en":
        from babel.dates import get_day_names

        return str(get_day_names("wide", locale=_State.language)[WEEKDAYS.index(value)])
    return _local(value)


def say(msgid: str, params: Iterable[tuple[str, str]] = ()) -> str:
    """A catalog message in the chosen language, its fields filled in as that language
    shows them."""
    return _(msgid).format(**{name: _shown(name, value) for name, value in params})


def refusal_line(refusal: Any) -> str:
    """A refusal in the chosen language, when it carries a message id; else as recorded."""
    msgid = getattr(refusal, "msgid", None)
    refused = _("refused")
    if msgid is None:
        return f"{refused} ({refusal.principle}): {refusal.reason}"
    return f"{refused} ({refusal.principle}): {say(msgid, refusal.params)}"


def error_line(error: Any) -> str:
    """A service error's line in the chosen language, when it carries a message id."""
    msgid = getattr(error, "msgid", None)
    return str(error.line()) if msgid is None else say(msgid, error.params)


def detail_lines(error: Any) -> list[str]:
    """A service error's detail lines (a charter's problems) in the chosen language."""
    said = getattr(error, "said", None)
    if said is None:
        return list(error.details())
    lines = []
    for path, msgid, params, message in said:
        text = message if msgid is None else say(msgid, params)
        lines.append(f"{path}: {text}" if path else text)
    return lines


def said_in(language_tag: str, refusal: Any) -> str:
    """A refusal said in another shipped language, leaving the chosen one as it was."""
    before = _State.language
    use(language_tag)
    try:
        return refusal_line(refusal)
    finally:
        use(before)


def day(value: date | str | None) -> str:
    """A date in the chosen locale (ISO in English)."""
    return day_in(_State.language, value)


def number(value: int) -> str:
    """A whole number in the chosen locale (grouped with commas in English)."""
    return number_in(_State.language, value)


def percent(value: float) -> str:
    """A share, to a tenth of a percent, in the chosen locale."""
    return percent_in(_State.language, value)
