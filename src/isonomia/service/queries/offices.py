"""The report of concentration (P15): each person's offices on a day, and their share of
the decisions signed, with anyone at or one below the charter's limit flagged."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa

from isonomia.domain.refusal import N_
from isonomia.service.federation import Federation
from isonomia.service.queries.union import charter
from isonomia.store.projections.inspection import sanction_view
from isonomia.store.projections.offices import office_signature_view, office_view

#: Sanction words as the record keeps them (`domain.inspection`).
_REMOVAL, _SUSPENSION = "removal from office", "suspension from office"


@dataclass(frozen=True)
class OfficeHolderRow:
    person: str
    #: Each office held on the day: ``organ:ID for MEMBER``, ``department:ID staff for
    #: MEMBER``, ``office:ID``.
    offices: list[str]
    count: int
    #: How many offices the charter lets one person hold at once.
    limit: int
    #: ``at the limit``, ``one below the limit``, or empty.
    flag: str
    #: Commands signed, up to the day, by the person or by an office they held that day.
    signed: int
    #: Every command signed up to the day.
    of_signed: int
    #: `signed` / `of_signed` (0 when nothing was signed).
    share: float
    #: Sanctions on the person that day (P17): a removal while it bars them, a suspension
    #: while it runs (their offices paused, not counted), a transfer or a reprimand.
    sanctions: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SanctionRow:
    """A sanction final findings put on a person (P17)."""

    person: str
    case: str
    findings: str
    sanction: str
    effective_on: str
    #: The day a suspension ends (None otherwise).
    resumes_on: str | None
    #: The first day a removed person may hold office again (None: no bar).
    bar_until: str | None
    #: The offices it ended or paused.
    offices: list[str]


def _current(row: Any, day: str) -> bool:
    """Whether a sanction weighs on the person on the day."""
    if row.effective_on > day:
        return False
    if row.sanction == _REMOVAL:
        return row.bar_until is None or day < row.bar_until
    if row.sanction == _SUSPENSION:
        return row.resumes_on is not None and day < row.resumes_on
    return True


def _sanction_text(row: Any) -> str:
    until = row.bar_until or row.resumes_on
    tail = f" until {until}" if until else ""
    return f"{row.sanction} (case {row.case}, from {row.effective_on}{tail})"


def sanctions(federation: Federation, person: str | None = None) -> list[SanctionRow]:
    """Every sanction final findings put on a person (or on anyone), in the order recorded."""
    query = sa.select(sanction_view).order_by(sanction_view.c.sequence)
    if person is not None:
        query = query.where(sanction_view.c.person == person)
    with federation.db.reading() as conn:
        rows = conn.execute(query).all()
    return [
        SanctionRow(
            person=r.person,
            case=r.case,
            findings=r.findings,
            sanction=r.sanction,
            effective_on=r.effective_on,
            resumes_on=r.resumes_on,
            bar_until=r.bar_until,
            offices=json.loads(r.offices),
        )
        for r in rows
    ]


def _describe(row: Any) -> str:
    role = "" if row.role in ("delegate", "official") else f" {row.role}"
    where = f" for {row.member}" if row.member else ""
    return f"{row.office}{role}{where}"


def _held(row: Any, on: str) -> bool:
    ends = [d for d in (row.held_until, row.ended_on) if d is not None]
    return bool(row.held_from <= on and all(on < end for end in ends))


def _flag(count: int, limit: int) -> str:
    if count >= limit:
        return N_("at the limit")
    if count == limit - 1:
        return N_("one below the limit")
    return ""


def _signed_by(
    person: str,
    holdings: Sequence[Any],
    days_by_signer: dict[str, list[str]],
    signs_as: dict[str, str],
) -> int:
    """Commands signed by the person, or by a principal an office of theirs signs as, on a
    day they held that office."""
    own = len(days_by_signer.get(f"person:{person}", []))
    for principal in {signs_as[h.office] for h in holdings if h.office in signs_as}:
        mine = [h for h in holdings if signs_as.get(h.office) == principal]
        days = days_by_signer.get(principal, [])
        own += sum(1 for day in days if any(_held(h, day) for h in mine))
    return own


def offices_report(federation: Federation, on: date) -> list[OfficeHolderRow]:
    """Everyone holding an office on `on`, most offices first (P15)."""
    adopted = charter(federation)
    limit = adopted.offices.max_per_person
    signs_as = {f"office:{o.id}": o.signs_as for o in adopted.offices.named if o.signs_as}
    day = on.isoformat()
    with federation.db.reading() as conn:
        holdings = conn.execute(sa.select(office_view).order_by(office_view.c.sequence)).all()
        signatures = conn.execute(
            sa.select(office_signature_view).where(office_signature_view.c.signed_on <= day)
        ).all()
        sanctioned = conn.execute(sa.select(sanction_view).order_by(sanction_view.c.sequence)).all()
    weighing: dict[str, list[Any]] = {}
    for row in sanctioned:
        if _current(row, day):
            weighing.setdefault(row.person, []).append(row)
    mine: dict[str, list[Any]] = {}
    for h in holdings:
        mine.setdefault(h.person, []).append(h)
    days_by_signer: dict[str, list[str]] = {}
    for signature in signatures:
        days_by_signer.setdefault(signature.principal, []).append(signature.signed_on)
    counts = Counter(h.person for h in holdings if _held(h, day))
    lost = {
        p
        for p, rows in weighing.items()
        if any(r.sanction in (_REMOVAL, _SUSPENSION) for r in rows)
    }
    rows = []
    for person in [*counts, *sorted(lost - set(counts))]:
        suspended = any(r.sanction == _SUSPENSION for r in weighing.get(person, ()))
        held = [_describe(h) for h in mine.get(person, ()) if _held(h, day)]
        count = 0 if suspended else counts.get(person, 0)
        signed = _signed_by(person, mine.get(person, []), days_by_signer, signs_as)
        rows.append(
            OfficeHolderRow(
                person=person,
                offices=[f"{o} (suspended)" for o in held] if suspended else held,
                count=count,
                limit=limit,
                flag=_flag(count, limit),
                signed=signed,
                of_signed=len(signatures),
                share=round(signed / len(signatures), 4) if signatures else 0.0,
                sanctions=[_sanction_text(r) for r in weighing.get(person, ())],
            )
        )
    return sorted(rows, key=lambda r: (-r.count, -r.signed, r.person))
