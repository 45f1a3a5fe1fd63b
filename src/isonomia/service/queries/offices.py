"""The report of concentration (P15): each person's offices on a day, and their share of
the decisions signed, with anyone at or one below the charter's limit flagged."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from isonomia.domain.refusal import N_
from isonomia.service.federation import Federation
from isonomia.service.queries.union import charter
from isonomia.store.projections.offices import office_signature_view, office_view


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
    mine: dict[str, list[Any]] = {}
    for h in holdings:
        mine.setdefault(h.person, []).append(h)
    days_by_signer: dict[str, list[str]] = {}
    for signature in signatures:
        days_by_signer.setdefault(signature.principal, []).append(signature.signed_on)
    counts = Counter(h.person for h in holdings if _held(h, day))
    rows = []
    for person, count in counts.items():
        signed = _signed_by(person, mine[person], days_by_signer, signs_as)
        rows.append(
            OfficeHolderRow(
                person=person,
                offices=[_describe(h) for h in mine[person] if _held(h, day)],
                count=count,
                limit=limit,
                flag=_flag(count, limit),
                signed=signed,
                of_signed=len(signatures),
                share=round(signed / len(signatures), 4) if signatures else 0.0,
            )
        )
    return sorted(rows, key=lambda r: (-r.count, -r.signed, r.person))
