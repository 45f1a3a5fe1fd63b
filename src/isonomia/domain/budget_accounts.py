"""The union's accounts as a double-entry ledger (issue 26): each budget act is one or more
balanced transactions, whose postings add up to zero. Pure: the read tables store these
postings (`store/projections/budget.py`), and the export writes them for Beancount.

The accounts, named the way accountants' tools name them:

- ``Assets:Union:Bank``: what the union holds;
- ``Assets:Receivable:<Member>``: what a member owes of its contributions;
- ``Income:Contributions:<Member>``: the contributions called from it;
- ``Expenses:Budget:<Line>``: what was spent under a budget line;
- ``Expenses:Equalisation:<Member>``: the equalisation transfers to a member (P12).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from isonomia.domain.budget import (
    ContributionsCalled,
    EqualisationTransferred,
    PaymentReceived,
    SpentUnderLine,
)

__all__ = [
    "BANK",
    "Posting",
    "Transaction",
    "cancellation",
    "component",
    "contributions",
    "equalisation",
    "expenses",
    "receivable",
    "transactions",
]

BANK = "Assets:Union:Bank"


def component(name: str) -> str:
    """An id as an account's component: "ukraine" is "Ukraine", "a-line" is "A-line"."""
    return name[:1].upper() + name[1:]


def receivable(member: str) -> str:
    return f"Assets:Receivable:{component(member)}"


def contributions(member: str) -> str:
    return f"Income:Contributions:{component(member)}"


def expenses(line: str) -> str:
    return f"Expenses:Budget:{component(line)}"


def equalisation(member: str) -> str:
    return f"Expenses:Equalisation:{component(member)}"


@dataclass(frozen=True)
class Posting:
    account: str
    amount: Decimal
    #: The member the account is about, if any.
    member: str | None = None


@dataclass(frozen=True)
class Transaction:
    """One balanced transaction: the sum of its postings is zero."""

    on: date
    year: int
    narration: str
    postings: tuple[Posting, ...]

    def balanced(self) -> bool:
        return sum((p.amount for p in self.postings), Decimal(0)) == 0


def _pair(debit: Posting, credit_account: str, member: str | None = None) -> tuple[Posting, ...]:
    return (debit, Posting(credit_account, -debit.amount, member))


def cancellation(year: int, member: str, amount: Decimal, on: date) -> Transaction:
    """The unpaid part of a contribution cancelled because the member left before it fell
    due (P3): the charge reversed."""
    return Transaction(
        on,
        year,
        f"contribution {year} of {member} cancelled: it left before it fell due (P3)",
        _pair(Posting(contributions(member), amount, member), receivable(member), member),
    )


def transactions(
    event: ContributionsCalled | PaymentReceived | SpentUnderLine | EqualisationTransferred,
) -> list[Transaction]:
    """The balanced transactions a budget act books."""
    if isinstance(event, ContributionsCalled):
        return [
            Transaction(
                event.called_on,
                event.year,
                f"contribution {event.year} of {member}, due {event.falls_due_on}",
                _pair(
                    Posting(receivable(member), Decimal(amount), member),
                    contributions(member),
                    member,
                ),
            )
            for member, amount in sorted(event.charges.items())
        ]
    if isinstance(event, PaymentReceived):
        debit = Posting(BANK, Decimal(event.amount))
        return [
            Transaction(
                event.received_on,
                event.year,
                f"payment of {event.member} towards {event.year}, ref. {event.reference}",
                _pair(debit, receivable(event.member), event.member),
            )
        ]
    if isinstance(event, SpentUnderLine):
        debit = Posting(expenses(event.line), Decimal(event.amount))
        return [
            Transaction(
                event.spent_on,
                event.year,
                f"{event.line} {event.year}: {event.payee}, ref. {event.reference}",
                _pair(debit, BANK),
            )
        ]
    debit = Posting(equalisation(event.member), Decimal(event.amount), event.member)
    return [
        Transaction(
            event.transferred_on,
            event.year,
            f"equalisation {event.year} to {event.member}, ref. {event.reference}",
            _pair(debit, BANK),
        )
    ]
