"""``isonomia-verify``: check the log's proofs and checkpoints offline.

Anyone holding a proof file, the entry it is about and the verifier keys they trust can
check it here, without the service, its database or the network::

    isonomia-verify proof FILE.tlog-proof --entry ENTRY --key VKEY [--key VKEY ...]
    isonomia-verify consistency FILE.json --key VKEY ... [--old KEPT_CHECKPOINT]
    isonomia-verify checkpoint FILE --key VKEY ...

``--key`` takes a verifier key (``name+hexid+base64``, C2SP signed-note) or ``@FILE`` for a
file of them, one per line. Each command prints one line, ``OK …`` or ``FAIL …``, and exits
0 when it verifies, 1 when it does not, 2 on bad usage or unreadable input.

This module imports only the standard library, ``cryptography`` and the pure ledger
modules, so that the verifier stays small enough to audit.
"""

from __future__ import annotations

import argparse
import base64
import sys
from collections.abc import Sequence
from pathlib import Path

from isonomia.ledger.notes import (
    COSIGNATURE_V1,
    NoteError,
    VerifierKey,
    parse_note,
    verify_checkpoint,
)
from isonomia.ledger.tlog_proof import (
    VerifiedCheckpoint,
    check_consistency_proof,
    check_inclusion_proof,
    parse_consistency_proof,
    parse_inclusion_proof,
)

__all__ = ["main"]

_OK, _FAILED, _USAGE = 0, 1, 2


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
            required=True,
            metavar="VKEY",
            help="a trusted verifier key, or @FILE with one key per line (repeatable)",
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


def _keys(values: Sequence[str]) -> list[VerifierKey]:
    texts: list[str] = []
    for value in values:
        if value.startswith("@"):
            try:
                content = _read(value[1:]).decode("utf-8")
            except UnicodeDecodeError:
                raise _UsageError(f"{value[1:]} is not UTF-8 text") from None
            texts.extend(line.strip() for line in content.splitlines() if line.strip())
        else:
            texts.append(value)
    keys = []
    for text in texts:
        try:
            keys.append(VerifierKey.parse(text))
        except NoteError as error:
            raise _UsageError(f"bad verifier key {text!r}: {error}") from None
    return keys


def _describe(verified: VerifiedCheckpoint) -> str:
    head = verified.checkpoint
    root = base64.b64encode(head.root_hash).decode()
    signers = [s.key.name for s in verified.signatures if s.key.sig_type != COSIGNATURE_V1]
    cosigners = [
        f"{s.key.name} at {s.timestamp}"
        for s in verified.signatures
        if s.key.sig_type == COSIGNATURE_V1
    ]
    text = f"{head.origin} size {head.size} root {root}; signed by {', '.join(signers)}"
    return text + (f"; cosigned by {', '.join(cosigners)}" if cosigners else "")


def _run(args: argparse.Namespace) -> str:
    """Check what ``args`` asks for; return the OK line or raise ``ValueError``."""
    keys = _keys(args.key)
    data = _read(args.file)
    if args.command == "proof":
        entry = _read(args.entry)
        proof = parse_inclusion_proof(data)
        verified = check_inclusion_proof(proof, entry, keys, args.origin)
        return f"OK entry {proof.index} is in {_describe(verified)}"
    if args.command == "consistency":
        kept = parse_note(_read(args.old)) if args.old else None
        old, new = check_consistency_proof(parse_consistency_proof(data), keys, kept)
        return f"OK size {new.checkpoint.size} extends size {old.checkpoint.size}: {_describe(new)}"
    checkpoint = verify_checkpoint(parse_note(data), keys)
    return f"OK {_describe(VerifiedCheckpoint(*checkpoint))}"


def main(argv: list[str] | None = None) -> int:
    """Run ``isonomia-verify``; return the exit status."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:  # argparse has printed usage or help
        return stop.code if isinstance(stop.code, int) else _USAGE
    try:
        print(_run(args))
    except _UsageError as error:
        print(f"isonomia-verify: error: {error}", file=sys.stderr)
        return _USAGE
    except ValueError as error:
        print(f"FAIL {error}")
        return _FAILED
    except Exception as error:  # never a traceback: the verifier's output is one line
        print(f"isonomia-verify: error: {type(error).__name__}: {error}", file=sys.stderr)
        return _USAGE
    return _OK


if __name__ == "__main__":
    sys.exit(main())
