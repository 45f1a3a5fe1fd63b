"""The story's episodes about organs and acts: delegations to the union organs (P4), an
executive decision appealed and amended (P5, P6), and a conditional directive with an
urgent case reviewed by the union council (P8)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from isonomia.cli.demo.support import MEMBERS, Step, Story
from isonomia.service import (
    AppointDelegate,
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


def delegations(story: Story) -> Iterator[Step]:
    """Each member's council names one delegate to each union organ (P4)."""
    seated = date(1923, 1, 8)
    organs = ("union-council", "sto", "sovnarkom", "joint-conference")
    for organ in organs:
        for member in MEMBERS:
            story.do(
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


def tariff_decision(story: Story) -> Iterator[Step]:
    """An executive decision of the Council of Labour and Defence, in force when published."""
    sto_day = date(1923, 1, 10)
    story.convene("sto-1923-01-10", "sto", sto_day)
    reason = story.vote(
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
    story.do(PublishAct, actors.SECRETARIAT, sto_day, act="sto-tariffs")
    yield Step(
        "The Council of Labour and Defence decides railway tariffs",
        [f"sto-tariffs: {reason}", "published on 1923-01-10, in force from that day"],
    )


def tariff_appeal(story: Story) -> Iterator[Step]:
    """Georgia appeals; the decision stays in force until the ruling (P6)."""
    filed = APPEAL_FILED
    story.do(
        FileAppeal,
        actors.person("georgia-union-council"),
        filed,
        appeal="georgia-1",
        act="sto-tariffs",
        member="georgia",
        ground="the tariff strangles Georgian grain imports",
    )
    late = story.refused(
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
            story.in_force_line("sto-tariffs", [filed, date(1923, 1, 14)]),
            "Georgia's second appeal on the same ground is refused:",
        ],
        refused=late,
    )


def appeal_ruling(story: Story) -> Iterator[Step]:
    """The union council's next session rules on the appeal and amends the decision (P6)."""
    ruling_day = SESSION_DAYS["uc-1923-01-15"]
    story.convene("uc-1923-01-15", "union-council", APPEAL_FILED, held_on=ruling_day)
    session = queries.session(story.federation, "uc-1923-01-15")
    assert session is not None
    reason = story.vote(
        "ruling-georgia-1",
        "union-council",
        "uc-1923-01-15",
        ruling_day,
        circulated=APPEAL_FILED,
        urgent="Georgian grain imports suffer under the tariff every day it stands",
        title="Ruling on Georgia's appeal against sto-tariffs",
        text="Freight tariffs are raised by a third, except for grain to Transcaucasia.",
        field="railways",
        kind="decision",
        force="mandatory",
        ruling=Ruling(on="appeal", ref="georgia-1", outcome="amend"),
    )
    history = queries.act_history(story.federation, "sto-tariffs")
    detail = queries.act_detail(story.federation, "sto-tariffs", ruling_day)
    assert detail is not None
    yield Step(
        f"The union council rules on {ruling_day}: the decision is amended (P6)",
        [
            f"its next session, presided by {session.presided_by} (P5); agenda: "
            f"{'; '.join(session.agenda)}",
            f"ruling-georgia-1: {reason}",
            story.in_force_line("sto-tariffs", [date(1923, 1, 14), ruling_day]),
            f"text now: {detail.text}",
            "history of sto-tariffs:",
            *(f"  {on}  {what}" for on, what in history),
        ],
    )


def _adopt_grain_fund(story: Story) -> None:
    """The Council of People's Commissars adopts and publishes a conditional directive."""
    snk_day = date(1923, 1, 17)
    story.convene("snk-1923-01-17", "sovnarkom", snk_day)
    story.vote(
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
    story.do(PublishAct, actors.SECRETARIAT, snk_day, act="snk-grain-fund")


def _ukraine_asks_first(story: Story) -> None:
    """Ukraine requests instructions, receives them, and reports compliance."""
    ask = INSTRUCTIONS_ASKED
    story.do(
        RequestInstructions,
        actors.council("ukraine"),
        ask,
        directive="snk-grain-fund",
        member="ukraine",
        question="May the transfer be made in two instalments?",
    )
    story.do(
        GiveInstructions,
        actors.organ("sovnarkom"),
        ask,
        directive="snk-grain-fund",
        member="ukraine",
        instructions="Yes, before 1 March and 1 May.",
    )
    story.do(
        ReportCompliance,
        actors.council("ukraine"),
        ask,
        directive="snk-grain-fund",
        member="ukraine",
        note="first instalment transferred",
    )


def conditional_directive(story: Story) -> Iterator[Step]:
    """A conditional directive, with a request for instructions and an urgent case (P8)."""
    _adopt_grain_fund(story)
    _ukraine_asks_first(story)
    ask = INSTRUCTIONS_ASKED
    no_instructions = story.refused(
        ReportCompliance,
        actors.council("azerbaijan"),
        ask,
        directive="snk-grain-fund",
        member="azerbaijan",
    )
    story.do(
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


def urgent_review(story: Story) -> Iterator[Step]:
    """The union council's next session reviews Azerbaijan's urgent action (P8)."""
    review_day = SESSION_DAYS["uc-1923-01-22"]
    story.convene("uc-1923-01-22", "union-council", INSTRUCTIONS_ASKED, held_on=review_day)
    reason = story.vote(
        "review-azerbaijan",
        "union-council",
        "uc-1923-01-22",
        review_day,
        circulated=INSTRUCTIONS_ASKED,
        urgent="an urgent action is reviewed at the union council's next session (P8)",
        title="Review of Azerbaijan's urgent action under snk-grain-fund",
        text="The urgency was real; the action is upheld.",
        field="finance",
        kind="decision",
        force="mandatory",
        ruling=Ruling(on="urgent-action", ref="snk-grain-fund:azerbaijan", outcome="uphold"),
    )
    reviewing = queries.session(story.federation, "uc-1923-01-22")
    assert reviewing is not None
    agenda = reviewing.agenda
    lines = [f"agenda of {review_day}: {'; '.join(agenda)}", f"review-azerbaijan: {reason}"]
    for member in ("ukraine", "azerbaijan", "georgia"):
        for row in queries.directives_for(story.federation, member):
            lines.append(f"isonomia directives --member {member}: {row.directive} {row.status}")
    yield Step("The next union council session reviews the urgent case (P8)", lines)
