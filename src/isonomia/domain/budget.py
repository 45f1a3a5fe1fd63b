"""The union's budget (issue 26): what may be asked (propose and adopt the annual budget, call
the contributions, record a payment, spend under a line, make an equalisation transfer) and
what happened. Every amount is an exact `Decimal`, a string in every payload; the slice of
the state the budget keeps is in `domain/budget_book.py`, its accounts in
`domain/budget_accounts.py`."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from isonomia.charter.budget import Amount
from isonomia.charter.model import Slug
from isonomia.domain.base import Command, Event

__all__ = [
    "AdoptBudget",
    "BudgetAdopted",
    "BudgetProposed",
    "CallContributions",
    "ContributionsCalled",
    "EqualisationTransferred",
    "IncomeFigureRecorded",
    "MakeEqualisationTransfer",
    "PaymentReceived",
    "ProposeBudget",
    "RecordIncomeFigure",
    "RecordPayment",
    "SpendUnderLine",
    "SpentUnderLine",
]

_Reference = Field(
    min_length=1, max_length=200, description="The reference of the payment (bank, voucher)."
)


class RecordIncomeFigure(Command):
    """A member's own council records its income figure for a year, with its source: the
    contribution formula uses the latest recorded figure instead of the charter's."""

    member: Slug = Field(description="The member whose figure it is.")
    year: int = Field(ge=1000, le=3000, description="The year the figure is for.")
    amount: Amount = Field(description="The income figure, in the charter's currency.")
    source: str = Field(min_length=1, max_length=300, description="Where the figure comes from.")


class ProposeBudget(Command):
    """Propose a fiscal year's budget, its lines with their amounts, under a budget motion
    drafted in the charter's budget organ: each member's share is computed by the charter's
    formula and recorded, so that every council sees it before the vote."""

    year: int = Field(ge=1000, le=3000, description="The fiscal year.")
    motion: Slug = Field(description="The drafted motion the organ adopts the budget by.")
    lines: dict[Slug, Amount] = Field(
        min_length=1, description="The budget's lines and their amounts, LINE=AMOUNT."
    )


class AdoptBudget(Command):
    """Adopt the proposed budget of a fiscal year, once its motion was adopted by the
    charter's budget rule."""

    year: int = Field(ge=1000, le=3000, description="The fiscal year.")


class CallContributions(Command):
    """Call the members' contributions to an adopted budget, due on a day: each member's
    share by the formula; a member that has left by then owes nothing of it (P3)."""

    year: int = Field(ge=1000, le=3000, description="The fiscal year.")
    due_on: date = Field(description="The day the contributions fall due.")


class RecordPayment(Command):
    """Record a member's payment received towards its contribution of a fiscal year."""

    year: int = Field(ge=1000, le=3000, description="The fiscal year.")
    member: Slug = Field(description="The member that paid.")
    amount: Amount = Field(description="The amount received.")
    reference: str = _Reference


class SpendUnderLine(Command):
    """Spend from a line of an adopted budget: refused beyond what the line has left."""

    year: int = Field(ge=1000, le=3000, description="The fiscal year.")
    line: Slug = Field(description="The budget line.")
    amount: Amount = Field(description="The amount spent.")
    payee: str = Field(min_length=1, max_length=200, description="Who is paid.")
    reference: str = _Reference


class MakeEqualisationTransfer(Command):
    """Transfer from the budget's equalisation line to a member whose income per head is
    below the charter's threshold, up to its share of the line (P12)."""

    year: int = Field(ge=1000, le=3000, description="The fiscal year.")
    member: Slug = Field(description="The member receiving the transfer.")
    amount: Amount = Field(description="The amount transferred.")
    reference: str = _Reference


class IncomeFigureRecorded(Event):
    union_wide = True
    member: str
    year: int
    amount: str
    source: str
    recorded_on: date


class BudgetProposed(Event):
    union_wide = True
    year: int
    motion: str
    organ: str
    currency: str
    proposed_on: date
    lines: dict[str, str]
    #: Each member's share of the total, by the formula, as the council sees it before the vote.
    shares: dict[str, str]
    #: Each member's entitlement on the equalisation line (P12).
    equalisation: dict[str, str]


class BudgetAdopted(Event):
    union_wide = True
    year: int
    motion: str
    adopted_on: date
    starts_on: date
    ends_on: date


class ContributionsCalled(Event):
    union_wide = True
    year: int
    called_on: date
    #: The day the contributions fall due (not a day the record reached: it may lie ahead).
    falls_due_on: date
    #: What each member is charged; a member that has left by then is not (P3).
    charges: dict[str, str]


class PaymentReceived(Event):
    year: int
    member: str
    amount: str
    reference: str
    received_on: date


class SpentUnderLine(Event):
    union_wide = True
    year: int
    line: str
    amount: str
    payee: str
    reference: str
    spent_on: date


class EqualisationTransferred(Event):
    year: int
    member: str
    line: str
    amount: str
    reference: str
    transferred_on: date
