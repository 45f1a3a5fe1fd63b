"""Queries over motions and acts (P4, P8): lists and one act in detail."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain.motions import Act, Stage
from isonomia.service.federation import Federation
from isonomia.store.projections.appeals import appeal_view
from isonomia.store.projections.motions import act_view, amendment_view, vote_view


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


def _suspended(conn: Connection, on: date) -> set[str]:
    """Acts held back on a day by a pending appeal in a suspensive field (P6)."""
    day = on.isoformat()
    rows = conn.execute(
        sa.select(appeal_view.c.act).where(
            appeal_view.c.suspensive.is_(True),
            appeal_view.c.filed_on <= day,
            sa.or_(appeal_view.c.ruled_on.is_(None), appeal_view.c.ruled_on > day),
        )
    )
    return {str(r.act) for r in rows}


def _stage_on(act: Act, on: date) -> str:
    """The stage an act had reached by the end of a day (the read table keeps only the last)."""
    if act.published_on is not None and act.published_on <= on:
        return Stage.PUBLISHED.value
    if act.adopted_on is not None and act.adopted_on <= on:
        return Stage.ADOPTED.value
    counted = [line.on for line in act.history if line.what.startswith("rejected")]
    if act.stage is Stage.REJECTED and counted and counted[-1] <= on:
        return Stage.REJECTED.value
    tabled = [line.on for line in act.history if line.what.startswith("tabled")]
    return Stage.TABLED.value if tabled and tabled[0] <= on else Stage.DRAFTED.value


def _act_row(row: sa.Row[tuple[object, ...]], act: Act, on: date, suspended: set[str]) -> ActRow:
    """One act as of a day, from its read-table row: in force when published, not ended
    (annulled or lapsed) and not suspended (P6)."""
    r = row._mapping
    day = on.isoformat()
    started = r["in_force_on"] is not None and str(r["in_force_on"]) <= day
    ended = any(r[c] is not None and str(r[c]) <= day for c in ("annulled_on", "lapsed_on"))
    held = str(r["id"]) in suspended
    return ActRow(
        id=str(r["id"]),
        organ=str(r["organ"]),
        organ_kind=str(r["organ_kind"]),
        title=str(r["title"]),
        field=str(r["field"]),
        kind=str(r["kind"]),
        force=str(r["force"]),
        stage=_stage_on(act, on),
        in_force=started and not ended and not held,
        suspended=held,
        published_on=r["published_on"] and str(r["published_on"]),
    )


def acts(
    federation: Federation, on: date, organ: str | None = None, kind: str | None = None
) -> list[ActRow]:
    query = sa.select(act_view).order_by(act_view.c.last_sequence)
    if organ:
        query = query.where(act_view.c.organ == organ)
    if kind:
        query = query.where(act_view.c.organ_kind == kind)
    with federation.db.reading() as conn:
        rows = conn.execute(query).all()
        suspended = _suspended(conn, on)
    # The read table keeps no drafting day: the state's record of each act has it.
    known = federation.state().acts
    return [
        _act_row(r, known[r.id], on, suspended)
        for r in rows
        if r.id in known and known[r.id].drafted_on <= on
    ]


def _cast_by(act: Act, vote: sa.Row[tuple[object, ...]], on: date) -> bool:
    """Whether a vote was cast by the end of `on` (a ballot recorded before votes kept their
    day was cast on its session's day)."""
    ballot = act.votes.get(str(vote.item), {}).get(str(vote.member))
    return ballot is None or ballot.cast_on is None or ballot.cast_on <= on


def act_detail(federation: Federation, act_id: str, on: date) -> ActDetail | None:
    act = federation.state().acts.get(act_id)
    if act is None or act.drafted_on > on:
        return None
    with federation.db.reading() as conn:
        row = conn.execute(sa.select(act_view).where(act_view.c.id == act_id)).first()
        if row is None:
            return None
        votes = conn.execute(
            sa.select(vote_view)
            .where(vote_view.c.act == act_id)
            .order_by(vote_view.c.item, vote_view.c.member)
        ).all()
        amendments = conn.execute(
            sa.select(amendment_view)
            .where(amendment_view.c.act == act_id)
            .order_by(amendment_view.c.id)
        ).all()
        suspended = _suspended(conn, on)
    return ActDetail(
        row=_act_row(row, act, on, suspended),
        text=row.text,
        addressees=json.loads(row.addressees),
        history=[(line.on.isoformat(), line.what) for line in act.history if line.on <= on],
        # Votes are cast from the day of the session the motion is tabled for, never before.
        votes=[
            (v.item or "motion", v.member, v.person, v.vote) for v in votes if _cast_by(act, v, on)
        ]
        if _stage_on(act, on) != Stage.DRAFTED.value
        else [],
        amendments=[(a.id, a.status, a.text) for a in amendments],
    )
