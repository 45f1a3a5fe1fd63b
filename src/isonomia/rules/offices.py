"""Offices without concentration (P15): pure checks, and the named offices' deciders.

The charter's ``offices`` section says how many offices one person may hold at once, which
exclude each other, how long a term may run, how many terms one person may hold in the same
office and after how long a cool-down, and which decisions need a collegial vote. The
inspection and any executive office (a seat or a named office of an executive or the
presidium) always exclude each other, whatever the charter lists (P15, P16).

Every appointment (`AppointDelegate`, `AppointRepresentative`, `AssignStaff`,
`AppointOfficial`) is checked here by `appointment_problem`, called from its decider. A
command the charter lists as collegial is refused, before any decider, unless it cites
(``under_act``) an act adopted by the vote of the organ its signer acts for
(`collegial_problem`): one office-holder signs it, but the organ decided it. A member's own
congress and council hold no office of the union's: they decide for the member (P1, P4).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from isonomia.charter.model import Charter, OrganKind
from isonomia.domain import (
    AppointOfficial,
    Command,
    FederationState,
    Holding,
    OfficialAppointed,
    OfficialRemoved,
    RemoveOfficial,
    actors,
)
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.appointments import appointment_of, subject_problem
from isonomia.rules.inspection_guard import bar_refusal, retaliation_refusal
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who, appoints

#: Offices that exclude each other whatever the charter says: the inspection and any
#: executive office (P15, P16).
ALWAYS_EXCLUSIVE: tuple[tuple[str, ...], ...] = (
    ("kind:inspection", "kind:executive"),
    ("kind:inspection", "kind:presidium"),
)


def organ_kind(charter: Charter, holding: Holding) -> str | None:
    """The kind of organ an office belongs to (a department post: joint-department)."""
    if holding.office.startswith("department:"):
        return OrganKind.JOINT_DEPARTMENT.value
    organ = charter.organ(holding.organ)
    return organ.kind.value if organ is not None else None


def matches(charter: Charter, holding: Holding, selector: str) -> bool:
    """Whether an office is one the selector names (see `charter.model.OfficeSelector`)."""
    kind, _, name = selector.partition(":")
    if kind == "office" or kind == "department":
        return holding.office == selector
    if kind == "organ":
        return holding.organ == name and not holding.office.startswith("department:")
    return kind == "kind" and organ_kind(charter, holding) == name


def exclusive_groups(charter: Charter) -> list[tuple[str, ...]]:
    return [*ALWAYS_EXCLUSIVE, *(tuple(group) for group in charter.offices.exclusive)]


def most_at_once(others: Sequence[Holding], start: date, end: date | None) -> int:
    """The most of `others` held together on any one day of [start, end)."""
    points = [
        start,
        *(h.start for h in others if start < h.start and (end is None or h.start < end)),
    ]
    return max((sum(1 for h in others if h.in_term(day)) for day in points), default=0)


def _limit_problem(charter: Charter, held: list[Holding], new: Holding) -> Refusal | None:
    limit = charter.offices.max_per_person
    count = most_at_once(held, new.start, new.end) + 1
    if count <= limit:
        return None
    return Refusal.of(
        "P15",
        N_(
            "{person} would hold {count} offices at once with {office}; the charter allows "
            "one person {limit}"
        ),
        person=new.person,
        count=str(count),
        office=new.describe(),
        limit=str(limit),
    )


def _exclusive_problem(charter: Charter, held: list[Holding], new: Holding) -> Refusal | None:
    for group in exclusive_groups(charter):
        mine = [s for s in group if matches(charter, new, s)]
        if not mine:
            continue
        for other in held:
            if other.overlaps(new.start, new.end) and any(
                matches(charter, other, s) for s in group if s not in mine
            ):
                return Refusal.of(
                    "P15",
                    N_("{person} holds {held}; no one holds it together with {office}"),
                    person=new.person,
                    held=other.describe(),
                    office=new.describe(),
                )
    return None


def _term_problem(charter: Charter, new: Holding) -> Refusal | None:
    days = charter.offices.term_days
    if days is None or new.role not in ("delegate", "official"):
        return None
    if new.until is not None and (new.until - new.start).days <= days:
        return None
    return Refusal.of(
        "P15",
        N_("a term in {office} runs at most {days} days: give an end no later than {latest}"),
        office=new.office,
        days=str(days),
        latest=(new.start + timedelta(days=days)).isoformat(),
    )


def _repeat_problem(charter: Charter, held: list[Holding], new: Holding) -> Refusal | None:
    """Term limits and the cool-down between terms in the same office (P15)."""
    rules = charter.offices
    if new.role not in ("delegate", "official"):
        return None
    same = [h for h in held if h.office == new.office and h.end != h.start]
    if rules.max_terms is not None and len(same) >= rules.max_terms:
        return Refusal.of(
            "P15",
            N_("{person} has held {office} for {count} terms; the charter allows {limit}"),
            person=new.person,
            office=new.office,
            count=str(len(same)),
            limit=str(rules.max_terms),
        )
    gap = timedelta(days=rules.cooldown_days)
    for h in same:
        end = h.end
        before = end is not None and end + gap <= new.start
        after = new.end is not None and new.end + gap <= h.start
        if rules.cooldown_days and not (before or after):
            again = "when the term ends" if end is None else (end + gap).isoformat()
            return Refusal.of(
                "P15",
                N_(
                    "{person} held {office} until {end}; after a cool-down of {days} days, "
                    "again from {again}"
                ),
                person=new.person,
                office=new.office,
                end=str(end or "now"),
                days=str(rules.cooldown_days),
                again=again,
            )
    return None


def appointment_problem(state: FederationState, new: Holding) -> Refusal | None:
    """Why `new` would concentrate offices in one person (P15), or why a removal bars the
    person from office (P17), or None."""
    charter = state.charter
    if charter is None:
        return None
    barred = bar_refusal(state, new.person, new.start)
    if barred is not None:
        return barred
    held = [h for h in state.offices.of(new.person) if h.end != h.start]
    current = [h for h in held if h.overlaps(new.start, new.end)]
    return (
        _exclusive_problem(charter, current, new)
        or _limit_problem(charter, current, new)
        or _term_problem(charter, new)
        or _repeat_problem(charter, held, new)
    )


def acting_organs(state: FederationState, actor: str, day: date) -> set[str] | None:
    """The organs whose vote a signer's decision may rest on: an organ's own, the union
    council's for the secretariat, those a person holds an office in on the day; None for a
    member's own bodies and the inspection, which hold no office of the union's."""
    kind, name = actors.split(actor)
    if kind == "organ":
        return {name}
    if actor == actors.SECRETARIAT and state.charter is not None:
        return {state.charter.council_organ().id}
    if kind == "person":
        held = state.offices.of(name)
        return {h.organ for h in held if h.held(day) and not h.office.startswith("department:")}
    return None


def adopted_act_problem(
    state: FederationState, act_id: str, organs: set[str] | None, day: date
) -> Refusal | None:
    """Why `act_id` is not an act one of `organs` adopted by its vote by `day` (P15)."""
    act = state.acts.get(act_id)
    if act is None or act.adopted_on is None or act.adopted_on > day or act.annulled_on:
        return Refusal.of("P15", N_("{act} is no act adopted by an organ's vote"), act=act_id)
    if organs is not None and act.organ not in organs:
        return Refusal.of(
            "P15",
            N_("{act} was adopted by {by}, not by {organ}, whose vote this needs"),
            act=act_id,
            by=act.organ,
            organ=" or ".join(sorted(organs)) or "an organ of the signer's",
        )
    return None


def collegial_problem(state: FederationState, command: Command) -> Refusal | None:
    """A collegial decision (the charter's list) issued without the organ's adopted act."""
    charter = state.charter
    name = type(command).__name__
    if charter is None:
        return None
    organs = acting_organs(state, command.actor, command.day)
    if command.under_act is not None:
        problem = adopted_act_problem(state, command.under_act, organs, command.day)
        appointment = appointment_of(command)
        if problem is None and appointment is not None:
            problem = subject_problem(state, command.under_act, appointment)
        return problem
    if name not in charter.offices.collegial or organs is None:
        return None
    return Refusal.of(
        "P15",
        N_(
            "{command} is a collegial decision: {actor} signs it only under an act adopted "
            "by its organ's vote (under_act)"
        ),
        command=name,
        actor=command.actor,
    )


def _office_and_act(
    state: FederationState, command: AppointOfficial | RemoveOfficial
) -> Refusal | str:
    """The organ of the named office, once the actor and the cited act are checked."""
    charter = state.charter
    if charter is None or state.founded_on is None:
        return Refusal.of("P1", N_("the union is not founded yet"))
    office = charter.offices.office(command.office)
    if office is None:
        return Refusal.of("P15", N_("the charter has no office {office}"), office=command.office)
    by = office.appointed_by or office.organ
    if command.actor not in (actors.organ(by), actors.SECRETARIAT):
        return Refusal.of(
            "P15",
            N_("{office} is filled and emptied by {organ}'s vote; {actor} cannot act for it"),
            office=office.id,
            organ=by,
            actor=command.actor,
        )
    problem = adopted_act_problem(state, command.act, {by}, command.day)
    appointment = appointment_of(command)
    if problem is None and appointment is not None:
        problem = subject_problem(state, command.act, appointment)
    return problem if problem is not None else office.organ


@decides(
    AppointOfficial,
    who=Who(
        "P15",
        "the organ that appoints to that office, or the secretariat",
        lambda s, c: appoints(s, c.actor, c.office),
    ),
)
def appoint_official(state: FederationState, command: AppointOfficial) -> Decision:
    organ = _office_and_act(state, command)
    if isinstance(organ, Refusal):
        return organ
    if command.term_from < command.day:
        return Refusal.of("P15", N_("a term cannot begin before its appointment"))
    if command.term_until is not None and command.term_until <= command.term_from:
        return Refusal.of("P15", N_("a term must end after it begins"))
    new = Holding(
        command.person,
        f"office:{command.office}",
        organ,
        None,
        "official",
        command.term_from,
        command.term_until,
    )
    for other in state.offices.in_office(new.office):
        if other.end != other.start and other.overlaps(new.start, new.end):
            return Refusal.of(
                "P15",
                N_("{office} is held by {person} in that term; one office, one holder"),
                office=command.office,
                person=other.person,
            )
    problem = appointment_problem(state, new)
    if problem is not None:
        return problem
    return [
        OfficialAppointed(
            office=command.office,
            organ=organ,
            person=command.person,
            act=command.act,
            term_from=command.term_from,
            term_until=command.term_until,
            appointed_on=command.day,
        )
    ]


@decides(
    RemoveOfficial,
    who=Who(
        "P15",
        "the organ that appoints to that office, or the secretariat",
        lambda s, c: appoints(s, c.actor, c.office),
    ),
)
def remove_official(state: FederationState, command: RemoveOfficial) -> Decision:
    organ = _office_and_act(state, command)
    if isinstance(organ, Refusal):
        return organ
    holds = [
        h
        for h in state.offices.in_office(f"office:{command.office}")
        if h.person == command.person and h.overlaps(command.day, None) and h.end != h.start
    ]
    if not holds:
        return Refusal.of(
            "P15",
            N_("{person} does not hold {office}"),
            person=command.person,
            office=command.office,
        )
    named = state.charter.offices.office(command.office) if state.charter else None
    by = (named.appointed_by or named.organ) if named is not None else organ
    retaliation = retaliation_refusal(state, by, command.person, command.day)
    if retaliation is not None:
        return retaliation
    return [
        OfficialRemoved(
            office=command.office, person=command.person, act=command.act, removed_on=command.day
        )
    ]
