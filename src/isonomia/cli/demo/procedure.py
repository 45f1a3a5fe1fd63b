"""The story's episodes about procedure (P4, P12): a draft sent to every republic before the
union council decides, a vote called too early refused, Georgia's council having the vote
"delayed until my return", and a national-question resolution vetoed by one republic."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from isonomia.cli.demo.support import MEMBERS, Step, Story
from isonomia.service import (
    ConveneSession,
    DraftMotion,
    TableMotion,
    actors,
    queries,
)

CIRCULATED_ON = date(1925, 7, 6)  # a Monday
TOO_EARLY, TOO_EARLY_ON = "uc-1925-07-13", date(1925, 7, 13)
SESSION, SESSION_ON = "uc-1925-07-20", date(1925, 7, 20)
ASKED_ON = date(1925, 7, 10)
MOTION = "uc-transcaucasian-railway"
SCHOOLING = "uc-schooling-language"
COUNCIL = "union-council"


def draft_circulated(story: Story) -> Iterator[Step]:
    """The secretariat drafts a railway decision and sends it to every republic's council in
    its languages; the charter's 14 days of notice run from that day (P4, P14)."""
    story.do(
        DraftMotion,
        actors.SECRETARIAT,
        CIRCULATED_ON,
        motion=MOTION,
        organ="union-council",
        title="The Transcaucasian railway",
        text="The Transcaucasian railway is run as one line by Narkomput.",
        field="railways",
        kind="decision",
        force="mandatory",
    )
    story.do("CirculateDraft", actors.SECRETARIAT, CIRCULATED_ON, motion=MOTION)
    rows = queries.procedure.circulation(story.federation, MOTION)
    lines = [
        f"{r.member}: received {r.received_on}; {r.languages}"
        + ("; concerned (may ask for time)" if r.concerned else "")
        for r in rows
    ]
    if rows:
        lines.append(f"notice: {rows[0].notice_days} days; voted on from {rows[0].notice_ends_on}")
    yield Step(f"The draft of {MOTION} goes to every republic's council (P4, P14)", lines)


def vote_too_early(story: Story) -> Iterator[Step]:
    """A session a week later may not vote on it: the notice has not run (P4)."""
    for session, held_on in ((TOO_EARLY, TOO_EARLY_ON), (SESSION, SESSION_ON)):
        story.convene(session, COUNCIL, CIRCULATED_ON, held_on=held_on)
    chair = story.chair(COUNCIL, "table", CIRCULATED_ON)
    refused = story.refused(TableMotion, chair, CIRCULATED_ON, motion=MOTION, session=TOO_EARLY)
    story.do(TableMotion, chair, CIRCULATED_ON, motion=MOTION, session=SESSION)
    yield Step(
        f"Tabling {MOTION} for the session of {TOO_EARLY_ON}, a week after its circulation",
        [f"tabled instead for the session of {SESSION_ON}, when the notice has run"],
        refused=refused,
    )


def postponed(story: Story) -> Iterator[Step]:
    """Georgia's council, concerned by railways, has the vote delayed once by the charter's
    14 days; every member is notified, and a vote on the old day is refused (P12)."""
    story.do(
        "RequestPostponement",
        actors.council("georgia"),
        ASKED_ON,
        motion=MOTION,
        member="georgia",
        reason="our delegate is in Tiflis until the end of the month; the matter needs thought",
    )
    (row,) = queries.procedure.postponements(story.federation, MOTION)
    refused = story.refused(
        "CastVote",
        actors.person("rsfsr-union-council"),
        SESSION_ON,
        motion=MOTION,
        member="rsfsr",
        vote="yes",
    )
    moved = date.fromisoformat(row.vote_from)
    reason = _vote_and_count(story, moved)
    yield Step(
        "Georgia asks that the vote be delayed until its delegate returns (P12)",
        [
            f"asked on {row.requested_on}: the vote moves by {row.days} days to {row.vote_from}; "
            f"notified: {row.notified}",
            f"voted on {moved}: {reason}",
        ],
        refused=refused,
    )


def national_question_vetoed(story: Story) -> Iterator[Step]:
    """A union resolution on the language of schooling touches the national question: each
    republic may veto it, and Ukraine does (P12)."""
    day = date.fromisoformat(queries.procedure.postponements(story.federation, MOTION)[0].vote_from)
    session = f"uc-{day}"
    story.convene(session, "union-council", day)
    reason = story.vote(
        SCHOOLING,
        "union-council",
        session,
        day,
        against=("ukraine",),
        title="Russian as the language of schooling",
        text="The union recommends Russian as the first language of every school.",
        field="education",
        kind="resolution",
        force="advisory",
    )
    yield Step(
        f"{SCHOOLING}: every republic may veto a national question (P12)",
        [f"{SCHOOLING}: {reason}"],
    )


def _vote_and_count(story: Story, day: date) -> str:
    for member in MEMBERS:
        story.do(
            "CastVote",
            actors.person(f"{member}-union-council"),
            day,
            motion=MOTION,
            member=member,
            vote="yes",
        )
    story.do("CountVotes", story.chair(COUNCIL, "count", day), day, motion=MOTION)
    return queries.act_history(story.federation, MOTION)[-1][1]


def presidency_presides(story: Story) -> Iterator[Step]:
    """The union council's procedure is signed by the delegate of the republic presiding that
    day, and the gavel passes with the presidency (P5); the secretariat only circulates drafts
    and publishes acts."""
    day = date(1923, 1, 9)
    refused = story.refused(
        ConveneSession,
        actors.SECRETARIAT,
        day,
        session="uc-1923-01-09",
        organ=COUNCIL,
        held_on=day,
    )
    lines = []
    for on in (date(1923, 1, 15), date(1923, 4, 2), date(1923, 7, 2), date(1923, 10, 1)):
        row = queries.presiding(story.federation, COUNCIL, on)
        lines.append(f"{on}: {row.member} presides (term {row.term}); {row.delegate} signs")
    yield Step(
        "The presiding republic's delegate convenes, tables and counts (P5)",
        lines,
        refused=refused,
    )
