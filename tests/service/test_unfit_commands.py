"""The service's door for new commands, on both databases: a signed command holding what no
input may hold (a NUL, another control character, a number past the record's JSON, a time
with no reading in UTC) is bad input naming the field, and nothing reaches the database; a
record made before that door existed still verifies (P18)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest

from builders import example_1922, found, union_1922
from isonomia.domain import inputs
from isonomia.service import (
    BadRequest,
    ConveneSession,
    DraftMotion,
    Federation,
    Keyring,
    at_day,
    make,
    new_command_id,
)

DAY = date(1923, 1, 8)


@pytest.fixture
def union(database_url: str, keyring: Keyring) -> Iterator[Federation]:
    federation = Federation(database_url, signer=keyring)
    federation.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
    federation.execute(found(union_1922(), signed_in=federation))
    yield federation
    federation.close()


def _draft(**unfit: object) -> DraftMotion:
    """A valid motion, with `unfit` values put in past `make` (as a signed file may hold)."""
    return make(
        DraftMotion,
        command_id=new_command_id(),
        actor="secretariat",
        at=at_day(DAY),
        motion="m-1",
        organ="union-council",
        title="A title",
        text="A text",
        field="military",
        kind="decision",
        force="mandatory",
    ).model_copy(update=unfit)


@pytest.mark.parametrize(
    ("unfit", "said"),
    [
        ({"title": "a\x00b"}, "title holds the control character U+0000"),
        ({"text": "x\x1b[2J"}, "text holds the control character U+001B"),
        ({"addressees": ["georgia", "\x9b"]}, "addressees[1] holds the control character U+009B"),
        ({"title": "delete\x7f"}, "title holds the control character U+007F"),
        ({"at": datetime.fromisoformat("0001-01-01T00:00:00+14:00")}, "at is 0001-01-01T00"),
    ],
)
def test_a_signed_command_holding_what_no_input_may_is_bad_input_before_the_database(
    union: Federation, unfit: dict, said: str
) -> None:
    before = union.ledger_length()
    with pytest.raises(BadRequest) as raised:
        union.execute(_draft(**unfit))
    assert str(raised.value).startswith(said), str(raised.value)
    assert union.ledger_length() == before


def test_a_number_past_the_record_is_bad_input_before_the_database(union: Federation) -> None:
    session = make(
        ConveneSession,
        command_id=new_command_id(),
        actor="secretariat",
        at=at_day(DAY),
        session="s-1",
        organ="union-council",
        held_on=DAY,
    )
    envelope = union.sign(session, union.signer)
    envelope["command"]["extra"] = 2**63  # any field: looked at before the signature is
    with pytest.raises(BadRequest) as raised:
        union.submit(envelope)
    assert str(raised.value).startswith("extra is 9223372036854775808: ")


def test_a_record_made_before_text_was_checked_still_verifies(
    union: Federation, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as before_the_check:
        before_the_check.setattr(inputs, "_text", lambda value, within: None)
        union.execute(_draft(title="Clear\x1b[2J", text="bell\x07"))
    union.close()
    again = Federation(union.db.url).open()  # a new process reads it from the database
    try:
        assert again.verify_ledger().ok
        replayed = again.verify_replay()  # every signed command read and re-derived
        assert replayed.ok, replayed.describe()
        assert again.verify_signatures().ok
    finally:
        again.close()
