"""`isonomia node`: a member's own copy of the union's record (P3, P18).

`node follow URL --db MINE` keeps the member's node in step with the union's server,
re-deriving every entry and co-signing (with `--key`) only checkpoints it re-derived (with
`--token`, the council's API token, it reads cases sealed at rest whole and replays them);
`node status` shows what it holds and any alarm; `node export` writes the member's export
from the node's own copy. See docs/nodes.md.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from isonomia.cli.i18n import _
from isonomia.cli.output import errors, fail, plain, refusals_exit

if TYPE_CHECKING:
    from types import ModuleType

    from isonomia.service import NodeReport

node_app = typer.Typer(
    help="A member's own copy of the record: follow, check, co-sign (P3, P18).",
    no_args_is_help=True,
)

NodeDb = Annotated[
    str,
    typer.Option("--db", help="The node's own database: a SQLite file or a database URL."),
]


def _service() -> ModuleType:
    """The service, imported when a command runs (so `--help` stays quick)."""
    import isonomia.service

    return isonomia.service


def _say(line: str) -> None:
    plain.print(line, markup=False, highlight=False, soft_wrap=True)


def _describe(report: NodeReport) -> str:
    accepted = report.accepted if report.accepted is not None else "none"
    cosigned = ", ".join(str(size) for size in report.cosigned) or "-"
    return _(
        "node holds {held} entries (fetched {fetched}); last accepted checkpoint: "
        "{accepted}; co-signed: {cosigned}"
    ).format(held=report.held, fetched=report.fetched, accepted=accepted, cosigned=cosigned)


CouncilKey = Annotated[
    Path | None,
    typer.Option("--key", help="Your council's key (PEM): co-sign what the node re-derived."),
]
NodeMember = Annotated[
    str | None, typer.Option("--member", help="The member this node keeps (default: --key's).")
]
Peers = Annotated[
    list[str] | None,
    typer.Option("--peer", help="Another member's node to compare notes with (repeatable)."),
]
Token = Annotated[
    str | None,
    typer.Option(
        "--token",
        envvar="ISONOMIA_TOKEN",
        help="Your council's API token (`web token create`): read cases sealed at rest whole.",
    ),
]
Interval = Annotated[float, typer.Option("--interval", help="Seconds between rounds.", min=0.1)]


@node_app.command("follow")
@refusals_exit
def node_follow(
    url: Annotated[str, typer.Argument(help="The union's server, e.g. https://union.example")],
    db: NodeDb,
    key: CouncilKey = None,
    member: NodeMember = None,
    token: Token = None,
    peer: Peers = None,
    interval: Interval = 10.0,
    once: Annotated[bool, typer.Option("--once", help="One round, then exit.")] = False,
    page: Annotated[int, typer.Option("--page", help="Entries per page.", min=1, max=1000)] = 500,
) -> None:
    """Follow the union's log: fetch, replay, check checkpoints, co-sign, compare notes."""
    service = _service()
    private = service.KeyFile(key).key if key is not None else None
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        transient=True,
        console=plain,
        disable=not plain.is_terminal,
    ) as bar:
        task = bar.add_task(_("first sync"), total=None)

        def progress(held: int, total: int | None) -> None:
            bar.update(task, completed=held, total=total)

        node = service.Node(
            db,
            url,
            key=private,
            member=member,
            token=token,
            peers=peer or (),
            page=page,
            progress=progress,
        )
        _rounds(service, node, once, interval, lambda: bar.update(task, visible=False))


def _rounds(service: ModuleType, node: Any, once: bool, interval: float, synced: Any) -> None:
    """Round after round (one with `once`): a network error is one line and the next round
    resumes; an alarm exits 4 with `once`, else is said once and the node stays up."""
    said: list[str] = []
    while True:
        try:
            report = node.sync()
        except service.Unavailable as error:
            if once:
                raise
            _say(str(error))
            time.sleep(interval)
            continue
        synced()
        if report.alarms and once:
            raise fail(report.alarms[0], report.alarms[1:], service.ALARM_EXIT)
        if report.alarms:  # long-lived: said once, kept on /node/status; nothing signed
            for line in report.alarms[len(said) :]:
                errors.print(line, markup=False, highlight=False, soft_wrap=True)
            said = report.alarms
        else:
            for notice in report.notices:
                _say(notice)
            _say(_describe(report))
            if once:
                return
        time.sleep(interval)


@node_app.command("status")
@refusals_exit
def node_status_command(
    db: NodeDb,
    union: Annotated[
        str | None, typer.Option("--union", help="The union's server, to show the lag.")
    ] = None,
) -> None:
    """What the node holds, the last checkpoint it accepted, its lag and its alarms."""
    service = _service()
    status = service.node_status(db, union)
    accepted = status.accepted
    _say(_("entries held: {held}").format(held=status.held))
    if accepted is None:
        _say(_("last accepted checkpoint: none"))
    else:
        cosigned = _("co-signed") if accepted.cosignature else _("not co-signed")
        _say(
            _("last accepted checkpoint: {size} entries, root {root}, at {at} ({cosigned})").format(
                size=accepted.size, root=accepted.root, at=accepted.accepted_at, cosigned=cosigned
            )
        )
    if status.lag is not None:
        _say(_("lag behind the union's latest checkpoint: {lag} entries").format(lag=status.lag))
    if not status.alarms:
        _say(_("alarms: none"))
        return
    for alarm in status.alarms:
        _say(f"{alarm.raised_at} {alarm.line}")
    raise typer.Exit(service.ALARM_EXIT)


@node_app.command("export")
@refusals_exit
def node_export(
    member: Annotated[str, typer.Argument(help="The member whose export to write.")],
    db: NodeDb,
    out: Annotated[Path | None, typer.Option("--out", help="The file to write.")] = None,
) -> None:
    """Write the member's export from the node's own copy, proved in a checkpoint it accepted."""
    path = out or Path(f"{member}-export.json")
    size, full = _service().node_export(db, member, path)
    _say(
        _(
            "wrote {path}: {full} entries of {member} in full, proved in the checkpoint of {size}"
        ).format(path=path, full=full, member=member, size=size)
    )


def register(app: typer.Typer) -> None:
    """Add `isonomia node` to the CLI."""
    app.add_typer(node_app, name="node")
