"""CLI of the transparency log (P3, P18): checkpoints, witnesses, proofs, audits, the feed.

These are subcommands of `isonomia ledger`; `check-proof` needs no database (it runs the
checks of the standalone `isonomia-verify`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from isonomia.cli.common import Db, open_federation
from isonomia.cli.i18n import _
from isonomia.cli.output import broken, json_visible, plain, refusals_exit

if TYPE_CHECKING:
    from isonomia.service import Head

KeyOption = Annotated[
    Path | None,
    typer.Option("--key", envvar="ISONOMIA_KEY", help="The signing key file (PEM)."),
]
KeyringOption = Annotated[
    Path | None,
    typer.Option("--keyring", envvar="ISONOMIA_KEYRING", help="A folder of keys."),
]
Out = Annotated[Path, typer.Option("--out", help="The file to write.")]


def _say(line: str) -> None:
    plain.print(line, markup=False, highlight=False, soft_wrap=True)


def _describe(head: Head) -> str:
    cosigners = ", ".join(head.cosigners) if head.cosigners else "nobody yet"
    return f"checkpoint of {head.size} entries, root {head.root}; co-signed by {cosigners}"


def _write(out: Path, data: bytes) -> None:
    from isonomia.service import BadRequest

    try:
        out.write_bytes(data)
    except OSError as error:
        raise BadRequest(f"cannot write {out}: {error.strerror or error}") from None


def ledger_checkpoint(key: KeyOption = None, keyring: KeyringOption = None, db: Db = None) -> None:
    """Sign the Merkle tree of the ledger as it is now with the union's log key, and keep it."""
    from isonomia.service import KeyFile, Keyring, Transparency

    federation = open_federation(db)
    folder = keyring or federation.keyring_folder()
    source = KeyFile(key) if key is not None else Keyring(folder) if folder else None
    if source is None:
        from isonomia.service import BadRequest

        raise BadRequest("give --key FILE with the union's log key (or --keyring DIR)")
    _say(_describe(Transparency(federation).make_checkpoint(source)))


def ledger_witness(
    key: KeyOption = None,
    keyring: KeyringOption = None,
    member: Annotated[
        str | None, typer.Option("--member", help="With --keyring: whose council signs.")
    ] = None,
    state: Annotated[
        Path, typer.Option("--state", help="The witness's own copy of what it co-signed.")
    ] = Path("witness-state.json"),
    db: Db = None,
) -> None:
    """Check the latest checkpoint extends the one this council co-signed last, then co-sign."""
    from isonomia.service import BadRequest, KeyFile, Keyring, Transparency

    federation = open_federation(db)
    if key is not None:
        private = KeyFile(key).key
    elif keyring is not None and member is not None:
        found = Keyring(keyring).key_for(f"council:{member}")
        if found is None:
            raise BadRequest(f"{keyring} holds no key of council:{member}")
        private = found
    else:
        raise BadRequest("give --key FILE with your council's key (or --keyring and --member)")
    head = Transparency(federation).witness(private, state)
    _say(_describe(head))


def ledger_head(
    db: Db = None,
    as_json: Annotated[bool, typer.Option("--json", help="As JSON.")] = False,
) -> None:
    """Show the latest checkpoint, who has co-signed it, and the log's verifier keys."""
    from isonomia.service import Transparency, log_verifier_keys

    federation = open_federation(db)
    head = Transparency(federation).head()
    if head is None:
        _say("no checkpoint yet: run `isonomia ledger checkpoint`")
        return
    keys = log_verifier_keys(federation)
    if as_json:
        fields = {**vars(head), "log_keys": keys}
        print(json_visible(json.dumps(fields, indent=2, ensure_ascii=False)))
        return
    _say(_describe(head))
    _say(f"made {head.made_at}; the log's verifier key: {', '.join(keys)}")
    plain.print(head.note, markup=False, highlight=False, end="")


def ledger_prove(
    sequence: Annotated[int, typer.Argument(help="The entry's number.", min=1)],
    out: Out,
    db: Db = None,
) -> None:
    """Write a C2SP tlog-proof that the entry is in the latest checkpoint."""
    from isonomia.service import Transparency

    _write(out, Transparency(open_federation(db)).prove(sequence))
    _say(f"wrote the proof of entry {sequence} to {out}")


def ledger_consistency(
    old_size: Annotated[int, typer.Argument(help="The size of the older checkpoint.", min=1)],
    new_size: Annotated[
        int | None, typer.Argument(help="The newer checkpoint's size (default: latest).")
    ] = None,
    out: Out = Path("consistency.json"),
    db: Db = None,
) -> None:
    """Write the proof that a newer checkpoint extends an older one."""
    from isonomia.service import Transparency

    _write(out, Transparency(open_federation(db)).consistency(old_size, new_size))
    _say(f"wrote the consistency proof from {old_size} to {out}")


def ledger_verifier_keys(
    log: Annotated[bool, typer.Option("--log", help="Only the log's verifier key.")] = False,
    witnesses: Annotated[
        bool, typer.Option("--witnesses", help="Only the witnesses' keys, one a line.")
    ] = False,
    db: Db = None,
    as_json: Annotated[bool, typer.Option("--json", help="As JSON.")] = False,
) -> None:
    """Print the keys a member pins to check exports and proofs: the log's verifier key
    (`--log-key`) and the members' councils' witness keys (`--witness-keys FILE`)."""
    from isonomia.service import log_verifier_keys, witness_verifier_keys

    federation = open_federation(db)
    keys, councils = log_verifier_keys(federation), witness_verifier_keys(federation)
    if as_json:
        print(json.dumps({"log_keys": keys, "witness_keys": councils}, indent=2))
        return
    if log or witnesses:
        for key in (keys if log else []) + (councils if witnesses else []):
            _say(key)
        return
    _say(_("the log's verifier key (for --log-key):"))
    for key in keys:
        _say(f"  {key}")
    _say(_("the members' councils' witness keys (a file of them for --witness-keys):"))
    for key in councils:
        _say(f"  {key}")


def ledger_check_proof(
    file: Annotated[Path, typer.Argument(help="A proof, consistency proof or checkpoint.")],
    key: Annotated[
        list[str] | None,
        typer.Option("--key", help="A trusted verifier key, or @FILE (repeatable)."),
    ] = None,
    entry: Annotated[
        Path | None, typer.Option("--entry", help="The entry's exact bytes (for a proof).")
    ] = None,
    old: Annotated[
        Path | None, typer.Option("--old", help="Your own copy of the older checkpoint.")
    ] = None,
    witness_keys: Annotated[
        Path | None,
        typer.Option("--witness-keys", help="A file of witnesses' verifier keys, one a line."),
    ] = None,
    require_cosigners: Annotated[
        int | None,
        typer.Option(
            "--require-cosigners",
            min=1,
            help="Accept a checkpoint only with at least K valid cosignatures by them.",
        ),
    ] = None,
) -> None:
    """Check a proof file offline, with no database (the checks of `isonomia-verify`)."""
    from isonomia.verify_cli import main as check_offline

    try:
        head = file.read_bytes()[:64]
    except OSError as error:
        raise broken(f"cannot read {file}: {error.strerror or error}") from None
    kind = "proof" if head.startswith(b"c2sp.org/tlog-proof@v1") else "checkpoint"
    kind = "consistency" if head.lstrip().startswith(b"{") else kind
    argv = [kind, str(file), *(a for k in key or [] for a in ("--key", k))]
    if kind == "proof":
        argv += ["--entry", str(entry)] if entry is not None else []
    if kind == "consistency" and old is not None:
        argv += ["--old", str(old)]
    argv += ["--witness-keys", str(witness_keys)] if witness_keys is not None else []
    argv += ["--require-cosigners", str(require_cosigners)] if require_cosigners else []
    sys.stdout.flush()
    code = check_offline(argv)
    if code:
        raise typer.Exit(code)


def ledger_audit(
    against: Annotated[
        Path, typer.Option("--against", help="A checkpoint kept from earlier (signed note).")
    ],
    db: Db = None,
) -> None:
    """Check the record still holds the tree a checkpoint signed; exit 1 naming the entry."""
    from isonomia.service import Transparency

    problem = Transparency(open_federation(db)).audit_against(against)
    if problem is not None:
        raise broken(problem)
    _say(f"the record still holds the tree the checkpoint in {against} signed")


def ledger_feed(
    start: Annotated[int, typer.Option("--from", help="The first entry.", min=1)] = 1,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many.", min=1)] = None,
    db: Db = None,
) -> None:
    """Print entries as JSON Lines, each checkpoint after the entry that completes it."""
    from isonomia.service import Transparency

    for item in Transparency(open_federation(db)).feed(start, limit):
        print(json_visible(json.dumps(item, ensure_ascii=False, sort_keys=True)))


SUBCOMMANDS: dict[str, Callable[..., None]] = {
    "checkpoint": ledger_checkpoint,
    "witness": ledger_witness,
    "head": ledger_head,
    "prove": ledger_prove,
    "consistency": ledger_consistency,
    "verifier-keys": ledger_verifier_keys,
    "check-proof": ledger_check_proof,
    "audit": ledger_audit,
    "feed": ledger_feed,
}


def register(ledger_app: typer.Typer) -> None:
    """Add the transparency log's commands to `isonomia ledger`."""
    for name, command in SUBCOMMANDS.items():
        ledger_app.command(name)(refusals_exit(command))
