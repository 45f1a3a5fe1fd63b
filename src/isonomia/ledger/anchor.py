"""What a verifier trusts: keys and heads its user pins, never what a file carries (P18).

A proof or an export carries a checkpoint signed by *some* key; anyone can make one with a
key of their own. It proves something only against an anchor its reader chose beforehand:

- the log's verifier key (a checkpoint must be signed by it), and/or
- members' witness keys with a number ``cosigners``: a checkpoint must carry at least that
  many valid cosignatures (c2sp.org/tlog-cosignature, cosignature/v1) by keys in the list.

Signed-note rules hold throughout (``notes.verify_note``): signatures by keys not pinned
are ignored, and a signature by a pinned key that does not verify rejects the note. With
witnesses and no log key, the log's own signature is left unchecked: the witnesses vouch
for the checkpoint they co-signed, which each checked against the log before signing.

A file of verifier keys holds one key a line (``name+hexid+base64``); blank lines and
lines starting with ``#`` are skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from isonomia.ledger.notes import (
    COSIGNATURE_V1,
    ED25519,
    Checkpoint,
    Note,
    NoteError,
    NoteVerificationError,
    VerifiedSignature,
    VerifierKey,
    parse_checkpoint,
    verify_note,
)

__all__ = ["Anchor", "read_verifier_keys", "verify_cosigned"]


def read_verifier_keys(text: str) -> list[VerifierKey]:
    """The verifier keys of a keys file; raises ``NoteError`` naming the first bad line."""
    keys = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            keys.append(VerifierKey.parse(line))
        except NoteError as error:
            raise NoteError(f"line {number}: {error}") from None
    return keys


@dataclass(frozen=True)
class Anchor:
    """The keys a verifier's user pinned: the log's, and witnesses' with how many of them
    must have co-signed a checkpoint for it to be accepted."""

    log_keys: tuple[VerifierKey, ...] = ()
    witnesses: tuple[VerifierKey, ...] = ()
    cosigners: int = 0

    def __post_init__(self) -> None:
        if any(key.sig_type != ED25519 for key in self.log_keys):
            raise NoteError("a log key is an Ed25519 signed-note key (type 0x01)")
        if any(key.sig_type != COSIGNATURE_V1 for key in self.witnesses):
            raise NoteError("a witness key is a cosignature/v1 key (type 0x04)")
        if not 0 <= self.cosigners <= len(self.witnesses):
            raise NoteError(
                f"{self.cosigners} cosignatures cannot be required of "
                f"{len(self.witnesses)} witness keys"
            )

    @classmethod
    def of_keys(cls, keys: Sequence[VerifierKey], cosigners: int = 0) -> Anchor:
        """An anchor from a mixed list of keys, sorted by their type."""
        return cls(
            tuple(k for k in keys if k.sig_type == ED25519),
            tuple(k for k in keys if k.sig_type == COSIGNATURE_V1),
            cosigners,
        )

    @property
    def anchored(self) -> bool:
        """Whether anything is pinned that a checkpoint must answer to."""
        return bool(self.log_keys) or self.cosigners > 0

    def verify(self, note: Note) -> tuple[Checkpoint, tuple[VerifiedSignature, ...]]:
        """``verify_cosigned`` against this anchor."""
        return verify_cosigned(note, self.log_keys, self.witnesses, self.cosigners)


def verify_cosigned(
    note: Note,
    log_keys: Sequence[VerifierKey],
    witnesses: Sequence[VerifierKey] = (),
    cosigners: int = 0,
) -> tuple[Checkpoint, tuple[VerifiedSignature, ...]]:
    """Parse ``note`` as a checkpoint and check it: signed by one of ``log_keys`` (unless
    none is given and ``cosigners`` witnesses are required instead), and carrying at least
    ``cosigners`` valid cosignatures by ``witnesses``. Returns the checkpoint and the
    pinned keys whose signatures verified; raises ``NoteError`` or
    ``NoteVerificationError`` saying why not."""
    checkpoint = parse_checkpoint(note.text)
    verified = verify_note(note, [*log_keys, *witnesses])
    if (log_keys or not cosigners) and not any(v.key.sig_type == ED25519 for v in verified):
        raise NoteVerificationError("the checkpoint is not signed by a known log key")
    count = sum(1 for v in verified if v.key.sig_type == COSIGNATURE_V1)
    if count < cosigners:
        raise NoteVerificationError(
            f"the checkpoint is co-signed by {count} of the trusted witnesses; "
            f"at least {cosigners} required"
        )
    return checkpoint, verified
