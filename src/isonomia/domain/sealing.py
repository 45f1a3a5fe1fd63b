"""Which ledger entries belong to an inspection case and are shown sealed (P17), and how a
sealed feed item hides its content while the chain and the Merkle proofs still verify."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Mapping
from typing import Any

#: Entries of a case: the public and other members see their hashes, not their content.
SEALED_EVENTS = frozenset(
    {
        "ComplaintFiled",
        "CommissionDrawn",
        "DefenderNamed",
        "EvidenceAdded",
        "FindingsProposed",
        "FindingsSigned",
        "CaseReopened",
        "ActionConsented",
        "DrawValueCommitted",
        "DrawValueRevealed",
        "DrawSeedFixed",
        "CommissionerChallenged",
        "ChallengeRuled",
        "ChallengeDecided",
        "ConniverNamed",
        "ConniverDefenderNamed",
        "ConniverSanctionsProposed",
    }
)
#: Commands whose signed envelope (`CommandSigned`) carries a case's content.
SEALED_COMMANDS = frozenset(
    {
        "FileComplaint",
        "DrawCommission",
        "NameDefender",
        "AddEvidence",
        "ProposeFindings",
        "SignFindings",
        "ReopenCase",
        "ConsentToAction",
        "CommitDrawValue",
        "RevealDrawValue",
        "ChallengeCommissioner",
        "RuleOnChallenge",
        "NameConniver",
    }
)


def is_sealed(event_type: str, payload: Mapping[str, Any] | None) -> bool:
    """Whether a ledger entry belongs to a case, and so is shown sealed (P17)."""
    if event_type == "CommandSigned":
        return (payload or {}).get("command_type") in SEALED_COMMANDS
    return event_type in SEALED_EVENTS


def case_of(event_type: str, payload: Mapping[str, Any] | None) -> str | None:
    """The case a sealed entry belongs to: its event's, or its signed command's."""
    body = (payload or {}).get("command") if event_type == "CommandSigned" else payload
    case = (body or {}).get("case") if isinstance(body, Mapping) else None
    return case if isinstance(case, str) else None


def leaf_hash(raw: bytes) -> str:
    """A leaf's hash as the Merkle tree holds it, SHA-256(0x00 || leaf), in base64."""
    return base64.b64encode(hashlib.sha256(b"\x00" + raw).digest()).decode()


#: How a feed item is shown to its reader: whole, or sealed (`seal_entry`).
Shown = Callable[[dict[str, Any]], dict[str, Any]]


def seal_entry(item: dict[str, Any]) -> dict[str, Any]:
    """A feed item of a case's entry with its content withheld: who signed it, its payload
    and its leaf's bytes give way to the leaf's hash, SHA-256(0x00 || leaf), so the chain
    and the Merkle proofs still verify; any other item unchanged (P17, P18)."""
    if not is_sealed(str(item.get("event_type")), item.get("payload")):
        return item
    raw = base64.b64decode(item["leaf"]) if item.get("leaf") else b""
    hidden = {"actor": None, "command_id": None, "payload": None, "leaf": None}
    return {**item, **hidden, "leaf_hash": leaf_hash(raw), "sealed": True}
