"""CLI of the record (P18): verify and show the ledger, check exports, rebuild read tables."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from isonomia.cli import transparency
from isonomia.cli.common import (
    Db,
    Reader,
    open_federation,
)
from isonomia.cli.formats import Csv, Json, emit, print_json
from isonomia.cli.i18n import N_, _
from isonomia.cli.ledger_view import ENTRY_FIELDS, concerns, entry_text, ledger_table
from isonomia.cli.output import (
    UNANCHORED,
    broken,
    errors,
    plain,
    progress_bar,
    progress_steps,
    refusals_exit,
)

if TYPE_CHECKING:
    from isonomia.service import ExportCheck, ProvedPart

ledger_app = typer.Typer(help="The hash-chained ledger (P18).", no_args_is_help=True)
projections_app = typer.Typer(help="Read tables rebuilt from the ledger.", no_args_is_help=True)

#: Why `ledger show SEQ --canonical` prints a sealed entry's leaf hash, not its bytes.
SEALED_LEAF = N_(
    "entry {sequence} belongs to a case you may not see (P17): its leaf's hash, "
    "SHA-256(0x00 || leaf) in base64, instead of its bytes"
)

#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = {}


@ledger_app.command("verify")
@refusals_exit
def ledger_verify(db: Db = None) -> None:
    """Walk the hash chain, replay every entry from its signed command, check the Merkle
    tree, the stored checkpoints and snapshots; exit 1 naming the first broken entry."""
    from isonomia.service import SNAPSHOT_DIFFERS, queries, verify_record

    federation = open_federation(db)
    length = federation.ledger_length()
    titles = {
        "chain": _("verifying the chain"),
        "replay": _("replaying every signed command"),
        "tree": _("verifying the Merkle tree"),
        "snapshots": _("checking the stored snapshots"),
    }
    with progress_steps(titles, length) as step:
        report = verify_record(federation, step)
    problem = report.problem()
    if problem is not None:
        raise broken(problem)
    if report.snapshot is not None:
        raise broken(_(SNAPSHOT_DIFFERS, sequence=report.snapshot))
    assert report.replay is not None
    plain.print(
        _(
            "{chain}; {replay}; the stored Merkle tree and checkpoints match",
            chain=report.chain.describe(),
            replay=report.replay.describe(),
        ),
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    if queries.clock(federation) == "simulated":
        plain.print(_("simulated clock: dates asserted, not witnessed"), highlight=False)


def _show_one(federation: Any, sequence: int, canonical: bool, viewer: str, as_json: bool) -> None:
    """One entry in full, or its leaf bytes; sealed for a reader who may not see its case."""
    from isonomia.service import BadRequest, Transparency, queries

    found = next(federation.entries(after=sequence - 1), None)
    if found is None or found.sequence != sequence:
        raise BadRequest.of(N_("there is no ledger entry {sequence}"), sequence=sequence)
    shown = queries.inspection.entry_for(queries.inspection.readers(federation), found, viewer)
    if canonical and isinstance(shown, queries.inspection.SealedEntry):
        typer.echo(shown.leaf_hash)
        errors.print(_(SEALED_LEAF, sequence=sequence), markup=False, highlight=False)
    elif canonical:
        sys.stdout.buffer.write(Transparency(federation).leaf_bytes(sequence))
    elif as_json:
        print_json(shown)
    else:
        plain.print(entry_text(shown), soft_wrap=True)


@ledger_app.command("show")
@refusals_exit
def ledger_show(
    sequence: Annotated[
        int | None, typer.Argument(help="One entry's number: show all of it.", min=1)
    ] = None,
    after: Annotated[int, typer.Option(help="Show entries after this sequence number.")] = 0,
    member: Annotated[
        str | None, typer.Option(help="Only entries that concern this member.")
    ] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="Only entries of this event type.")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--from", help="Only entries recorded on or after this date.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Only entries recorded on or before this date.")
    ] = None,
    canonical: Annotated[
        bool, typer.Option("--canonical", help="With SEQ: print the entry's leaf bytes only.")
    ] = False,
    key: Reader = None,
    db: Db = None,
    as_json: Json = False,
    as_csv: Csv = False,
) -> None:
    """List ledger entries (sequence, time, actor, event, hash), or one entry in full; a
    case's entries are sealed for anyone but those who may see the case (P17)."""
    from isonomia.service import BadRequest, parse_day, queries, viewer_of_key

    federation = open_federation(db)
    viewer = viewer_of_key(federation, key)
    if canonical and sequence is None:
        raise BadRequest.of(N_("--canonical prints one entry: give its number"))
    if sequence is not None:
        _show_one(federation, sequence, canonical, viewer, as_json)
        return
    first, last = parse_day(since), parse_day(until)
    readers = queries.inspection.readers(federation)
    rows = [
        entry
        for entry in (
            queries.inspection.entry_for(readers, e, viewer)
            for e in federation.entries(after=after)
        )
        if (event_type is None or entry.event_type == event_type)
        and (member is None or concerns(entry, member))
        and (first is None or entry.recorded_at[:10] >= first.isoformat())
        and (last is None or entry.recorded_at[:10] <= last.isoformat())
    ]
    emit(rows, lambda: ledger_table(rows), as_json, as_csv, ENTRY_FIELDS)


LogKey = Annotated[
    str | None,
    typer.Option(
        "--log-key",
        help="The log's verifier key you pinned (name+hexid+base64), or @FILE holding it.",
    ),
]
WitnessKeys = Annotated[
    Path | None,
    typer.Option(
        "--witness-keys", help="A file of the witnesses' verifier keys you pinned, one a line."
    ),
]
RequireCosigners = Annotated[
    int | None,
    typer.Option(
        "--require-cosigners",
        min=1,
        help="Accept a checkpoint only with at least K valid cosignatures by those witnesses "
        "(default 1).",
    ),
]


@refusals_exit
def verify_export(
    file: Annotated[Path, typer.Argument(help="A member's export file.")],
    expect_head: Annotated[
        str | None,
        typer.Option(
            "--expect-head", help="The checkpoint it must be proved against: root hash or file."
        ),
    ] = None,
    log_key: LogKey = None,
    witness_keys: WitnessKeys = None,
    require_cosigners: RequireCosigners = None,
) -> None:
    """Check a member's export offline, with no database, against the keys or head you
    pinned: exit 0 when it verifies, 1 naming what does not, 2 on bad input, 3 when nothing
    you pinned anchors it."""
    from isonomia.service import verify_export_file

    check = verify_export_file(file, expect_head, log_key, witness_keys, require_cosigners)
    if not check.report.ok:
        raise broken(check.report.describe())
    if not check.anchored:
        raise broken(_(NOT_ANCHORED), code=UNANCHORED)
    plain.print(
        _(
            "{member} of {union}: {describe}; checkpoint of {size} entries, anchored by {anchors}",
            member=check.meta.get("member", "?"),
            union=check.meta.get("union_name", "?"),
            describe=check.report.describe(),
            size=check.size,
            anchors="; ".join(_anchors(check)),
        ),
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    if len(check.parts) > 1:  # entries after the co-signed checkpoint: say what proves each
        for part in check.parts:
            plain.print(_part(part), markup=False, highlight=False, soft_wrap=True)


def _part(part: ProvedPart) -> str:
    """Which checkpoint proves a part of an export, in the reader's language."""
    if part.cosigners:
        return _(
            "entries {first}–{last} against the checkpoint of {size} entries, co-signed by {names}",
            first=part.first,
            last=part.last,
            size=part.size,
            names=", ".join(part.cosigners),
        )
    return _(
        "entries {first}–{last} against the checkpoint of {size} entries, signed by the log "
        "alone, which extends the co-signed one (consistency proof checked)",
        first=part.first,
        last=part.last,
        size=part.size,
    )


#: What `verify-export` says, exiting 3, when nothing the user pinned anchors the export.
NOT_ANCHORED = N_("not anchored: the export vouches for itself")


def _anchors(check: ExportCheck) -> list[str]:
    """What anchored a verified export, in the reader's language."""
    said = []
    if check.log_key_pinned:
        said.append(
            _("the checkpoint you kept and its log key")
            if check.head == "checkpoint"
            else _("the log key you pinned")
        )
    if check.head == "root":
        said.append(_("the root you expected"))
    if check.required:
        said.append(
            _(
                "the cosignatures of {names} ({required} required)",
                names=", ".join(check.cosigners),
                required=check.required,
            )
        )
    if not check.log_key_pinned:
        said.append(
            _(
                "the log's statement of {member}'s entries checked only with the key the "
                "export carries (pin --log-key to check it)",
                member=check.meta.get("member", "?"),
            )
        )
    return said


@projections_app.command("rebuild")
@refusals_exit
def projections_rebuild(db: Db = None) -> None:
    """Rebuild the read tables from the ledger (upgrading an old schema), and say whether
    they were equal; exit 1 when they were not."""
    federation = open_federation(db)
    with progress_bar(_("replaying the ledger"), federation.ledger_length()) as advance:
        replayed, equal = federation.rebuild_projections(advance)
    if not equal:
        raise broken(
            _(
                "replayed {replayed} entries; the live tables were DIFFERENT from the ledger "
                "and are now rebuilt from it",
                replayed=replayed,
            )
        )
    plain.print(
        _(
            "replayed {replayed} entries; rebuilt tables are identical to the live ones",
            replayed=replayed,
        )
    )


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI."""
    transparency.register(ledger_app)
    app.add_typer(ledger_app, name="ledger")
    app.add_typer(projections_app, name="projections")
    app.command("verify-export")(verify_export)
