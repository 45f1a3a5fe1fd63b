"""The power audit of a charter (P12, P13): who really holds power under each rule.

For every decision rule: each member's share of population, of the votes, an equal share,
and its Banzhaf and Shapley–Shubik power, with the verdict on the safeguards. Beside them,
what a simple majority weighted by population would do. With a second, older charter, the
same for both, so an amendment's effect on power is visible before it is adopted. A live
union is audited on its members of the day, since members leave and join.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from isonomia.charter.load import CharterInvalid, load_charter
from isonomia.charter.model import Charter
from isonomia.domain import ActKind
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.amendments import amendment_base, changed_charter
from isonomia.rules.power import (
    NationalQuestionPower,
    RulePower,
    Voter,
    audit,
    national_question_power,
    population_majority,
)
from isonomia.service.clock import now
from isonomia.service.errors import BadRequest, CharterRejected
from isonomia.service.federation import Federation

__all__ = [
    "Audit",
    "RulePower",
    "audit_amendment",
    "audit_charter",
    "audit_union",
    "changes",
    "plot",
]


@dataclass(frozen=True)
class Audit:
    union: str
    rules: list[RulePower]
    population_majority: RulePower
    #: The blocking power each national question gives the members concerned (P12).
    national_questions: list[NationalQuestionPower] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        return not any(r.breaches for r in self.rules)

    def as_json(self) -> dict[str, Any]:
        return {
            "union": self.union,
            "sound": self.sound,
            "rules": [asdict(r) for r in self.rules],
            "population_majority": asdict(self.population_majority),
            "national_questions": [asdict(q) for q in self.national_questions],
        }


def _charter(path: str | Path) -> Charter:
    try:
        return load_charter(path)
    except CharterInvalid as error:
        raise CharterRejected(error) from error


def audit_charter(path: str | Path) -> Audit:
    """Audit a charter file, without any database (its founding members vote)."""
    charter = _charter(path)
    return Audit(
        charter.union.name,
        audit(charter),
        population_majority(charter),
        national_question_power(charter),
    )


def audit_union(federation: Federation, on: date | None = None) -> Audit:
    """Audit the live union's charter on its members of a day (today unless told, P12).

    Members leave and join, so a rule that was sound for the founders may no longer be."""
    state = federation.state()
    charter = state.charter
    if charter is None or state.founded_on is None:
        raise BadRequest.of(N_("the union is not founded yet: audit its charter file instead"))
    day = on or now().date()
    voters = [Voter(m.id, m.population) for m in state.members_on(day)]
    if not voters:
        raise BadRequest.of(N_("the union has no members on {day}"), day=day)
    return Audit(
        f"{charter.union.name} on {day}",
        audit(charter, voters),
        population_majority(charter, voters),
        national_question_power(charter, voters),
    )


def _audit_on(charter: Charter, title: str, voters: list[Voter]) -> Audit:
    return Audit(
        title,
        audit(charter, voters),
        population_majority(charter, voters),
        national_question_power(charter, voters),
    )


def audit_amendment(
    federation: Federation, motion: str, on: date | None = None
) -> tuple[Audit, Audit]:
    """The power audit of the charter before and after a charter amendment tabled in the
    record, on the union's members of a day (today unless told): P12, P13.

    Before its adoption, the amendment's changes are merged over the charter they would
    amend; once adopted, the charter it made is compared with the one it replaced."""
    state = federation.state()
    if state.charter is None or state.founded_on is None:
        raise BadRequest.of(N_("the union is not founded yet: audit its charter file instead"))
    act = state.acts.get(motion)
    if act is None or act.kind is not ActKind.CHARTER_AMENDMENT or not act.charter_changes:
        raise BadRequest.of(
            N_("{motion} is no charter amendment changing the charter's settings"), motion=motion
        )
    day = on or now().date()
    voters = [Voter(m.id, m.population) for m in state.members_on(day)]
    if not voters:
        raise BadRequest.of(N_("the union has no members on {day}"), day=day)
    version = next((v for v in state.charter_versions if v.motion == motion), None)
    if version is not None:
        before, after = version.previous, version.charter
    else:
        made = changed_charter(state, act.charter_changes)
        if isinstance(made, Refusal):
            assert made.msgid is not None
            raise BadRequest.of(made.msgid, **dict(made.params))
        before, after = amendment_base(state), made[0]
    return (
        _audit_on(before, f"{before.union.name} on {day}, before {motion}", voters),
        _audit_on(after, f"{after.union.name} on {day}, with {motion}", voters),
    )


def changes(before: Audit, after: Audit) -> list[tuple[str, str, float, float]]:
    """(rule, member, Banzhaf before, Banzhaf after) for every rule and member in both."""
    rows = []
    old = {r.rule: {m.id: m.banzhaf for m in r.members} for r in before.rules}
    for rule in after.rules:
        previous = old.get(rule.rule)
        if previous is None:
            continue
        for m in rule.members:
            if m.id in previous:
                rows.append((rule.rule, m.id, previous[m.id], m.banzhaf))
    return rows


def plot(result: Audit, out: str | Path) -> Path:
    """Bars of population share, vote share and power per member, one panel per rule."""
    try:
        import matplotlib
    except ImportError as error:
        raise BadRequest.of(
            N_("the chart needs matplotlib: install the plot extra (pip install 'isonomia[plot]')")
        ) from error

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    panels = [*result.rules, result.population_majority]
    fig, axes = plt.subplots(
        len(panels), 1, figsize=(9, 2.6 * len(panels)), squeeze=False, constrained_layout=True
    )
    series = (
        ("population_share", "population"),
        ("weight_share", "votes"),
        ("banzhaf", "Banzhaf power"),
        ("shapley_shubik", "Shapley–Shubik power"),
    )
    for ax, rule in zip(axes[:, 0], panels, strict=True):
        x = np.arange(len(rule.members))
        width = 0.2
        for k, (attr, label) in enumerate(series):
            ax.bar(
                x + (k - 1.5) * width, [getattr(m, attr) for m in rule.members], width, label=label
            )
        ax.axhline(1 / len(rule.members), color="grey", linewidth=0.8, linestyle=":")
        ax.set_xticks(x, [m.id for m in rule.members], fontsize=8)
        ax.set_ylim(0, 1)
        verdict = "safeguards hold" if not rule.breaches else "breaks safeguards"
        ax.set_title(f"{rule.rule} ({rule.kind}): {verdict}", fontsize=10, loc="left")
    axes[0, 0].legend(fontsize=8, ncols=4, loc="upper right")
    fig.suptitle(f"Voting power in {result.union}", fontsize=11)
    path = Path(out)
    try:
        fig.savefig(path, dpi=110)
    except OSError as error:
        raise BadRequest.of(
            N_("cannot write {path}: {strerror}"), path=path, strerror=error.strerror
        ) from error
    finally:
        plt.close(fig)
    return path
