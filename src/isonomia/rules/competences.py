"""The register of competences (P10, P11): which fields a union act may bind in.

Fields change only by a charter amendment (P10); culture, education, language and internal
affairs are the members' own, where a union act is at most advisory (P11).
"""

from __future__ import annotations

from datetime import date

from isonomia.charter.model import RESERVED_BY_DEFAULT, FieldKind
from isonomia.domain import (
    Act,
    ActKind,
    ActLapsed,
    CompetencesAmended,
    Event,
    FederationState,
    Force,
    SetCompetence,
    Stage,
)
from isonomia.domain.departments import DepartmentDissolved
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who


def field_problem(state: FederationState, name: str, force: Force, on: date) -> Refusal | None:
    """Why a union act of this force cannot be made in this field, if it cannot (P10, P11)."""
    kind = state.field_kinds(on).get(name)
    if kind is None:
        return Refusal.of(
            "P10",
            N_(
                "'{name}' is not in the register of competences; fields change only by the "
                "charter's amendment procedure"
            ),
            name=name,
        )
    if kind is FieldKind.RESERVED and force.binding:
        return Refusal.of(
            "P11",
            N_(
                "{name} belongs to the members; a binding union act there is refused (an "
                "advisory one is allowed)"
            ),
            name=name,
        )
    return None


@decides(SetCompetence, who=Who("P10", "a union organ", lambda s, c: True))
def set_competence(state: FederationState, command: SetCompetence) -> Decision:
    if command.field in RESERVED_BY_DEFAULT and command.kind is FieldKind.JOINT:
        return Refusal.of(
            "P11",
            N_("{field} belongs to the members; it cannot be made a joint field"),
            field=command.field,
        )
    return Refusal.of(
        "P10",
        N_(
            "the register of competences changes only by the charter's amendment "
            "procedure (a charter-amendment motion in the union council)"
        ),
    )


def binding_in_reserved(state: FederationState, on: date) -> list[Act]:
    """Acts in force on a day that bind in a field reserved to the members: always none."""
    kinds = state.field_kinds(on)
    return [
        act
        for act in state.acts.values()
        if act.binds()
        and act.kind is not ActKind.CHARTER_AMENDMENT
        and act.admission is None
        and kinds.get(act.field) is FieldKind.RESERVED
        and state.in_force(act.id, on)
    ]


def amendment_effects(state: FederationState, act: Act, day: date) -> list[Event]:
    """What an adopted charter amendment does at once: the register changes, binding acts in
    a field returned to the members lapse, and joint departments there are dissolved (P10)."""
    if not act.competence_changes:
        return []
    changes = dict(act.competence_changes)
    events: list[Event] = [CompetencesAmended(changes=changes, effective_on=day, motion=act.id)]
    now_reserved = {f for f, kind in changes.items() if kind == FieldKind.RESERVED.value}
    for other in sorted(state.acts.values(), key=lambda x: x.id):
        live = other.stage in (Stage.ADOPTED, Stage.PUBLISHED) and other.annulled_on is None
        if live and other.lapsed_on is None and other.binds() and other.field in now_reserved:
            events.append(
                ActLapsed(
                    act=other.id,
                    lapsed_on=day,
                    reason=f"{other.field} returned to the members by amendment {act.id} (P10)",
                )
            )
    for department in sorted(state.departments.values(), key=lambda d: d.id):
        if department.dissolved_on is None and department.field in now_reserved:
            events.append(
                DepartmentDissolved(
                    department=department.id,
                    dissolved_on=day,
                    motion=act.id,
                    reason=f"{department.field} returned to the members by amendment {act.id}",
                )
            )
    return events
