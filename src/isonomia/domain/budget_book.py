"""What the state keeps of the union's budget (issue 26): one `BudgetYear` a fiscal year, in
the area's own slice (`BudgetBook`), changed by the budget's events and by a secession taking
effect: a member that has left owes only what fell due before it left (P3), so the unpaid
part of a contribution falling due on or after that day is cancelled."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from dataclasses import field as _field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from immutables import Map

from isonomia.domain.base import evolves
from isonomia.domain.budget import (
    BudgetAdopted,
    BudgetProposed,
    ContributionsCalled,
    EqualisationTransferred,
    IncomeFigureRecorded,
    PaymentReceived,
    SpentUnderLine,
)
from isonomia.domain.membership import SecessionTookEffect
from isonomia.domain.persistent import put
from isonomia.domain.slices import slice_of, with_slice

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState

__all__ = ["BudgetBook", "BudgetYear", "IncomeFigure", "book", "cancellations", "decimals"]

ZERO = Decimal(0)


def decimals(values: Mapping[str, str]) -> dict[str, Decimal]:
    """A payload's amounts (strings) as exact decimals."""
    return {key: Decimal(value) for key, value in values.items()}


def _add(amounts: Mapping[str, Decimal], key: str, amount: Decimal) -> dict[str, Decimal]:
    return {**amounts, key: amounts.get(key, ZERO) + amount}


@dataclass(frozen=True)
class BudgetYear:
    """One fiscal year's budget: proposed, adopted, called, paid, spent and transferred."""

    year: int
    motion: str
    organ: str
    currency: str
    proposed_on: date
    lines: Mapping[str, Decimal]
    shares: Mapping[str, Decimal]
    equalisation: Mapping[str, Decimal]
    adopted_on: date | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    called_on: date | None = None
    due_on: date | None = None
    charged: Mapping[str, Decimal] = _field(default_factory=dict)
    paid: Mapping[str, Decimal] = _field(default_factory=dict)
    #: The unpaid part of a charge cancelled because the member left before it fell due (P3).
    cancelled: Mapping[str, Decimal] = _field(default_factory=dict)
    spent: Mapping[str, Decimal] = _field(default_factory=dict)
    transferred: Mapping[str, Decimal] = _field(default_factory=dict)
    references: frozenset[str] = frozenset()

    def owed(self, member: str) -> Decimal:
        """What `member` still owes of this year's contribution."""
        return (
            self.charged.get(member, ZERO)
            - self.cancelled.get(member, ZERO)
            - self.paid.get(member, ZERO)
        )

    def remaining(self, line: str) -> Decimal:
        """What the line has left to spend."""
        return self.lines.get(line, ZERO) - self.spent.get(line, ZERO)


@dataclass(frozen=True)
class IncomeFigure:
    """A member's income figure as its council recorded it, with its source."""

    year: int
    amount: Decimal
    source: str
    recorded_on: date


@dataclass(frozen=True)
class BudgetBook:
    """The area's slice: every fiscal year's budget, by year; the income figures the
    members' councils recorded, the latest of each member."""

    years: Mapping[int, BudgetYear] = _field(default_factory=Map)
    incomes: Mapping[str, IncomeFigure] = _field(default_factory=Map)


def book(state: FederationState) -> BudgetBook:
    return slice_of(state, BudgetBook)


def _with(state: FederationState, year: BudgetYear) -> FederationState:
    current = book(state)
    return with_slice(state, replace(current, years=put(current.years, year.year, year)))


@evolves(IncomeFigureRecorded)
def _income(state: FederationState, event: IncomeFigureRecorded) -> FederationState:
    current = book(state)
    figure = IncomeFigure(event.year, Decimal(event.amount), event.source, event.recorded_on)
    return with_slice(state, replace(current, incomes=put(current.incomes, event.member, figure)))


def cancellations(year: BudgetYear, member: str, effective_on: date) -> Decimal:
    """The part of `member`'s charge of `year` cancelled when its secession takes effect on
    `effective_on`: all it has not paid, if the charge falls due that day or later (P3)."""
    if year.due_on is None or year.due_on < effective_on or member not in year.charged:
        return ZERO
    return max(year.owed(member), ZERO)


@evolves(BudgetProposed)
def _proposed(state: FederationState, event: BudgetProposed) -> FederationState:
    year = BudgetYear(
        year=event.year,
        motion=event.motion,
        organ=event.organ,
        currency=event.currency,
        proposed_on=event.proposed_on,
        lines=decimals(event.lines),
        shares=decimals(event.shares),
        equalisation=decimals(event.equalisation),
    )
    return _with(state, year)


@evolves(BudgetAdopted)
def _adopted(state: FederationState, event: BudgetAdopted) -> FederationState:
    year = book(state).years[event.year]
    return _with(
        state,
        replace(
            year, adopted_on=event.adopted_on, starts_on=event.starts_on, ends_on=event.ends_on
        ),
    )


@evolves(ContributionsCalled)
def _called(state: FederationState, event: ContributionsCalled) -> FederationState:
    year = book(state).years[event.year]
    return _with(
        state,
        replace(
            year,
            called_on=event.called_on,
            due_on=event.falls_due_on,
            charged=decimals(event.charges),
        ),
    )


@evolves(PaymentReceived)
def _paid(state: FederationState, event: PaymentReceived) -> FederationState:
    year = book(state).years[event.year]
    return _with(
        state,
        replace(
            year,
            paid=_add(year.paid, event.member, Decimal(event.amount)),
            references=year.references | {event.reference},
        ),
    )


@evolves(SpentUnderLine)
def _spent(state: FederationState, event: SpentUnderLine) -> FederationState:
    year = book(state).years[event.year]
    return _with(
        state,
        replace(
            year,
            spent=_add(year.spent, event.line, Decimal(event.amount)),
            references=year.references | {event.reference},
        ),
    )


@evolves(EqualisationTransferred)
def _transferred(state: FederationState, event: EqualisationTransferred) -> FederationState:
    year = book(state).years[event.year]
    amount = Decimal(event.amount)
    return _with(
        state,
        replace(
            year,
            spent=_add(year.spent, event.line, amount),
            transferred=_add(year.transferred, event.member, amount),
            references=year.references | {event.reference},
        ),
    )


@evolves(SecessionTookEffect)
def _left(state: FederationState, event: SecessionTookEffect) -> FederationState:
    for year in book(state).years.values():
        cancelled = cancellations(year, event.member, event.effective_on)
        if cancelled:
            state = _with(
                state, replace(year, cancelled=_add(year.cancelled, event.member, cancelled))
            )
    return state
