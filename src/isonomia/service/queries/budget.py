"""Queries over the union's budget and accounts (issue 26): a fiscal year's lines, spent and
remaining, each member's share, what it was charged and paid and still owes; the accounts'
postings and balances; and the accounts as Beancount text, for a member's accountant."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa

from isonomia.service.federation import Federation
from isonomia.store.projections.budget import (
    budget_income,
    budget_line,
    budget_posting,
    budget_share,
    budget_year,
)

__all__ = [
    "BudgetView",
    "IncomeRow",
    "LineRow",
    "PostingRow",
    "ShareRow",
    "balances",
    "beancount",
    "budget",
    "income_figures",
    "postings",
    "years",
]


@dataclass(frozen=True)
class LineRow:
    line: str
    amount: Decimal
    spent: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.spent


@dataclass(frozen=True)
class ShareRow:
    member: str
    share: Decimal
    equalisation: Decimal
    charged: Decimal
    paid: Decimal
    cancelled: Decimal
    transferred: Decimal

    @property
    def owed(self) -> Decimal:
        return self.charged - self.cancelled - self.paid


@dataclass(frozen=True)
class BudgetView:
    year: int
    motion: str
    organ: str
    currency: str
    proposed_on: str
    adopted_on: str | None
    starts_on: str | None
    ends_on: str | None
    called_on: str | None
    due_on: str | None
    lines: list[LineRow]
    shares: list[ShareRow]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))


@dataclass(frozen=True)
class PostingRow:
    sequence: int
    txn: int
    year: int
    booked_on: str
    account: str
    member: str | None
    amount: Decimal
    narration: str


@dataclass(frozen=True)
class IncomeRow:
    member: str
    year: int
    amount: Decimal
    source: str
    recorded_on: str


def income_figures(federation: Federation) -> list[IncomeRow]:
    """The income figures the members' councils recorded, the latest of each member."""
    with federation.db.reading() as conn:
        rows = conn.execute(sa.select(budget_income).order_by("member")).all()
    return [IncomeRow(r.member, r.year, Decimal(r.amount), r.source, r.recorded_on) for r in rows]


def years(federation: Federation) -> list[int]:
    """The fiscal years with a budget proposed, oldest first."""
    with federation.db.reading() as conn:
        return [
            int(y) for y in conn.execute(sa.select(budget_year.c.year).order_by("year")).scalars()
        ]


def budget(federation: Federation, year: int | None = None) -> BudgetView | None:
    """The budget of `year` (default: the latest), if one was proposed."""
    with federation.db.reading() as conn:
        query = sa.select(budget_year).order_by(budget_year.c.year.desc())
        if year is not None:
            query = query.where(budget_year.c.year == year)
        row = conn.execute(query).first()
        if row is None:
            return None
        lines = conn.execute(
            sa.select(budget_line).where(budget_line.c.year == row.year).order_by("line")
        ).all()
        shares = conn.execute(
            sa.select(budget_share).where(budget_share.c.year == row.year).order_by("member")
        ).all()
    return BudgetView(
        year=row.year,
        motion=row.motion,
        organ=row.organ,
        currency=row.currency,
        proposed_on=row.proposed_on,
        adopted_on=row.adopted_on,
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        called_on=row.called_on,
        due_on=row.due_on,
        lines=[LineRow(r.line, Decimal(r.amount), Decimal(r.spent)) for r in lines],
        shares=[
            ShareRow(
                r.member,
                Decimal(r.share),
                Decimal(r.equalisation),
                Decimal(r.charged),
                Decimal(r.paid),
                Decimal(r.cancelled),
                Decimal(r.transferred),
            )
            for r in shares
        ],
    )


def postings(
    federation: Federation, member: str | None = None, year: int | None = None
) -> list[PostingRow]:
    """The accounts' postings in the record's order: a member's (its receivable, its
    contributions and its equalisation), or every one."""
    query = sa.select(budget_posting).order_by(budget_posting.c.sequence, budget_posting.c.position)
    if member is not None:
        query = query.where(budget_posting.c.member == member)
    if year is not None:
        query = query.where(budget_posting.c.year == year)
    with federation.db.reading() as conn:
        rows = conn.execute(query).all()
    return [
        PostingRow(
            int(r.sequence),
            r.txn,
            r.year,
            r.booked_on,
            r.account,
            r.member,
            Decimal(r.amount),
            r.narration,
        )
        for r in rows
    ]


def balances(federation: Federation, member: str | None = None) -> dict[str, Decimal]:
    """Each account's balance, by account name."""
    found: dict[str, Decimal] = defaultdict(Decimal)
    for posting in postings(federation, member):
        found[posting.account] += posting.amount
    return dict(sorted(found.items()))


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def beancount(federation: Federation, currency: str, title: str) -> str:
    """The accounts as Beancount text: the options, an `open` for each account on its first
    posting's day, and one transaction a balanced transaction of the record, with the
    ledger entry it was booked by."""
    rows = postings(federation)
    lines = [
        f"option {_quoted('title')} {_quoted(title)}",
        f"option {_quoted('operating_currency')} {_quoted(currency)}",
        "",
    ]
    opened: dict[str, str] = {}
    for row in rows:
        opened.setdefault(row.account, row.booked_on)
    for account, day in sorted(opened.items(), key=lambda item: (item[1], item[0])):
        lines.append(f"{day} open {account} {currency}")
    transactions: dict[tuple[int, int], list[PostingRow]] = defaultdict(list)
    for row in rows:
        transactions[(row.sequence, row.txn)].append(row)
    for (sequence, _), booked in transactions.items():
        first = booked[0]
        lines += ["", f"{first.booked_on} * {_quoted(first.narration)}", f"  entry: {sequence}"]
        lines += [f"  {p.account}  {p.amount} {currency}" for p in booked]
    return "\n".join(lines) + "\n"
