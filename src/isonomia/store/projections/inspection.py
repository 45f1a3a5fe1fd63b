"""Read tables of the inspection (P16, P17): each case's number and status, the complaints
addressed to officials; and, beside the ledger, the evidence files kept by their SHA-256.

The ledger records only an evidence file's hash, name and size; its bytes live in
`evidence_blob`, keyed by the hash, so anyone holding the file can prove it is the one the
record names, and nothing in the chain depends on storing it. Rows there are only added.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain.inspection import (
    ActionConsented,
    CaseReopened,
    CommissionDrawn,
    ComplaintAddressed,
    ComplaintAnswered,
    ComplaintFiled,
    ComplaintNeglected,
    DefenderNamed,
    EvidenceAdded,
    FindingsProposed,
    FindingsSigned,
    PersonSanctioned,
    PersonTransferred,
    TieDeclared,
)
from isonomia.domain.inspection_book import DECIDED, DRAWING, OPEN
from isonomia.store.projections.registry import ID, D, iso, projects, read_table
from isonomia.store.tables import metadata

__all__ = ["case_view", "complaint_view", "evidence_blob", "load_evidence", "store_evidence"]

_SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

case_view = read_table(
    sa.Table(
        "case_view",
        metadata,
        sa.Column("id", ID, primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("opened_on", D, nullable=False),
        sa.Column("commission", sa.Text(), nullable=False),  # JSON list of persons
        sa.Column("evidence", sa.Integer(), nullable=False),
        sa.Column("last_sequence", _SEQ, nullable=False),
    )
)

complaint_view = read_table(
    sa.Table(
        "complaint_view",
        metadata,
        sa.Column("id", ID, primary_key=True),
        sa.Column("official", ID, nullable=False),
        sa.Column("addressed_by", sa.Text(), nullable=False),
        sa.Column("addressed_on", D, nullable=False),
        sa.Column("answer_due", D, nullable=False),
        sa.Column("answered_on", D),
        sa.Column("neglected", sa.Boolean(), nullable=False),
    )
)

#: Evidence files by content hash, beside the ledger (not a read table: never rebuilt).
evidence_blob = sa.Table(
    "evidence_blob",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("size", _SEQ, nullable=False),
    sa.Column("data", sa.LargeBinary(), nullable=False),
)


def store_evidence(conn: Connection, sha256: str, data: bytes) -> None:
    """Keep a file's bytes under its hash (once; the same bytes are never stored twice)."""
    found = conn.execute(
        sa.select(evidence_blob.c.sha256).where(evidence_blob.c.sha256 == sha256)
    ).first()
    if found is None:
        conn.execute(sa.insert(evidence_blob).values(sha256=sha256, size=len(data), data=data))


def load_evidence(conn: Connection, sha256: str) -> bytes | None:
    row = conn.execute(
        sa.select(evidence_blob.c.data).where(evidence_blob.c.sha256 == sha256)
    ).first()
    return None if row is None else bytes(row.data)


def _set_case(conn: Connection, case: str, sequence: int, **values: Any) -> None:
    conn.execute(
        sa.update(case_view).where(case_view.c.id == case).values(last_sequence=sequence, **values)
    )


@projects(ComplaintFiled)
def _filed(conn: Connection, sequence: int, event: ComplaintFiled) -> None:
    conn.execute(
        sa.insert(case_view).values(
            id=event.case,
            kind=event.kind,
            status=DRAWING,
            round=1,
            opened_on=iso(event.filed_on),
            commission="[]",
            evidence=0,
            last_sequence=sequence,
        )
    )


@projects(CommissionDrawn)
def _drawn(conn: Connection, sequence: int, event: CommissionDrawn) -> None:
    _set_case(conn, event.case, sequence, status=OPEN, commission=json.dumps(event.commission))


@projects(EvidenceAdded)
def _evidence(conn: Connection, sequence: int, event: EvidenceAdded) -> None:
    _set_case(conn, event.case, sequence, evidence=case_view.c.evidence + 1)


@projects(DefenderNamed, FindingsProposed)
def _touched(conn: Connection, sequence: int, event: DefenderNamed | FindingsProposed) -> None:
    _set_case(conn, event.case, sequence)


@projects(FindingsSigned)
def _signed(conn: Connection, sequence: int, event: FindingsSigned) -> None:
    _set_case(conn, event.case, sequence, **({"status": DECIDED} if event.final else {}))


@projects(CaseReopened)
def _reopened(conn: Connection, sequence: int, event: CaseReopened) -> None:
    _set_case(conn, event.case, sequence, status=DRAWING, round=event.round, commission="[]")


@projects(ComplaintAddressed)
def _addressed(conn: Connection, sequence: int, event: ComplaintAddressed) -> None:
    conn.execute(
        sa.insert(complaint_view).values(
            id=event.complaint,
            official=event.official,
            addressed_by=event.by,
            addressed_on=iso(event.addressed_on),
            answer_due=iso(event.answer_due),
            neglected=False,
        )
    )


@projects(ComplaintAnswered, ComplaintNeglected)
def _closed(conn: Connection, sequence: int, event: ComplaintAnswered | ComplaintNeglected) -> None:
    values: dict[str, Any] = (
        {"answered_on": iso(event.answered_on)}
        if isinstance(event, ComplaintAnswered)
        else {"neglected": True}
    )
    conn.execute(
        sa.update(complaint_view).where(complaint_view.c.id == event.complaint).values(**values)
    )


@projects(TieDeclared, PersonTransferred, PersonSanctioned, ActionConsented)
def _kept_in_the_record(conn: Connection, sequence: int, event: Any) -> None:
    """Ties, organs' acts on persons and the inspection's consents are read from the record."""
