"""The message catalogs of the interfaces (P14): isonomia's own, then each area's.

`isonomia/locale/<language>/LC_MESSAGES/isonomia.mo`, compiled from the `.po` beside it
(`make catalogs`), holds every message of the built-in areas; an area of another
distribution brings its own catalog (`isonomia.areas`: its `locale` folder), asked in turn
for what isonomia's does not hold. Light on purpose: the CLI loads it before anything else.
"""

from __future__ import annotations

import gettext
from pathlib import Path

from isonomia import areas

__all__ = ["DOMAIN", "LOCALE_DIR", "SHIPPED", "catalog"]

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
