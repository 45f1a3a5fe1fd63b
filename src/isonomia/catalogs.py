"""The message catalogs of the interfaces (P14): isonomia's own, then each area's.

`isonomia/locale/<language>/LC_MESSAGES/isonomia.mo`, compiled from the `.po` beside it
(`make catalogs`), holds every message of the built-in areas; an area of another
distribution brings its own catalog (`isonomia.areas`: its `locale` folder), asked in turn
for what isonomia's does not hold. Light on purpose: the CLI loads it before anything else.
"""

from __future__ import annotations

import gettext
from datetime import date
from pathlib import Path

from isonomia import areas

__all__ = ["DOMAIN", "LOCALE_DIR", "SHIPPED", "catalog", "day_in", "number_in", "percent_in"]

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "isonomia"
#: The languages the interfaces speak: English and every shipped catalog.
SHIPPED = ("en", "uk", "ka")


def catalog(language: str) -> gettext.NullTranslations:
    """The messages of a shipped `language` (English needs none)."""
    if language == "en":
        return gettext.NullTranslations()
    found = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])
    for area in areas.areas():
        if area.locale is not None:
            found.add_fallback(
                gettext.translation(area.catalog, area.locale, languages=[language], fallback=True)
            )
    return found


def day_in(language: str, value: date | str | None) -> str:
    """A date as `language`'s locale writes it (Babel's medium format); ISO in English."""
    if value is None or value == "":
        return ""
    if language == "en":
        return str(value)
    from babel.dates import format_date

    return format_date(date.fromisoformat(str(value)), "medium", locale=language)


def number_in(language: str, value: int) -> str:
    """A whole number in `language`'s locale (grouped with commas in English)."""
    if language == "en":
        return f"{value:,}"
    from babel.numbers import format_decimal

    return format_decimal(value, locale=language)


def percent_in(language: str, value: float) -> str:
    """A share, to a tenth of a percent, in `language`'s locale."""
    if language == "en":
        return f"{value:.1%}"
    from babel.numbers import format_percent

    return format_percent(value, "#,##0.0%", locale=language)
