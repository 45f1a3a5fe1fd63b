"""The budget through the service (issue 26), on SQLite and PostgreSQL: the accounts a
double-entry ledger whose Beancount export Beancount itself parses with the projection's
balances; a refusal writes nothing; and over random histories of budget acts the accounts
always balance and no member is charged after its secession took effect (P3)."""

from __future__ import annotations

import contextlib
import tempfile
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import budget_world as w
from budget_world import budget_union
from builders import MEMBERS_1922, command, secede
from isonomia.domain import (
    Settle,
    actors,
)
from isonomia.domain.budget import (
    CallContributions,
    MakeEqualisationTransfer,
    RecordPayment,
    SpendUnderLine,
)
from isonomia.service import Keyring, Refused
from isonomia.service.queries import budget as budget_queries

S = actors.SECRETARIAT


def _parsed_balances(text: str) -> dict[str, Decimal]:
    from beancount import loader
    from beancount.core.data import Transaction

    entries, errors, _ = loader.load_string(text)
    assert not errors, errors
    found: dict[str, Decimal] = defaultdict(Decimal)
    for entry in entries:
        if isinstance(entry, Transaction):
            for posting in entry.postings:
                found[posting.account] += posting.units.number
    return dict(sorted(found.items()))


def test_the_beancount_export_parses_with_beancount_and_equals_the_projection(
    database_url: str, keyring: Keyring
) -> None:
    federation = budget_union(database_url, keyring)
    day = date(1923, 11, 5)
    federation.execute(
        command(
            RecordPayment,
            S,
            day,
            year=w.YEAR,
            member="ukraine",
            amount=Decimal("100000.50"),
            reference="UA-1",
        )
    )
    federation.execute(
        command(
            SpendUnderLine,
            S,
            day,
            year=w.YEAR,
            line="diplomacy",
            amount=Decimal("2500.25"),
            payee='The embassy "Berlin"',
            reference="D-1",
        )
    )
    federation.execute(
        command(
            MakeEqualisationTransfer,
            S,
            day,
            year=w.YEAR,
            member="armenia",
            amount=Decimal("1000.00"),
            reference="EQ-1",
        )
    )
    text = budget_queries.beancount(federation, "RUB", "union")
    balances = budget_queries.balances(federation)
    assert _parsed_balances(text) == {k: v for k, v in balances.items() if v or k}
    assert sum(balances.values()) == 0
    assert balances["Assets:Union:Bank"] == Decimal("100000.50") - Decimal("2500.25") - 1000


def test_p4_spending_beyond_the_line_is_refused_and_nothing_is_written(
    database_url: str, keyring: Keyring
) -> None:
    federation = budget_union(database_url, keyring)
    before = federation.ledger_length()
    with pytest.raises(Refused) as refused:
        federation.execute(
            command(
                SpendUnderLine,
                S,
                date(1923, 11, 5),
                year=w.YEAR,
                line="diplomacy",
                amount=Decimal("800000.01"),
                payee="x",
                reference="D-2",
            )
        )
    assert refused.value.refusal.principle == "P4"
    assert federation.ledger_length() == before
    assert budget_queries.postings(federation, year=w.YEAR)[-1].narration.startswith("contribution")


_ACTS = st.lists(
    st.tuples(
        st.sampled_from(["pay", "spend", "transfer", "secede", "call"]),
        st.sampled_from(MEMBERS_1922),
        st.integers(min_value=1, max_value=400_000),
        st.integers(min_value=1, max_value=40),
    ),
    min_size=1,
    max_size=8,
)


def _act(kind: str, member: str, cents: int, day: date, n: int) -> Any:
    amount = Decimal(cents).scaleb(-2)
    if kind == "pay":
        return command(
            RecordPayment, S, day, year=w.YEAR, member=member, amount=amount, reference=f"p{n}"
        )
    if kind == "spend":
        return command(
            SpendUnderLine,
            S,
            day,
            year=w.YEAR,
            line="administration",
            amount=amount,
            payee="x",
            reference=f"s{n}",
        )
    if kind == "transfer":
        return command(
            MakeEqualisationTransfer,
            S,
            day,
            year=w.YEAR,
            member=member,
            amount=amount,
            reference=f"t{n}",
        )
    if kind == "secede":
        return secede(member, day)
    return command(CallContributions, S, day, year=w.YEAR, due_on=day + timedelta(days=cents % 200))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ACTS)
def test_the_accounts_always_balance_and_no_member_is_charged_after_it_left(acts: list) -> None:
    with tempfile.TemporaryDirectory() as folder:
        keyring = Keyring(Path(folder) / "keys", provision=True)
        federation = budget_union(f"sqlite:///{folder}/u.db", keyring, call=False)
        day = date(1923, 10, 1)
        for n, (kind, member, cents, days) in enumerate(acts):
            day += timedelta(days=days)
            with contextlib.suppress(Refused):
                federation.execute(_act(kind, member, cents, day, n))
        federation.execute(command(Settle, S, date(1925, 12, 31)))
        rows = budget_queries.postings(federation)
        by_txn: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
        for row in rows:
            by_txn[(row.sequence, row.txn)] += row.amount
        assert all(total == 0 for total in by_txn.values())
        assert sum((row.amount for row in rows), Decimal(0)) == 0
        view = budget_queries.budget(federation, w.YEAR)
        assert view is not None
        for member in MEMBERS_1922:
            leaves = federation.state().members[member].leaves_on
            share = next(s for s in view.shares if s.member == member)
            if (
                leaves is not None
                and view.due_on is not None
                and leaves <= date.fromisoformat(view.due_on)
            ):
                # It owes nothing that fell due on or after the day it left (P3).
                assert share.owed == 0
            charges_after = [
                r
                for r in rows
                if r.member == member
                and r.account.startswith("Income:")
                and r.amount < 0
                and leaves is not None
                and date.fromisoformat(r.booked_on) >= leaves
            ]
            assert not charges_after
            assert share.owed >= 0


def test_p3_a_charge_falling_due_after_a_secession_is_reversed_in_the_accounts(
    database_url: str, keyring: Keyring
) -> None:
    federation = budget_union(database_url, keyring, call=False)
    federation.execute(
        command(CallContributions, S, w.CALLED, year=w.YEAR, due_on=date(1924, 6, 30))
    )
    federation.execute(
        command(
            RecordPayment,
            S,
            date(1923, 10, 3),
            year=w.YEAR,
            member="georgia",
            amount=Decimal("1000.00"),
            reference="GE-1",
        )
    )
    federation.execute(secede("georgia", date(1923, 10, 5)))  # in arrears: accepted (P3)
    federation.execute(command(Settle, S, date(1924, 1, 10)))
    balances = budget_queries.balances(federation, "georgia")
    assert balances["Assets:Receivable:Georgia"] == 0
    assert balances["Income:Contributions:Georgia"] == Decimal("-1000.00")
    view = budget_queries.budget(federation, w.YEAR)
    assert view is not None
    georgia = next(s for s in view.shares if s.member == "georgia")
    assert georgia.cancelled == georgia.charged - Decimal("1000.00") and georgia.owed == 0
    assert federation.rebuild_projections()[1]
    text = budget_queries.beancount(federation, "RUB", "union")
    assert _parsed_balances(text)["Assets:Receivable:Georgia"] == 0
