"""Membership: founding by formal unification (P1), accession (P2), secession (P3).

A candidate's admission is a motion of the admitting organ (`rules/admissions.py`)."""

from __future__ import annotations

from isonomia.charter.load import CharterInvalid, charter_from_data
from isonomia.charter.model import Charter, FieldKind
from isonomia.domain import (
    AccessionDecided,
    AdoptCharter,
    CharterAdopted,
    DecideAccession,
    FederationState,
    FoundingMember,
    FoundUnion,
    Settle,
    UnionFounded,
    actors,
)
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who


@decides(AdoptCharter, who=Who("P1", "the secretariat", lambda s, c: c.actor == actors.SECRETARIAT))
def adopt_charter(state: FederationState, command: AdoptCharter) -> Decision:
    if state.charter is not None:
        return Refusal.of(
            "P10", N_("a charter is already adopted; it changes only by its amendment procedure")
        )
    try:
        charter = charter_from_data(command.charter)
    except CharterInvalid as error:
        return Refusal.of(
            "P1", N_("{summary}: {lines}"), summary=error.summary(), lines="; ".join(error.lines())
        )
    # Imported here: the power audit needs numpy, which no other command should load.
    from isonomia.rules.power import safeguard_breaches

    breaches = safeguard_breaches(charter)
    if breaches:
        return Refusal.of(
            "P12",
            N_("the charter breaks its own safeguards: {breaches}"),
            breaches="; ".join(breaches),
        )
    return [CharterAdopted(charter=command.charter, clock=command.clock, adopted_on=command.day)]


@decides(FoundUnion, who=Who("P1", "the secretariat", lambda s, c: c.actor == actors.SECRETARIAT))
def found_union(state: FederationState, command: FoundUnion) -> Decision:
    charter = state.charter
    if charter is None:
        return Refusal.of("P1", N_("adopt a charter before founding the union"))
    if state.founded_on is not None:
        return Refusal.of(
            "P1", N_("the union is already founded; new members join by their own decision (P2)")
        )
    problem = _founding_date_problem(state, command)
    if problem is not None:
        return problem
    founders = {m.id: m for m in charter.members}
    decided: dict[str, FoundingMember] = {}
    for decision in command.decisions:
        member = founders.get(decision.member)
        if member is None:
            return Refusal.of(
                "P1",
                N_("{member} is not a founding member of this charter"),
                member=decision.member,
            )
        if decision.member in decided:
            return Refusal.of(
                "P1", N_("{member}'s decision is given twice"), member=decision.member
            )
        if decision.decided_on > command.founded_on:
            return Refusal.of(
                "P1",
                N_(
                    "{member}'s congress decided on {decided_on}, after the founding on "
                    "{founded_on}: each member decides before it unifies"
                ),
                member=decision.member,
                decided_on=decision.decided_on,
                founded_on=command.founded_on,
            )
        decided[member.id] = FoundingMember(
            member=member.id,
            name=member.name,
            congress=member.congress,
            decided_on=decision.decided_on,
            population=member.population,
            population_year=member.population_year,
            population_source=member.population_source,
            languages=list(member.languages),
        )
    missing = [m for m in founders if m not in decided]
    if missing:
        return Refusal.of(
            "P1",
            N_(
                "the union is founded by formal unification, each founding member deciding "
                "at its own congress; no decision recorded for {missing}"
            ),
            missing=", ".join(missing),
        )
    ordered = [decided[m] for m in charter.presidency.order]
    return [UnionFounded(founded_on=command.founded_on, founders=ordered)]


def _founding_date_problem(state: FederationState, command: FoundUnion) -> Refusal | None:
    adopted = state.charter_adopted_on
    if command.founded_on > command.day:
        return Refusal.of(
            "P1",
            N_("a founding on {founded_on} cannot be recorded on {day}"),
            founded_on=command.founded_on,
            day=command.day,
        )
    if adopted is not None and command.founded_on < adopted:
        return Refusal.of(
            "P1",
            N_(
                "the union cannot be founded on {founded_on}, before its charter was adopted "
                "on {adopted}"
            ),
            founded_on=command.founded_on,
            adopted=adopted,
        )
    return None


def _founded(state: FederationState) -> Charter | Refusal:
    if state.charter is None or state.founded_on is None:
        return Refusal.of("P1", N_("the union is not founded yet"))
    return state.charter


@decides(
    DecideAccession,
    who=Who(
        "P2",
        "the candidate's own congress",
        lambda s, c: c.actor == actors.congress(c.candidate.id),
        decider_explains=True,
    ),
)
def decide_accession(state: FederationState, command: DecideAccession) -> Decision:
    charter = _founded(state)
    if isinstance(charter, Refusal):
        return charter
    candidate = command.candidate
    if command.actor != actors.congress(candidate.id):
        return Refusal.of(
            "P2",
            N_(
                "only {candidate}'s own congress decides whether it joins and on what terms; "
                "{actor} cannot decide it"
            ),
            candidate=candidate.id,
            actor=command.actor,
        )
    if candidate.id == charter.union.id:
        return Refusal.of("P1", N_("the union is its own body; it cannot be a member of itself"))
    if state.is_member(candidate.id, command.day):
        return Refusal.of("P2", N_("{candidate} is already a member"), candidate=candidate.id)
    if candidate.id in state.candidates:
        return Refusal.of(
            "P2",
            N_("{candidate} already has an accession decision pending"),
            candidate=candidate.id,
        )
    problem = _accession_date_problem(state, command)
    if problem is not None:
        return problem
    kinds = charter.field_kinds()
    for name in command.accepts_fields:
        kind = kinds.get(name)
        if kind is None:
            return Refusal.of("P2", N_("the charter has no field '{name}' to accept"), name=name)
        if kind is FieldKind.RESERVED:
            return Refusal.of(
                "P11",
                N_("'{name}' stays with the members; it cannot be handed to the union"),
                name=name,
            )
    problem = _departments_problem(state, command)
    if problem is not None:
        return problem
    return [
        AccessionDecided(
            member=candidate.id,
            candidate=candidate,
            decided_on=command.decided_on,
            accepts_fields=sorted(set(command.accepts_fields)),
            joins_departments=sorted(set(command.joins_departments)),
        )
    ]


def _departments_problem(state: FederationState, command: DecideAccession) -> Refusal | None:
    """Why the candidate cannot join the joint departments it names, or None (P7)."""
    candidate = command.candidate
    for department_id in command.joins_departments:
        department = state.departments.get(department_id)
        if department is None or department.created_on is None:
            return Refusal.of(
                "P7",
                N_("there is no joint department '{department_id}' to join"),
                department_id=department_id,
            )
        if department.field not in command.accepts_fields:
            return Refusal.of(
                "P7",
                N_(
                    "{department_id} works in {field}, which {candidate} does not accept as "
                    "joint; it keeps its own department there"
                ),
                department_id=department_id,
                field=department.field,
                candidate=candidate.id,
            )
    return None


def _accession_date_problem(state: FederationState, command: DecideAccession) -> Refusal | None:
    decided_on = command.decided_on
    if decided_on > command.day:
        return Refusal.of(
            "P2", N_("a decision dated {decided_on} has not been taken yet"), decided_on=decided_on
        )
    assert state.founded_on is not None
    if decided_on < state.founded_on:
        return Refusal.of(
            "P2",
            N_("a decision dated {decided_on} predates the union, founded on {founded_on}"),
            decided_on=decided_on,
            founded_on=state.founded_on,
        )
    former = state.members.get(command.candidate.id)
    if former is not None and former.leaves_on is not None and decided_on < former.leaves_on:
        return Refusal.of(
            "P2",
            N_(
                "a decision to rejoin dated {decided_on} predates {former}'s departure on "
                "{leaves_on}"
            ),
            decided_on=decided_on,
            former=former.id,
            leaves_on=former.leaves_on,
        )
    return None


@decides(Settle, who=Who("P18", "any registered principal", lambda s, c: True))
def settle(state: FederationState, command: Settle) -> Decision:
    """Nothing of its own: settling only lets what is due by its day fall due (P3)."""
    return []
