"""Keys for a new union, signed founding decisions, and keys made on demand in a keyring.

`union_principals` lists who gets a key when a union is created: the secretariat, the
inspection, the log, each organ's presiding officer and each founding member's congress.
`provide_key` makes a missing key in a provisioning keyring and has it registered by the
body that answers for its principal, through that body's own signed command (P4): a
member's council by its congress, a delegate by its member's council, an organ's officer
or the log by the secretariat. A congress key comes only with the member's own founding or
accession decision, never on demand.
"""

from __future__ import annotations

import base64
from datetime import date

from isonomia.charter.model import Charter
from isonomia.domain import FoundingDecision, actors
from isonomia.domain.refusal import N_
from isonomia.ledger.keys import Ed25519PrivateKey, public_key_text
from isonomia.rules.principals import founding_statement
from isonomia.rules.who import registrar
from isonomia.service.errors import BadRequest
from isonomia.service.keyring import Keyring

__all__ = ["authority_for", "founding_decision", "union_principals"]


def union_principals(charter: Charter) -> list[str]:
    """Everyone who gets a key when the union is created."""
    offices = [actors.SECRETARIAT, actors.INSPECTION, actors.LOG]
    organs = [actors.organ(o.id) for o in charter.organs]
    congresses = [actors.congress(m.id) for m in charter.members]
    return [*offices, *organs, *congresses]


def authority_for(principal: str, for_member: str | None) -> str | None:
    """Who registers a key for `principal` on demand, or None: a body that registers its own
    keys (a congress, the inspection, the secretariat) gets its first one otherwise."""
    by = registrar(principal, for_member)
    return None if by is None or by == principal else by


def founding_decision(
    keyring: Keyring, union: str, member: str, decided_on: date
) -> FoundingDecision:
    """A founding member's decision, signed by its congress's key from the keyring (P1)."""
    key = keyring.key_for(actors.congress(member))
    if key is None:
        raise BadRequest.of(
            N_(
                "no key for congress:{member} in {folder}: its congress signs its own "
                "founding decision"
            ),
            member=member,
            folder=keyring.folder,
        )
    return FoundingDecision(
        member=member,
        decided_on=decided_on,
        congress_key=public_key_text(key.public_key()),
        signature=_sign(key, founding_statement(union, member, decided_on.isoformat())),
    )


def _sign(key: Ed25519PrivateKey, message: bytes) -> str:
    return base64.b64encode(key.sign(message)).decode("ascii")
