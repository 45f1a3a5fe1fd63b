"""How members' delegations sit and vote in an organ (P4, P12): seats by apportionment, votes
per seat or per delegation, split votes and proxies within a delegation.

Without ``[organs.delegations]`` an organ seats each member's delegation with one vote of
the member's weight under the organ's rule, cast whole (the default of every charter).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class SeatApportionment(BaseModel):
    """Each member's seats in an organ: ``base`` each, the rest of ``seats`` by a divisor
    method on the members' recorded populations, each member within [minimum, maximum]
    (the voting engine's `apportion`: Adams, D'Hondt or Webster; with a base, degressive)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    seats: int = Field(ge=1, le=100_000)
    method: Literal["adams", "dhondt", "webster"] = "adams"
    base: int = Field(default=0, ge=0, le=1000)
    minimum: int = Field(default=1, ge=0, le=1000)
    maximum: int | None = Field(default=None, ge=1, le=100_000)


class OrganDelegations(BaseModel):
    """How the members' delegations vote in one organ.

    ``votes = "per-delegation"``: the delegation casts its member's weight as one (any of
    its sitting delegates signs); with ``split = true`` it may divide that weight between
    yes, no and abstain. ``votes = "per-seat"`` (needs ``apportionment``): each seat is one
    vote, cast by a delegate appointed to that member's delegation, who casts its own seat
    and those of colleagues who gave it their proxy (``proxies = true``); with ``split``
    such a delegate may divide its seats. With ``apportionment`` a member's weight in every
    count of the organ is its seats."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    apportionment: SeatApportionment | None = None
    votes: Literal["per-delegation", "per-seat"] = "per-delegation"
    split: bool = False
    proxies: bool = False

    @model_validator(mode="after")
    def _per_seat_has_seats(self) -> OrganDelegations:
        if self.votes == "per-seat" and self.apportionment is None:
            raise ValueError("votes per seat need the organ's seats: give an apportionment (P4)")
        if self.proxies and self.votes != "per-seat":
            raise ValueError("proxies carry seats: they need votes per seat (P4)")
        return self
