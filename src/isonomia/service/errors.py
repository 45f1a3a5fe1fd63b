"""What the service tells an interface when it cannot do what was asked.

ServiceError            one line for people, always; never a traceback
├── Refused             the rules refused the command (names a principle)
│   └── ExportRefused   a member's export refused by its verifier (exit code 1)
├── CharterRejected     the charter file has problems (lists every one)
├── NotInitialized      there is no union database yet
├── BadRequest          the request itself is malformed (a date, a file, an id, a URL)
├── Unauthenticated     no account, a wrong password, a session or token not in use (HTTP 401)
├── Forbidden           the account may not do this (HTTP 403)
├── TooManyAttempts     too many failed sign-ins: wait `retry_after` seconds (HTTP 429)
├── Unavailable         the database cannot be used as it is (exit code 1)
└── RecordBroken        the record does not verify: nothing is read or written (exit code 1)

`storage_errors` turns what the database layer raises into these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Self

import sqlalchemy as sa

from isonomia.charter.load import CharterInvalid
from isonomia.domain.refusal import N_, Refusal
from isonomia.ledger.envelope import EnvelopeError
from isonomia.store.db import UnsupportedDatabase
from isonomia.store.ledger_store import BrokenRecord
from isonomia.store.state_levels import StaleSnapshot
from isonomia.voting.errors import VotingError

#: Errors of input an interface says as one line, as they are worded: a ballot or weights
#: file, a file that cannot be read or written, an envelope file that holds none (or a
#: signed command that cannot be written where asked).
INPUT_ERRORS: tuple[type[Exception], ...] = (VotingError, OSError, EnvelopeError)


class ServiceError(Exception):
    """Base of every error an interface shows to people as one line."""

    #: 2 for a refused or malformed request; 1 for a database or record that is unusable.
    exit_code = 2
    #: The catalog's message id of the line, with named `{fields}`, when it has one (P14).
    msgid: str | None = None
    #: The values of the message's fields, as text.
    params: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, msgid: str, /, **params: object) -> Self:
        """An error said by a catalog message (`N_`); its English line filled in here."""
        values = {name: str(value) for name, value in params.items()}
        error = cls(msgid.format(**values))
        error.msgid, error.params = msgid, tuple(sorted(values.items()))
        return error

    def line(self) -> str:
        return str(self)

    def details(self) -> list[str]:
        return []


class Refused(ServiceError):
    def __init__(self, refusal: Refusal, who: bool = False) -> None:
        self.refusal = refusal
        #: Whether it refuses who acts (the actor may not issue the command), rather than
        #: what the act asks; an interface may say so (the web answers 403, not 409).
        self.who = who or refusal.of_actor
        super().__init__(str(refusal))


class ExportRefused(Refused):
    """A verification that refuses what it was given (an export of an older version that
    lacks the proofs the current one carries): a failed verification, so exit code 1."""

    exit_code = 1


class CharterRejected(ServiceError):
    def __init__(self, invalid: CharterInvalid) -> None:
        self.problems = invalid.lines()
        #: Each problem's path, catalog message id (None when it has none) and fields, so an
        #: interface can say them in the reader's language.
        self.said = [(p.path, p.msgid, p.params, p.message) for p in invalid.problems]
        super().__init__(f"refused: {invalid.summary()}")
        count = len(invalid.problems)
        self.msgid = (
            N_("refused: the charter has {count} problem")
            if count == 1
            else N_("refused: the charter has {count} problems")
        )
        self.params = (("count", str(count)),)

    def details(self) -> list[str]:
        return self.problems


class NotInitialized(ServiceError):
    pass


class BadRequest(ServiceError):
    pass


class Unauthenticated(ServiceError):
    """No account, or a wrong password, session or token (HTTP 401)."""


class Forbidden(ServiceError):
    """The account may not do this (HTTP 403)."""


class TooManyAttempts(ServiceError):
    """Too many failed sign-ins for an account name or from an address (HTTP 429)."""

    def __init__(self, retry_after: int) -> None:
        #: Whole seconds to wait before the next attempt is even looked at.
        self.retry_after = retry_after
        self.msgid = N_("too many failed sign-ins: try again in {seconds} seconds")
        self.params = (("seconds", str(retry_after)),)
        super().__init__(self.msgid.format(seconds=retry_after))


class Unavailable(ServiceError):
    exit_code = 1


#: A state loaded from a snapshot met a level another process's snapshot replaced.
STATE_CHANGED = N_("the stored state of the union changed while it was read: run the command again")


def unavailable(error: Exception) -> Unavailable | None:
    """The service error a storage-layer error is, for whoever met it outside a
    transaction (a state's lazy map read after its query returned), else None."""
    if isinstance(error, StaleSnapshot):
        return Unavailable.of(STATE_CHANGED)
    return None


class RecordBroken(ServiceError):
    exit_code = 1

    def __init__(self, sequence: int, reason: str) -> None:
        self.sequence = sequence
        self.reason = reason
        self.msgid = N_(
            "the record does not verify at entry {sequence}: run `isonomia ledger verify`"
        )
        self.params = (("sequence", str(sequence)),)
        super().__init__(self.msgid.format(sequence=sequence))


@contextmanager
def storage_errors(describe: Callable[[sa.exc.DBAPIError], str]) -> Iterator[None]:
    """Raise what the database layer raises as service errors; ``describe`` words a driver
    error for people."""
    try:
        yield
    except UnsupportedDatabase as error:
        raise BadRequest.of(error.msgid, **error.params) from error
    except BrokenRecord as error:
        raise RecordBroken(error.sequence, error.reason) from error
    except StaleSnapshot as error:
        raise Unavailable.of(STATE_CHANGED) from error
    except sa.exc.DBAPIError as error:
        raise Unavailable(describe(error)) from error
