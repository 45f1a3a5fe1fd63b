"""Queries over organs and acts, for interfaces: read tables, with what depends on the day
(in force, operational, the register as of a date) computed from the fold (P4, P6–P11)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from isonomia.charter.model import OrganKind
from isonomia.domain.commands import Command
from isonomia.service.federation import Federation, Outcome
from isonomia.store import projections as p


@dataclass(frozen=True)
class OrganRow:
    id: str
    kind: str
    name: str
    delegates: list[str]  # "member: person"


@dataclass(frozen=True)
class SessionRow:
    id: str
    organ: str
    held_on: str
    presided_by: str | None
    agenda: list[str]


@dataclass(frozen=True)
class ActRow:
    id: str
    organ: str
    organ_kind: str
    title: str
    field: str
    kind: str
    force: str
    stage: str
    in_force: bool
    suspended: bool
    published_on: str | None


@dataclass(frozen=True)
class ActDetail:
    row: ActRow
    text: str
    addressees: list[str]
    history: list[tuple[str, str]]
    votes: list[tuple[str, str, str, str]]  # item, member, person, vote
    amendments: list[tuple[str, str, str]]  # id, status, text


@dataclass(frozen=True)
class AppealRow:
    id: str
    act: str
    member: str
    ground: str
    filed_on: str
    suspensive: bool
    review_session: str | None
    ruling: str | None
    ruled_on: str | None
    act_in_force: bool


@dataclass(frozen=True)
class ComplianceRow:
    directive: str
    title: str
    force: str
    status: str
    carried_out_on: str | None
    basis: str | None
    justification: str | None


@dataclass(frozen=True)
class DepartmentRow:
    id: str
    name: str
    field: str
    seat: str
    status: str  # proposed, joint, operational
    consented: list[str]
    not_consented: list[str]
    gaps: dict[str, list[str]]
    representatives: dict[str, str]
    staff: dict[str, list[str]]


@dataclass(frozen=True)
class CompetenceRow:
    field: str
    kind: str
    since: str  # a date, or "charter"
    by: str


def run(federation: Federation, command: Command) -> Outcome:
    """Run a command through the one pipeline (a convenience for interfaces)."""
    return federation.execute(command)


def organs(federation: Federation, on: date) -> list[OrganRow]:
    """The charter's organs, each with who sits for which member on a day (P4)."""
    state = federation.state()
    charter = federation.charter()
    rows = []
    for organ in charter.organs:
        sitting = sorted(
            f"{d.member}: {d.person}"
            for d in state.delegations
            if d.organ == organ.id and d.sits(on) and state.is_member(d.member, on)
        )
        rows.append(OrganRow(organ.id, organ.kind.value, organ.name, sitting))
    for member in state.members_on(on):
        rows.append(OrganRow(f"council:{member.id}", "member-council", f"{member.name}", []))
    return rows


def sessions(federation: Federation, organ: str | None = None) -> list[SessionRow]:
    query = sa.select(p.session_view).order_by(p.session_view.c.held_on, p.session_view.c.id)
    if organ:
        query = query.where(p.session_view.c.organ == organ)
    with federation.db.reading() as conn:
        return [
            SessionRow(r.id, r.organ, r.held_on, r.presided_by, json.loads(r.agenda))
            for r in conn.execute(query)
        ]


def _act_row(federation: Federation, row: sa.Row[tuple[object, ...]], on: date) -> ActRow:
    state = federation.state()
    r = row._mapping
    return ActRow(
        id=str(r["id"]),
        organ=str(r["organ"]),
        organ_kind=str(r["organ_kind"]),
        title=str(r["title"]),
        field=str(r["field"]),
        kind=str(r["kind"]),
        force=str(r["force"]),
        stage=str(r["stage"]),
        in_force=state.in_force(str(r["id"]), on),
        suspended=state.suspended(str(r["id"]), on),
        published_on=r["published_on"] and str(r["published_on"]),
    )


def acts(
    federation: Federation, on: date, organ: str | None = None, kind: str | None = None
) -> list[ActRow]:
    query = sa.select(p.act_view).order_by(p.act_view.c.last_sequence)
    if organ:
        query = query.where(p.act_view.c.organ == organ)
    if kind:
        query = query.where(p.act_view.c.organ_kind == kind)
    with federation.db.reading() as conn:
        rows = conn.execute(query).all()
    return [_act_row(federation, r, on) for r in rows]


def act_detail(federation: Federation, act_id: str, on: date) -> ActDetail | None:
    with federation.db.reading() as conn:
        row = conn.execute(sa.select(p.act_view).where(p.act_view.c.id == act_id)).first()
        if row is None:
            return None
        votes = conn.execute(
            sa.select(p.vote_view)
            .where(p.vote_view.c.act == act_id)
            .order_by(p.vote_view.c.item, p.vote_view.c.member)
        ).all()
        amendments = conn.execute(
            sa.select(p.amendment_view)
            .where(p.amendment_view.c.act == act_id)
            .order_by(p.amendment_view.c.id)
        ).all()
    act = federation.state().acts[act_id]
    return ActDetail(
        row=_act_row(federation, row, on),
        text=row.text,
        addressees=json.loads(row.addressees),
        history=[(line.on.isoformat(), line.what) for line in act.history],
        votes=[(v.item or "motion", v.member, v.person, v.vote) for v in votes],
        amendments=[(a.id, a.status, a.text) for a in amendments],
    )


def appeals(federation: Federation, on: date) -> list[AppealRow]:
    state = federation.state()
    with federation.db.reading() as conn:
        rows = conn.execute(sa.select(p.appeal_view).order_by(p.appeal_view.c.filed_on)).all()
    return [
        AppealRow(
            r.id,
            r.act,
            r.member,
            r.ground,
            r.filed_on,
            bool(r.suspensive),
            r.review_session,
            r.ruling,
            r.ruled_on,
            state.in_force(r.act, on),
        )
        for r in rows
    ]


def directives_for(federation: Federation, member: str) -> list[ComplianceRow]:
    """What a member has carried out under each directive addressed to it, and what is
    outstanding (P8)."""
    c, a = p.compliance_view, p.act_view
    query = (
        sa.select(c, a.c.title, a.c.force)
        .join(a, a.c.id == c.c.directive)
        .where(c.c.member == member)
        .order_by(a.c.last_sequence)
    )
    with federation.db.reading() as conn:
        rows = conn.execute(query).all()
    return [
        ComplianceRow(
            directive=r.directive,
            title=r.title,
            force=r.force,
            status=r.status
            if r.force != "advisory" or r.carried_out_on
            else "advisory (nothing owed)",
            carried_out_on=r.carried_out_on,
            basis=r.basis,
            justification=r.justification,
        )
        for r in rows
    ]


def departments(federation: Federation, on: date) -> list[DepartmentRow]:
    """Joint departments, who has and has not consented, and the gaps in representation (P7)."""
    state = federation.state()
    members = [m.id for m in state.members_on(on)]
    with federation.db.reading() as conn:
        rows = conn.execute(sa.select(p.department_view).order_by(p.department_view.c.id)).all()
        per_member = conn.execute(sa.select(p.department_member_view)).all()
    result = []
    for r in rows:
        mine = [m for m in per_member if m.department == r.id]
        department = state.departments[r.id]
        if department.created_on is None:
            status = "proposed"
        elif department.operational(members):
            status = "operational"
        else:
            status = "joint"
        consented = sorted(m.member for m in mine if m.consented_on)
        result.append(
            DepartmentRow(
                id=r.id,
                name=r.name,
                field=r.field,
                seat=r.seat,
                status=status,
                consented=consented,
                not_consented=[m for m in members if m not in consented]
                if department.created_on is None
                else [],
                gaps=department.gaps(members) if department.created_on else {},
                representatives={m.member: m.representative for m in mine if m.representative},
                staff={m.member: json.loads(m.staff) for m in mine if json.loads(m.staff)},
            )
        )
    return result


def competences(federation: Federation, on: date) -> list[CompetenceRow]:
    """The register of competences as of a day (P10)."""
    current: dict[str, CompetenceRow] = {}
    for row in competence_history(federation):
        if row.since == "charter" or row.since <= on.isoformat():
            current[row.field] = row
    return sorted(current.values(), key=lambda r: (r.kind, r.field))


def competence_history(federation: Federation, field: str | None = None) -> list[CompetenceRow]:
    query = sa.select(p.competence_view).order_by(p.competence_view.c.position)
    if field:
        query = query.where(p.competence_view.c.field == field)
    with federation.db.reading() as conn:
        return [
            CompetenceRow(r.field, r.kind, r.effective_on or "charter", r.by)
            for r in conn.execute(query)
        ]


def conference_organs(federation: Federation) -> list[str]:
    return [o.id for o in federation.charter().organs if o.kind is OrganKind.CONFERENCE]
