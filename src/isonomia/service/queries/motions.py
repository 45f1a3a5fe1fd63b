"""Queries over motions and acts (P4, P8): lists and one act in detail."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain.motions import Stage
from isonomia.service.federation import Federation
from isonomia.store.projections.appeals import appeal_view
from isonomia.store.projections.motions import (
    act_history_view,
    act_stage_view,
    act_view,
    amendment_view,
    vote_view,
)


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


def suspended_on(conn: Connection, on: date) -> set[str]:
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


def _stages(conn: Connection, acts: list[str] | None = None) -> dict[str, list[tuple[str, str]]]:
    """Per act, (from what day, stage) of each stage it reached, in the order reached."""
    t = act_stage_view
    query = sa.select(t).order_by(t.c.act, t.c.from_on, t.c.sequence)
    if acts is not None:
        query = query.where(t.c.act.in_(acts))
    stages: dict[str, list[tuple[str, str]]] = {}
    for r in conn.execute(query):
        stages.setdefault(str(r.act), []).append((str(r.from_on), str(r.stage)))
    return stages


def _drafted_on(stages: list[tuple[str, str]]) -> str | None:
    return next((day for day, stage in stages if stage == Stage.DRAFTED.value), None)


def _stage_on(stages: list[tuple[str, str]], on: date) -> str:
    """The stage an act had reached by the end of a day: the last one reached by then."""
    day = on.isoformat()
    reached = [stage for since, stage in stages if since <= day]
    return reached[-1] if reached else Stage.DRAFTED.value


def stages_on(conn: Connection, on: date) -> dict[str, str]:
    """Each act's stage by the end of a day (drafted, tabled, adopted, rejected, published)."""
    return {act: _stage_on(stages, on) for act, stages in _stages(conn).items()}


def act_in_force_row(row: sa.Row[tuple[object, ...]], on: date, suspended: set[str]) -> bool:
    """Whether an act is in force on a day, from its read-table row: published, not ended
    (annulled or lapsed) and not suspended (P6)."""
    r = row._mapping
    day = on.isoformat()
    started = r["in_force_on"] is not None and str(r["in_force_on"]) <= day
    ended = any(r[c] is not None and str(r[c]) <= day for c in ("annulled_on", "lapsed_on"))
    return started and not ended and str(r["id"]) not in suspended


def act_in_force(federation: Federation, act_id: str, on: date) -> bool:
    """Whether an act is in force in the union on a day (P6)."""
    with federation.db.reading() as conn:
        row = conn.execute(sa.select(act_view).where(act_view.c.id == act_id)).first()
        return row is not None and act_in_force_row(row, on, suspended_on(conn, on))


def act_history(federation: Federation, act_id: str) -> list[tuple[str, str]]:
    """Every line of an act's history, (day, what), in the order recorded."""
    h = act_history_view
    query = sa.select(h.c.on, h.c.what).where(h.c.act == act_id).order_by(h.c.sequence)
    with federation.db.reading() as conn:
        return [(str(r.on), str(r.what)) for r in conn.execute(query)]


def _act_row(
    row: sa.Row[tuple[object, ...]],
    stages: list[tuple[str, str]],
    on: date,
    suspended: set[str],
) -> ActRow:
    """One act as of a day, from its read-table row: in force when published, not ended
    (annulled or lapsed) and not suspended (P6)."""
    r = row._mapping
    held = str(r["id"]) in suspended
    return ActRow(
        id=str(r["id"]),
        organ=str(r["organ"]),
        organ_kind=str(r["organ_kind"]),
        title=str(r["title"]),
        field=str(r["field"]),
        kind=str(r["kind"]),
        force=str(r["force"]),
        stage=_stage_on(stages, on),
        in_force=act_in_force_row(row, on, suspended),
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
        suspended = suspended_on(conn, on)
        stages = _stages(conn)
    day = on.isoformat()
    return [
        _act_row(r, stages[r.id], on, suspended)
        for r in rows
        if (drafted := _drafted_on(stages.get(r.id, []))) is not None and drafted <= day
    ]


def _cast_by(vote: sa.Row[tuple[object, ...]], on: date) -> bool:
    """Whether a vote was cast by the end of `on` (a ballot recorded before votes kept their
    day was cast on its session's day)."""
    return vote.cast_on is None or str(vote.cast_on) <= on.isoformat()


def act_detail(federation: Federation, act_id: str, on: date) -> ActDetail | None:
    with federation.db.reading() as conn:
        stages = _stages(conn, [act_id]).get(act_id, [])
        drafted = _drafted_on(stages)
        if drafted is None or drafted > on.isoformat():
            return None
        row = conn.execute(sa.select(act_view).where(act_view.c.id == act_id)).first()
        if row is None:
            return None
        h = act_history_view
        history = conn.execute(
            sa.select(h.c.on, h.c.what)
            .where(h.c.act == act_id, h.c.on <= on.isoformat())
            .order_by(h.c.sequence)
        ).all()
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
        suspended = suspended_on(conn, on)
    return ActDetail(
        row=_act_row(row, stages, on, suspended),
        text=row.text,
        addressees=json.loads(row.addressees),
        history=[(str(line.on), str(line.what)) for line in history],
        # Votes are cast from the day of the session the motion is tabled for, never before.
        votes=[(v.item or "motion", v.member, v.person, v.vote) for v in votes if _cast_by(v, on)]
        if _stage_on(stages, on) != Stage.DRAFTED.value
        else [],
        amendments=[(a.id, a.status, a.text) for a in amendments],
    )
