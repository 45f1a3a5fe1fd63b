"""``isonomia-verify``: check the log's proofs and checkpoints offline.

Anyone holding a proof file, the entry it is about and the verifier keys they trust can
check it here, without the service, its database or the network::

    isonomia-verify proof FILE.tlog-proof --entry ENTRY --key VKEY [--key VKEY ...]
    isonomia-verify consistency FILE.json --key VKEY ... [--old KEPT_CHECKPOINT]
    isonomia-verify checkpoint FILE --key VKEY ...

The keys are the user's pins, never the file's: ``--key`` takes a verifier key
(``name+hexid+base64``, C2SP signed-note) or ``@FILE`` for a file of them, one per line: the
log's key (a checkpoint must be signed by it), and any witness key (cosignature/v1) whose
cosignature, if present, must verify. ``--witness-keys FILE`` lists members' witness keys,
one per line, and ``--require-cosigners K`` (1 by default with ``--witness-keys``) accepts a
checkpoint only with at least K valid cosignatures by the witness keys given.

Each command prints one line, ``OK …``, ``FAIL …`` or, with neither a key nor witnesses
required, ``not anchored: the … vouches for itself``, and exits 0 when it verifies, 1 when
it does not, 2 on bad usage or unreadable input, 3 when nothing pinned anchors it. Entries
are numbered as the ledger numbers them, from 1: leaf index ``i`` of the tree is entry
``i + 1``.

This module imports only the standard library, ``cryptography`` and the pure ledger
modules, so that the verifier stays small enough to audit.
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from isonomia.ledger.anchor import Anchor, read_verifier_keys
from isonomia.ledger.notes import (
    COSIGNATURE_V1,
    ED25519,
    NoteError,
    VerifierKey,
    parse_checkpoint,
    parse_note,
)
from isonomia.ledger.tlog_proof import (
    InclusionProof,
    VerifiedCheckpoint,
    check_consistency_proof,
    check_inclusion_proof,
    parse_consistency_proof,
    parse_inclusion_proof,
)

__all__ = ["main"]

_OK, _FAILED, _USAGE, _UNANCHORED = 0, 1, 2, 3
#: What each command checks, as its "not anchored" line names it.
_WHAT = {"proof": "proof", "consistency": "consistency proof", "checkpoint": "checkpoint"}


class _UsageError(Exception):
    """Bad arguments or unreadable input: exit 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="isonomia-verify",
        description="Check transparency-log proofs and checkpoints offline.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str, file_help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("file", metavar="FILE", help=file_help)
        sub.add_argument(
            "--key",
            action="append",
            default=[],
            metavar="VKEY",
            help="a trusted verifier key, or @FILE with one key per line (repeatable)",
        )
        sub.add_argument(
            "--witness-keys",
            metavar="FILE",
            help="members' witness verifier keys (cosignature/v1), one per line",
        )
        sub.add_argument(
            "--require-cosigners",
            type=int,
            metavar="K",
            help="accept a checkpoint only with at least K valid cosignatures by the witness "
            "keys given (default 1 with --witness-keys)",
        )
        return sub

    proof = command("proof", "check that an entry is in the log", "a c2sp.org/tlog-proof@v1 file")
    proof.add_argument("--entry", required=True, help="file holding the entry's exact bytes")
    proof.add_argument("--origin", help="require the checkpoint to be from this log")
    consistency = command(
        "consistency",
        "check that a newer checkpoint extends an older one",
        "an isonomia/tlog-consistency@v1 file",
    )
    consistency.add_argument("--old", help="your own copy of the older checkpoint")
    command("checkpoint", "check a checkpoint's signatures", "a signed checkpoint")
    return parser


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise _UsageError(f"cannot read {path}: {error.strerror or error}") from None


def _text(path: str) -> str:
    try:
        return _read(path).decode("utf-8")
    except UnicodeDecodeError:
        raise _UsageError(f"{path} is not UTF-8 text") from None


def _keys(values: Sequence[str]) -> list[VerifierKey]:
    keys = []
    for value in values:
        try:
            keys.extend(
                read_verifier_keys(_text(value[1:]))
                if value.startswith("@")
                else [VerifierKey.parse(value)]
            )
        except NoteError as error:
            raise _UsageError(f"bad verifier key {value!r}: {error}") from None
    return keys


def _anchor(args: argparse.Namespace) -> Anchor:
    """The user's pins: ``--key`` keys, ``--witness-keys`` and ``--require-cosigners``."""
    keys = _keys(args.key)
    if args.witness_keys is not None:
        try:
            witnesses = read_verifier_keys(_text(args.witness_keys))
        except NoteError as error:
            raise _UsageError(f"bad witness key in {args.witness_keys}: {error}") from None
        if not witnesses or any(k.sig_type != COSIGNATURE_V1 for k in witnesses):
            raise _UsageError(f"{args.witness_keys} must list witness (cosignature/v1) keys")
        keys += [k for k in witnesses if k not in keys]
    required = args.require_cosigners
    if required is None:
        required = 1 if args.witness_keys is not None else 0
    try:
        return Anchor.of_keys(keys, required)
    except NoteError as error:
        raise _UsageError(f"--require-cosigners {required}: {error}") from None


def _describe(verified: VerifiedCheckpoint) -> str:
    head = verified.checkpoint
    root = base64.b64encode(head.root_hash).decode()
    signers = [s.key.name for s in verified.signatures if s.key.sig_type == ED25519]
    cosigners = [
        f"{s.key.name} at {s.timestamp}"
        for s in verified.signatures
        if s.key.sig_type == COSIGNATURE_V1
    ]
    signed = f"signed by {', '.join(signers)}" if signers else "log signature not checked"
    text = f"{head.origin} size {head.size} root {root}; {signed}"
    return text + (f"; cosigned by {', '.join(cosigners)}" if cosigners else "")


def _entry_number(proof: InclusionProof, entry: bytes) -> int:
    """The ledger's number of the proof's entry: leaf index + 1, as the entry's own bytes
    say when they are a ledger entry (its canonical JSON names its sequence)."""
    number = proof.index + 1
    try:
        said = json.loads(entry.decode("utf-8"))
    except ValueError:
        return number
    sequence = said.get("sequence") if isinstance(said, dict) else None
    if isinstance(sequence, int) and sequence != number:
        raise ValueError(
            f"the entry's bytes say it is entry {sequence}, but the proof is for entry "
            f"{number} (leaf index {proof.index})"
        )
    return number


def _unanchored(args: argparse.Namespace, data: bytes) -> str:
    """The line for a file checked against no pin: it is parsed, and vouches for itself."""
    if args.command == "proof":
        parse_checkpoint(parse_inclusion_proof(data).checkpoint.text)
    elif args.command == "consistency":
        parse_consistency_proof(data)
    else:
        parse_checkpoint(parse_note(data).text)
    return f"not anchored: the {_WHAT[args.command]} vouches for itself"


def _run(args: argparse.Namespace) -> tuple[int, str]:
    """Check what ``args`` asks for; the exit status and its line, or raise ``ValueError``."""
    anchor = _anchor(args)
    data = _read(args.file)
    keys, required = [*anchor.log_keys, *anchor.witnesses], anchor.cosigners
    if args.command == "proof":
        entry = _read(args.entry)
        if not anchor.anchored:
            return _UNANCHORED, _unanchored(args, data)
        proof = parse_inclusion_proof(data)
        number = _entry_number(proof, entry)
        try:
            verified = check_inclusion_proof(proof, entry, keys, args.origin, required)
        except ValueError as error:
            raise ValueError(f"entry {number}: {error}") from None
        return _OK, f"OK entry {number} is in {_describe(verified)}"
    if not anchor.anchored:
        return _UNANCHORED, _unanchored(args, data)
    if args.command == "consistency":
        kept = parse_note(_read(args.old)) if args.old else None
        old, new = check_consistency_proof(parse_consistency_proof(data), keys, kept, required)
        return _OK, f"OK size {new.checkpoint.size} extends size {old.checkpoint.size}: " + (
            _describe(new)
        )
    checkpoint = anchor.verify(parse_note(data))
    return _OK, f"OK {_describe(VerifiedCheckpoint(*checkpoint))}"


def main(argv: list[str] | None = None) -> int:
    """Run ``isonomia-verify``; return the exit status."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:  # argparse has printed usage or help
        return stop.code if isinstance(stop.code, int) else _USAGE
    try:
        status, line = _run(args)
        print(line)
    except _UsageError as error:
        print(f"isonomia-verify: error: {error}", file=sys.stderr)
        return _USAGE
    except ValueError as error:
        print(f"FAIL {error}")
        return _FAILED
    except Exception as error:  # never a traceback: the verifier's output is one line
        print(f"isonomia-verify: error: {type(error).__name__}: {error}", file=sys.stderr)
        return _USAGE
    return status


if __name__ == "__main__":
    sys.exit(main())
