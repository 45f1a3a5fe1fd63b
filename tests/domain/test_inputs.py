"""What no input may hold, decided in one place (`domain/inputs.py`) and checked in every
field of every new command (`make`, `check_signed`): control characters but tab and line
breaks, lone surrogates, numbers past the record's JSON, times with no reading in UTC."""

from __future__ import annotations

import typing
import unicodedata
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from isonomia.domain import COMMAND_TYPES, ConveneSession
from isonomia.domain.inputs import LARGEST_NUMBER, TEXT_CONTROL, unfit
from isonomia.service import BadRequest, make
from isonomia.service.building import check_signed

KEPT = "\t\n\r"


def test_every_control_character_but_tab_and_line_breaks_is_refused() -> None:
    controls = [chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))]
    for ch in controls:
        found = unfit(f"text {ch} more")
        if ch in KEPT:
            assert found is None, repr(ch)
        else:
            assert found is not None and found.kind == "text_control", repr(ch)
            assert found.params["character"] == f"U+{ord(ch):04X}"


def test_a_lone_surrogate_is_refused() -> None:
    for code in (0xD800, 0xDBFF, 0xDC00, 0xDCFF, 0xDFFF):
        found = unfit(f"name {chr(code)}")
        assert found is not None and found.kind == "text_surrogate"


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs"))))
def test_any_other_text_is_kept(text: str) -> None:
    # Letters of every script, spaces, emoji joiners, right-to-left marks and bidirectional
    # controls (shown escaped by the interfaces), private use, unassigned code points.
    assert unfit(text) is None


def test_the_first_unfit_value_is_found_where_it_lies() -> None:
    found = unfit({"members": [{"id": "a"}, {"id": "b", "name": ["x", "y\x00"]}]})
    assert found is not None and found.within == ".members[1].name[1]"
    found = unfit({"odd key\x00": 1})
    assert found is not None and found.within == "['odd key\\x00']"


def test_whole_numbers_are_kept_within_what_the_record_holds_exactly() -> None:
    for value in (0, 1, -1, LARGEST_NUMBER, -LARGEST_NUMBER, True):
        assert unfit(value) is None
    for value in (LARGEST_NUMBER + 1, -LARGEST_NUMBER - 1, 2**63, 10**23):
        found = unfit(value)
        assert found is not None and found.kind == "number_range"


def test_a_time_with_no_reading_in_utc_is_refused() -> None:
    ahead = timezone(timedelta(hours=14))
    behind = timezone(timedelta(hours=-12))
    assert unfit(datetime(1, 1, 1, tzinfo=ahead)) is not None
    assert unfit(datetime(9999, 12, 31, 23, tzinfo=behind)) is not None
    assert unfit(datetime(1, 1, 1, 14, tzinfo=ahead)) is None
    assert unfit(datetime(2027, 1, 4, 9, tzinfo=UTC)) is None


def _with_nul(annotation: Any) -> Any:
    """A value of the shape `annotation` asks for, holding a NUL; None when it holds no text."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if annotation is str:
        return "a\x00b"
    if origin is typing.Annotated:
        return _with_nul(args[0])
    if origin in (list, set, frozenset, tuple) and args:
        inner = _with_nul(args[0])
        return None if inner is None else [inner]
    if origin is dict and args:
        return {"a\x00b": "x"} if args[0] is str or typing.get_args(args[0]) else None
    if args:  # a union such as `str | None`
        return next((v for v in map(_with_nul, args) if v is not None), None)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {
            name: value
            for name, info in annotation.model_fields.items()
            if (value := _with_nul(info.annotation)) is not None
        } or None
    return None


def _text_fields() -> list[tuple[str, str, Any]]:
    found = []
    for name, cls in sorted(COMMAND_TYPES.items()):
        for field, info in cls.model_fields.items():
            value = _with_nul(info.annotation)
            if value is not None:
                found.append((name, field, value))
    return found


TEXT_FIELDS = _text_fields()


def test_the_commands_have_text_fields_to_check() -> None:
    assert len(TEXT_FIELDS) > 100
    assert ("DraftMotion", "title", "a\x00b") in TEXT_FIELDS


@pytest.mark.parametrize(
    ("name", "field", "value"), [pytest.param(*f, id=f"{f[0]}.{f[1]}") for f in TEXT_FIELDS]
)
def test_no_text_field_of_any_new_command_takes_a_nul(name: str, field: str, value: Any) -> None:
    cls = COMMAND_TYPES[name]
    for door in (
        lambda: make(cls, **{field: value}),
        lambda: check_signed({"type": name, field: value}),
    ):
        with pytest.raises(BadRequest) as raised:
            door()
        assert raised.value.msgid == TEXT_CONTROL
        assert dict(raised.value.params)["where"].startswith(field)


def test_a_new_command_names_the_field_and_the_place_in_it() -> None:
    fields = {
        "command_id": "c1",
        "actor": "secretariat",
        "session": "s1",
        "organ": "union-council",
        "held_on": "2027-01-11",
        "agenda": ["budget", "\x1b[2J"],
    }
    with pytest.raises(BadRequest) as raised:
        make(ConveneSession, at=datetime(2027, 1, 4, 9, tzinfo=UTC), **fields)
    assert str(raised.value).startswith("agenda[1] holds the control character U+001B: ")
    late = {**fields, "agenda": [], "at": "0001-01-01T00:00:00+14:00"}
    with pytest.raises(BadRequest) as raised:
        check_signed({"type": "ConveneSession", **late})
    assert str(raised.value).startswith("at is 0001-01-01T00:00:00+14:00: ")


def test_a_command_model_itself_still_reads_what_a_record_made_before_holds() -> None:
    # The record is never rewritten (P18): a command recorded before these checks, with a
    # control character in its text, still reads, so it still replays and verifies.
    recorded = ConveneSession(
        command_id="c1",
        actor="secretariat",
        at=datetime(2027, 1, 4, 9, tzinfo=UTC),
        session="s1",
        organ="union-council",
        held_on="2027-01-11",
        agenda=["\x1b[31mred"],
    )
    assert recorded.agenda == ["\x1b[31mred"]


def test_unicode_agrees_on_what_a_control_character_is() -> None:
    # The rule is the Unicode category Cc (C0, DEL, C1), less tab and line breaks.
    controls = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cc"}
    assert len(controls) == 65
    assert all(unfit(ch) is not None for ch in controls - set(KEPT))
