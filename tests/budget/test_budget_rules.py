"""The budget's rules (issue 26): the annual budget adopted by the charter's budget rule after
its notice, with each member's share by the formula recorded before the vote; contributions,
payments, spending within the lines (P4), equalisation to members below the threshold (P12),
and a member that has left owing only what fell due before it left (P3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import budget_world as w
from builders import command, run, secede
from isonomia.domain import FederationState, Settle, TableMotion, actors
from isonomia.domain.budget import (
    BudgetProposed,
    MakeEqualisationTransfer,
    RecordIncomeFigure,
    RecordPayment,
    SpendUnderLine,
)
from isonomia.domain.budget_book import book
from isonomia.domain.refusal import Refusal
from isonomia.rules.budget_motion import budget_rule
from isonomia.rules.pipeline import handle


def _refusal(state: FederationState, cls: type, day: date, **fields: object) -> Refusal:
    found = run(state, command(cls, w.SECRETARIAT, day, **fields))
    assert isinstance(found, Refusal), found
    return found


def test_shares_by_the_formula_are_recorded_before_the_vote_and_add_up_exactly() -> None:
    state = w.drafted()
    events = run(
        state,
        command(
            w.ProposeBudget,
            w.SECRETARIAT,
            w.DRAFTED,
            year=w.YEAR,
            motion=w.MOTION,
            lines=dict(w.LINES),
        ),
    )
    assert not isinstance(events, Refusal)
    proposed = next(e for e in events if isinstance(e, BudgetProposed))
    shares = {m: Decimal(a) for m, a in proposed.shares.items()}
    assert sum(shares.values()) == sum(w.LINES.values())
    total = sum(w.LINES.values())
    assert all(
        total * Decimal("0.02") - 1 <= s <= total * Decimal("0.6") + 1 for s in shares.values()
    )
    assert shares["rsfsr"] > shares["ukraine"] > shares["armenia"]
    # Equalisation goes to the republics below 60 roubles a head, by population (P12).
    assert set(proposed.equalisation) == {"armenia", "azerbaijan"}
    assert sum(Decimal(a) for a in proposed.equalisation.values()) == w.LINES["equalisation"]


def test_p4_the_budget_motion_waits_for_the_budget_notice_and_its_own_rule() -> None:
    state = w.proposed()
    act = state.acts[w.MOTION]
    rule = budget_rule(state, act)
    assert rule is not None and rule.id == "ordinary"
    early = date(1923, 8, 27)
    state = w.do(state, w.ConveneSession, early, session="uc-early", organ=w.COUNCIL, held_on=early)
    refused = _refusal(state, TableMotion, early, motion=w.MOTION, session="uc-early")
    assert refused.principle == "P4"


def test_p4_no_budget_is_adopted_before_its_motion() -> None:
    refused = _refusal(w.proposed(), w.AdoptBudget, w.VOTED, year=w.YEAR)
    assert refused.principle == "P4" and "has not adopted motion" in refused.reason


def test_p12_the_equalisation_line_is_at_least_the_charters_share() -> None:
    lines = {**w.LINES, "equalisation": Decimal("10.00")}
    refused = _refusal(
        w.drafted(), w.ProposeBudget, w.DRAFTED, year=w.YEAR, motion=w.MOTION, lines=lines
    )
    assert refused.principle == "P12"


def test_p4_amounts_are_whole_units_of_the_currency() -> None:
    lines = {**w.LINES, "administration": Decimal("1.001")}
    refused = _refusal(
        w.drafted(), w.ProposeBudget, w.DRAFTED, year=w.YEAR, motion=w.MOTION, lines=lines
    )
    assert refused.principle == "P4" and "whole units" in refused.reason


def test_p4_spending_beyond_a_line_is_refused() -> None:
    state = w.called()
    day = date(1923, 11, 1)
    state = w.do(
        state,
        SpendUnderLine,
        day,
        year=w.YEAR,
        line="diplomacy",
        amount=Decimal("700000.00"),
        payee="embassies",
        reference="v-1",
    )
    refused = _refusal(
        state,
        SpendUnderLine,
        day,
        year=w.YEAR,
        line="diplomacy",
        amount=Decimal("100000.01"),
        payee="embassies",
        reference="v-2",
    )
    assert refused.principle == "P4" and "left" in refused.reason
    assert book(state).years[w.YEAR].remaining("diplomacy") == Decimal("100000.00")


def test_p12_equalisation_only_to_members_below_the_threshold() -> None:
    state = w.called()
    day = date(1923, 11, 1)
    refused = _refusal(
        state,
        MakeEqualisationTransfer,
        day,
        year=w.YEAR,
        member="ukraine",
        amount=Decimal("1.00"),
        reference="t-1",
    )
    assert refused.principle == "P12"
    entitled = book(state).years[w.YEAR].equalisation["armenia"]
    state = w.do(
        state,
        MakeEqualisationTransfer,
        day,
        year=w.YEAR,
        member="armenia",
        amount=entitled,
        reference="t-2",
    )
    again = _refusal(
        state,
        MakeEqualisationTransfer,
        day,
        year=w.YEAR,
        member="armenia",
        amount=Decimal("0.01"),
        reference="t-3",
    )
    assert again.principle == "P12"


def test_p4_payments_beyond_what_is_owed_and_reused_references_are_refused() -> None:
    state = w.called()
    day = date(1923, 11, 1)
    owed = book(state).years[w.YEAR].owed("georgia")
    state = w.do(
        state, RecordPayment, day, year=w.YEAR, member="georgia", amount=owed, reference="pay-1"
    )
    assert (
        _refusal(
            state,
            RecordPayment,
            day,
            year=w.YEAR,
            member="georgia",
            amount=Decimal("0.01"),
            reference="pay-2",
        ).principle
        == "P4"
    )
    assert (
        _refusal(
            state,
            RecordPayment,
            day,
            year=w.YEAR,
            member="armenia",
            amount=Decimal("1.00"),
            reference="pay-1",
        ).principle
        == "P18"
    )


def test_p3_secession_with_arrears_is_accepted_and_it_owes_what_fell_due_before() -> None:
    state = w.called()
    owed = book(state).years[w.YEAR].owed("georgia")
    assert owed > 0
    decided = date(1923, 10, 5)  # 90 days' notice: takes effect on 1924-01-03, after the due day
    events = run(state, secede("georgia", decided))
    assert not isinstance(events, Refusal), events
    state = w.apply(state, secede("georgia", decided))
    state = w.do(state, Settle, date(1924, 1, 10))
    assert not state.members["georgia"].is_member(date(1924, 1, 10))
    assert book(state).years[w.YEAR].owed("georgia") == owed


def test_p3_a_charge_falling_due_after_the_member_left_is_cancelled() -> None:
    state = w.do(w.adopted(), w.CallContributions, w.CALLED, year=w.YEAR, due_on=date(1924, 6, 30))
    state = w.apply(state, secede("georgia", date(1923, 10, 5)))  # leaves on 1924-01-03
    state = w.do(state, Settle, date(1924, 1, 10))
    year = book(state).years[w.YEAR]
    assert year.owed("georgia") == 0 and year.cancelled["georgia"] == year.charged["georgia"]
    refused = _refusal(
        state,
        RecordPayment,
        date(1924, 1, 11),
        year=w.YEAR,
        member="georgia",
        amount=Decimal("1.00"),
        reference="p",
    )
    assert refused.principle == "P3"


def test_p3_a_member_leaving_before_the_due_day_owes_nothing_of_it() -> None:
    state = w.adopted()
    state = w.apply(state, secede("armenia", date(1923, 9, 20)))  # leaves on 1923-12-19
    state = w.do(state, w.CallContributions, w.CALLED, year=w.YEAR, due_on=w.DUE)
    year = book(state).years[w.YEAR]
    assert "armenia" not in year.charged and year.owed("armenia") == 0
    assert (
        _refusal(
            state,
            RecordPayment,
            date(1923, 11, 1),
            year=w.YEAR,
            member="armenia",
            amount=Decimal("1.00"),
            reference="p",
        ).principle
        == "P4"
    )


def test_a_members_council_records_its_income_figure_and_the_formula_uses_it() -> None:
    state = w.drafted()
    lines = dict(w.LINES)
    before = run(
        state,
        command(
            w.ProposeBudget, w.SECRETARIAT, w.DRAFTED, year=w.YEAR, motion=w.MOTION, lines=lines
        ),
    )
    assert not isinstance(before, Refusal)
    income = command(
        RecordIncomeFigure,
        actors.council("ukraine"),
        w.DRAFTED,
        member="ukraine",
        year=1923,
        amount=Decimal("4200000000"),
        source="Ukrainian statistical office, 1923",
    )
    state = w.apply(state, income)
    after = run(
        state,
        command(
            w.ProposeBudget, w.SECRETARIAT, w.DRAFTED, year=w.YEAR, motion=w.MOTION, lines=lines
        ),
    )
    assert not isinstance(after, Refusal)
    old = Decimal(next(e for e in before if isinstance(e, BudgetProposed)).shares["ukraine"])
    new = Decimal(next(e for e in after if isinstance(e, BudgetProposed)).shares["ukraine"])
    assert new > old
    assert book(state).incomes["ukraine"].source.startswith("Ukrainian")


def test_p2_only_the_members_own_council_records_its_income_figure() -> None:
    forged = command(
        RecordIncomeFigure,
        actors.council("rsfsr"),
        w.DRAFTED,
        member="ukraine",
        year=1923,
        amount=Decimal("1.00"),
        source="a guess",
    )
    refused = handle(w.drafted(), forged, forged.day)
    assert isinstance(refused, Refusal) and refused.principle == "P2"
