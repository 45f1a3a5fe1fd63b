"""The automatic checkpoint (P18): every `[transparency] checkpoint_every` entries, the
service signs the tree with the log key it holds (its signer, or the keyring beside the
union's file); the server also signs one at most `checkpoint_within_seconds` after a write
(`checkpoint_timer`). Without a log key it says so once and carries on: the entries are
recorded either way."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from isonomia.domain import actors
from isonomia.ledger.chain import Entry
from isonomia.ledger.keys import key_id
from isonomia.service.errors import BadRequest
from isonomia.service.keyring import Keyring
from isonomia.service.transparency import Head, Transparency

if TYPE_CHECKING:
    from isonomia.service.federation import Federation

__all__ = ["checkpoint_if_due", "sign_checkpoint"]


_TOLD: set[tuple[str, str]] = set()
_log = logging.getLogger("isonomia.transparency")


def checkpoint_if_due(federation: Federation, entries: Sequence[Entry]) -> Head | None:
    """When ``entries`` (one command's, just recorded) cross a multiple of the charter's
    ``transparency.checkpoint_every``, sign the tree; the checkpoint, or None."""

    known = federation._cache.state.charter  # as folded by the command: no new read
    every = known.transparency.checkpoint_every if known is not None else 0
    if not entries or not every:
        return None
    if entries[-1].sequence // every == (entries[0].sequence - 1) // every:
        return None
    return sign_checkpoint(federation, entries[-1].sequence)


def sign_checkpoint(federation: Federation, size: int) -> Head | None:
    """Sign the tree with the log key the service holds (its signer, or the keyring beside
    the union's file); the checkpoint, or None, said once, when no log key is at hand.
    ``size`` is the ledger's size as the caller saw it (for the line said)."""
    state = federation.state()
    folder = federation.keyring_folder()
    sources = [federation.signer, Keyring(folder) if folder and folder.is_dir() else None]
    why = "the union's log key is not at hand"
    try:
        for source in sources:
            key = None if source is None else source.key_for(actors.LOG)
            record = None if key is None else state.keys.get(key_id(key.public_key()))
            if source is not None and record is not None and record.principal == actors.LOG:
                return Transparency(federation).make_checkpoint(source)
    except BadRequest as error:  # the entries are committed: report, do not undo
        why = str(error)
    if (federation.describe_url(), why) not in _TOLD:
        _TOLD.add((federation.describe_url(), why))
        _log.warning(
            "no checkpoint made at %s entries: %s (sign one with `isonomia ledger "
            "checkpoint --key FILE`)",
            size,
            why,
        )
    return None
