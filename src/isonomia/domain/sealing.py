"""Which ledger entries belong to an inspection case and are shown sealed (P17), and how a
sealed feed item hides its content while the chain and the Merkle proofs still verify."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
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
        "CaseKeyGranted",
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
        "GrantCaseKey",
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


# -- sealed at rest -------------------------------------------------------------------------
#
# A sealed case's confidential texts are stored encrypted (see `ledger.case_seal`): each
# text as ``sealed:v1:<field>:<base64 of nonce || ciphertext>``, under the case's content
# key, which is wrapped (HPKE, X25519) to each reader's registered sealing key. The rules
# see only the form below; they never decrypt.

#: The texts of each command that a sealed case carries encrypted (P17).
SEALED_FIELDS: Mapping[str, tuple[str, ...]] = {
    "FileComplaint": ("summary",),
    "AddEvidence": ("filename",),
    "ProposeFindings": ("text",),
    "ReopenCase": ("reason",),
    "ChallengeCommissioner": ("grounds",),
}
SEALED_PREFIX = "sealed:v1:"
#: A sealed text: its field's name, then base64 of a 12-byte nonce and at least a 16-byte tag.
SEALED_TEXT = re.compile(r"sealed:v1:([a-z_]+):([A-Za-z0-9+/]{38,}={0,2})")
#: A reader's sealing public key as the record keeps it: ``x25519:<base64 of 32 bytes>``.
SEALING_KEY_PREFIX = "x25519:"
#: Bytes of an HPKE-wrapped content key: the X25519 encapsulation (32), the key (32), a tag (16).
WRAPPED_KEY_BYTES = 80


def sealed_field(text: str) -> str | None:
    """The field a sealed text says it seals, or None when `text` is not a sealed text."""
    match = SEALED_TEXT.fullmatch(text)
    return match.group(1) if match else None


def looks_sealed(text: str) -> bool:
    """Whether `text` claims to be sealed (well formed or not)."""
    return text.startswith(SEALED_PREFIX)


def _b64(text: str) -> bytes | None:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None


def sealing_key_raw(text: str) -> bytes | None:
    """The 32 raw bytes of a sealing public key's text, or None when malformed (or all
    zero, which no one can decrypt to)."""
    if not text.startswith(SEALING_KEY_PREFIX):
        return None
    raw = _b64(text[len(SEALING_KEY_PREFIX) :])
    if raw is None or len(raw) != 32 or raw == bytes(32):
        return None
    return raw


def sealing_key_id(raw: bytes) -> str:
    """A sealing key's id: SHA-256 of its raw bytes, hex, first 32 digits (as signing keys')."""
    return hashlib.sha256(raw).hexdigest()[:32]


def wrapped_key_ok(text: str) -> bool:
    """Whether `text` is base64 of a content key wrapped by HPKE (X25519, ChaCha20-Poly1305)."""
    raw = _b64(text)
    return raw is not None and len(raw) == WRAPPED_KEY_BYTES


def parse_grant(item: str) -> tuple[str, str, str] | None:
    """``PRINCIPAL=KEY_ID:WRAPPED`` → (principal, key id, wrapped), or None when malformed."""
    principal, eq, rest = item.partition("=")
    key, colon, wrapped = rest.partition(":")
    if not (eq and colon and principal and re.fullmatch(r"[0-9a-f]{32}", key)):
        return None
    return (principal, key, wrapped) if wrapped_key_ok(wrapped) else None


# -- what a member's council may read of a case sealed at rest -----------------------------

#: The texts each case event carries that a sealed case holds encrypted (as `SEALED_FIELDS`
#: for the commands that carry them).
SEALED_EVENT_FIELDS: Mapping[str, tuple[str, ...]] = {
    "ComplaintFiled": ("summary",),
    "EvidenceAdded": ("filename",),
    "FindingsProposed": ("text",),
    "CaseReopened": ("reason",),
    "CommissionerChallenged": ("grounds",),
}
#: A commissioner recused by an upheld challenge: the reason quotes the challenge's grounds.
UPHELD_RECUSAL = re.compile(r"challenge (\S+) by (\S+) upheld: (.*)", re.DOTALL)


def upheld_recusal(challenge: str, party: str, grounds: str) -> str:
    """The recusal reason of a commissioner whose challenge was upheld (`UPHELD_RECUSAL`)."""
    return f"challenge {challenge} by {party} upheld: {grounds}"


def _sealed_as(value: Any, field: str) -> bool:
    return isinstance(value, str) and sealed_field(value) == field


def _recusals_sealed(recused: Any) -> bool:
    """Whether every recusal reason that quotes a challenge's grounds quotes them sealed."""
    if not isinstance(recused, list):
        return False
    for item in recused:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[1], str)):
            return False
        upheld = UPHELD_RECUSAL.fullmatch(item[1])
        if upheld is not None and not _sealed_as(upheld.group(3), "grounds"):
            return False
    return True


def confidential_texts_sealed(event_type: str, payload: Mapping[str, Any] | None) -> bool:
    """Whether every confidential text a case's entry carries is a sealed text of its field
    (P17): the complaint's summary, an evidence's name, the findings' reasoning, the reason
    to reopen, a challenge's grounds (also where an upheld challenge's recusal quotes them),
    in the event or in the signed command (`CommandSigned`). An entry that carries none is
    so vacuously; one whose form is not as expected is not (nothing is shown by mistake)."""
    if not isinstance(payload, Mapping):
        return False
    body: Any = payload
    fields = SEALED_EVENT_FIELDS.get(event_type, ())
    if event_type == "CommandSigned":
        body = payload.get("command")
        fields = SEALED_FIELDS.get(str(payload.get("command_type")), ())
        if not isinstance(body, Mapping):
            return False
    if not all(_sealed_as(body.get(f), f) for f in fields):
        return False
    return event_type != "CommissionDrawn" or _recusals_sealed(body.get("recused"))
