"""CLI of principals and keys (P1–P4, P18): make a key, register, revoke, list."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated

import typer

from isonomia.cli.common import Db, On, day_of, open_federation, table
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.generated import add_writes
from isonomia.cli.i18n import N_, _
from isonomia.cli.output import console, refusals_exit
from isonomia.cli.writes import Call, Who, Write, commands_of

keys_app = typer.Typer(help="Principals' keys: who may sign what (P18).", no_args_is_help=True)


def _registrar(call: Call) -> str:
    """The body that answers for the principal (the principal itself when none does)."""
    from isonomia.service import authority_for

    return authority_for(call["principal"], call.get("for_member")) or call["principal"]


def _holder(call: Call) -> str:
    """The key's own holder."""
    from isonomia.service import BadRequest, queries

    holder = queries.key_holder(call.federation(), call["key_id"])
    if holder is None:
        raise BadRequest.of(N_("there is no key {key_id}"), key_id=call["key_id"])
    return holder


#: The area's write commands, generated from their models (`cli/generated.py`).
WRITES = (
    Write(
        "RegisterKey",
        "keys register",
        N_("key of {principal}"),
        Who("Who registers it (default: the body that answers for the principal).", _registrar),
        help="Register a principal's key, by the body that answers for it (P4).",
        arguments=("principal",),
    ),
    Write(
        "RevokeKey",
        "keys revoke",
        N_("key {key_id} revoked"),
        Who(
            "Who revokes it: its holder or the body that registered it "
            "(default: the key's own holder).",
            _holder,
        ),
        help="Revoke a key: nothing signed with it after this entry is accepted.",
        arguments=("key_id",),
    ),
)
#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = commands_of(WRITES)


@keys_app.command("new")
@refusals_exit
def keys_new(
    out: Annotated[Path, typer.Option("--out", help="The private key file to write (0600).")],
) -> None:
    """Make a new key pair: keep the file, hand the public line to the body that registers it."""
    from isonomia.service import new_key_file

    public, kid = new_key_file(out)
    console.print(_("wrote {out} (keep it private)", out=out), markup=False, highlight=False)
    console.print(_("public key: {public}", public=public), markup=False, highlight=False)
    console.print(_("key id: {kid}", kid=kid), markup=False, highlight=False)


@keys_app.command("list")
@refusals_exit
def keys_list(on: On = None, db: Db = None, as_json: Json = False, as_csv: Csv = False) -> None:
    """The key register as of a date: every key, whose it is, and whether in force."""
    from isonomia.service import KeyRow, queries

    day = day_of(on)
    rows = queries.keys(open_federation(db), day)
    people = functools.partial(
        table,
        _("Keys on {day}", day=day),
        [
            _(c)
            for c in (N_("key id"), N_("principal"), N_("registered by"), N_("since"), N_("status"))
        ],
        [[r.key_id, r.principal, r.registered_by, r.since, r.status] for r in rows],
    )
    emit(rows, people, as_json, as_csv, field_names(KeyRow))


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI."""
    add_writes(app, {"keys": keys_app}, WRITES)
    app.add_typer(keys_app, name="keys")
