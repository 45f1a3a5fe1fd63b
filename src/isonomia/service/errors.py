"""What the service tells an interface when it cannot do what was asked.

ServiceError            one line for people, always; never a traceback
├── Refused             the rules refused the command (names a principle)
├── CharterRejected     the charter file has problems (lists every one)
├── NotInitialized      there is no union database yet
├── BadRequest          the request itself is malformed (a date, a file, an id, a URL)
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
