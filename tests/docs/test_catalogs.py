"""The interface's message catalogs (P14): every marked message is translated in every
shipped language, no catalog keeps a stale entry, and the compiled files are fresh."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import isonomia
from isonomia.catalogs import DOMAIN, LOCALE_DIR, SHIPPED

SOURCE = Path(isonomia.__file__).parent
CATALOGS = [language for language in SHIPPED if language != "en"]


def _marked() -> set[str]:
    found = extract_from_dir(
        str(SOURCE), keywords={"_": None, "N_": None}, comment_tags=(), strip_comment_tags=True
    )
    return {str(message) for _, _, message, _, _ in found}


MARKED = _marked()


def test_messages_are_marked_in_the_interface_and_the_rules() -> None:
    assert "recorded" in MARKED and "Members on {day}" in MARKED
    assert "{member}'s language rules require correspondence in {languages}" in MARKED
    assert any(m.startswith("secession is decided by {member}'s own congress") for m in MARKED)


@pytest.mark.parametrize("language", CATALOGS)
def test_every_marked_message_is_translated_and_no_entry_is_stale(language: str) -> None:
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as file:
        catalog = read_po(file)
    translated = {str(m.id): str(m.string) for m in catalog if m.id}
    missing = sorted(m for m in MARKED if not translated.get(m))
    assert not missing, f"{language} lacks translations of {missing}"
    stale = sorted(set(translated) - MARKED)
    assert not stale, f"{language} keeps stale entries {stale}"
    assert not catalog.obsolete, f"{language} keeps obsolete entries"
    assert not [m.id for m in catalog if m.id and m.fuzzy], f"{language} has fuzzy entries"


@pytest.mark.parametrize("language", CATALOGS)
def test_the_compiled_catalog_is_fresh(language: str) -> None:
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    with (folder / f"{DOMAIN}.po").open("rb") as file:
        source = {str(m.id): str(m.string) for m in read_po(file) if m.id}
    with (folder / f"{DOMAIN}.mo").open("rb") as file:
        compiled = {str(m.id): str(m.string) for m in read_mo(file) if m.id}
    assert compiled == source, f"{folder / DOMAIN}.mo is stale: run `make catalogs`"


@pytest.mark.parametrize("language", CATALOGS)
def test_translations_keep_every_field_of_their_message(language: str) -> None:
    import string

    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as file:
        catalog = read_po(file)
    for message in catalog:
        if not message.id:
            continue
        fields = {f for _, f, _, _ in string.Formatter().parse(str(message.id)) if f}
        kept = {f for _, f, _, _ in string.Formatter().parse(str(message.string)) if f}
        assert fields == kept, (language, message.id)


@pytest.mark.parametrize("language", CATALOGS)
def test_every_translation_is_said_with_its_message_fields(language: str) -> None:
    """Each translation formats with the values its message id takes: no field lost, none
    added, no stray brace, so a refusal recorded once is said in every shipped language."""
    import string

    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as file:
        catalog = read_po(file)
    for message in catalog:
        if not message.id:
            continue
        fields = {f for _, f, _, _ in string.Formatter().parse(str(message.id)) if f}
        if not fields:
            continue  # said as it is written, without formatting
        values = {field: f"<{field}>" for field in fields}
        said = str(message.string).format(**values)
        assert all(value in said for value in values.values()), (language, message.id)


def test_the_rules_mark_every_refusal_with_a_message_id() -> None:
    """No refusal in the rules or the service is a bare English string: each is
    `Refusal.of(principle, N_(msgid), **fields)`, so it can be said in any language."""

    bare = re.compile(r"\bRefusal\(")
    found = [
        f"{path.relative_to(SOURCE)}:{n}"
        for folder in ("rules", "service")
        for path in sorted((SOURCE / folder).rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if bare.search(line) and "class Refusal" not in line
    ]
    assert not found, f"refusals without a message id: {found}"


#: An appeal against an act and a complaint to the inspection are different remedies (P11,
#: P17); each language names them with its own word, never one word for both.
APPEAL_WORDS = {"uk": ("апеляц", "скарг"), "ka": ("აპელაცი", "საჩივ")}


@pytest.mark.parametrize("language", sorted(APPEAL_WORDS))
def test_appeal_and_complaint_have_distinct_words(language: str) -> None:
    appeal, complaint = APPEAL_WORDS[language]
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as file:
        catalog = read_po(file)
    for message in catalog:
        text = str(message.string).lower()
        if isinstance(message.id, str) and message.id.lower() in {"appeal", "appeals"}:
            assert appeal in text and complaint not in text, (message.id, text)
        if isinstance(message.id, str) and message.id.lower() in {"complaint", "complaints"}:
            assert complaint in text and appeal not in text, (message.id, text)


#: The roots each language builds its words for a complaint from ("оскаржити" is to lodge a
#: complaint against; "გასაჩივრება" likewise): an appeal is said with neither.
COMPLAINT_ROOTS = {"uk": ("скарг", "скарж"), "ka": ("საჩივ",)}
_APPEAL = re.compile(r"\bappeal(s|ed|ing)?\b(?!:)", re.IGNORECASE)


@pytest.mark.parametrize("language", sorted(APPEAL_WORDS))
def test_every_message_of_an_appeal_says_appeal_not_complaint(language: str) -> None:
    """An appeal against an act (P6) is named with the appeal's word in every message that
    speaks of one (a history line, a refusal, a page's text), never with a word built on the
    complaint's root, which names a complaint to the inspection (P17)."""
    appeal, _ = APPEAL_WORDS[language]
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as file:
        catalog = read_po(file)
    wrong = [
        str(message.id)
        for message in catalog
        if isinstance(message.id, str)
        and _APPEAL.search(message.id)
        and (
            appeal not in str(message.string).lower()
            or any(root in str(message.string).lower() for root in COMPLAINT_ROOTS[language])
        )
    ]
    assert not wrong, f"{language} says these appeals otherwise: {wrong}"
