"""The presidency's signing power (P5): the delegate a presiding member designates, through
its own council, to preside over an organ for its term. Where the charter has the presiding
delegate sign an organ's procedural acts, this delegate signs them while the member presides;
without a designation the member's longest-sitting delegate in the organ does.
The records live in the area's own slice of the state (`PresidingBook`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from dataclasses import field as _field
from datetime import date
from typing import TYPE_CHECKING

from pydantic import Field

from isonomia.charter.model import Slug
from isonomia.domain.base import Command, Event, evolves
from isonomia.domain.slices import slice_of, with_slice

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState


class DesignatePresidingDelegate(Command):
    """The presiding member's own council designates the delegate who presides over an
    organ for one term of its presidency, from the next day, and signs its procedural acts
    (P5)."""

    member: Slug = Field(description="The member that presides in the term.")
    organ: Slug = Field(description="The organ presided over.")
    person: Slug = Field(description="A delegate sitting for the member in that organ.")
    term: int = Field(
        ge=1, le=100_000, description="The term of the presidency (1: the founding term)."
    )


class PresidingDelegateDesignated(Event):
    union_wide = True
    member: str
    organ: str
    person: str
    #: The term, counted from 1 (the founding term), as the presidency calendar shows it.
    term: int
    designated_on: date


@dataclass(frozen=True)
class PresidingBook:
    """The area's slice: by (organ, term, member), the term counted from 1, each
    designation of a presiding delegate as (the day it was made, the person), in order. A
    designation holds from the day after it is made, so who presides over a day is settled
    before the day begins, and a later one never rewrites who presided before."""

    designated: Mapping[tuple[str, int, str], tuple[tuple[date, str], ...]] = _field(
        default_factory=dict
    )

    def designated_on(self, organ: str, term: int, member: str, day: date) -> str | None:
        """The person `member` had designated for `term` in `organ` before `day`, if any."""
        found = [p for on, p in self.designated.get((organ, term, member), ()) if on < day]
        return found[-1] if found else None


def presiding_book(state: FederationState) -> PresidingBook:
    return slice_of(state, PresidingBook)


@evolves(PresidingDelegateDesignated)
def _designated(state: FederationState, event: PresidingDelegateDesignated) -> FederationState:
    current = presiding_book(state)
    key = (event.organ, event.term, event.member)
    made = (*current.designated.get(key, ()), (event.designated_on, event.person))
    return with_slice(state, replace(current, designated={**current.designated, key: made}))
