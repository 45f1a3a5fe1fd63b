"""CLI of sealed cases (P17): a principal registers its sealing key (derived from its signing
key, so the key file or keyring it signs with is all it needs to read); a reader who holds a
sealed case's key grants it to readers newly entitled. Texts are sealed when a command is
signed and opened by `case show --decrypt`."""

from __future__ import annotations

from typing import Annotated

import typer

from isonomia.cli.common import At, Db, moment, open_federation, record, report
from isonomia.cli.i18n import _
from isonomia.cli.output import plain, refusals_exit, visible

#: Each command of these, and the CLI path that issues it.
COMMANDS = {"RegisterSealingKey": "case sealing-key", "GrantCaseKey": "case grant"}

_ACTOR = Annotated[
    str,
    typer.Option(
        "--actor",
        help="Who acts (default: none; give the principal, e.g. person:NAME or inspection).",
    ),
]


def sealing_key(actor: _ACTOR, at: At = None, db: Db = None) -> None:
    """Register the actor's sealing key, derived from its signing key: sealed cases' keys
    are wrapped to it for the actor to read them (P17)."""
    from isonomia.cli.signing import signer_for
    from isonomia.service import sealing

    public = sealing.sealing_public_key(signer_for(open_federation(db)), actor)
    record(
        db,
        "RegisterSealingKey",
        actor,
        at,
        _("{actor} registered its sealing key", actor=actor),
        public_key=public,
    )


def grant(
    case: Annotated[str, typer.Argument()], actor: _ACTOR, at: At = None, db: Db = None
) -> None:
    """Grant a sealed case's key to every reader it entitles whose registered sealing key
    holds none (the commission drawn, a defender or a conniver named), wrapped with HPKE to
    each; only a reader who holds the key can (P17)."""
    from isonomia.cli.signing import sign_and_submit, signer_for
    from isonomia.service import sealing

    federation = open_federation(db)
    command = sealing.grant_command(
        federation.state(), case, actor, signer_for(federation), moment(at)
    )
    if command is None:
        plain.print(visible(_("every reader of {case} holds its key", case=case)))
        return
    outcome = sign_and_submit(federation, command)
    report(outcome, _("key of {case} granted to {readers}", case=case, readers=len(command.keys)))


def register(case_app: typer.Typer) -> None:
    case_app.command("sealing-key")(refusals_exit(sealing_key))
    case_app.command("grant")(refusals_exit(grant))


__all__ = ["COMMANDS", "register"]
