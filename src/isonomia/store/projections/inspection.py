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
    SanctionTookEffect,
    TieDeclared,
)
from isonomia.domain.inspection_book import DECIDED, DRAWING, OPEN
from isonomia.store.projections.registry import ID, D, iso, projects, read_table
from isonomia.store.tables import metadata

__all__ = [
    "case_evidence_view",
    "case_view",
    "complaint_view",
    "evidence_blob",
    "findings_view",
    "load_evidence",
    "sanction_view",
    "store_evidence",
]

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
        # The case in whole, for those who may see it (P17); empty in rows written before
        # they were kept, until `projections rebuild`.
        sa.Column("complainant", sa.Text()),
        sa.Column("accused", sa.Text()),  # JSON list of persons
        sa.Column("witnesses", sa.Text()),  # JSON list of persons
        sa.Column("summary", sa.Text()),
        sa.Column("defender", ID),
        sa.Column("seed", sa.Text()),
        sa.Column("recused", sa.Text()),  # JSON list of [person, reason]
    )
)

#: The evidence each case records (its hash, name and size: the bytes are in `evidence_blob`).
case_evidence_view = read_table(
    sa.Table(
        "case_evidence_view",
        metadata,
        sa.Column("case", ID, primary_key=True),
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("added_by", sa.Text(), nullable=False),
        sa.Column("added_on", D, nullable=False),
    )
)

#: Findings proposed in each case, over every round, and who has signed them.
findings_view = read_table(
    sa.Table(
        "findings_view",
        metadata,
        sa.Column("id", ID, primary_key=True),
        sa.Column("case", ID, nullable=False),
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("proposed_by", sa.Text(), nullable=False),
        sa.Column("sanction", sa.Text(), nullable=False),
        sa.Column("signatures", sa.Text(), nullable=False),  # JSON list, in order signed
        sa.Column("final_on", D),
        sa.Column("earlier", sa.Text(), nullable=False),  # JSON list of findings ids
        sa.Column("text", sa.Text(), nullable=False),
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


def set_case(conn: Connection, case: str, sequence: int, **values: Any) -> None:
    """Change a case's row, noting the entry that did (for the inspection's other tables)."""
    _set_case(conn, case, sequence, **values)


def _set_case(conn: Connection, case: str, sequence: int, **values: Any) -> None:
    conn.execute(
        sa.update(case_view).where(case_view.c.id == case).values(last_sequence=sequence, **values)
    )


@projects(ComplaintFiled)
def _filed(conn: Connection, sequence: int, event: ComplaintFiled) -> None:
    conn.execute(
        case_view.insert(),
        dict(
            id=event.case,
            kind=event.kind,
            status=DRAWING,
            round=1,
            opened_on=iso(event.filed_on),
            commission="[]",
            evidence=0,
            last_sequence=sequence,
            complainant=event.complainant,
            accused=json.dumps(event.accused),
            witnesses=json.dumps(event.witnesses),
            summary=event.summary,
            recused="[]",
        ),
    )


@projects(CommissionDrawn)
def _drawn(conn: Connection, sequence: int, event: CommissionDrawn) -> None:
    _set_case(
        conn,
        event.case,
        sequence,
        status=OPEN,
        commission=json.dumps(event.commission),
        seed=event.seed,
        recused=json.dumps(event.recused),
    )


@projects(EvidenceAdded)
def _evidence(conn: Connection, sequence: int, event: EvidenceAdded) -> None:
    _set_case(conn, event.case, sequence, evidence=case_view.c.evidence + 1)
    conn.execute(
        case_evidence_view.insert(),
        dict(
            case=event.case,
            sequence=sequence,
            sha256=event.sha256,
            filename=event.filename,
            size=event.size,
            added_by=event.added_by,
            added_on=iso(event.added_on),
        ),
    )


@projects(DefenderNamed)
def _defender(conn: Connection, sequence: int, event: DefenderNamed) -> None:
    _set_case(conn, event.case, sequence, defender=event.defender)


@projects(FindingsProposed)
def _proposed(conn: Connection, sequence: int, event: FindingsProposed) -> None:
    _set_case(conn, event.case, sequence)
    conn.execute(
        findings_view.insert(),
        dict(
            id=event.findings,
            case=event.case,
            sequence=sequence,
            round=event.round,
            proposed_by=event.proposed_by,
            sanction=event.sanction,
            signatures=json.dumps([event.proposed_by]),
            earlier=json.dumps(event.earlier),
            text=event.text,
        ),
    )


@projects(FindingsSigned)
def _signed(conn: Connection, sequence: int, event: FindingsSigned) -> None:
    _set_case(conn, event.case, sequence, **({"status": DECIDED} if event.final else {}))
    where = findings_view.c.id == event.findings
    row = conn.execute(sa.select(findings_view).where(where)).first()
    if row is None:  # proposed before the table was kept: filled by a rebuild
        return
    signatures = list(dict.fromkeys([*json.loads(row.signatures), event.person]))
    final_on = iso(event.signed_on) if event.final else row.final_on
    conn.execute(
        sa.update(findings_view)
        .where(where)
        .values(signatures=json.dumps(signatures), final_on=final_on)
    )


@projects(CaseReopened)
def _reopened(conn: Connection, sequence: int, event: CaseReopened) -> None:
    _set_case(
        conn,
        event.case,
        sequence,
        status=DRAWING,
        round=event.round,
        commission="[]",
        seed=None,
        recused="[]",
    )


@projects(ComplaintAddressed)
def _addressed(conn: Connection, sequence: int, event: ComplaintAddressed) -> None:
    conn.execute(
        complaint_view.insert(),
        dict(
            id=event.complaint,
            official=event.official,
            addressed_by=event.by,
            addressed_on=iso(event.addressed_on),
            answer_due=iso(event.answer_due),
            neglected=False,
        ),
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


sanction_view = read_table(
    sa.Table(
        "sanction_view",
        metadata,
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("person", ID, nullable=False),
        sa.Column("case", ID, nullable=False),
        sa.Column("findings", ID, nullable=False),
        sa.Column("sanction", sa.String(32), nullable=False),
        sa.Column("effective_on", D, nullable=False),
        sa.Column("resumes_on", D),
        sa.Column("bar_until", D),
        sa.Column("offices", sa.Text(), nullable=False),  # JSON list of offices taken
        sa.Index("ix_sanction_view_person", "person"),
    )
)


@projects(SanctionTookEffect)
def _sanction_took_effect(conn: Connection, sequence: int, event: SanctionTookEffect) -> None:
    offices = [office + (f" for {member}" if member else "") for office, _, member in event.offices]
    conn.execute(
        sanction_view.insert(),
        dict(
            sequence=sequence,
            person=event.person,
            case=event.case,
            findings=event.findings,
            sanction=event.sanction,
            effective_on=iso(event.effective_on),
            resumes_on=iso(event.resumes_on),
            bar_until=iso(event.bar_until),
            offices=json.dumps(offices),
        ),
    )


@projects(TieDeclared, PersonTransferred, PersonSanctioned, ActionConsented)
def _kept_in_the_record(conn: Connection, sequence: int, event: Any) -> None:
    """Ties, organs' acts on persons and the inspection's consents are read from the record."""
