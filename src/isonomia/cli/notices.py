"""CLI of notices (P8, P14): `isonomia notices address` (a member's council says where one of
its institutions receives them), `queue` (the day's journal items and reminders into the
outbox), `send` (by SMTP and signed webhook, retrying), `status` (sent, waiting, dead)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from isonomia.cli.common import Db, On, day_of, open_federation, table
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.generated import add_writes
from isonomia.cli.i18n import N_, _
from isonomia.cli.output import plain, refusals_exit
from isonomia.cli.writes import COUNCIL, Write, commands_of

notices_app = typer.Typer(
    help="Notices to members' institutions: addresses, the outbox, sending (P8, P14).",
    no_args_is_help=True,
)

#: The area's write command, generated from its model (`cli/generated.py`).
WRITES = (
    Write(
        "RegisterNoticeAddress",
        "notices address",
        N_("{member}'s {institution} receives notices in {language}"),
        COUNCIL,
        arguments=("institution", "language"),
    ),
)
COMMANDS: dict[str, str] = commands_of(WRITES)


@notices_app.command("queue")
@refusals_exit
def queue(on: On = None, db: Db = None) -> None:
    """Queue the day's journal items and reminders for every registered address, each once."""
    from isonomia.service import notices, now

    new = notices.queue(open_federation(db), day_of(on), now())
    plain.print(_("{count} notices queued", count=new))


@notices_app.command("send")
@refusals_exit
def send(
    smtp: Annotated[
        str | None, typer.Option(help="The SMTP server emails go through, HOST:PORT.")
    ] = None,
    key: Annotated[
        Path | None, typer.Option(help="The union's log key, to sign webhooks (PEM).")
    ] = None,
    keyring: Annotated[Path | None, typer.Option(help="A folder holding log.key.")] = None,
    db: Db = None,
) -> None:
    """Send every notice that is due; a failure waits 2^n minutes, then is tried again."""
    from isonomia.service import BadRequest, KeyFile, Keyring, notices, now

    federation = open_federation(db)
    server = None
    if smtp is not None:
        host, _sep, port = smtp.rpartition(":")
        if not host or not port.isdigit():
            raise BadRequest.of(N_("--smtp is HOST:PORT, not '{smtp}'"), smtp=smtp)
        server = (host, int(port))
    folder = keyring or federation.keyring_folder()
    source = KeyFile(key) if key is not None else Keyring(folder) if folder else None
    log_key = source.key_for("log") if source is not None else None
    done = notices.deliver(federation, now(), server, log_key)
    plain.print(
        _(
            "{sent} sent, {failed} to try again, {dead} given up",
            sent=done.sent,
            failed=done.failed,
            dead=done.dead,
        )
    )


@notices_app.command("status")
@refusals_exit
def status(db: Db = None, as_json: Json = False, as_csv: Csv = False) -> None:
    """Every notice queued: sent, waiting (with its attempts and last error) or dead."""
    from isonomia.service import notices

    rows = notices.outbox(open_federation(db))

    def show() -> None:
        plain.print(
            table(
                _("Notices"),
                [_("member"), _("institution"), _("to"), _("state"), _("attempts"), _("error")],
                [
                    [
                        r.member,
                        r.institution,
                        r.target,
                        _(r.state),
                        str(r.attempts),
                        r.last_error or "",
                    ]
                    for r in rows
                ],
            )
        )

    emit(rows, show, as_json, as_csv, field_names(notices.OutboxRow))


def register(app: typer.Typer) -> None:
    """Add the notices' commands to the CLI (`isonomia notices ...`)."""
    add_writes(app, {"notices": notices_app}, WRITES)
    app.add_typer(notices_app, name="notices")
