"""What the service tells an interface when it cannot do what was asked.

ServiceError            one line for people, always; never a traceback
├── Refused             the rules refused the command (names a principle)
├── CharterRejected     the charter file has problems (lists every one)
├── NotInitialized      there is no union database yet
└── BadRequest          the request itself is malformed (a date, a file, an id)
"""

from __future__ import annotations

from isonomia.charter.load import CharterInvalid
from isonomia.domain.refusal import Refusal
from isonomia.voting.errors import VotingError

INPUT_ERRORS: tuple[type[Exception], ...] = (VotingError, OSError)


class ServiceError(Exception):
    """Base of every error an interface shows to people as one line."""

    def line(self) -> str:
        return str(self)

    def details(self) -> list[str]:
        return []


class Refused(ServiceError):
    def __init__(self, refusal: Refusal) -> None:
        self.refusal = refusal
        super().__init__(str(refusal))


class CharterRejected(ServiceError):
    def __init__(self, invalid: CharterInvalid) -> None:
        self.problems = invalid.lines()
        super().__init__(f"refused: {invalid.summary()}")

    def details(self) -> list[str]:
        return self.problems


class NotInitialized(ServiceError):
    pass


class BadRequest(ServiceError):
    pass
