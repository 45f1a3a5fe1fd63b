"""The charter's budget (issue 26): the currency and fiscal year, the contribution formula
(shares by population and by an income figure per member, with its source, between a floor
and a cap), the equalisation transfers to members below a threshold of income per head, and
the rule and notice the annual budget is adopted by.

Every amount is exact: a `decimal.Decimal` written as a string (or an integer) in the TOML
file and in every payload, never a float. Kept apart from `model.py`, which holds it as
`Charter.budget`; the cross-checks against organs and rules are made when a budget is
proposed (`rules/budget.py`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

__all__ = ["Amount", "BudgetSettings", "Contributions", "Equalisation", "Income", "exact"]

_Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{0,62}$")]


def exact(value: Any) -> Any:
    """An amount as given, refusing floats: a binary float cannot carry a decimal amount
    exactly, so amounts are written as strings ("1250.50") or integers."""
    if isinstance(value, float):
        raise ValueError("write an amount as a string or an integer, not a float")
    if isinstance(value, str):
        return value.strip()
    return value


#: An exact amount or share: a `Decimal`, given as a string or an integer, shown as a string.
Amount = Annotated[Decimal, BeforeValidator(exact), Field(allow_inf_nan=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Income(_Strict):
    """A member's income figure (its national income for a year, in the charter's currency),
    recorded with its source, as its population is."""

    member: _Slug
    amount: Amount = Field(gt=0)
    year: int = Field(ge=1000, le=3000)
    source: str = Field(min_length=1)


class Contributions(_Strict):
    """How the budget is shared among the members: a weighted mix of each member's share of
    the population and of the income figures, each share then held between `floor` and `cap`
    (shares of the budget; the difference is spread over the others in proportion)."""

    population_weight: Amount = Field(ge=0, le=1)
    income_weight: Amount = Field(default=Decimal(0), ge=0, le=1)
    floor: Amount = Field(default=Decimal(0), ge=0, le=1)
    cap: Amount = Field(default=Decimal(1), gt=0, le=1)

    @model_validator(mode="after")
    def _weights(self) -> Contributions:
        if self.population_weight + self.income_weight != 1:
            raise ValueError("population_weight and income_weight add up to 1")
        if self.floor > self.cap:
            raise ValueError("the floor is above the cap")
        return self


class Equalisation(_Strict):
    """Transfers that compensate inequality (P12): at least `share` of each annual budget is
    its line `line`, paid to the members whose income per head is below
    `threshold_per_head`, each in proportion to its population."""

    line: _Slug = "equalisation"
    share: Amount = Field(ge=0, le=1)
    threshold_per_head: Amount = Field(gt=0)


class BudgetSettings(_Strict):
    """The union's budget: its currency (an ISO 4217-like code, as accountants' tools read
    it), the fiscal year, the formula, the equalisation, and how the budget is adopted."""

    currency: str = Field(pattern=r"^[A-Z][A-Z0-9]{1,23}$")
    #: The currency's name, as shown to a reader ("gold roubles").
    currency_name: str = ""
    #: Digits after the decimal point of an amount (2: kopecks, cents).
    decimals: int = Field(default=2, ge=0, le=6)
    #: The first day of a fiscal year, "MM-DD"; fiscal year N begins on it in year N.
    fiscal_year_starts: str = Field(default="01-01", pattern=r"^(0[1-9]|1[0-2])-[0-3][0-9]$")
    #: The organ that adopts the budget, by a motion in `field`.
    organ: _Slug = "union-council"
    field: _Slug = "finance"
    #: The rule the budget's motion is counted by, and the days of notice between its
    #: circulation and its vote (at least those of `[procedure]`).
    decision_rule: _Slug
    notice_days: int = Field(default=30, ge=0, le=365)
    contributions: Contributions
    incomes: list[Income] = Field(default_factory=list)
    equalisation: Equalisation | None = None

    def income(self, member: str) -> Income | None:
        """The income figure recorded for `member`, if any."""
        return next((i for i in self.incomes if i.member == member), None)

    def unit(self) -> Decimal:
        """The smallest amount in the currency (0.01 with two decimals)."""
        return Decimal(1).scaleb(-self.decimals)
