"""Linking entries into a chain and verifying it: every kind of break is named."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator

import pytest

from isonomia.ledger import GENESIS_HASH, ChainReport, Entry, NewEntry, link, verify_chain


def new_entry(i: int, **payload: object) -> NewEntry:
    return NewEntry(
        recorded_at=f"2024-03-01T12:00:{i % 60:02d}Z",
        actor=f"member-{i % 3}",
        command_id=f"cmd-{i}",
        event_type="MotionFiled",
        schema_version=1,
        payload={"n": i, **payload},
    )


def chain(n: int) -> list[Entry]:
    return link(0, GENESIS_HASH, [new_entry(i) for i in range(1, n + 1)])


def test_link_numbers_entries_from_the_head_and_chains_their_hashes() -> None:
    entries = chain(5)
    assert [e.sequence for e in entries] == [1, 2, 3, 4, 5]
    assert entries[0].prev_hash == GENESIS_HASH
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
    assert len({e.hash for e in entries}) == 5


def test_link_continues_an_existing_chain_exactly_as_one_batch_would() -> None:
    whole = chain(6)
    first = link(0, GENESIS_HASH, [new_entry(i) for i in range(1, 4)])
    rest = link(first[-1].sequence, first[-1].hash, [new_entry(i) for i in range(4, 7)])
    assert first + rest == whole


def test_link_refuses_a_payload_json_cannot_carry() -> None:
    with pytest.raises(ValueError):
        link(0, GENESIS_HASH, [new_entry(1, bad=float("nan"))])


@pytest.mark.parametrize(
    "field, value",
    [
        ("recorded_at", "2024-03-01T12:00:00+00:00"),
        ("recorded_at", "2024-03-01 12:00:00Z"),
        ("actor", ""),
        ("schema_version", 0),
        ("schema_version", True),
        ("payload", [1, 2]),
    ],
)
def test_new_entry_refuses_malformed_fields(field: str, value: object) -> None:
    fields = dataclasses.asdict(new_entry(1))
    fields[field] = value
    with pytest.raises(ValueError, match=field):
        NewEntry(**fields)


def test_verify_chain_accepts_an_intact_chain_and_reports_its_head() -> None:
    entries = chain(10)
    report = verify_chain(entries)
    assert report == ChainReport(ok=True, count=10, head=entries[-1].hash)
    assert report.describe() == f"OK 10 entries, head {entries[-1].hash}"


def test_verify_chain_accepts_the_empty_chain_with_the_genesis_head() -> None:
    assert verify_chain([]).describe() == f"OK 0 entries, head {GENESIS_HASH}"


def test_verify_chain_names_the_entry_whose_payload_was_changed() -> None:
    entries = chain(20)
    entries[16] = dataclasses.replace(entries[16], payload={"n": 999})
    report = verify_chain(entries)
    assert (report.ok, report.broken_at, report.count) == (False, 17, 16)
    assert report.describe() == (
        "entry 17: hash does not match its content (payload or fields were changed)"
    )


def test_verify_chain_names_the_next_entry_when_a_changed_entry_was_rehashed() -> None:
    entries = chain(20)
    forged = dataclasses.replace(entries[16], actor="someone-else")
    canonical_ok = link(16, entries[15].hash, [forged.content()])[0]
    entries[16] = canonical_ok
    assert verify_chain(entries).describe() == "entry 18: previous hash does not match entry 17"


def test_verify_chain_names_a_sequence_gap() -> None:
    entries = chain(9)
    del entries[7]
    assert verify_chain(entries).describe() == "entry 9: sequence gap after 7"


def test_verify_chain_names_entries_out_of_order() -> None:
    entries = chain(5)
    entries[2], entries[3] = entries[3], entries[2]
    assert verify_chain(entries).describe() == "entry 4: sequence gap after 2"
    assert verify_chain([*chain(3), chain(3)[1]]).describe() == (
        "entry 2: sequence out of order after 3"
    )


def test_verify_chain_requires_entry_1_to_follow_the_genesis_hash() -> None:
    entries = link(0, "f" * 64, [new_entry(1)])
    assert verify_chain(entries).describe() == "entry 1: previous hash is not the genesis hash"


def test_verify_chain_reports_a_malformed_entry_instead_of_raising() -> None:
    entries = chain(3)
    entries[1] = dataclasses.replace(entries[1], payload={"x": float("inf")})
    report = verify_chain(entries)
    assert report.broken_at == 2
    assert report.reason is not None and report.reason.startswith("entry is malformed")


def test_verify_chain_streams_and_stops_reading_at_the_first_break() -> None:
    entries = chain(5)
    entries[1] = dataclasses.replace(entries[1], command_id="changed")
    consumed: list[int] = []

    def source() -> Iterator[Entry]:
        for entry in entries:
            consumed.append(entry.sequence)
            yield entry

    assert verify_chain(source()).broken_at == 2
    assert consumed == [1, 2]
