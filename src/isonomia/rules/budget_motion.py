"""The annual budget's motion (issue 26, P4): a motion a budget proposal names is counted by
the charter's budget rule and voted no sooner than the budget's notice after its circulation
(the longer of it and `[procedure]`'s), so every member's council sees its share first."""

from __future__ import annotations

from isonomia.charter.model import DecisionRule
from isonomia.domain import Act, FederationState
from isonomia.domain.budget_book import BudgetYear, book

__all__ = ["budget_notice_days", "budget_of_motion", "budget_rule"]


def budget_of_motion(state: FederationState, motion: str) -> BudgetYear | None:
    """The budget proposed under `motion`, if one was (the latest, if several)."""
    found = [y for y in book(state).years.values() if y.motion == motion]
    return found[-1] if found else None


def budget_rule(state: FederationState, act: Act) -> DecisionRule | None:
    """The charter's budget rule, if `act` is a budget's motion."""
    charter = state.charter
    if charter is None or charter.budget is None or budget_of_motion(state, act.id) is None:
        return None
    return charter.rule(charter.budget.decision_rule)


def budget_notice_days(state: FederationState, act: Act) -> int:
    """The budget's notice, if `act` is a budget's motion (0 otherwise)."""
    charter = state.charter
    if charter is None or charter.budget is None or budget_of_motion(state, act.id) is None:
        return 0
    return charter.budget.notice_days
