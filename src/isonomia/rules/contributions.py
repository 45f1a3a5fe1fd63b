"""The charter's contribution formula and equalisation (issue 26, P12), pure and exact.

A member's share of the budget is a weighted mix of its share of the population and of the
income figures (`[budget.contributions]`), then held between the floor and the cap: a share
below the floor is raised to it, one above the cap lowered to it, and the difference spread
over the others in proportion to their shares, until none is outside. Shares are exact
fractions; amounts are split by the largest remainder, in the currency's smallest unit, so
they add up to the total exactly.

The equalisation line goes to the members whose income per head is below the charter's
threshold, in proportion to their population (P12: an inequality that compensates one).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from isonomia.charter.budget import BudgetSettings

__all__ = ["Contributor", "allocate", "below_threshold", "entitlements", "fiscal_year", "shares"]


@dataclass(frozen=True)
class Contributor:
    """A member as the formula sees it: its population and its income figure, if any."""

    id: str
    population: int
    income: Decimal | None


def contributors(
    settings: BudgetSettings,
    members: Sequence[tuple[str, int]],
    recorded: Mapping[str, Decimal] | None = None,
) -> list[Contributor]:
    """The members (id, population) with their income figures: the one each member's
    council recorded last (`recorded`), else the charter's."""
    found = []
    for member, population in members:
        income = (recorded or {}).get(member)
        if income is None:
            figure = settings.income(member)
            income = figure.amount if figure else None
        found.append(Contributor(member, population, income))
    return found


def allocate(
    total: Decimal, fractions: Mapping[str, Fraction], unit: Decimal
) -> dict[str, Decimal]:
    """`total` split by `fractions` (adding up to 1) in whole `unit`s, by the largest
    remainder (ties: by id), so the amounts add up to `total` exactly."""
    units = int(total / unit)
    exact = {key: Fraction(units) * share for key, share in fractions.items()}
    whole = {key: int(value) for key, value in exact.items()}
    left = units - sum(whole.values())
    order = sorted(exact, key=lambda key: (-(exact[key] - whole[key]), key))
    for key in order[:left]:
        whole[key] += 1
    return {key: (unit * count).quantize(unit) for key, count in sorted(whole.items())}


def _clamped(raw: dict[str, Fraction], floor: Fraction, cap: Fraction) -> dict[str, Fraction]:
    """Shares held between `floor` and `cap`, the difference spread in proportion."""
    fixed: dict[str, Fraction] = {}
    while True:
        free = {key: share for key, share in raw.items() if key not in fixed}
        room = 1 - sum(fixed.values(), Fraction(0))
        weight = sum(free.values(), Fraction(0))
        scaled = {
            key: (room * share / weight if weight else room / len(free))
            for key, share in free.items()
        }
        out = {key: floor for key, s in scaled.items() if s < floor}
        out.update({key: cap for key, s in scaled.items() if s > cap})
        if not out:
            return {**fixed, **scaled}
        fixed.update(out)
        if len(fixed) == len(raw):
            return fixed


def shares(
    settings: BudgetSettings, members: Sequence[Contributor], total: Decimal
) -> dict[str, Decimal] | str:
    """Each member's share of `total` by the charter's formula, or why it cannot be
    computed (a member without an income figure, a floor or cap no split can meet)."""
    formula = settings.contributions
    count = len(members)
    floor, cap = Fraction(formula.floor), Fraction(formula.cap)
    if count == 0:
        return "there is no member to share the budget among"
    if floor * count > 1 or cap * count < 1:
        return (
            f"no split among {count} members keeps every share between the floor "
            f"{formula.floor} and the cap {formula.cap}"
        )
    income_weight = Fraction(formula.income_weight)
    missing = [m.id for m in members if m.income is None]
    if income_weight and missing:
        return f"the charter records no income figure for {', '.join(missing)}"
    people = sum(m.population for m in members)
    incomes = sum((Fraction(m.income or 0) for m in members), Fraction(0))
    raw = {
        m.id: Fraction(formula.population_weight) * Fraction(m.population, people)
        + (income_weight * Fraction(m.income or 0) / incomes if income_weight else 0)
        for m in members
    }
    return allocate(total, _clamped(raw, floor, cap), settings.unit())


def below_threshold(settings: BudgetSettings, members: Sequence[Contributor]) -> list[str]:
    """The members whose income per head is below the equalisation threshold (P12)."""
    if settings.equalisation is None:
        return []
    threshold = Fraction(settings.equalisation.threshold_per_head)
    return [
        m.id
        for m in members
        if m.income is not None and Fraction(m.income) / m.population < threshold
    ]


def entitlements(
    settings: BudgetSettings, members: Sequence[Contributor], amount: Decimal
) -> dict[str, Decimal]:
    """Each eligible member's part of the equalisation line, by population (P12)."""
    eligible = [m for m in members if m.id in below_threshold(settings, members)]
    people = sum(m.population for m in eligible)
    if not eligible or amount <= 0:
        return {}
    fractions = {m.id: Fraction(m.population, people) for m in eligible}
    return allocate(amount, fractions, settings.unit())


def fiscal_year(settings: BudgetSettings, year: int) -> tuple[date, date]:
    """The first and last days of fiscal year `year`."""
    month, day = (int(part) for part in settings.fiscal_year_starts.split("-"))
    starts = date(year, month, day)
    return starts, date(year + 1, month, day) - timedelta(days=1)
