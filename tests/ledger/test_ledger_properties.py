"""Properties over random chains: exports always verify, and any single-field tamper of a
chain or an export is detected and named."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from isonomia.ledger import (
    GENESIS_HASH,
    Entry,
    NewEntry,
    build_export,
    canonical_json,
    link,
    verify_chain,
    verify_export,
)

# No deadline: a slow CI machine must not turn these into timing tests.
exhaustive = settings(deadline=None, max_examples=100)

SAFE_INT = 2**53 - 1
HEX64 = st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-SAFE_INT, SAFE_INT)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
payloads = st.dictionaries(st.text(max_size=8), json_values, max_size=4)
timestamps = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2200, 1, 1)).map(
    lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%SZ")
)
names = st.text(min_size=1, max_size=10)
new_entries = st.builds(
    NewEntry,
    recorded_at=timestamps,
    actor=names,
    command_id=names,
    event_type=names,
    schema_version=st.integers(1, 5),
    payload=payloads,
)
chains = st.lists(new_entries, max_size=10).map(lambda items: link(0, GENESIS_HASH, items))


@st.composite
def chains_and_selections(draw: st.DrawFn, min_size: int = 0) -> tuple[list[Entry], set[int]]:
    entries = draw(chains.filter(lambda c: len(c) >= min_size))
    chosen = draw(st.sets(st.sampled_from([e.sequence for e in entries]))) if entries else set()
    return entries, chosen


def different(draw: st.DrawFn, field: str, old: Any) -> Any:
    """A value for ``field`` that is really different from ``old`` once canonicalized."""
    source: st.SearchStrategy[Any] = {
        "sequence": st.integers(-5, 50),
        "schema_version": st.integers(-5, 50),
        "prev_hash": HEX64 | st.text(max_size=70),
        "hash": HEX64 | st.text(max_size=70),
        "payload": payloads,
        "count": st.integers(-5, 50),
    }.get(field, timestamps | names)
    return draw(source.filter(lambda new: canonical_json(new) != canonical_json(old)))


def round_trip(doc: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(json.dumps(doc, ensure_ascii=False, allow_nan=False))
    return result


@exhaustive
@given(chains_and_selections())
def test_every_export_verifies_and_holds_exactly_the_chosen_entries_in_full(
    case: tuple[list[Entry], set[int]],
) -> None:
    entries, chosen = case
    doc = round_trip(build_export(entries, lambda e: e.sequence in chosen, {"member": "m"}))
    report = verify_export(doc)
    assert report.ok, report.describe()
    assert report.count == len(entries)
    assert report.head == (entries[-1].hash if entries else GENESIS_HASH)
    assert {item["sequence"] for item in doc["entries"] if "payload" in item} == chosen


@exhaustive
@given(chains_and_selections(min_size=1), st.data())
def test_any_single_field_tamper_of_an_export_is_rejected_naming_the_entry(
    case: tuple[list[Entry], set[int]], data: st.DataObject
) -> None:
    entries, chosen = case
    doc = round_trip(build_export(entries, lambda e: e.sequence in chosen, {"member": "m"}))
    index = data.draw(st.integers(0, len(entries) - 1))
    item = doc["entries"][index]
    field = data.draw(st.sampled_from(sorted(item)))
    new = different(data.draw, field, item[field])
    item[field] = new

    report = verify_export(doc)
    sequence = index + 1
    named = {sequence, sequence + 1} | ({new} if field == "sequence" else set())
    assert not report.ok
    assert report.broken_at in named, report.describe()
    assert report.describe().startswith(f"entry {report.broken_at}: ")


@exhaustive
@given(chains_and_selections(), st.data())
def test_any_tamper_of_an_export_head_is_rejected(
    case: tuple[list[Entry], set[int]], data: st.DataObject
) -> None:
    entries, chosen = case
    doc = round_trip(build_export(entries, lambda e: e.sequence in chosen, {"member": "m"}))
    field = data.draw(st.sampled_from(["count", "hash"]))
    doc["head"][field] = different(data.draw, field, doc["head"][field])
    assert not verify_export(doc).ok


@exhaustive
@given(chains.filter(bool), st.data())
def test_any_single_field_tamper_of_a_chain_is_named_by_verify_chain(
    entries: list[Entry], data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(entries) - 1))
    field = data.draw(st.sampled_from([f.name for f in dataclasses.fields(Entry)]))
    old = getattr(entries[index], field)
    new = different(data.draw, field, old)
    entries[index] = dataclasses.replace(entries[index], **{field: new})

    report = verify_chain(entries)
    sequence = index + 1
    named = {sequence, sequence + 1} | ({new} if field == "sequence" else set())
    assert not report.ok
    assert report.broken_at in named, report.describe()
