"""Stored events are never rewritten: old versions are upcast when read (P18)."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

import pytest

from isonomia.domain import (
    EVENT_TYPES,
    UPCASTERS,
    Event,
    SecessionWithdrawn,
    UnknownEvent,
    event_from_record,
)


def test_every_event_type_round_trips_through_its_payload() -> None:
    event = SecessionWithdrawn(member="georgia", withdrawn_on=date(1926, 4, 1))
    again = event_from_record(event.type_name(), event.schema_version, event.payload())
    assert again == event
    assert all(name == cls.type_name() for name, cls in EVENT_TYPES.items())


def test_an_old_payload_is_upcast_to_the_current_shape(monkeypatch: pytest.MonkeyPatch) -> None:
    class _Renamed(Event):  # private: defining it registers no event type
        schema_version: ClassVar[int] = 2
        member: str
        left_on: date

    def v1_to_v2(payload: dict[str, Any]) -> dict[str, Any]:
        data = dict(payload)
        data["left_on"] = data.pop("on")
        return data

    monkeypatch.setitem(EVENT_TYPES, "Renamed", _Renamed)
    monkeypatch.setitem(UPCASTERS, ("Renamed", 1), v1_to_v2)
    event = event_from_record("Renamed", 1, {"member": "georgia", "on": "1926-05-30"})
    assert event == _Renamed(member="georgia", left_on=date(1926, 5, 30))


def test_unknown_types_and_versions_from_the_future_are_named() -> None:
    with pytest.raises(UnknownEvent, match="unknown event type 'Nonesuch'"):
        event_from_record("Nonesuch", 1, {})
    with pytest.raises(UnknownEvent, match="newer than this software"):
        event_from_record("SecessionWithdrawn", 9, {})
