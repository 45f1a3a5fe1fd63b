"""The charter's elected offices (issue 24, P15): which named offices are filled by election,
by which organ's electors, counted how, for how many seats.

Kept apart from `model.py`, which holds it as `Charter.elections`; it needs nothing of the
rest of the charter (the cross-checks in `checks.py` relate it to the offices and organs).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ElectedOffice", "ElectionMethod"]

_Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{0,62}$")]


class ElectionMethod(StrEnum):
    """How an election's ballots are counted: the tallies' methods."""

    STV = "stv"  # single transferable vote, Droop quota
    SCHULZE = "schulze"
    IRV = "irv"  # instant runoff (one seat)
    APPROVAL = "approval"
    PLURALITY = "plurality"


class ElectedOffice(BaseModel):
    """An office filled by election: the named office, the organ whose electors vote, how
    the ballots are counted, how many are elected, and who may vote (issue 24, P15)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: A named office of ``[offices]``, held by each of the elected.
    office: _Id
    #: The electing organ: by default its delegates vote, one ballot a member.
    organ: _Id
    method: ElectionMethod
    seats: int = Field(default=1, ge=1, le=100)
    #: At most one person nominated by each member among the elected.
    one_per_member: bool = False
    #: Who votes: ``delegates`` (a delegate sitting in the organ for its member, one ballot
    #: a member) or ``named`` (the persons the call names, one ballot each: a congress of
    #: persons chosen elsewhere).
    electors: Literal["delegates", "named"] = "delegates"
    #: Days between the call and the first day of the ballot period.
    notice_days: int = Field(default=14, ge=0, le=365)
    #: ``open``: each ballot is recorded in clear with its elector. ``secret``: during the
    #: ballot period each elector records only a commitment (a hash of the ballot and a
    #: random nonce), and reveals the ballot after the period, in the reveal window; a
    #: commitment not revealed counts as an abstention (issue 24).
    ballot: Literal["open", "secret"] = "open"
    #: Secret ballots: the days after the ballot period in which the electors reveal.
    reveal_days: int = Field(default=7, ge=1, le=90)
    #: Language balance: at most this many of the elected nominated by members that share
    #: an official language (none: no limit), so that no language's members fill the
    #: office alone.
    max_per_language: int | None = Field(default=None, ge=1, le=100)
