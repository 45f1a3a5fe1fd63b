"""Language tags: BCP-47 tags checked against Babel's CLDR locale data (P14)."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError, localedata


@lru_cache(maxsize=1024)  # a charter names the same few languages for each of its members
def is_known_language_tag(tag: str) -> bool:
    """True when `tag` names a language (optionally script and region) that CLDR knows.

    Babel's parser quietly substitutes likely subtags (``en-ZZ`` becomes ``en_US``), so
    the parsed locale must round-trip to the tag that was written.
    """
    if not tag or "_" in tag or tag.strip() != tag:
        return False
    try:
        locale = Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    name = str(locale)
    return localedata.exists(name) and name.replace("_", "-").casefold() == tag.casefold()


def language_name(tag: str, in_language: str = "en") -> str:
    """The language's name, e.g. ``ka`` → ``Georgian`` (or in another language)."""
    locale = Locale.parse(tag, sep="-")
    name = locale.get_display_name(Locale.parse(in_language, sep="-"))
    return name if name is not None else tag
