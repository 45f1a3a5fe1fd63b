"""CLI of principals and keys (P1–P4, P18): make a key, register, revoke, list."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated

import typer

from isonomia.cli.common import At, Db, On, day_of, open_federation, record, table
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.i18n import N_, _
from isonomia.cli.output import console, refusals_exit

keys_app = typer.Typer(help="Principals' keys: who may sign what (P18).", no_args_is_help=True)

#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = {"RegisterKey": "keys register", "RevokeKey": "keys revoke"}


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


@keys_app.command("register")
@refusals_exit
def keys_register(
    principal: Annotated[str, typer.Argument(help="Whose key: council:M, person:P, organ:O…")],
    public_key: Annotated[str, typer.Option(help="The public key line (ed25519:…).")],
    for_member: Annotated[
        str | None, typer.Option(help="For a delegate: the member it sits for.")
    ] = None,
    replaces: Annotated[
        str | None, typer.Option(help="A key id of the same principal it replaces.")
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(help="Who registers it (default: the body that answers for the principal)."),
    ] = None,
    at: At = None,
    db: Db = None,
) -> None:
    """Register a principal's key, by the body that answers for it (P4)."""
    from isonomia.service import BadRequest, RegisterKey, authority_for

    by = actor or authority_for(principal, for_member) or principal
    if not by:
        raise BadRequest.of(
            N_("say who registers a key for {principal} (--actor)"), principal=principal
        )
    record(
        db,
        RegisterKey,
        by,
        at,
        _("key of {principal}", principal=principal),
        principal=principal,
        public_key=public_key,
        for_member=for_member,
        replaces=replaces,
    )


@keys_app.command("revoke")
@refusals_exit
def keys_revoke(
    key_id: Annotated[str, typer.Argument(help="The key id to revoke.")],
    reason: Annotated[str, typer.Option(help="Why (lost, stolen, rotated…).")],
    actor: Annotated[
        str | None,
        typer.Option(
            help="Who revokes it: its holder or the body that registered it "
            "(default: the key's own holder)."
        ),
    ] = None,
    at: At = None,
    db: Db = None,
) -> None:
    """Revoke a key: nothing signed with it after this entry is accepted."""
    from isonomia.service import RevokeKey

    holder = actor or _holder(db, key_id)
    record(
        db,
        RevokeKey,
        holder,
        at,
        _("key {key_id} revoked", key_id=key_id),
        key_id=key_id,
        reason=reason,
    )


def _holder(db: str | None, key_id: str) -> str:
    from isonomia.service import BadRequest, queries

    holder = queries.key_holder(open_federation(db), key_id)
    if holder is None:
        raise BadRequest.of(N_("there is no key {key_id}"), key_id=key_id)
    return holder


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
    app.add_typer(keys_app, name="keys")
