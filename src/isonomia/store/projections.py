"""Read models: SQL tables kept in step with the ledger, for queries and pages.

Each event updates the read tables in the same transaction as its append, so readers
never see one without the other. The tables hold nothing the ledger does not: `rebuild`
empties them and replays the whole ledger, and a test shows the result equals the live
tables.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.charter.load import charter_from_data
from isonomia.domain.events import (
    AccessionDecided,
    ActLapsed,
    ActPublished,
    AdmissionRejected,
    AmendmentAdopted,
    AmendmentProposed,
    AmendmentRejected,
    AppealFiled,
    AppealRuled,
    CharterAdopted,
    CompetencesAmended,
    DelegateAppointed,
    DelegateRecalled,
    DepartmentBecameOperational,
    DepartmentConsented,
    DepartmentCreated,
    DepartmentJoined,
    DepartmentProposed,
    DirectiveCarriedOut,
    Event,
    InstructionsGiven,
    InstructionsRequested,
    MemberAdmitted,
    MotionAdopted,
    MotionDrafted,
    MotionRejected,
    MotionTabled,
    RepresentativeAppointed,
    SecessionDecided,
    SecessionTookEffect,
    SecessionWithdrawn,
    SessionConvened,
    StaffAssigned,
    UnionFounded,
    UrgentActionReviewed,
    VoteCast,
    event_from_record,
)
from isonomia.ledger.chain import Entry
from isonomia.store.ledger_store import read_entries
from isonomia.store.tables import metadata

member_view = sa.Table(
    "member_view",
    metadata,
    sa.Column("id", sa.String(63), primary_key=True),
    sa.Column("name", sa.Text(), nullable=False),
    sa.Column("congress", sa.Text(), nullable=False),
    sa.Column("population", sa.BigInteger(), nullable=False),
    sa.Column("population_year", sa.Integer(), nullable=False),
    sa.Column("population_source", sa.Text(), nullable=False),
    sa.Column("languages", sa.Text(), nullable=False),  # JSON list of BCP-47 tags
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("founding", sa.Boolean(), nullable=False),
    sa.Column("joined_on", sa.String(10)),
    sa.Column("accepted_fields", sa.Text()),  # JSON list, or NULL for all joint fields
    sa.Column("secession_decided_on", sa.String(10)),
    sa.Column("leaves_on", sa.String(10)),
    sa.Column("rotation_position", sa.Integer()),
    sa.Column("last_sequence", sa.BigInteger(), nullable=False),
)

union_view = sa.Table(
    "union_view",
    metadata,
    sa.Column("key", sa.String(63), primary_key=True),
    sa.Column("value", sa.Text(), nullable=False),
)

D = sa.String(10)  # an ISO date
ID = sa.String(63)

delegation_view = sa.Table(
    "delegation_view",
    metadata,
    sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
    sa.Column("organ", ID, nullable=False),
    sa.Column("member", ID, nullable=False),
    sa.Column("person", ID, nullable=False),
    sa.Column("term_from", D, nullable=False),
    sa.Column("term_until", D),
    sa.Column("recalled_on", D),
)

session_view = sa.Table(
    "session_view",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("organ", ID, nullable=False),
    sa.Column("held_on", D, nullable=False),
    sa.Column("presided_by", ID),
    sa.Column("agenda", sa.Text(), nullable=False),  # JSON list of items
)

act_view = sa.Table(
    "act_view",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("organ", ID, nullable=False),
    sa.Column("organ_kind", sa.String(32), nullable=False),
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("field", ID, nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("force", sa.String(16), nullable=False),
    sa.Column("stage", sa.String(16), nullable=False),
    sa.Column("session", ID),
    sa.Column("addressees", sa.Text(), nullable=False),  # JSON list
    sa.Column("adopted_on", D),
    sa.Column("published_on", D),
    sa.Column("in_force_on", D),
    sa.Column("annulled_on", D),
    sa.Column("lapsed_on", D),
    sa.Column("decision_rule", ID),
    sa.Column("count_reason", sa.Text()),
    sa.Column("last_sequence", sa.BigInteger(), nullable=False),
)

vote_view = sa.Table(
    "vote_view",
    metadata,
    sa.Column("act", ID, primary_key=True),
    sa.Column("item", ID, primary_key=True),  # "" for the motion, else the amendment
    sa.Column("member", ID, primary_key=True),
    sa.Column("person", ID, nullable=False),
    sa.Column("vote", sa.String(8), nullable=False),
)

amendment_view = sa.Table(
    "amendment_view",
    metadata,
    sa.Column("act", ID, primary_key=True),
    sa.Column("id", ID, primary_key=True),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("proposed_by", sa.Text(), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
)

appeal_view = sa.Table(
    "appeal_view",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("act", ID, nullable=False),
    sa.Column("member", ID, nullable=False),
    sa.Column("ground", sa.Text(), nullable=False),
    sa.Column("filed_on", D, nullable=False),
    sa.Column("suspensive", sa.Boolean(), nullable=False),
    sa.Column("review_session", ID),
    sa.Column("ruling", sa.String(16)),
    sa.Column("ruled_on", D),
    sa.Column("motion", ID),
)

compliance_view = sa.Table(
    "compliance_view",
    metadata,
    sa.Column("directive", ID, primary_key=True),
    sa.Column("member", ID, primary_key=True),
    sa.Column("status", sa.String(64), nullable=False),
    sa.Column("requested_on", D),
    sa.Column("question", sa.Text()),
    sa.Column("instructed_on", D),
    sa.Column("instructions", sa.Text()),
    sa.Column("carried_out_on", D),
    sa.Column("basis", sa.String(16)),
    sa.Column("justification", sa.Text()),
    sa.Column("review_session", ID),
    sa.Column("review", sa.String(16)),
)

department_view = sa.Table(
    "department_view",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("name", sa.Text(), nullable=False),
    sa.Column("field", ID, nullable=False),
    sa.Column("seat", sa.Text(), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),  # proposed, joint, operational
    sa.Column("proposed_on", D, nullable=False),
    sa.Column("created_on", D),
    sa.Column("operational_since", D),
)

department_member_view = sa.Table(
    "department_member_view",
    metadata,
    sa.Column("department", ID, primary_key=True),
    sa.Column("member", ID, primary_key=True),
    sa.Column("consented_on", D),
    sa.Column("participates", sa.Boolean(), nullable=False),
    sa.Column("representative", ID),
    sa.Column("staff", sa.Text(), nullable=False),  # JSON list of persons
)

competence_view = sa.Table(
    "competence_view",
    metadata,
    sa.Column("position", sa.Integer(), primary_key=True, autoincrement=False),
    sa.Column("field", ID, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("effective_on", D),  # NULL: from the charter itself
    sa.Column("by", ID, nullable=False),
)

ACT_TABLES = (
    delegation_view,
    session_view,
    act_view,
    vote_view,
    amendment_view,
    appeal_view,
    compliance_view,
    department_view,
    department_member_view,
    competence_view,
)

VIEW_TABLES = (member_view, union_view, *ACT_TABLES)


def _put_union(conn: Connection, **values: str) -> None:
    for key, value in values.items():
        conn.execute(sa.delete(union_view).where(union_view.c.key == key))
        conn.execute(sa.insert(union_view).values(key=key, value=value))


def _update_member(conn: Connection, member: str, **values: Any) -> None:
    conn.execute(sa.update(member_view).where(member_view.c.id == member).values(**values))


def _next_position(conn: Connection) -> int:
    top = conn.execute(sa.select(sa.func.max(member_view.c.rotation_position))).scalar()
    return int(top or 0) + 1


def apply(conn: Connection, sequence: int, event: Event) -> None:
    """Update the read tables for one event."""
    match event:
        case CharterAdopted(charter=charter):
            union = charter["union"]
            _put_union(conn, id=union["id"], name=union["name"], seat=union["seat"])
            kinds = sorted(charter_from_data(charter).field_kinds().items())
            for name, kind in kinds:
                _add_competence(conn, name, kind.value, None, "charter")
        case UnionFounded(founded_on=founded_on, founders=founders):
            _put_union(conn, founded_on=founded_on.isoformat())
            for position, f in enumerate(founders, start=1):
                conn.execute(
                    sa.insert(member_view).values(
                        id=f.member,
                        name=f.name,
                        congress=f.congress,
                        population=f.population,
                        population_year=f.population_year,
                        population_source=f.population_source,
                        languages=json.dumps(f.languages),
                        status="member",
                        founding=True,
                        joined_on=founded_on.isoformat(),
                        rotation_position=position,
                        last_sequence=sequence,
                    )
                )
        case AccessionDecided(member=member, candidate=c):
            conn.execute(sa.delete(member_view).where(member_view.c.id == member))
            conn.execute(
                sa.insert(member_view).values(
                    id=member,
                    name=c.name,
                    congress=c.congress,
                    population=c.population,
                    population_year=c.population_year,
                    population_source=c.population_source,
                    languages=json.dumps(c.languages),
                    status="candidate",
                    founding=False,
                    accepted_fields=json.dumps(event.accepts_fields),
                    last_sequence=sequence,
                )
            )
        case MemberAdmitted(member=member):
            _update_member(
                conn,
                member,
                status="member",
                joined_on=event.admitted_on.isoformat(),
                rotation_position=_next_position(conn),
                last_sequence=sequence,
            )
        case AdmissionRejected(member=member):
            _update_member(conn, member, status="rejected", last_sequence=sequence)
        case SecessionDecided(member=member):
            _update_member(
                conn,
                member,
                status="seceding",
                secession_decided_on=event.decided_on.isoformat(),
                leaves_on=event.effective_on.isoformat(),
                last_sequence=sequence,
            )
        case SecessionWithdrawn(member=member):
            _update_member(
                conn,
                member,
                status="member",
                secession_decided_on=None,
                leaves_on=None,
                last_sequence=sequence,
            )
        case SecessionTookEffect(member=member):
            _update_member(
                conn, member, status="seceded", rotation_position=None, last_sequence=sequence
            )
        case _:
            _apply_acts(conn, sequence, event)


def _add_competence(conn: Connection, name: str, kind: str, on: str | None, by: str) -> None:
    top = conn.execute(sa.select(sa.func.max(competence_view.c.position))).scalar()
    conn.execute(
        sa.insert(competence_view).values(
            position=int(top or 0) + 1, field=name, kind=kind, effective_on=on, by=by
        )
    )


def _update_act(conn: Connection, sequence: int, act: str, **values: Any) -> None:
    conn.execute(
        sa.update(act_view).where(act_view.c.id == act).values(last_sequence=sequence, **values)
    )


def _update_compliance(conn: Connection, directive: str, member: str, **values: Any) -> None:
    table = compliance_view
    conn.execute(
        sa.update(table)
        .where(table.c.directive == directive, table.c.member == member)
        .values(**values)
    )


def _department_member(conn: Connection, department: str, member: str, **values: Any) -> None:
    table = department_member_view
    where = (table.c.department == department, table.c.member == member)
    if conn.execute(sa.select(table.c.member).where(*where)).first() is None:
        row = {"participates": False, "staff": "[]", **values}
        conn.execute(sa.insert(table).values(department=department, member=member, **row))
    else:
        conn.execute(sa.update(table).where(*where).values(**values))


def _iso(day: Any) -> str | None:
    return None if day is None else str(day.isoformat())


def _apply_acts(conn: Connection, sequence: int, event: Event) -> None:
    """The read tables of organs and acts (P4, P6–P11)."""
    match event:
        case DelegateAppointed():
            conn.execute(
                sa.insert(delegation_view).values(
                    sequence=sequence, organ=event.organ, member=event.member,
                    person=event.person, term_from=_iso(event.term_from),
                    term_until=_iso(event.term_until),
                )
            )  # fmt: skip
        case DelegateRecalled():
            t = delegation_view
            conn.execute(
                sa.update(t)
                .where(
                    t.c.organ == event.organ, t.c.member == event.member,
                    t.c.person == event.person, t.c.recalled_on.is_(None),
                    t.c.term_from <= _iso(event.recalled_on),
                    sa.or_(t.c.term_until.is_(None), t.c.term_until > _iso(event.recalled_on)),
                )
                .values(recalled_on=_iso(event.recalled_on))
            )  # fmt: skip
        case SessionConvened():
            conn.execute(
                sa.insert(session_view).values(
                    id=event.session, organ=event.organ, held_on=_iso(event.held_on),
                    presided_by=event.presided_by, agenda=json.dumps(event.agenda),
                )
            )  # fmt: skip
            for ref in event.reviews:
                kind, _, rest = ref.partition(":")
                if kind == "appeal":
                    conn.execute(
                        sa.update(appeal_view)
                        .where(appeal_view.c.id == rest)
                        .values(review_session=event.session)
                    )
                else:
                    directive, _, member = rest.partition(":")
                    _update_compliance(conn, directive, member, review_session=event.session)
        case MotionDrafted():
            conn.execute(
                sa.insert(act_view).values(
                    id=event.motion, organ=event.organ, organ_kind=event.organ_kind,
                    title=event.title, text=event.text, field=event.field, kind=event.kind,
                    force=event.force, stage="drafted", addressees=json.dumps(event.addressees),
                    last_sequence=sequence,
                )
            )  # fmt: skip
        case MotionTabled():
            row = conn.execute(sa.select(act_view).where(act_view.c.id == event.motion)).one()
            agenda_row = conn.execute(
                sa.select(session_view.c.agenda).where(session_view.c.id == event.session)
            ).one()
            agenda = [*json.loads(agenda_row.agenda), f"motion {row.id}: {row.title}"]
            conn.execute(
                sa.update(session_view)
                .where(session_view.c.id == event.session)
                .values(agenda=json.dumps(agenda))
            )
            _update_act(conn, sequence, event.motion, stage="tabled", session=event.session)
        case AmendmentProposed():
            conn.execute(
                sa.insert(amendment_view).values(
                    act=event.motion, id=event.amendment, text=event.text,
                    proposed_by=event.proposed_by, status="proposed",
                )
            )  # fmt: skip
        case VoteCast():
            conn.execute(
                sa.insert(vote_view).values(
                    act=event.motion, item=event.item, member=event.member,
                    person=event.person, vote=event.vote,
                )
            )  # fmt: skip
        case AmendmentAdopted() | AmendmentRejected():
            adopted = isinstance(event, AmendmentAdopted)
            t = amendment_view
            conn.execute(
                sa.update(t)
                .where(t.c.act == event.motion, t.c.id == event.amendment)
                .values(status="adopted" if adopted else "rejected")
            )
            if adopted:
                text = conn.execute(
                    sa.select(t.c.text).where(t.c.act == event.motion, t.c.id == event.amendment)
                ).scalar_one()
                _update_act(conn, sequence, event.motion, text=text)
        case MotionAdopted() | MotionRejected():
            adopted = isinstance(event, MotionAdopted)
            _update_act(
                conn, sequence, event.motion,
                stage="adopted" if adopted else "rejected",
                adopted_on=_iso(event.counted_on) if adopted else None,
                decision_rule=event.decision_rule, count_reason=event.reason,
            )  # fmt: skip
        case ActPublished():
            _update_act(
                conn, sequence, event.act, stage="published",
                published_on=_iso(event.published_on), in_force_on=_iso(event.in_force_on),
                addressees=json.dumps(event.addressees),
            )  # fmt: skip
            act_kind = conn.execute(sa.select(act_view.c.kind).where(act_view.c.id == event.act))
            if act_kind.scalar_one() == "directive":
                for member in event.addressees:
                    conn.execute(
                        sa.insert(compliance_view).values(
                            directive=event.act, member=member, status="outstanding"
                        )
                    )
        case ActLapsed():
            _update_act(conn, sequence, event.act, lapsed_on=_iso(event.lapsed_on))
        case CompetencesAmended():
            for name, kind in sorted(event.changes.items()):
                _add_competence(conn, name, kind, _iso(event.effective_on), event.motion)
        case AppealFiled():
            conn.execute(
                sa.insert(appeal_view).values(
                    id=event.appeal, act=event.act, member=event.member, ground=event.ground,
                    filed_on=_iso(event.filed_on), suspensive=event.suspensive,
                )
            )  # fmt: skip
        case AppealRuled():
            conn.execute(
                sa.update(appeal_view)
                .where(appeal_view.c.id == event.appeal)
                .values(ruling=event.ruling, ruled_on=_iso(event.ruled_on), motion=event.motion)
            )
            if event.ruling == "annul":
                _update_act(conn, sequence, event.act, annulled_on=_iso(event.ruled_on))
            elif event.ruling == "amend":
                _update_act(conn, sequence, event.act, text=event.text)
        case InstructionsRequested():
            _update_compliance(
                conn, event.directive, event.member, status="instructions requested",
                requested_on=_iso(event.requested_on), question=event.question,
            )  # fmt: skip
        case InstructionsGiven():
            _update_compliance(
                conn, event.directive, event.member, status="instructed",
                instructed_on=_iso(event.given_on), instructions=event.instructions,
            )  # fmt: skip
        case DirectiveCarriedOut():
            urgent = event.basis == "urgency"
            _update_compliance(
                conn, event.directive, event.member,
                status="carried out (urgent; review pending)" if urgent else "carried out",
                carried_out_on=_iso(event.carried_out_on), basis=event.basis,
                justification=event.justification,
            )  # fmt: skip
        case UrgentActionReviewed():
            _update_compliance(
                conn, event.directive, event.member, review=event.outcome,
                status=f"carried out (urgent; {event.outcome})",
            )  # fmt: skip
        case _:
            _apply_departments(conn, event)


def _set_department(conn: Connection, department: str, **values: Any) -> None:
    conn.execute(
        sa.update(department_view).where(department_view.c.id == department).values(**values)
    )


def _apply_departments(conn: Connection, event: Event) -> None:
    match event:
        case DepartmentProposed():
            conn.execute(
                sa.insert(department_view).values(
                    id=event.department, name=event.name, field=event.field, seat=event.seat,
                    status="proposed", proposed_on=_iso(event.proposed_on),
                )
            )  # fmt: skip
        case DepartmentConsented():
            _department_member(
                conn, event.department, event.member, consented_on=_iso(event.consented_on)
            )
        case DepartmentCreated():
            _set_department(
                conn, event.department, status="joint", created_on=_iso(event.created_on)
            )
            for member in event.participants:
                _department_member(conn, event.department, member, participates=True)
        case DepartmentJoined():
            _department_member(conn, event.department, event.member, participates=True)
            _set_department(conn, event.department, status="joint")  # a gap until staffed
        case RepresentativeAppointed():
            _department_member(conn, event.department, event.member, representative=event.person)
        case StaffAssigned():
            t = department_member_view
            staff = conn.execute(
                sa.select(t.c.staff).where(
                    t.c.department == event.department, t.c.member == event.member
                )
            ).scalar()
            persons = [*json.loads(staff or "[]"), event.person]
            _department_member(conn, event.department, event.member, staff=json.dumps(persons))
        case DepartmentBecameOperational():
            _set_department(
                conn, event.department, status="operational",
                operational_since=_iso(event.operational_on),
            )  # fmt: skip
        case _:
            raise TypeError(f"no projection for {type(event).__name__}")


def event_of(entry: Entry) -> Event:
    return event_from_record(entry.event_type, entry.schema_version, entry.payload)


def apply_entries(conn: Connection, entries: Iterable[Entry]) -> None:
    for entry in entries:
        apply(conn, entry.sequence, event_of(entry))


def rebuild(conn: Connection) -> int:
    """Empty the read tables and replay the whole ledger into them; returns entries replayed."""
    for table in VIEW_TABLES:
        conn.execute(sa.delete(table))
    replayed = 0
    for entry in read_entries(conn):
        apply(conn, entry.sequence, event_of(entry))
        replayed += 1
    return replayed


def snapshot(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every read table, in key order: for comparing live and rebuilt state."""
    return {
        table.name: [
            tuple(row)
            for row in conn.execute(sa.select(table).order_by(*table.primary_key.columns))
        ]
        for table in VIEW_TABLES
    }
