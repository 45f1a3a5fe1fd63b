"""Queries over the inspection's work (P16, P17), each for a `viewer`: the principal who
reads, proved by a key the register knows, or ``public``.

A case is shown whole only to its commission, its parties (complainant and accused), its
defender and the inspection; anyone else is refused, and lists show them only each case's
number and status. Evidence files are read and kept by their SHA-256, beside the ledger.
The ledger's entries of a case are shown to anyone else sealed: their hashes and their
leaf's hash, so the chain and the proofs still verify, but no signer, payload or bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from isonomia.domain import FederationState
from isonomia.domain.inspection_book import Case, case_of, is_sealed, leaf_hash, seal_entry
from isonomia.domain.refusal import N_, Refusal
from isonomia.ledger.chain import Entry, canonical_entry
from isonomia.rules.capacity import proves_in_own_name
from isonomia.rules.inspection import may_see
from isonomia.service.errors import BadRequest, Refused
from isonomia.service.federation import Federation
from isonomia.service.keyring import KeyFile
from isonomia.store.projections.inspection import (
    case_view,
    complaint_view,
    load_evidence,
    store_evidence,
)

__all__ = [
    "PUBLIC",
    "CaseDetail",
    "CaseRow",
    "ComplaintRow",
    "SealedEntry",
    "case_detail",
    "cases",
    "complaints",
    "entry_for",
    "evidence_bytes",
    "feed_sealer",
    "keep_evidence",
    "sealed_for",
    "viewer_of_key",
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


@dataclass(frozen=True)
class ComplaintRow:
    id: str
    official: str
    addressed_by: str
    addressed_on: str
    answer_due: str
    status: str  # awaiting answer, answered on DATE, neglected


def viewer_of_key(federation: Federation, key_file: str | Path | None) -> str:
    """The principal whose registered, unrevoked key is in `key_file`; ``public`` without
    one. A key the register does not know proves nothing and is refused."""
    if key_file is None:
        return PUBLIC

    key_id = KeyFile(key_file).key_id
    state = federation.state()
    record = state.keys.get(key_id)
    if record is None or not record.valid():
        raise BadRequest.of(
            N_("key {key_id} is not in the key register: it proves no reader"), key_id=key_id
        )
    if not proves_in_own_name(state, record):
        raise BadRequest.of(
            N_(
                "key {key_id} was registered by {member}'s council for {principal}, who answers "
                "to another member: it proves no reader (P4)"
            ),
            key_id=key_id,
            member=record.for_member,
            principal=record.principal,
        )
    return record.principal


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


def cases(federation: Federation, viewer: str) -> list[CaseRow]:
    """Every case; whole for those who may see it, number and status for anyone else."""
    state = federation.state()
    with federation.db.reading() as conn:
        rows = conn.execute(sa.select(case_view).order_by(case_view.c.id)).all()
    result = []
    for r in rows:
        if may_see(state, r.id, viewer):
            case = state.inspection.cases[r.id]
            result.append(
                CaseRow(r.id, r.status, r.kind, r.opened_on, r.round, list(case.commission))
            )
        else:
            result.append(CaseRow(r.id, r.status))
    return result


def _case(federation: Federation, case_id: str, viewer: str) -> Case:
    state = federation.state()
    case = state.inspection.cases.get(case_id)
    if case is None:
        raise Refused(Refusal.of("P17", N_("there is no case {case}"), case=case_id))
    if not may_see(state, case_id, viewer):
        raise _refuse(case_id, viewer)
    return case


def case_detail(federation: Federation, case_id: str, viewer: str) -> CaseDetail:
    """The whole case, for a reader who may see it; refused (P17) to anyone else."""
    case = _case(federation, case_id, viewer)
    book = federation.state().inspection
    findings = [book.findings[f] for f in case.findings]
    return CaseDetail(
        row=CaseRow(
            case.id,
            case.status,
            case.kind,
            case.opened_on.isoformat(),
            case.round,
            list(case.commission),
        ),
        complainant=case.complainant,
        accused=list(case.accused),
        witnesses=list(case.witnesses),
        summary=case.summary,
        defender=case.defender,
        seed=case.seed,
        recused=[[p, r] for p, r in case.recused],
        evidence=[
            [e.sha256, e.filename, str(e.size), e.added_by, e.added_on.isoformat()]
            for e in case.evidence
        ],
        findings=[
            [
                f.id,
                str(f.round),
                f.proposed_by,
                f.sanction,
                ", ".join(f.signatures),
                f.final_on.isoformat() if f.final_on else "",
                ", ".join(f.earlier),
                f.text,
            ]
            for f in findings
        ],
    )


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
    case = federation.state().inspection.cases.get(case_id)
    if case is None or all(e.sha256 != digest for e in case.evidence):
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
    case = _case(federation, case_id, viewer)
    if all(e.sha256 != sha256 for e in case.evidence):
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


@dataclass(frozen=True)
class SealedEntry:
    """A case's entry as one who may not see the case reads it (P17): where it stands in
    the chain, its hashes and its leaf's hash (so proofs verify), and nothing of its content."""

    sequence: int
    recorded_at: str
    event_type: str
    schema_version: int
    prev_hash: str
    hash: str
    leaf_hash: str
    actor: None = None
    command_id: None = None
    payload: None = None
    sealed: bool = True


def sealed_for(state: FederationState, event_type: str, payload: Any, viewer: str) -> bool:
    """Whether an entry belongs to a case `viewer` may not see, and so is shown sealed."""
    if not is_sealed(event_type, payload):
        return False
    case = case_of(event_type, payload)
    return case is None or not may_see(state, case, viewer)


def entry_for(state: FederationState, entry: Entry, viewer: str) -> Entry | SealedEntry:
    """The entry whole, or sealed when it belongs to a case `viewer` may not see (P17)."""
    if not sealed_for(state, entry.event_type, entry.payload, viewer):
        return entry
    return SealedEntry(
        entry.sequence,
        entry.recorded_at,
        entry.event_type,
        entry.schema_version,
        entry.prev_hash,
        entry.hash,
        leaf_hash(canonical_entry(entry.sequence, entry.content())),
    )


def feed_sealer(state: FederationState, viewer: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """How the feed shows an item to `viewer`: whole, or sealed when it belongs to a case
    `viewer` may not see (P17)."""

    def shown(item: dict[str, Any]) -> dict[str, Any]:
        event_type, payload = str(item.get("event_type")), item.get("payload")
        return seal_entry(item) if sealed_for(state, event_type, payload, viewer) else item

    return shown
