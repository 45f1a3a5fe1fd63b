"""The story's episodes about national languages (P14): members write their own
language rules; an act of the union council takes effect in each member only once its
versions there are certified; a railway appointment in Ukraine without Ukrainian is refused;
the compliance report before and after Georgia certifies its version."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from isonomia.cli.demo.support import Step, Story
from isonomia.cli.i18n import said_in
from isonomia.service import (
    AdoptLanguageRules,
    AssignStaff,
    CertifyVersion,
    PublishAct,
    Refused,
    SendCorrespondence,
    SubmitVersion,
    WaiveVersions,
    actors,
    queries,
)

RULES_DAY = date(1925, 6, 1)
COUNCIL_DAY = date(1925, 6, 15)  # a Monday, the union council's weekday
GEORGIAN_DAY = date(1925, 6, 20)
ACT = "uc-railway-signals"
#: The versions certified at once, and the council of a member whose language each is.
#: Each member's own certifier certifies that member's versions, whoever certified the same
#: language for another member (P14).
AT_ONCE = (
    ("ru", "rsfsr"),
    ("uk", "ukraine"),
    ("ru", "ukraine"),
    ("be", "belorussia"),
    ("ru", "belorussia"),
    ("pl", "belorussia"),
    ("yi", "belorussia"),
)


def own_rules(story: Story) -> Iterator[Step]:
    """Ukraine and Georgia adopt their own language rules; the union council cannot (P14)."""
    story.do(
        AdoptLanguageRules,
        actors.council("ukraine"),
        RULES_DAY,
        member="ukraine",
        correspondence=["uk", "ru"],
        bilingual_documents=["railway timetables"],
        staff=["uk"],
    )
    story.do(
        AdoptLanguageRules,
        actors.council("georgia"),
        RULES_DAY,
        member="georgia",
        correspondence=["ka"],
        staff=["ka"],
    )
    refused = story.refused(
        AdoptLanguageRules,
        actors.organ("union-council"),
        RULES_DAY,
        member="georgia",
        correspondence=["ru"],
    )
    yield Step(
        "Ukraine and Georgia write their own language rules (P14)",
        [
            "Ukraine: letters in Ukrainian and Russian; the union's staff there speak Ukrainian",
            "Georgia: letters in Georgian; the union's staff there speak Georgian",
        ],
        refused=refused,
    )


def act_in_versions(story: Story) -> Iterator[Step]:
    """An act of the union council is in force at once in the three members whose versions
    are certified that day (P14)."""
    story.convene("uc-1925-06-15", "union-council", RULES_DAY, held_on=COUNCIL_DAY)
    reason = story.vote(
        ACT,
        "union-council",
        "uc-1925-06-15",
        COUNCIL_DAY,
        circulated=RULES_DAY,
        title="Uniform railway signals",
        text="Railway signals are uniform across the union.",
        field="railways",
        kind="decision",
        force="mandatory",
    )
    story.do(PublishAct, actors.SECRETARIAT, COUNCIL_DAY, act=ACT)
    for language in dict.fromkeys(language for language, _ in AT_ONCE):
        _submit(story, language, COUNCIL_DAY)
    for language, member in AT_ONCE:
        story.do(CertifyVersion, actors.council(member), COUNCIL_DAY, act=ACT, language=language)
    yield Step(
        f"The union council adopts {ACT}; it takes effect member by member (P14)",
        [f"{ACT}: {reason}", *_status_lines(story, COUNCIL_DAY)],
    )
    yield Step("The compliance report on that day", _report_lines(story, COUNCIL_DAY))


def staff_without_ukrainian(story: Story) -> Iterator[Step]:
    """Narkomput's new clerk in Ukraine must speak Ukrainian (P14)."""
    refused = story.refused(
        AssignStaff,
        actors.organ("narkomput"),
        COUNCIL_DAY,
        department="narkomput",
        member="ukraine",
        person="narkomput-clerk-2-ukraine",
        languages=["ru"],
    )
    yield Step("A railway clerk without Ukrainian is appointed in Ukraine", refused=refused)


def georgian_version(story: Story) -> Iterator[Step]:
    """Georgia certifies its version days later: only then is the act in force there."""
    _certify(story, "ka", "georgia", GEORGIAN_DAY)
    story.do(
        WaiveVersions,
        actors.council("armenia"),
        GEORGIAN_DAY,
        act=ACT,
        member="armenia",
    )
    yield Step(
        f"Georgia's council certifies the Georgian version on {GEORGIAN_DAY}; "
        "Armenia's council waives its version",
        [
            *_status_lines(story, GEORGIAN_DAY),
            "the compliance report on that day:",
            *_report_lines(story, GEORGIAN_DAY),
        ],
    )


def letter_in_russian(story: Story) -> Iterator[Step]:
    """A letter to Georgia's institutions without Georgian is refused, and said in Georgian."""
    try:
        story.do(
            SendCorrespondence,
            actors.organ("union-council"),
            GEORGIAN_DAY,
            organ="union-council",
            member="georgia",
            versions={"ru": "О единой сигнализации на железных дорогах."},
        )
    except Refused as refused:
        yield Step(
            "The union council writes to Georgia in Russian only",
            [f"in Georgian (--lang ka): {said_in('ka', refused.refusal)}"],
            refused=refused.line(),
        )
        return
    raise AssertionError("a letter without Georgian was recorded")


def _submit(story: Story, language: str, day: date) -> None:
    text = f"[{language}] Railway signals are uniform across the union."
    story.do(SubmitVersion, actors.SECRETARIAT, day, act=ACT, language=language, text=text)


def _certify(story: Story, language: str, member: str, day: date) -> None:
    _submit(story, language, day)
    story.do(CertifyVersion, actors.council(member), day, act=ACT, language=language)


def _status_lines(story: Story, on: date) -> list[str]:
    return [
        f"  {r.member}: {r.status}" for r in queries.act_status(story.federation, ACT, on) or []
    ]


def _report_lines(story: Story, on: date) -> list[str]:
    """The report's lines about this act and the members' rules; earlier acts, whose
    versions this example never submits, are only counted."""
    gaps = queries.language_report(story.federation, on)
    shown = [g for g in gaps if g.kind in ("staff", "correspondence") or g.subject == ACT]
    lines = [
        f"  {g.member} {g.language or '-'}: {g.kind} {g.subject} since {g.since} ({g.days} days)"
        for g in shown
    ]
    return [*lines, f"  and {len(gaps) - len(shown)} lines about earlier acts"]
