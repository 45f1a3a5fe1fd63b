"""Stored events are never rewritten: old versions are upcast when read (P18)."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

import pytest

from builders import MEMBERS_1922, apply, founded_1922, request_accession
from isonomia.domain import (
    EVENT_TYPES,
    UPCASTERS,
    AdmissionRejected,
    Event,
    MemberAdmitted,
    SecessionWithdrawn,
    SessionConvened,
    UnknownEvent,
    event_from_record,
    evolve,
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


def test_p18_admissions_and_votes_recorded_before_admission_was_a_motion_still_fold() -> None:
    # Entries of the retired AdmitMember (votes filled in by the presiding officer) and
    # motions, tablings and votes from before the voting period was kept stay as they are.
    state = founded_1922()
    state = apply(state, request_accession("uzbekistan", date(1925, 2, 17)))
    admitted = event_from_record(
        "MemberAdmitted",
        1,
        {
            "member": "uzbekistan",
            "admitted_on": "1925-05-13",
            "decided_by": "union-council",
            "decision_rule": "unanimity",
            "votes": dict.fromkeys(MEMBERS_1922, "yes"),
        },
    )
    assert isinstance(admitted, MemberAdmitted) and admitted.motion is None
    state = evolve(state, admitted)
    assert state.is_member("uzbekistan", date(1925, 5, 13))
    assert state.rotation[-1] == "uzbekistan"
    rejected = event_from_record(
        "AdmissionRejected",
        1,
        {
            "member": "x",
            "rejected_on": "1925-05-13",
            "decided_by": "union-council",
            "decision_rule": "unanimity",
            "votes": {},
            "reason": "not unanimous",
        },
    )
    assert isinstance(rejected, AdmissionRejected) and rejected.motion is None
    drafted = {
        "motion": "m1",
        "organ": "union-council",
        "organ_kind": "union-council",
        "title": "t",
        "text": "x",
        "field": "railways",
        "kind": "decision",
        "force": "mandatory",
        "addressees": [],
        "ruling": None,
        "competence_changes": {},
        "drafted_by": "secretariat",
        "drafted_on": "1925-05-18",
    }
    state = evolve(state, event_from_record("MotionDrafted", 1, drafted))
    state = evolve(
        state,
        SessionConvened(
            session="s1",
            organ="union-council",
            held_on=date(1925, 5, 18),
            presided_by=None,
            agenda=[],
        ),
    )
    state = evolve(state, event_from_record("MotionTabled", 1, {"motion": "m1", "session": "s1"}))
    vote = {"motion": "m1", "item": "", "member": "rsfsr", "person": "p", "vote": "yes"}
    state = evolve(state, event_from_record("VoteCast", 1, vote))
    act = state.acts["m1"]
    assert act.admission is None and act.voting_closes_on == date(1925, 5, 18)
    assert act.votes[""]["rsfsr"].cast_on is None
