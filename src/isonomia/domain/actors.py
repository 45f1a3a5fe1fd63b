"""Who acts: a member's own congress or council, a union organ, or the secretariat.

Actors are plain strings so that they read well in the ledger:
``congress:georgia``, ``council:georgia``, ``organ:union-council``, ``secretariat``.
"""

from __future__ import annotations

SECRETARIAT = "secretariat"
#: The independent inspection (P16).
INSPECTION = "inspection"
#: The key that signs the record's checkpoints (P18).
LOG = "log"


def congress(member_id: str) -> str:
    """The member's own authoritative congress (it alone joins or leaves: P2, P3)."""
    return f"congress:{member_id}"


def council(member_id: str) -> str:
    """The member's own council (P4)."""
    return f"council:{member_id}"


def organ(organ_id: str) -> str:
    """A union organ."""
    return f"organ:{organ_id}"


def split(actor: str) -> tuple[str, str]:
    """``congress:georgia`` → (``congress``, ``georgia``); ``secretariat`` → (it, "")."""
    kind, _, name = actor.partition(":")
    return kind, name


def person(person_id: str) -> str:
    """A person acting in their own name, e.g. a delegate casting a member's vote (P4)."""
    return f"person:{person_id}"
