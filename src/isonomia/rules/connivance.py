"""Those who connived (P17): a sitting commission names, with the case's evidence, an
official who knew of the act and did not act. The conniver becomes a party of the case
(`Case.charged`): they see it, name their own defender (`NameDefender`), commit to a
reopened round's draw, challenge a commissioner, and are not protected from retaliation,
being accused. The findings may sanction each conniver with a sanction no heavier than the
one they put on the accused, once the charter's `conniver_defence_days` have passed since
the conniver was named: the days in which they may name a defender and answer. Final
findings take each conniver's sanction's effects as they take the accused's
(`rules.inspection_sanctions.sanction_effects`).
"""

from __future__ import annotations

from datetime import timedelta

from isonomia.domain import FederationState, actors
from isonomia.domain.connivance import ConniverNamed, NameConniver
from isonomia.domain.inspection import (
    NO_SANCTION,
    REMOVAL,
    REPRIMAND,
    SUSPENSION,
    TRANSFER,
    ProposeFindings,
)
from isonomia.domain.inspection_book import OPEN, Case
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.inspection_who import COMMISSION, case_role
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who

__all__ = ["conniver_sanctions"]

#: Sanctions from the lightest to the heaviest.
_WEIGHT = {NO_SANCTION: 0, REPRIMAND: 1, TRANSFER: 2, SUSPENSION: 3, REMOVAL: 4}


@decides(NameConniver, who=Who("P17", COMMISSION, lambda s, c: case_role(s, c, "commission")))
def name_conniver(state: FederationState, command: NameConniver) -> Decision:
    case = state.inspection.cases.get(command.case)
    if case is None:
        return Refusal.of("P17", N_("there is no case {case}"), case=command.case)
    kind, member = actors.split(command.actor)
    if kind != "person" or member not in case.commission or case.status != OPEN:
        return Refusal.of(
            "P17", N_("connivers in case {case} are named by its sitting commission"), case=case.id
        )
    person = command.person
    if person in (case.complainant_person(), *case.witnesses, *case.accused, *case.commission):
        return Refusal.of(
            "P17",
            N_(
                "{person} is the complainant, a witness, accused or a commissioner in case "
                "{case} and cannot be named as conniver"
            ),
            person=person,
            case=case.id,
        )
    if case.conniver(person) is not None:
        return Refusal.of(
            "P17",
            N_("{person} is already named as conniver in case {case}"),
            person=person,
            case=case.id,
        )
    if not command.evidence:
        return Refusal.of(
            "P17",
            N_("naming {person} as conniver in case {case} needs evidence that they knew"),
            person=person,
            case=case.id,
        )
    held = {e.sha256 for e in case.evidence}
    missing = next((e for e in command.evidence if e not in held), None)
    if missing is not None:
        return Refusal.of(
            "P17",
            N_("case {case} holds no evidence {evidence}…"),
            case=case.id,
            evidence=missing[:12],
        )
    return [
        ConniverNamed(
            case=case.id,
            round=case.round,
            person=person,
            evidence=list(dict.fromkeys(command.evidence)),
            named_by=member,
            named_on=command.day,
        )
    ]


def conniver_sanctions(
    state: FederationState, case: Case, command: ProposeFindings, sanction: str
) -> list[list[str]] | Refusal:
    """The [conniver, sanction] pairs the proposed findings carry, or why they are refused
    (P17): each a named conniver of the case, sanctioned once, no heavier than the accused's
    `sanction`, and only once the charter's days to name a defender have passed."""
    assert state.charter is not None
    days = state.charter.inspection.conniver_defence_days
    pairs: list[list[str]] = []
    for given in command.connivers:
        person, _, chosen = given.partition("=")
        person, chosen = person.strip(), chosen.strip()
        conniver = case.conniver(person)
        if conniver is None:
            return Refusal.of(
                "P17",
                N_("{person} is not named as conniver in case {case}"),
                person=person,
                case=case.id,
            )
        if any(p == person for p, _ in pairs):
            return Refusal.of("P17", N_("the findings sanction {person} twice"), person=person)
        if chosen not in _WEIGHT or chosen == NO_SANCTION or _WEIGHT[chosen] > _WEIGHT[sanction]:
            return Refusal.of(
                "P17",
                N_(
                    "a conniver in case {case} may be sanctioned at most as the accused "
                    "({allowed}), not with {sanction}"
                ),
                case=case.id,
                allowed=sanction,
                sanction=chosen or "-",
            )
        heard = conniver.named_on + timedelta(days=days)
        if command.day < heard:
            return Refusal.of(
                "P17",
                N_(
                    "{person} was named as conniver on {named}; findings may sanction them "
                    "from {heard}, after the charter's {days} days to name a defender"
                ),
                person=person,
                named=conniver.named_on.isoformat(),
                heard=heard.isoformat(),
                days=days,
            )
        pairs.append([person, chosen])
    return pairs
