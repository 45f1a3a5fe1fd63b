"""The worked example's episodes about organs and acts: delegations to the union organs
(P4), an executive decision appealed and amended (P5, P6), and a conditional directive
with an urgent case reviewed by the union council (P8). `organs_and_acts` plays them,
then the episodes about fields and departments, in order."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from isonomia.cli.demo_fields import (
    conference_stays_advisory,
    culture_stays_with_members,
    joint_department,
    operational_department,
)
from isonomia.cli.demo_steps import MEMBERS, Step, _do, _in_force_line, _refused, _vote
from isonomia.service import (
    AppointDelegate,
    ConveneSession,
    Federation,
    FileAppeal,
    GiveInstructions,
    PublishAct,
    ReportCompliance,
    RequestInstructions,
    Ruling,
    actors,
    queries,
)

SESSION_DAYS = {  # the union council meets on Mondays (the charter's calendar, P4)
    "uc-1923-01-15": date(1923, 1, 15),
    "uc-1923-01-22": date(1923, 1, 22),
}
APPEAL_FILED = date(1923, 1, 11)
INSTRUCTIONS_ASKED = date(1923, 1, 18)


def organs_and_acts(federation: Federation) -> Iterator[Step]:
    """Delegations, an appealed executive decision, a conditional directive with an urgent
    case, a joint department, and a refused binding act on culture (P4, P6–P11)."""
    yield from delegations(federation)
    yield from tariff_decision(federation)
    yield from tariff_appeal(federation)
    yield from appeal_ruling(federation)
    yield from conditional_directive(federation)
    yield from urgent_review(federation)
    yield from joint_department(federation)
    yield from operational_department(federation)
    yield from culture_stays_with_members(federation)
    yield from conference_stays_advisory(federation)


def delegations(federation: Federation) -> Iterator[Step]:
    """Each member's council names one delegate to each union organ (P4)."""
    seated = date(1923, 1, 8)
    organs = ("union-council", "sto", "sovnarkom", "joint-conference")
    for organ in organs:
        for member in MEMBERS:
            _do(
                federation,
                AppointDelegate,
                actors.council(member),
                seated,
                organ=organ,
                member=member,
                person=f"{member}-{organ}",
                term_from=seated,
            )
    yield Step(
        "Each member's council names its delegates to the union organs (P4)",
        [
            f"one delegate per member in each of: {', '.join(organs)}, from {seated}",
            "votes are cast per member delegation, and counted by the charter's decision rule",
        ],
    )


def tariff_decision(federation: Federation) -> Iterator[Step]:
    """An executive decision of the Council of Labour and Defence, in force when published."""
    sto_day = date(1923, 1, 10)
    _do(
        federation,
        ConveneSession,
        actors.SECRETARIAT,
        sto_day,
        session="sto-1923-01-10",
        organ="sto",
        held_on=sto_day,
    )
    reason = _vote(
        federation,
        "sto-tariffs",
        "sto",
        "sto-1923-01-10",
        sto_day,
        against=("georgia",),
        title="Freight tariffs on the Transcaucasian railway",
        text="Freight tariffs on the Transcaucasian railway are raised by a third.",
        field="railways",
        kind="decision",
        force="mandatory",
    )
    _do(federation, PublishAct, actors.SECRETARIAT, sto_day, act="sto-tariffs")
    yield Step(
        "The Council of Labour and Defence decides railway tariffs",
        [f"sto-tariffs: {reason}", "published on 1923-01-10, in force from that day"],
    )


def tariff_appeal(federation: Federation) -> Iterator[Step]:
    """Georgia appeals; the decision stays in force until the ruling (P6)."""
    filed = APPEAL_FILED
    _do(
        federation,
        FileAppeal,
        actors.person("georgia-union-council"),
        filed,
        appeal="georgia-1",
        act="sto-tariffs",
        member="georgia",
        ground="the tariff strangles Georgian grain imports",
    )
    late = _refused(
        federation,
        FileAppeal,
        actors.council("georgia"),
        filed,
        appeal="georgia-2",
        act="sto-tariffs",
        member="georgia",
        ground="The tariff strangles Georgian grain imports.",
    )
    yield Step(
        "Georgia appeals to the union council; the decision stays in force (P6)",
        [
            _in_force_line(federation, "sto-tariffs", [filed, date(1923, 1, 14)]),
            "Georgia's second appeal on the same ground is refused:",
        ],
        refused=late,
    )


def appeal_ruling(federation: Federation) -> Iterator[Step]:
    """The union council's next session rules on the appeal and amends the decision (P6)."""
    ruling_day = SESSION_DAYS["uc-1923-01-15"]
    _do(
        federation,
        ConveneSession,
        actors.organ("presidium"),
        APPEAL_FILED,
        session="uc-1923-01-15",
        organ="union-council",
        held_on=ruling_day,
    )
    session = queries.session(federation, "uc-1923-01-15")
    assert session is not None
    reason = _vote(
        federation,
        "ruling-georgia-1",
        "union-council",
        "uc-1923-01-15",
        ruling_day,
        title="Ruling on Georgia's appeal against sto-tariffs",
        text="Freight tariffs are raised by a third, except for grain to Transcaucasia.",
        field="railways",
        kind="decision",
        force="mandatory",
        ruling=Ruling(on="appeal", ref="georgia-1", outcome="amend"),
    )
    history = queries.act_history(federation, "sto-tariffs")
    detail = queries.act_detail(federation, "sto-tariffs", ruling_day)
    assert detail is not None
    yield Step(
        f"The union council rules on {ruling_day}: the decision is amended (P6)",
        [
            f"its next session, presided by {session.presided_by} (P5); agenda: "
            f"{'; '.join(session.agenda)}",
            f"ruling-georgia-1: {reason}",
            _in_force_line(federation, "sto-tariffs", [date(1923, 1, 14), ruling_day]),
            f"text now: {detail.text}",
            "history of sto-tariffs:",
            *(f"  {on}  {what}" for on, what in history),
        ],
    )


def _adopt_grain_fund(federation: Federation) -> None:
    """The Council of People's Commissars adopts and publishes a conditional directive."""
    snk_day = date(1923, 1, 17)
    _do(
        federation,
        ConveneSession,
        actors.SECRETARIAT,
        snk_day,
        session="snk-1923-01-17",
        organ="sovnarkom",
        held_on=snk_day,
    )
    _vote(
        federation,
        "snk-grain-fund",
        "sovnarkom",
        "snk-1923-01-17",
        snk_day,
        title="Grain reserve for the union treasury",
        text="Each republic transfers a tenth of its grain-tax receipts to the union reserve.",
        field="finance",
        kind="directive",
        force="conditional",
    )
    _do(federation, PublishAct, actors.SECRETARIAT, snk_day, act="snk-grain-fund")


def _ukraine_asks_first(federation: Federation) -> None:
    """Ukraine requests instructions, receives them, and reports compliance."""
    ask = INSTRUCTIONS_ASKED
    _do(
        federation,
        RequestInstructions,
        actors.council("ukraine"),
        ask,
        directive="snk-grain-fund",
        member="ukraine",
        question="May the transfer be made in two instalments?",
    )
    _do(
        federation,
        GiveInstructions,
        actors.organ("sovnarkom"),
        ask,
        directive="snk-grain-fund",
        member="ukraine",
        instructions="Yes, before 1 March and 1 May.",
    )
    _do(
        federation,
        ReportCompliance,
        actors.council("ukraine"),
        ask,
        directive="snk-grain-fund",
        member="ukraine",
        note="first instalment transferred",
    )


def conditional_directive(federation: Federation) -> Iterator[Step]:
    """A conditional directive, with a request for instructions and an urgent case (P8)."""
    _adopt_grain_fund(federation)
    _ukraine_asks_first(federation)
    ask = INSTRUCTIONS_ASKED
    no_instructions = _refused(
        federation,
        ReportCompliance,
        actors.council("azerbaijan"),
        ask,
        directive="snk-grain-fund",
        member="azerbaijan",
    )
    _do(
        federation,
        ReportCompliance,
        actors.council("azerbaijan"),
        ask,
        directive="snk-grain-fund",
        member="azerbaijan",
        urgent=True,
        note="transferred at once, without instructions",
        justification="famine relief for Baku oil workers could not wait a week",
    )
    yield Step(
        "A conditional directive: instructions first, or an urgent case (P8)",
        [
            "Ukraine asks for instructions, receives them and carries the directive out",
            "Azerbaijan acts without them only by declaring an especially urgent case, justified;",
            "acting without instructions and without an urgent declaration is refused:",
        ],
        refused=no_instructions,
    )


def urgent_review(federation: Federation) -> Iterator[Step]:
    """The union council's next session reviews Azerbaijan's urgent action (P8)."""
    review_day = SESSION_DAYS["uc-1923-01-22"]
    _do(
        federation,
        ConveneSession,
        actors.organ("presidium"),
        INSTRUCTIONS_ASKED,
        session="uc-1923-01-22",
        organ="union-council",
        held_on=review_day,
    )
    reason = _vote(
        federation,
        "review-azerbaijan",
        "union-council",
        "uc-1923-01-22",
        review_day,
        title="Review of Azerbaijan's urgent action under snk-grain-fund",
        text="The urgency was real; the action is upheld.",
        field="finance",
        kind="decision",
        force="mandatory",
        ruling=Ruling(on="urgent-action", ref="snk-grain-fund:azerbaijan", outcome="uphold"),
    )
    reviewing = queries.session(federation, "uc-1923-01-22")
    assert reviewing is not None
    agenda = reviewing.agenda
    lines = [f"agenda of {review_day}: {'; '.join(agenda)}", f"review-azerbaijan: {reason}"]
    for member in ("ukraine", "azerbaijan", "georgia"):
        for row in queries.directives_for(federation, member):
            lines.append(f"isonomia directives --member {member}: {row.directive} {row.status}")
    yield Step("The next union council session reviews the urgent case (P8)", lines)
