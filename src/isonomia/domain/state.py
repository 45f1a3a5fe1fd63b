"""The federation's state, as a fold over its events: `evolve(state, event)`.

The state is immutable: `evolve` returns a new one. Rules read it; only events change it.
Its growing collections are persistent maps (`isonomia.domain.persistent`), so an event
costs the same whatever the length of the record.
Each area declares its records and registers how its events change the state (see
`isonomia.domain.base.evolves`); this module holds the one state they share.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, ValuesView
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from isonomia.charter.model import Charter, FieldKind
from isonomia.domain.amendments import CharterVersion
from isonomia.domain.appeals import Appeal, in_force
from isonomia.domain.base import EVOLVERS, Event, revise
from isonomia.domain.competences import CompetenceChange
from isonomia.domain.departments import Department
from isonomia.domain.directives import Compliance
from isonomia.domain.inspection_book import InspectionBook
from isonomia.domain.languages import LanguageBook
from isonomia.domain.membership import Candidacy, MemberRecord
from isonomia.domain.motions import Act
from isonomia.domain.offices import OfficeBook
from isonomia.domain.organs import Delegation, Session
from isonomia.domain.persistent import Map
from isonomia.domain.principals import KeyRecord

__all__ = ["FederationState", "evolve", "fold"]


@dataclass(frozen=True)
class FederationState:
    charter: Charter | None = None
    #: The day the charter was adopted, when the record says so.
    charter_adopted_on: date | None = None
    #: The charters adopted amendments made, in the order of adoption, each taking effect
    #: on its day; `charter` is the one in effect (P10).
    charter_versions: tuple[CharterVersion, ...] = ()
    founded_on: date | None = None
    members: Mapping[str, MemberRecord] = field(default_factory=Map)
    candidates: Mapping[str, Candidacy] = field(default_factory=Map)
    #: Everyone who ever joined, in presidency order: founders first, then by admission (P5).
    rotation: tuple[str, ...] = ()
    #: Every membership ever begun, as (member, joined_on), in the order of joining: the
    #: presidency's rotation. A member that rejoins takes a new seat at the end (P5).
    seats: tuple[tuple[str, date], ...] = ()
    #: Who sits for which member in which organ, with terms (P4), by order of appointment.
    delegation_log: Mapping[int, Delegation] = field(default_factory=Map)
    #: The unrecalled appointments of each (organ, member, person), as keys of the log.
    open_delegations: Mapping[tuple[str, str, str], tuple[int, ...]] = field(default_factory=Map)
    sessions: Mapping[str, Session] = field(default_factory=Map)
    #: Motions and the acts they become, by id.
    acts: Mapping[str, Act] = field(default_factory=Map)
    appeals: Mapping[str, Appeal] = field(default_factory=Map)
    #: Each addressee's handling of each published directive, by (directive, member) (P8).
    compliance: Mapping[tuple[str, str], Compliance] = field(default_factory=Map)
    departments: Mapping[str, Department] = field(default_factory=Map)
    #: The register of competences: its charter seed, then every amendment (P10).
    competence_history: tuple[CompetenceChange, ...] = ()
    #: Every appointment of each person, as keys of the log: what the rules look up.
    delegations_by_person: Mapping[str, tuple[int, ...]] = field(default_factory=Map)
    #: Every appointment to each (organ, member) seat, as keys of the log: who is present.
    delegations_by_seat: Mapping[tuple[str, str], tuple[int, ...]] = field(default_factory=Map)
    #: The key register: every key ever registered, by key id (P1–P4, P18).
    keys: Mapping[str, KeyRecord] = field(default_factory=Map)
    #: Every key id ever registered for each principal, oldest first.
    keys_by_principal: Mapping[str, tuple[str, ...]] = field(default_factory=Map)
    #: The member that answers for each person: the first to appoint them or to register
    #: their key (P4).
    person_home: Mapping[str, str] = field(default_factory=Map)
    #: Whether an envelope that names its union (version 2) has been recorded: from then
    #: on, an envelope that names none is a downgrade and is refused (P18).
    binds_envelopes: bool = False
    #: Each member's language rules, the versions of acts, certifiers and waivers (P14).
    languages: LanguageBook = field(default_factory=LanguageBook)
    #: Every office each person holds or held: seats, department posts, named offices (P15).
    offices: OfficeBook = field(default_factory=OfficeBook)
    #: The inspection's cases, findings, declared ties and addressed complaints (P16, P17).
    inspection: InspectionBook = field(default_factory=InspectionBook)
    #: Ids of every command recorded (with the version that recorded it), so none is
    #: recorded twice.
    command_ids: Mapping[str, int] = field(default_factory=Map)
    #: "live" or "simulated" (dates asserted by the commands, not witnessed).
    clock: str = "live"
    #: The latest day the record has reached: no later command may be dated before it.
    recorded_through: date | None = None
    #: Number of events folded in.
    version: int = 0
    #: The slices of areas that keep their own records (`isonomia.domain.slices`), by the
    #: qualified name of their class.
    slices: Mapping[str, Any] = field(default_factory=Map)

    @property
    def delegations(self) -> ValuesView[Delegation]:
        """Every delegation ever appointed, in the order of appointment (P4)."""
        return self.delegation_log.values()

    def delegations_of(self, person: str) -> list[Delegation]:
        """Every delegation of one person, in the order of appointment (P4)."""
        return [self.delegation_log[n] for n in self.delegations_by_person.get(person, ())]

    def members_on(self, on: date) -> list[MemberRecord]:
        """Members on a day, in the order of the rotation as it stood that day."""
        result: list[MemberRecord] = []
        for member, joined_on in self.seats:
            record = self.members[member]
            start, end = record.period(joined_on)
            if start <= on and (end is None or on < end):
                result.append(record)
        return result

    def is_member(self, member_id: str, on: date) -> bool:
        record = self.members.get(member_id)
        return record is not None and record.is_member(on)

    def field_kinds(self, on: date) -> dict[str, FieldKind]:
        """The register of competences as of a day (P10)."""
        kinds: dict[str, FieldKind] = {}
        for change in self.competence_history:
            if change.effective_on is None or change.effective_on <= on:
                kinds[change.field] = FieldKind(change.kind)
        return kinds

    def sits_for(self, person: str, member: str, organ: str, on: date) -> bool:
        """Whether `person` sits for `member` in `organ` on a day (P4)."""
        return any(
            d.member == member and d.organ == organ and d.sits(on)
            for d in self.delegations_of(person)
        )

    def seated(self, member: str, organ: str, on: date) -> bool:
        """Whether a delegate sits for `member` in `organ` on a day: the member is present
        there that day (P4)."""
        log = self.delegation_log
        return any(log[n].sits(on) for n in self.delegations_by_seat.get((organ, member), ()))

    def present(self, organ: str, on: date) -> list[str]:
        """The members present in `organ` on a day: members of the union then, with a
        delegate sitting for them in it (P4)."""
        return [m.id for m in self.members_on(on) if self.seated(m.id, organ, on)]

    def in_force(self, act_id: str, on: date) -> bool:
        act = self.acts.get(act_id)
        return act is not None and in_force(act, self.appeals.values(), on)

    def suspended(self, act_id: str, on: date) -> bool:
        """Whether a pending appeal in a suspensive field holds the act back (P6)."""
        return any(
            x.act == act_id and x.suspensive and x.pending(on) for x in self.appeals.values()
        )


#: Event fields that carry the day of the command that recorded them (or an earlier day).
_RECORD_DAYS = frozenset(
    {
        "adopted_on",
        "founded_on",
        "admitted_on",
        "rejected_on",
        "decided_on",
        "withdrawn_on",
        "drafted_on",
        "counted_on",
        "published_on",
        "recalled_on",
        "filed_on",
        "ruled_on",
        "proposed_on",
        "consented_on",
        "created_on",
        "appointed_on",
        "assigned_on",
        "requested_on",
        "given_on",
        "carried_out_on",
        "reviewed_on",
        "lapsed_on",
        "operational_on",
        "submitted_on",
        "certified_on",
        "designated_on",
        "waived_on",
        "sent_on",
        "removed_on",
        "declared_on",
        "drawn_on",
        "named_on",
        "added_on",
        "signed_on",
        "reopened_on",
        "addressed_on",
        "answered_on",
        "due_on",
        "transferred_on",
        "sanctioned_on",
        "took_effect_on",
    }
)


def record_day(event: Event) -> date | None:
    """The latest day an event shows the record had reached, if it shows one."""
    days = [
        value
        for name, value in vars(event).items()
        if isinstance(value, date) and name in _RECORD_DAYS
    ]
    if type(event).__name__ == "SecessionTookEffect":
        days.append(event.effective_on)  # type: ignore[attr-defined]  # due by the day recorded
    return max(days, default=None)


def evolve(state: FederationState, event: Event) -> FederationState:
    """The state after one event."""
    evolvers = EVOLVERS.get(type(event))
    if not evolvers:
        raise TypeError(f"no evolution for {type(event).__name__}")
    after = revise(state, version=state.version + 1)
    for evolver in evolvers:
        after = evolver(after, event)
    day = record_day(event)
    if day is not None and (after.recorded_through is None or day > after.recorded_through):
        after = revise(after, recorded_through=day)
    return after


def fold(events: Iterable[Event], state: FederationState | None = None) -> FederationState:
    """Fold events into a state, from the empty state unless one is given."""
    current = state if state is not None else FederationState()
    for event in events:
        current = evolve(current, event)
    return current
