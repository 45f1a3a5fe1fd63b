"""The union's budget (issue 26): the deciders of the proposal and adoption of the annual
budget, the call of contributions, payments, spending and equalisation transfers.

The secretariat keeps the books; it decides nothing for the members: the budget binds only
once the charter's budget organ adopted its motion by the budget's rule (P4), each member's
share computed by the charter's formula and shown before the vote. Spending stays within the
adopted lines (P4); the equalisation line goes only to the members below the charter's
threshold (P12); a member that has left owes only what fell due before it left, and its
arrears never block its secession (P3: the secession's rule does not look at the budget).
"""

from __future__ import annotations

from decimal import Decimal

from isonomia.charter.budget import BudgetSettings
from isonomia.domain import FederationState, Stage, actors
from isonomia.domain.budget import (
    AdoptBudget,
    BudgetAdopted,
    BudgetProposed,
    CallContributions,
    ContributionsCalled,
    EqualisationTransferred,
    IncomeFigureRecorded,
    MakeEqualisationTransfer,
    PaymentReceived,
    ProposeBudget,
    RecordIncomeFigure,
    RecordPayment,
    SpendUnderLine,
    SpentUnderLine,
)
from isonomia.domain.budget_book import BudgetYear, book
from isonomia.domain.procedure import book as procedure_book
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.budget_motion import budget_of_motion
from isonomia.rules.contributions import contributors, entitlements, fiscal_year, shares
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who, own_council

SECRETARIAT = Who("P4", "the secretariat", lambda s, c: c.actor == actors.SECRETARIAT)


def _settings(state: FederationState) -> BudgetSettings | Refusal:
    if state.charter is None or state.founded_on is None:
        return Refusal.of("P1", N_("the union is not founded yet"))
    if state.charter.budget is None:
        return Refusal.of("P10", N_("the charter keeps no budget: amend it to add [budget]"))
    return state.charter.budget


def _amount(settings: BudgetSettings, amount: Decimal) -> Refusal | None:
    unit = settings.unit()
    if amount <= 0 or amount != amount.quantize(unit):
        return Refusal.of(
            "P4",
            N_("{amount} is not a positive amount in whole units of {unit} {currency}"),
            amount=amount,
            unit=unit,
            currency=settings.currency,
        )
    return None


def _adopted(state: FederationState, year: int) -> BudgetYear | Refusal:
    found = book(state).years.get(year)
    if found is None or found.adopted_on is None:
        return Refusal.of("P4", N_("no budget of {year} has been adopted"), year=year)
    return found


def _reference(year: BudgetYear, reference: str) -> Refusal | None:
    if reference in year.references:
        return Refusal.of(
            "P18", N_("reference {reference} is already in the accounts"), reference=reference
        )
    return None


def _members(state: FederationState, command: ProposeBudget) -> list[tuple[str, int]]:
    return [
        (m.id, m.population)
        for m in sorted(state.members.values(), key=lambda m: m.id)
        if m.is_member(command.day)
    ]


def _motion_problem(
    state: FederationState, settings: BudgetSettings, motion: str
) -> Refusal | None:
    act = state.acts.get(motion)
    if act is None or act.organ != settings.organ or act.field != settings.field:
        return Refusal.of(
            "P4",
            N_(
                "the budget is adopted by a motion in {field} drafted in {organ}: "
                "{motion} is not one"
            ),
            field=settings.field,
            organ=settings.organ,
            motion=motion,
        )
    if act.stage is not Stage.DRAFTED or motion in procedure_book(state).circulations:
        return Refusal.of(
            "P4",
            N_(
                "propose the budget before motion {motion} is circulated, so every "
                "council sees its share"
            ),
            motion=motion,
        )
    return None


@decides(ProposeBudget, who=SECRETARIAT)
def propose_budget(state: FederationState, command: ProposeBudget) -> Decision:
    settings = _settings(state)
    if isinstance(settings, Refusal):
        return settings
    earlier = book(state).years.get(command.year)
    if earlier is not None and earlier.adopted_on is not None:
        return Refusal.of("P4", N_("the budget of {year} was adopted"), year=command.year)
    problem = _motion_problem(state, settings, command.motion)
    if problem is None and budget_of_motion(state, command.motion) is not None:
        problem = Refusal.of("P4", N_("motion {motion} carries a budget"), motion=command.motion)
    for amount in command.lines.values():
        problem = problem or _amount(settings, amount)
    if problem is not None:
        return problem
    total = sum(command.lines.values(), Decimal(0))
    rule = settings.equalisation
    if rule is not None and command.lines.get(rule.line, Decimal(0)) < rule.share * total:
        return Refusal.of(
            "P12",
            N_("the charter reserves at least {share} of the budget for the line {line}"),
            share=rule.share,
            line=rule.line,
        )
    if state.charter is not None and state.charter.rule(settings.decision_rule) is None:
        return Refusal.of("P4", N_("the charter has no rule {rule}"), rule=settings.decision_rule)
    recorded = {member: f.amount for member, f in book(state).incomes.items()}
    members = contributors(settings, _members(state, command), recorded)
    split = shares(settings, members, total)
    if isinstance(split, str):
        return Refusal.of(
            "P12", N_("the contributions cannot be computed: {problem}"), problem=split
        )
    equal = (
        entitlements(settings, members, command.lines.get(rule.line, Decimal(0))) if rule else {}
    )
    return [
        BudgetProposed(
            year=command.year,
            motion=command.motion,
            organ=settings.organ,
            currency=settings.currency,
            proposed_on=command.day,
            lines={line: str(amount) for line, amount in sorted(command.lines.items())},
            shares={member: str(amount) for member, amount in split.items()},
            equalisation={member: str(amount) for member, amount in equal.items()},
        )
    ]


@decides(AdoptBudget, who=SECRETARIAT)
def adopt_budget(state: FederationState, command: AdoptBudget) -> Decision:
    settings = _settings(state)
    if isinstance(settings, Refusal):
        return settings
    year = book(state).years.get(command.year)
    if year is None:
        return Refusal.of("P4", N_("no budget of {year} was proposed"), year=command.year)
    if year.adopted_on is not None:
        return Refusal.of("P4", N_("the budget of {year} was adopted"), year=command.year)
    act = state.acts.get(year.motion)
    if act is None or act.stage not in (Stage.ADOPTED, Stage.PUBLISHED):
        return Refusal.of(
            "P4",
            N_("{organ} has not adopted motion {motion}, which carries the budget of {year}"),
            organ=year.organ,
            motion=year.motion,
            year=command.year,
        )
    starts, ends = fiscal_year(settings, command.year)
    return [
        BudgetAdopted(
            year=command.year,
            motion=year.motion,
            adopted_on=command.day,
            starts_on=starts,
            ends_on=ends,
        )
    ]


@decides(CallContributions, who=SECRETARIAT)
def call_contributions(state: FederationState, command: CallContributions) -> Decision:
    year = _adopted(state, command.year)
    if isinstance(year, Refusal):
        return year
    if year.called_on is not None:
        return Refusal.of("P4", N_("the contributions of {year} were called"), year=command.year)
    if command.due_on < command.day:
        return Refusal.of("P4", N_("contributions fall due on the day of the call or later"))
    charges = {}
    for member, share in year.shares.items():
        record = state.members.get(member)
        # A member that has left by the day a contribution falls due owes none of it (P3).
        if record is not None and record.is_member(command.due_on):
            charges[member] = str(share)
    return [
        ContributionsCalled(
            year=command.year, called_on=command.day, falls_due_on=command.due_on, charges=charges
        )
    ]


@decides(RecordPayment, who=SECRETARIAT)
def record_payment(state: FederationState, command: RecordPayment) -> Decision:
    settings = _settings(state)
    if isinstance(settings, Refusal):
        return settings
    year = _adopted(state, command.year)
    if isinstance(year, Refusal):
        return year
    problem = _amount(settings, command.amount) or _reference(year, command.reference)
    if problem is not None:
        return problem
    owed = year.owed(command.member)
    if command.amount > owed:
        return Refusal.of(
            "P3" if command.member in year.cancelled else "P4",
            N_("{member} owes {owed} {currency} of {year}, less than {amount}"),
            member=command.member,
            owed=max(owed, Decimal(0)),
            currency=settings.currency,
            year=command.year,
            amount=command.amount,
        )
    return [
        PaymentReceived(
            year=command.year,
            member=command.member,
            amount=str(command.amount),
            reference=command.reference,
            received_on=command.day,
        )
    ]


def _spending_problem(
    settings: BudgetSettings, year: BudgetYear, line: str, amount: Decimal, day: object
) -> Refusal | None:
    problem = _amount(settings, amount)
    if problem is not None:
        return problem
    if line not in year.lines:
        return Refusal.of(
            "P4", N_("the budget of {year} has no line {line}"), year=year.year, line=line
        )
    assert year.starts_on is not None and year.ends_on is not None
    if not year.starts_on <= day <= year.ends_on:  # type: ignore[operator]
        return Refusal.of(
            "P4",
            N_("the budget of {year} is spent from {starts} to {ends}"),
            year=year.year,
            starts=year.starts_on,
            ends=year.ends_on,
        )
    if amount > year.remaining(line):
        return Refusal.of(
            "P4",
            N_("the line {line} of {year} has {left} {currency} left, less than {amount}"),
            line=line,
            year=year.year,
            left=year.remaining(line),
            currency=settings.currency,
            amount=amount,
        )
    return None


@decides(SpendUnderLine, who=SECRETARIAT)
def spend_under_line(state: FederationState, command: SpendUnderLine) -> Decision:
    settings = _settings(state)
    if isinstance(settings, Refusal):
        return settings
    year = _adopted(state, command.year)
    if isinstance(year, Refusal):
        return year
    if settings.equalisation is not None and command.line == settings.equalisation.line:
        return Refusal.of(
            "P12", N_("the line {line} is paid only as equalisation transfers"), line=command.line
        )
    problem = _spending_problem(
        settings, year, command.line, command.amount, command.day
    ) or _reference(year, command.reference)
    if problem is not None:
        return problem
    return [
        SpentUnderLine(
            year=command.year,
            line=command.line,
            amount=str(command.amount),
            payee=command.payee,
            reference=command.reference,
            spent_on=command.day,
        )
    ]


@decides(MakeEqualisationTransfer, who=SECRETARIAT)
def make_equalisation_transfer(
    state: FederationState, command: MakeEqualisationTransfer
) -> Decision:
    settings = _settings(state)
    if isinstance(settings, Refusal):
        return settings
    year = _adopted(state, command.year)
    if isinstance(year, Refusal):
        return year
    rule = settings.equalisation
    if rule is None or command.member not in year.equalisation:
        return Refusal.of(
            "P12",
            N_("{member}'s income per head is not below the charter's equalisation threshold"),
            member=command.member,
        )
    record = state.members.get(command.member)
    if record is None or not record.is_member(command.day):
        return Refusal.of(
            "P3",
            N_("{member} has left the union: its acts no longer apply to it"),
            member=command.member,
        )
    left = year.equalisation[command.member] - year.transferred.get(command.member, Decimal(0))
    if command.amount > left:
        return Refusal.of(
            "P12",
            N_("{member}'s equalisation of {year} has {left} {currency} left, less than {amount}"),
            member=command.member,
            year=command.year,
            left=left,
            currency=settings.currency,
            amount=command.amount,
        )
    problem = _spending_problem(
        settings, year, rule.line, command.amount, command.day
    ) or _reference(year, command.reference)
    if problem is not None:
        return problem
    return [
        EqualisationTransferred(
            year=command.year,
            member=command.member,
            line=rule.line,
            amount=str(command.amount),
            reference=command.reference,
            transferred_on=command.day,
        )
    ]


@decides(RecordIncomeFigure, who=own_council("P2", "the member's own council"))
def record_income_figure(state: FederationState, command: RecordIncomeFigure) -> Decision:
    settings = _settings(state)
    if isinstance(settings, Refusal):
        return settings
    record = state.members.get(command.member)
    if record is None or not record.is_member(command.day):
        return Refusal.of("P3", N_("{member} is not a member"), member=command.member)
    problem = _amount(settings, command.amount)
    if problem is not None:
        return problem
    earlier = book(state).incomes.get(command.member)
    if earlier is not None and earlier.year > command.year:
        return Refusal.of(
            "P4",
            N_("{member} recorded a figure for {year} already: a later one stands"),
            member=command.member,
            year=earlier.year,
        )
    return [
        IncomeFigureRecorded(
            member=command.member,
            year=command.year,
            amount=str(command.amount),
            source=command.source,
            recorded_on=command.day,
        )
    ]
