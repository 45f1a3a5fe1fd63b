"""The deadlines the record knows, and the reminders they give (P3, P4, P6, P12, P14): an
appeal window closing, a motion's notice running out, a postponed vote, an election's
nominations, ballot period and secret ballots' reveal window, a secession taking effect,
a language version awaited.

Read from the read tables only. A deadline concerns one member, or every member present
(`member` None). A reminder is a deadline seen from a day that is one of the charter's
`[procedure] reminder_days` before it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy import Connection

from isonomia.domain.refusal import N_
from isonomia.service.federation import Federation
from isonomia.service.queries.languages import language_report
from isonomia.service.queries.membership import members
from isonomia.service.queries.motions import stages_on
from isonomia.service.queries.organs import members_on_day
from isonomia.service.queries.union import charter
from isonomia.store.projections.elections import election_view
from isonomia.store.projections.motions import act_view
from isonomia.store.projections.procedure import circulation_view, postponement_view

#: The kinds of deadline, as catalog messages (the interfaces translate them).
APPEAL = N_("appeal window closes")
NOTICE = N_("notice ends; the vote may be held from this day")
POSTPONED = N_("postponed vote may be held from this day")
NOMINATIONS = N_("nominations close")
BALLOTS_OPEN = N_("ballot period opens")
BALLOTS_CLOSE = N_("ballot period closes")
REVEALS_CLOSE = N_("secret ballots must be revealed by this day")
SECESSION = N_("secession takes effect")
AWAITED = N_("language version awaited since this day")


@dataclass(frozen=True)
class DeadlineRow:
    due_on: str
    kind: str
    subject: str
    #: The member concerned; None when every member present is.
    member: str | None
    #: Days from the day asked about to the deadline (negative: overdue).
    days_left: int


def _pending_motions(conn: Connection, on: date) -> set[str]:
    """The motions not yet voted on by the end of `on`."""
    return {act for act, stage in stages_on(conn, on).items() if stage in ("drafted", "tabled")}


def _appeal_windows(conn: Connection, day: str, days: int) -> list[tuple[str, str, str | None]]:
    a = act_view.c
    query = sa.select(a.id, a.published_on).where(
        a.organ_kind == "executive",
        a.published_on.is_not(None),
        sa.or_(a.annulled_on.is_(None), a.annulled_on > day),
    )
    found: list[tuple[str, str, str | None]] = []
    for r in conn.execute(query):
        closes = (date.fromisoformat(r.published_on) + timedelta(days=days)).isoformat()
        if r.published_on <= day <= closes:
            found.append((closes, str(r.id), None))
    return found


def _procedure(conn: Connection, on: date) -> list[tuple[str, str, str, str | None]]:
    day = on.isoformat()
    pending = _pending_motions(conn, on)
    found: list[tuple[str, str, str, str | None]] = []
    for c in conn.execute(sa.select(circulation_view)):
        if c.motion in pending and c.received_on <= day <= c.notice_ends_on:
            found.append((c.notice_ends_on, NOTICE, str(c.motion), str(c.member)))
    for p in conn.execute(sa.select(postponement_view)):
        if p.motion in pending and p.requested_on <= day <= p.vote_from:
            found.append((p.vote_from, POSTPONED, str(p.motion), None))
    return found


def _elections(conn: Connection, day: str) -> list[tuple[str, str, str, str | None]]:
    found: list[tuple[str, str, str, str | None]] = []
    counted = election_view.c.counted_on
    query = sa.select(election_view).where(sa.or_(counted.is_(None), counted > day))
    for e in conn.execute(query):
        for due, kind in (
            (e.nominations_close, NOMINATIONS),
            (e.ballots_open, BALLOTS_OPEN),
            (e.ballots_close, BALLOTS_CLOSE),
        ):
            if e.called_on <= day <= due:
                found.append((due, kind, str(e.election), None))
        if e.reveals_close is not None and e.called_on <= day <= e.reveals_close:
            found.append((str(e.reveals_close), REVEALS_CLOSE, str(e.election), None))
    return found


def deadlines(federation: Federation, on: date, member: str | None = None) -> list[DeadlineRow]:
    """The deadlines open on `on` (due that day or later, or overdue where the record still
    waits), soonest first; with `member`, those concerning it or every member."""
    day = on.isoformat()
    adopted = charter(federation)
    with federation.db.reading() as conn:
        present = {m for m, _ in members_on_day(conn, on)}
        found = [
            (due, APPEAL, act, who)
            for due, act, who in _appeal_windows(conn, day, adopted.appeals.deadline_days)
        ]
        found += _procedure(conn, on)
        found += _elections(conn, day)
    for row in members(federation, on):
        if row.status == "seceding" and row.leaves_on is not None:
            found.append((row.leaves_on, SECESSION, row.id, row.id))
    awaited: dict[tuple[str, str, str], list[str]] = {}
    for gap in language_report(federation, on):
        if gap.kind == "awaiting version":
            awaited.setdefault((gap.since, gap.subject, gap.member), []).append(gap.language)
    for (since, act, who), languages in awaited.items():
        found.append((since, AWAITED, f"{act} ({', '.join(sorted(languages))})", who))
    rows = [
        DeadlineRow(due, kind, subject, who, (date.fromisoformat(due) - on).days)
        for due, kind, subject, who in found
        if (who is None or who in present or kind == SECESSION)
        and (member is None or who is None or who == member)
    ]
    return sorted(set(rows), key=lambda r: (r.due_on, r.kind, r.subject, r.member or ""))


def reminders(federation: Federation, on: date, member: str | None = None) -> list[DeadlineRow]:
    """The deadlines a member is reminded of on `on`: those due one of the charter's
    `reminder_days` later (P4, P6: no member misses a window for want of notice)."""
    lead = set(charter(federation).procedure.reminder_days)
    return [r for r in deadlines(federation, on, member) if r.days_left in lead]
