"""CLI of ballots (issue 24, P4): `election ballot` casts an open ballot, or, in an election
the charter holds by secret ballot, commits to it and keeps the ballot and its nonce next
to the elector's key (mode 0600); `election reveal` reveals that kept ballot once the
ballot period is over."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from isonomia.cli.common import At, Db, actors, moment, names, open_federation, report
from isonomia.cli.i18n import _
from isonomia.cli.output import plain, refusals_exit
from isonomia.cli.signing import SIGNING, Signing, sign_and_submit

if TYPE_CHECKING:
    from isonomia.service import Federation, Recorded

__all__ = ["BALLOT_COMMANDS", "add_ballot_commands"]

#: The commands these CLI commands issue, and their paths.
BALLOT_COMMANDS = {
    "CastBallot": "election ballot",
    "CommitBallot": "election ballot",
    "RevealBallot": "election reveal",
}

Elector = Annotated[
    str,
    typer.Option(
        "--as", help="The elector signing the ballot (default: none; give the person's id)."
    ),
]


def _submit(
    federation: Federation, kind: str, principal: str, at: str | None, **fields: object
) -> Recorded:
    from isonomia.service import COMMAND_TYPES, make, new_command_id

    command = make(
        COMMAND_TYPES[kind], command_id=new_command_id(), actor=principal, at=moment(at), **fields
    )
    return sign_and_submit(federation, command)


def _secret_path(federation: Federation, election: str, person: str) -> Path:
    from isonomia.service import ballot_secret_path

    signing = SIGNING.get() or Signing()
    folder = signing.keyring or federation.keyring_folder()
    return ballot_secret_path(signing.key, folder, election, person)


def _commit_secret(
    federation: Federation, election: str, principal: str, picked: list[str], at: str | None
) -> None:
    """Commit to a secret ballot, keeping the ballot and its nonce next to the key."""
    from isonomia.service import (
        BallotSecret,
        check_secret_choices,
        keeping_ballot_secret,
        queries,
    )

    person = actors.split(principal)[1]
    secret = BallotSecret.new(election, person, picked)
    if queries.elections.committed(federation, election, person):
        # Refused by the rules (one commitment each); the kept ballot stays as it is.
        commitment = secret.commitment
        _submit(federation, "CommitBallot", principal, at, election=election, commitment=commitment)
        return
    on_ballot = {
        c.person for c in queries.elections.candidates(federation, election) if c.consented_on
    }
    check_secret_choices(election, on_ballot, picked)
    path = _secret_path(federation, election, person)
    with keeping_ballot_secret(secret, path):
        outcome = _submit(
            federation,
            "CommitBallot",
            principal,
            at,
            election=election,
            commitment=secret.commitment,
        )
    report(
        outcome,
        _(
            "secret ballot of {person} committed in {election}: {commitment}",
            person=person,
            election=election,
            commitment=secret.commitment[:16] + "…",
        ),
    )
    plain.print(
        "  "
        + _(
            "the ballot and its nonce are kept in {path} (yours alone): reveal it with "
            "`isonomia election reveal {election} --as {person}` once the ballot period is over",
            path=str(path),
            election=election,
            person=person,
        ),
        markup=False,
        highlight=False,
    )


@refusals_exit
def election_ballot(
    election: Annotated[str, typer.Argument(help="The election.")],
    choices: Annotated[
        str,
        typer.Option(
            "--choices", help="Candidates, most preferred first, comma-separated (no one twice)."
        ),
    ],
    actor: Elector,
    at: At = None,
    db: Db = None,
) -> None:
    """An elector casts its ballot in the ballot period: candidates most preferred first,
    comma-separated (P4). In a secret election only a commitment is recorded; the ballot
    and its nonce are kept next to the elector's key (mode 0600) for `election reveal`."""
    from isonomia.service import queries

    federation = open_federation(db)
    picked = names(choices)
    principal = actors.person(actor)
    said = ", ".join(picked)
    if queries.elections.ballot_kind(federation, election) != "secret":
        outcome = _submit(
            federation, "CastBallot", principal, at, election=election, choices=picked
        )
        report(outcome, _("ballot in {election}: {choices}", election=election, choices=said))
        return
    _commit_secret(federation, election, principal, picked, at)


@refusals_exit
def election_reveal(
    election: Annotated[str, typer.Argument(help="The election.")],
    actor: Elector,
    choices: Annotated[
        str | None,
        typer.Option(
            "--choices",
            help="The ballot committed to (default: the one kept next to the elector's key).",
        ),
    ] = None,
    nonce: Annotated[
        str | None,
        typer.Option("--nonce", help="Its nonce, hex (default: the one kept with it)."),
    ] = None,
    at: At = None,
    db: Db = None,
) -> None:
    """An elector reveals its secret ballot and nonce in the reveal window after the ballot
    period; they must hash to its commitment (P4). Reads the ballot kept by `election
    ballot` next to the elector's key."""
    from isonomia.service import BallotSecret, read_ballot_secret

    federation = open_federation(db)
    principal = actors.person(actor)
    person = actors.split(principal)[1]
    if choices is not None and nonce is not None:
        secret = BallotSecret(election, person, tuple(names(choices)), nonce)
    else:
        secret = read_ballot_secret(_secret_path(federation, election, person), election, person)
    outcome = _submit(
        federation,
        "RevealBallot",
        principal,
        at,
        election=election,
        choices=list(secret.choices),
        nonce=secret.nonce,
    )
    report(
        outcome,
        _(
            "ballot of {person} in {election} revealed: {choices}",
            person=person,
            election=election,
            choices=", ".join(secret.choices),
        ),
    )


def add_ballot_commands(group: typer.Typer) -> None:
    """Add `ballot` and `reveal` to the `election` group."""
    group.command("ballot")(election_ballot)
    group.command("reveal")(election_reveal)
