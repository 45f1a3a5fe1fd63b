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
from datetime import date
from pathlib import Path
from typing import Any

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "isonomia"
#: The languages the interface speaks: English and every shipped catalog.
SHIPPED = ("en", "uk", "ka")


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
    _State.translations = (
        gettext.NullTranslations()
        if chosen == "en"
        else gettext.translation(DOMAIN, LOCALE_DIR, languages=[chosen])
    )
    return None


def language() -> str:
    return _State.language


def _(msgid: str) -> str:
    """A message in the chosen language."""
    return _State.translations.gettext(msgid)


def language_names(tags: str) -> str:
    """Comma-separated language tags as their names in the chosen language."""
    from babel import Locale

    shown = []
    for tag in (t for t in tags.split(",") if t):
        name = Locale.parse(tag, sep="-").get_display_name(_State.language) or tag
        shown.append(f"{name} ({tag})")
    return ", ".join(shown)


def refusal_line(refusal: Any) -> str:
    """A refusal in the chosen language, when it carries a message id; else as recorded."""
    msgid = getattr(refusal, "msgid", None)
    refused = _("refused")
    if msgid is None:
        return f"{refused} ({refusal.principle}): {refusal.reason}"
    values = dict(refusal.params)
    if "languages" in values:
        values["languages"] = language_names(values["languages"])
    if "who" in values:
        values["who"] = _(values["who"])
    return f"{refused} ({refusal.principle}): {_(msgid).format(**values)}"


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
    if value is None or value == "":
        return ""
    if _State.language == "en":
        return str(value)
    from babel.dates import format_date

    return format_date(date.fromisoformat(str(value)), "medium", locale=_State.language)


def number(value: int) -> str:
    """A whole number in the chosen locale (grouped with commas in English)."""
    if _State.language == "en":
        return f"{value:,}"
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_State.language)


def percent(value: float) -> str:
    """A share, to a tenth of a percent, in the chosen locale."""
    if _State.language == "en":
        return f"{value:.1%}"
    from babel.numbers import format_percent

    return format_percent(value, "#,##0.0%", locale=_State.language)
