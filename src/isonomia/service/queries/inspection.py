"""Queries over the inspection's work (P16, P17), each for a `viewer`: the principal who
reads, proved by a key the register knows, or ``public``.

A case is shown whole only to its commission, its parties (complainant and accused), its
defender and the inspection; anyone else is refused, and lists show them only each case's
number and status. Evidence files are read and kept by their SHA-256, beside the ledger.
The ledger's entries of a case are shown to anyone else sealed (`case_entries`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain.inspection_book import case_viewers
from isonomia.domain.refusal import N_, Refusal
from isonomia.service.errors import BadRequest, Refused
from isonomia.service.federation import Federation
from isonomia.service.queries.case_entries import (
    Readers,
    SealedEntry,
    entry_for,
    feed_sealer,
    feed_shown,
    sealed_for,
)
from isonomia.store.projections.connivance import conniver_view
from isonomia.store.projections.inspection import (
    case_evidence_view,
    case_view,
    complaint_view,
    findings_view,
    load_evidence,
    store_evidence,
)
from isonomia.store.projections.inspection_lot import challenge_view, draw_commitment_view

__all__ = [
    "PUBLIC",
    "CaseDetail",
    "CaseRow",
    "ComplaintRow",
    "Readers",
    "SealedEntry",
    "case_detail",
    "cases",
    "complaints",
    "entry_for",
    "evidence_bytes",
    "feed_sealer",
    "feed_shown",
    "keep_evidence",
    "readers",
    "sealed_for",
]

#: The reader who proves no identity.
PUBLIC = "public"


@dataclass(frozen=True)
class CaseRow:
    id: str
    status: str
    #: Empty for a reader who may not see the case.
    kind: str | None = None
    opened_on: str | None = None
    round: int | None = None
    commission: list[str] | None = None


@dataclass(frozen=True)
class CaseDetail:
    row: CaseRow
    complainant: str
    accused: list[str]
    witnesses: list[str]
    summary: str
    defender: str | None
    seed: str | None
    recused: list[list[str]]
    #: [sha256, filename, size, added_by, added_on]
    evidence: list[list[str]]
    #: [id, round, proposed_by, sanction, signatures, final_on, earlier, text]
    findings: list[list[str]]
    #: The current round's draw: [principal, committed_on, revealed_on or "", "silent" or ""].
    draw: list[list[str]] = field(default_factory=list)
    #: [challenge, round, party, person, grounds, challenged_on, rulings, outcome]: the
    #: rulings as "person: upheld|rejected", the outcome "upheld", "rejected" or "pending".
    challenges: list[list[str]] = field(default_factory=list)
    #: [person, evidence, named_by, named_on, defender or "", sanctions]: the evidence as
    #: SHA-256 prefixes, the sanctions as "findings: sanction" (P17).
    connivers: list[list[str]] = field(default_factory=list)


@dataclass(frozen=True)
class ComplaintRow:
    id: str
    official: str
    addressed_by: str
    addressed_on: str
    answer_due: str
    status: str  # awaiting answer, answered on DATE, neglected


def _refuse(case: str, viewer: str) -> Refused:
    return Refused(
        Refusal.of(
            "P17",
            N_(
                "case {case} is seen only by its commission, its parties, its defender and the "
                "inspection; {viewer} is none of them"
            ),
            case=case,
            viewer=viewer,
        )
    )


def _viewers(row: Any, connivers: Mapping[str, list[Any]]) -> frozenset[str]:
    named = connivers.get(str(row.id), [])
    return case_viewers(
        str(row.complainant or ""),
        [*json.loads(row.accused or "[]"), *(c.person for c in named)],
        json.loads(row.commission),
        row.defender,
        [c.defender for c in named if c.defender],
    )


def _connivers(conn: Connection, case_id: str | None = None) -> dict[str, list[Any]]:
    """Each case's named connivers, in the order named (of one case, or of every case)."""
    c = conniver_view.c
    query = sa.select(conniver_view).order_by(c.sequence)
    if case_id is not None:
        query = query.where(c.case == case_id)
    found: dict[str, list[Any]] = {}
    for row in conn.execute(query):
        found.setdefault(str(row.case), []).append(row)
    return found


def readers(federation: Federation) -> Readers:
    """Who sees each case whole (P17): its commission, its parties (named connivers too),
    their defenders and the inspection."""
    with federation.db.reading() as conn:
        connivers = _connivers(conn)
        return {str(r.id): _viewers(r, connivers) for r in conn.execute(sa.select(case_view))}


def cases(federation: Federation, viewer: str) -> list[CaseRow]:
    """Every case; whole for those who may see it, number and status for anyone else."""
    with federation.db.reading() as conn:
        rows = conn.execute(sa.select(case_view).order_by(case_view.c.id)).all()
        connivers = _connivers(conn)
    result = []
    for r in rows:
        if viewer in _viewers(r, connivers):
            commission = json.loads(r.commission)
            result.append(CaseRow(r.id, r.status, r.kind, r.opened_on, r.round, commission))
        else:
            result.append(CaseRow(r.id, r.status))
    return result


def _case(conn: Connection, case_id: str, viewer: str) -> Any:
    """The case's row, for a reader who may see it; refused (P17) to anyone else."""
    case = conn.execute(sa.select(case_view).where(case_view.c.id == case_id)).first()
    if case is None:
        raise Refused(Refusal.of("P17", N_("there is no case {case}"), case=case_id))
    if viewer not in _viewers(case, _connivers(conn, case_id)):
        raise _refuse(case_id, viewer)
    return case


def _evidence(conn: Connection, case_id: str) -> list[Any]:
    e = case_evidence_view.c
    return list(
        conn.execute(sa.select(case_evidence_view).where(e.case == case_id).order_by(e.sequence))
    )


def case_detail(federation: Federation, case_id: str, viewer: str) -> CaseDetail:
    """The whole case, for a reader who may see it; refused (P17) to anyone else."""
    f = findings_view.c
    with federation.db.reading() as conn:
        case = _case(conn, case_id, viewer)
        evidence = _evidence(conn, case_id)
        findings = conn.execute(
            sa.select(findings_view).where(f.case == case_id).order_by(f.sequence)
        ).all()
        draw, challenges = _draw_and_challenges(conn, case_id, case.round)
        connivers = _connivers(conn, case_id).get(case_id, [])
    return CaseDetail(
        row=CaseRow(
            case.id,
            case.status,
            case.kind,
            case.opened_on,
            case.round,
            json.loads(case.commission),
        ),
        complainant=str(case.complainant or ""),
        accused=json.loads(case.accused or "[]"),
        witnesses=json.loads(case.witnesses or "[]"),
        summary=str(case.summary or ""),
        defender=case.defender,
        seed=case.seed,
        recused=[[p, r] for p, r in json.loads(case.recused or "[]")],
        evidence=[
            [e.sha256, e.filename, str(e.size), e.added_by, str(e.added_on)] for e in evidence
        ],
        findings=[
            [
                f.id,
                str(f.round),
                f.proposed_by,
                f.sanction,
                ", ".join(json.loads(f.signatures)),
                str(f.final_on or ""),
                ", ".join(json.loads(f.earlier)),
                f.text,
            ]
            for f in findings
        ],
        draw=draw,
        challenges=challenges,
        connivers=[
            [
                c.person,
                ", ".join(e[:12] for e in json.loads(c.evidence)),
                c.named_by,
                str(c.named_on),
                c.defender or "",
                ", ".join(f"{f}: {s}" for f, s in json.loads(c.sanctions)),
            ]
            for c in connivers
        ],
    )


def _draw_and_challenges(
    conn: Connection, case_id: str, round_: int
) -> tuple[list[list[str]], list[list[str]]]:
    d, c = draw_commitment_view.c, challenge_view.c
    commitments = conn.execute(
        sa.select(draw_commitment_view)
        .where(d.case == case_id, d.round == round_)
        .order_by(d.principal)
    ).all()
    challenged = conn.execute(
        sa.select(challenge_view).where(c.case == case_id).order_by(c.challenged_on, c.challenge)
    ).all()
    draw = [
        [r.principal, str(r.committed_on), str(r.revealed_on or ""), "silent" if r.silent else ""]
        for r in commitments
    ]
    outcome = {True: "upheld", False: "rejected", None: "pending"}
    challenges = [
        [
            r.challenge,
            str(r.round),
            r.party,
            r.person,
            r.grounds,
            str(r.challenged_on),
            ", ".join(f"{p}: {'upheld' if u else 'rejected'}" for p, u in json.loads(r.rulings)),
            outcome[None if r.upheld is None else bool(r.upheld)],
        ]
        for r in challenged
    ]
    return draw, challenges


def complaints(federation: Federation) -> list[ComplaintRow]:
    """Complaints addressed to officials, and whether each was answered in time."""
    with federation.db.reading() as conn:
        rows = conn.execute(sa.select(complaint_view).order_by(complaint_view.c.id)).all()
    return [
        ComplaintRow(
            r.id,
            r.official,
            r.addressed_by,
            r.addressed_on,
            r.answer_due,
            "neglected"
            if r.neglected
            else (f"answered on {r.answered_on}" if r.answered_on else "awaiting answer"),
        )
        for r in rows
    ]


def keep_evidence(federation: Federation, case_id: str, data: bytes) -> str:
    """Keep a file's bytes beside the ledger once the case records its hash; returns it."""
    digest = hashlib.sha256(data).hexdigest()
    e = case_evidence_view.c
    query = sa.select(e.sha256).where(e.case == case_id, e.sha256 == digest)
    with federation.db.reading() as conn:
        recorded = conn.execute(query).first()
    if recorded is None:
        raise Refused(
            Refusal.of(
                "P17",
                N_("case {case} records no evidence {evidence}…"),
                case=case_id,
                evidence=digest[:12],
            )
        )
    with federation.db.writing() as conn:
        store_evidence(conn, digest, data)
    return digest


def evidence_bytes(federation: Federation, case_id: str, sha256: str, viewer: str) -> bytes:
    """An evidence file of a case, for a reader who may see the case (P17)."""
    with federation.db.reading() as conn:
        _case(conn, case_id, viewer)
        evidence = _evidence(conn, case_id)
    if all(e.sha256 != sha256 for e in evidence):
        raise Refused(
            Refusal.of(
                "P17",
                N_("case {case} records no evidence {evidence}…"),
                case=case_id,
                evidence=sha256[:12],
            )
        )
    with federation.db.reading() as conn:
        data = load_evidence(conn, sha256)
    if data is None or hashlib.sha256(data).hexdigest() != sha256:
        raise BadRequest.of(
            N_("evidence {evidence}… is recorded but its file is not kept here"),
            evidence=sha256[:12],
        )
    return data
