"""The budget's read tables (issue 26): each fiscal year, its lines, each member's share and
what it was charged, paid, had cancelled (P3) and received (P12), and the accounts' postings,
one row a posting of a balanced transaction (`domain/budget_accounts.py`). Amounts are kept
as exact decimal strings and added up in Python, never as SQL floats."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain.budget import (
    BudgetAdopted,
    BudgetProposed,
    ContributionsCalled,
    EqualisationTransferred,
    IncomeFigureRecorded,
    PaymentReceived,
    SpentUnderLine,
)
from isonomia.domain.budget_accounts import Transaction, cancellation, transactions
from isonomia.domain.membership import SecessionTookEffect
from isonomia.store.projections.registry import ID, D, iso, projects, read_table
from isonomia.store.tables import metadata

MONEY = sa.String(40)

budget_year = read_table(
    sa.Table(
        "budget_year",
        metadata,
        sa.Column("year", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("motion", ID, nullable=False),
        sa.Column("organ", ID, nullable=False),
        sa.Column("currency", sa.String(24), nullable=False),
        sa.Column("proposed_on", D, nullable=False),
        sa.Column("adopted_on", D),
        sa.Column("starts_on", D),
        sa.Column("ends_on", D),
        sa.Column("called_on", D),
        sa.Column("due_on", D),
    )
)

budget_line = read_table(
    sa.Table(
        "budget_line",
        metadata,
        sa.Column("year", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("line", ID, primary_key=True),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("spent", MONEY, nullable=False),
    )
)

budget_share = read_table(
    sa.Table(
        "budget_share",
        metadata,
        sa.Column("year", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("member", ID, primary_key=True),
        sa.Column("share", MONEY, nullable=False),
        sa.Column("equalisation", MONEY, nullable=False),
        sa.Column("charged", MONEY, nullable=False),
        sa.Column("paid", MONEY, nullable=False),
        sa.Column("cancelled", MONEY, nullable=False),
        sa.Column("transferred", MONEY, nullable=False),
    )
)

budget_posting = read_table(
    sa.Table(
        "budget_posting",
        metadata,
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("position", sa.Integer(), primary_key=True, autoincrement=False),
        #: The transaction's number within its entry (an act may book several).
        sa.Column("txn", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("booked_on", D, nullable=False),
        sa.Column("account", sa.String(200), nullable=False),
        sa.Column("member", ID),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("narration", sa.Text(), nullable=False),
    )
)

budget_income = read_table(
    sa.Table(
        "budget_income",
        metadata,
        sa.Column("member", ID, primary_key=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("recorded_on", D, nullable=False),
    )
)

ZERO = "0"


def _book(conn: Connection, sequence: int, booked: Iterable[Transaction]) -> None:
    rows: list[dict[str, object]] = []
    for txn, transaction in enumerate(booked):
        assert transaction.balanced(), transaction
        for posting in transaction.postings:
            rows.append(
                {
                    "sequence": sequence,
                    "position": len(rows),
                    "txn": txn,
                    "year": transaction.year,
                    "booked_on": iso(transaction.on),
                    "account": posting.account,
                    "member": posting.member,
                    "amount": str(posting.amount),
                    "narration": transaction.narration,
                }
            )
    if rows:
        conn.execute(budget_posting.insert(), rows)


def _add(conn: Connection, table: sa.Table, column: str, amount: str, **key: object) -> None:
    where = sa.and_(*(table.c[name] == value for name, value in key.items()))
    current = conn.execute(sa.select(table.c[column]).where(where)).scalar_one()
    conn.execute(
        table.update().where(where).values({column: str(Decimal(current) + Decimal(amount))})
    )


@projects(IncomeFigureRecorded)
def _income(conn: Connection, sequence: int, event: IncomeFigureRecorded) -> None:
    conn.execute(budget_income.delete().where(budget_income.c.member == event.member))
    conn.execute(
        budget_income.insert().values(
            member=event.member,
            year=event.year,
            amount=event.amount,
            source=event.source,
            recorded_on=iso(event.recorded_on),
        )
    )


@projects(BudgetProposed)
def _proposed(conn: Connection, sequence: int, event: BudgetProposed) -> None:
    for table in (budget_line, budget_share):
        conn.execute(table.delete().where(table.c.year == event.year))
    conn.execute(budget_year.delete().where(budget_year.c.year == event.year))
    conn.execute(
        budget_year.insert().values(
            year=event.year,
            motion=event.motion,
            organ=event.organ,
            currency=event.currency,
            proposed_on=iso(event.proposed_on),
        )
    )
    conn.execute(
        budget_line.insert(),
        [
            {"year": event.year, "line": line, "amount": amount, "spent": ZERO}
            for line, amount in event.lines.items()
        ],
    )
    conn.execute(
        budget_share.insert(),
        [
            {
                "year": event.year,
                "member": member,
                "share": share,
                "equalisation": event.equalisation.get(member, ZERO),
                "charged": ZERO,
                "paid": ZERO,
                "cancelled": ZERO,
                "transferred": ZERO,
            }
            for member, share in event.shares.items()
        ],
    )


@projects(BudgetAdopted)
def _adopted(conn: Connection, sequence: int, event: BudgetAdopted) -> None:
    conn.execute(
        budget_year.update()
        .where(budget_year.c.year == event.year)
        .values(
            adopted_on=iso(event.adopted_on),
            starts_on=iso(event.starts_on),
            ends_on=iso(event.ends_on),
        )
    )


@projects(ContributionsCalled)
def _called(conn: Connection, sequence: int, event: ContributionsCalled) -> None:
    conn.execute(
        budget_year.update()
        .where(budget_year.c.year == event.year)
        .values(called_on=iso(event.called_on), due_on=iso(event.falls_due_on))
    )
    for member, amount in event.charges.items():
        conn.execute(
            budget_share.update()
            .where(budget_share.c.year == event.year, budget_share.c.member == member)
            .values(charged=amount)
        )
    _book(conn, sequence, transactions(event))


@projects(PaymentReceived)
def _paid(conn: Connection, sequence: int, event: PaymentReceived) -> None:
    _add(conn, budget_share, "paid", event.amount, year=event.year, member=event.member)
    _book(conn, sequence, transactions(event))


@projects(SpentUnderLine)
def _spent(conn: Connection, sequence: int, event: SpentUnderLine) -> None:
    _add(conn, budget_line, "spent", event.amount, year=event.year, line=event.line)
    _book(conn, sequence, transactions(event))


@projects(EqualisationTransferred)
def _transferred(conn: Connection, sequence: int, event: EqualisationTransferred) -> None:
    _add(conn, budget_line, "spent", event.amount, year=event.year, line=event.line)
    _add(conn, budget_share, "transferred", event.amount, year=event.year, member=event.member)
    _book(conn, sequence, transactions(event))


@projects(SecessionTookEffect)
def _left(conn: Connection, sequence: int, event: SecessionTookEffect) -> None:
    """The unpaid part of a contribution falling due on or after the day the member left
    is cancelled (P3), as the state's `budget_book` does."""
    rows = conn.execute(
        sa.select(budget_share, budget_year.c.due_on)
        .join(budget_year, budget_year.c.year == budget_share.c.year)
        .where(budget_share.c.member == event.member, budget_year.c.due_on.is_not(None))
        .order_by(budget_share.c.year)
    ).all()
    booked = []
    for row in rows:
        owed = Decimal(row.charged) - Decimal(row.cancelled) - Decimal(row.paid)
        if date.fromisoformat(row.due_on) < event.effective_on or owed <= 0:
            continue
        _add(conn, budget_share, "cancelled", str(owed), year=row.year, member=event.member)
        booked.append(cancellation(row.year, event.member, owed, event.effective_on))
    _book(conn, sequence, booked)
