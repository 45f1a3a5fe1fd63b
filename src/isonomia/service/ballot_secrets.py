"""An elector's secret ballot kept on its own side until the reveal (issue 24, P4).

A secret ballot is committed to in the ballot period and revealed after it. Between the two,
only the elector holds the ballot and its nonce: they are kept in a small JSON file next to
the elector's key (beside `--key FILE`, or in the keyring folder), readable by its owner
only (mode 0600), so `isonomia election reveal` needs nothing typed. The service and the
record never see it before the reveal; losing it means the ballot cannot be revealed and
counts as an abstention.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.secret_ballots import ballot_commitment
from isonomia.service.errors import BadRequest, Refused

__all__ = [
    "BallotSecret",
    "ballot_secret_path",
    "check_secret_choices",
    "keeping_ballot_secret",
    "read_ballot_secret",
]

#: A ballot file is the elector's alone.
PRIVATE_FILE = 0o600


@dataclass(frozen=True)
class BallotSecret:
    """What an elector keeps between its commitment and its reveal."""

    election: str
    elector: str
    choices: tuple[str, ...]
    nonce: str

    @classmethod
    def new(cls, election: str, elector: str, choices: Sequence[str]) -> BallotSecret:
        """A ballot with a fresh nonce of 32 random bytes."""
        return cls(election, elector, tuple(choices), secrets.token_hex(32))

    @property
    def commitment(self) -> str:
        return ballot_commitment(self.election, self.elector, self.choices, self.nonce)

    def to_json(self) -> str:
        return json.dumps(
            {
                "election": self.election,
                "elector": self.elector,
                "choices": list(self.choices),
                "nonce": self.nonce,
                "commitment": self.commitment,
            },
            indent=2,
        )


def check_secret_choices(election: str, on_ballot: set[str], choices: Sequence[str]) -> None:
    """Refuse, before committing, a secret ballot whose reveal the rules would refuse (a
    choice that is no candidate on the ballot, one named twice): the rules see a secret
    ballot only when it is revealed, and then it would count as an abstention."""
    for choice in choices:
        if choice not in on_ballot:
            raise Refused(
                Refusal.of(
                    "P4",
                    N_("{person} is no candidate on the ballot of {election}"),
                    person=choice,
                    election=election,
                )
            )
    if len(set(choices)) != len(choices):
        raise Refused(Refusal.of("P4", N_("a ballot names a candidate once")))


def ballot_secret_path(key: Path | None, folder: Path | None, election: str, elector: str) -> Path:
    """Where an elector's secret ballot is kept: beside its key file (`NAME.key` →
    `NAME.ballot-ELECTION.json`), else in its keyring folder."""
    if key is not None:
        return key.with_name(f"{key.stem}.ballot-{election}.json")
    if folder is not None:
        return folder / f"person-{elector}.ballot-{election}.json"
    raise BadRequest.of(
        N_("a secret ballot is kept next to the elector's key: give --key FILE or --keyring DIR")
    )


def _write_private(path: Path, text: str) -> None:
    """Write `text` to `path`, readable by its owner only, replacing any earlier file."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)


@contextlib.contextmanager
def keeping_ballot_secret(secret: BallotSecret, path: Path) -> Iterator[None]:
    """Keep `secret` at `path` around the commitment made in the `with` block: written aside
    first, put in place once the commitment is recorded (or signed to be submitted later),
    and dropped when it is refused, so an earlier ballot's file is never overwritten by a
    commitment that was not recorded."""
    pending = path.with_name(path.name + ".pending")
    _write_private(pending, secret.to_json())
    try:
        yield
    except BaseException as error:
        if getattr(error, "exit_code", None) == 0:
            os.replace(pending, path)  # `--sign-only`: signed, to be submitted later
        else:
            pending.unlink(missing_ok=True)
        raise
    os.replace(pending, path)


def read_ballot_secret(path: Path, election: str, elector: str) -> BallotSecret:
    """The secret ballot kept at `path` for `elector` in `election`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        secret = BallotSecret(
            str(data["election"]),
            str(data["elector"]),
            tuple(str(c) for c in data["choices"]),
            str(data["nonce"]),
        )
    except FileNotFoundError as error:
        raise BadRequest.of(
            N_(
                "no secret ballot of {elector} in {election} is kept at {path}: give "
                "--choices and --nonce"
            ),
            elector=elector,
            election=election,
            path=str(path),
        ) from error
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BadRequest.of(
            N_("{path} is not a kept secret ballot: {error}"), path=str(path), error=str(error)
        ) from error
    if (secret.election, secret.elector) != (election, elector):
        raise BadRequest.of(
            N_("{path} keeps the ballot of {elector} in {election}"),
            path=str(path),
            elector=secret.elector,
            election=secret.election,
        )
    return secret
