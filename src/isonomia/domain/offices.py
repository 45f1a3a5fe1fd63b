"""Offices (P15): every office a person holds, with its term, in one book.

An office is a seat in a union organ (a delegation, P4), a post in a joint department
(representative or staff, P7), or a named office of the charter (a general secretary, a
chair of the presidium) appointed and removed by the vote of its organ. The rules read
this book to keep offices from concentrating in one pair of hands.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from dataclasses import field as _field
from datetime import date
from typing import TYPE_CHECKING

from pydantic import Field

from isonomia.charter.model import Slug
from isonomia.domain.base import Command, Event, evolves, revise
from isonomia.domain.departments import DepartmentDissolved, RepresentativeAppointed, StaffAssigned
from isonomia.domain.organs import DelegateAppointed, DelegateRecalled
from isonomia.domain.persistent import Map, put

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState


class AppointOfficial(Command):
    """Appoint a person to a named office, under the act its organ adopted by vote (P15)."""

    office: Slug = Field(description="A named office of the charter.")
    person: Slug = Field(description="The person appointed.")
    #: The act adopted by the vote of the office's organ that makes this appointment.
    act: Slug = Field(description="The act the office's organ adopted by vote (P15).")
    term_from: date = Field(description="First day of the term.")
    term_until: date | None = Field(default=None, description="Day the term ends (exclusive).")


class RemoveOfficial(Command):
    """Remove the holder of a named office, under the act its organ adopted by vote (P15)."""

    office: Slug = Field(description="A named office of the charter.")
    person: Slug = Field(description="The office's holder.")
    act: Slug = Field(description="The act the office's organ adopted by vote (P15).")


class OfficialAppointed(Event):
    union_wide = True
    office: str
    organ: str
    person: str
    act: str
    term_from: date
    term_until: date | None
    appointed_on: date


class OfficialRemoved(Event):
    union_wide = True
    office: str
    person: str
    act: str
    removed_on: date


@dataclass(frozen=True)
class Holding:
    """One office held by one person, from a day, until its term ends or it is ended."""

    person: str
    #: ``organ:ID`` (a seat), ``department:ID`` (a post) or ``office:ID`` (a named office).
    office: str
    #: The organ (or department) the office belongs to.
    organ: str
    #: The member a seat or a department post is for; None for a named office.
    member: str | None
    role: str  # delegate, representative, staff, official
    start: date
    until: date | None = None
    ended_on: date | None = None
    #: Spans [from, until) in which a suspension from office pauses it (P17).
    paused: tuple[tuple[date, date], ...] = ()

    @property
    def end(self) -> date | None:
        """The first day it is no longer held (None: open)."""
        ends = [d for d in (self.until, self.ended_on) if d is not None]
        return min(ends, default=None)

    def held(self, on: date) -> bool:
        """Whether it is held on the day: in its term and not paused by a suspension."""
        if any(start <= on < until for start, until in self.paused):
            return False
        return self.in_term(on)

    def in_term(self, on: date) -> bool:
        """Whether the day is in its term (a suspension pauses it, but it still counts)."""
        end = self.end
        return self.start <= on and (end is None or on < end)

    def overlaps(self, start: date, end: date | None) -> bool:
        """Whether it is held on some day of [start, end)."""
        mine = self.end
        return (end is None or self.start < end) and (mine is None or start < mine)

    def describe(self) -> str:
        where = f" for {self.member}" if self.member else ""
        role = "" if self.role in ("delegate", "official") else f" {self.role}"
        return f"{self.office}{role}{where}"


@dataclass(frozen=True)
class OfficeBook:
    """Every office ever held, by order of appointment, indexed by person, and (department
    posts and named offices, not the many seats) by office."""

    holdings: Mapping[int, Holding] = _field(default_factory=Map)
    by_person: Mapping[str, tuple[int, ...]] = _field(default_factory=Map)
    by_office: Mapping[str, tuple[int, ...]] = _field(default_factory=Map)

    def of(self, person: str) -> list[Holding]:
        return [self.holdings[n] for n in self.by_person.get(person, ())]

    def in_office(self, office: str) -> list[Holding]:
        """The holdings of a department's posts or a named office (not of a seat)."""
        return [self.holdings[n] for n in self.by_office.get(office, ())]

    def add(self, holding: Holding) -> OfficeBook:
        number = len(self.holdings)
        by_office = self.by_office
        if not holding.office.startswith("organ:"):
            # Seats are many and found by person; posts and named offices by office.
            held = (*by_office.get(holding.office, ()), number)
            by_office = put(by_office, holding.office, held)
        return OfficeBook(
            put(self.holdings, number, holding),
            put(self.by_person, holding.person, (*self.by_person.get(holding.person, ()), number)),
            by_office,
        )

    def end(
        self, office: str, ended_on: date, person: str | None = None, **match: str
    ) -> OfficeBook:
        """End every holding of `office` (of `person`, with these fields) held on the day, or
        from it on; `later=no` keeps a term not begun yet (a recall ends the sitting one)."""
        holdings, later = self.holdings, match.pop("later", "yes") == "yes"
        numbers = self.by_office if person is None else self.by_person
        for number in numbers.get(office if person is None else person, ()):
            h = holdings[number]
            if h.office != office:
                continue
            current = h.overlaps(ended_on, None) if later else h.held(ended_on)
            if all(getattr(h, k) == v for k, v in match.items()) and current:
                holdings = put(holdings, number, replace(h, ended_on=max(ended_on, h.start)))
        return replace(self, holdings=holdings)

    def sanction(self, person: str, on: date, until: date | None) -> OfficeBook:
        """End (`until` None: a removal) or pause until `until` (a suspension) every holding
        of `person` held on `on` or later (P17)."""
        holdings = self.holdings
        for number in self.by_person.get(person, ()):
            h = holdings[number]
            end = h.end
            if end is not None and end <= on:
                continue
            if until is None:
                h = replace(h, ended_on=max(on, h.start))
            else:
                h = replace(h, paused=(*h.paused, (on, until)))
            holdings = put(holdings, number, h)
        return replace(self, holdings=holdings)


def _book(state: FederationState, book: OfficeBook) -> FederationState:
    return revise(state, offices=book)


@evolves(DelegateAppointed)
def _seated(state: FederationState, event: DelegateAppointed) -> FederationState:
    seat = Holding(
        event.person,
        f"organ:{event.organ}",
        event.organ,
        event.member,
        "delegate",
        event.term_from,
        event.term_until,
    )
    return _book(state, state.offices.add(seat))


@evolves(DelegateRecalled)
def _unseated(state: FederationState, event: DelegateRecalled) -> FederationState:
    book = state.offices.end(
        f"organ:{event.organ}", event.recalled_on, event.person, member=event.member, later="no"
    )
    return _book(state, book)


def _posted(
    state: FederationState, department: str, member: str, person: str, role: str, on: date
) -> FederationState:
    post = Holding(person, f"department:{department}", department, member, role, on)
    return _book(state, state.offices.add(post))


@evolves(RepresentativeAppointed)
def _represents(state: FederationState, event: RepresentativeAppointed) -> FederationState:
    office = f"department:{event.department}"
    current = [
        h
        for h in state.offices.in_office(office)
        if h.member == event.member and h.role == "representative" and h.end is None
    ]
    if any(h.person == event.person for h in current):
        return state
    # A new representative in a member ends its predecessor's post (P7).
    book = state.offices.end(office, event.appointed_on, member=event.member, role="representative")
    state = _book(state, book)
    return _posted(
        state, event.department, event.member, event.person, "representative", event.appointed_on
    )


@evolves(StaffAssigned)
def _staffs(state: FederationState, event: StaffAssigned) -> FederationState:
    return _posted(state, event.department, event.member, event.person, "staff", event.assigned_on)


@evolves(DepartmentDissolved)
def _posts_end(state: FederationState, event: DepartmentDissolved) -> FederationState:
    return _book(state, state.offices.end(f"department:{event.department}", event.dissolved_on))


@evolves(OfficialAppointed)
def _appointed(state: FederationState, event: OfficialAppointed) -> FederationState:
    office = Holding(
        event.person,
        f"office:{event.office}",
        event.organ,
        None,
        "official",
        event.term_from,
        event.term_until,
    )
    return _book(state, state.offices.add(office))


@evolves(OfficialRemoved)
def _removed(state: FederationState, event: OfficialRemoved) -> FederationState:
    return _book(state, state.offices.end(f"office:{event.office}", event.removed_on, event.person))
