"""The story's episode about a removal taking effect (P17): the inspection chapter's final
findings removed the RSFSR official who struck Georgia's delegate from the Sovnarkom, in the
same derivation; when the Sovnarkom next votes, his vote is refused naming the case, the
other delegations vote and count without him, and his council's attempt to seat him again
while the removal bars him from office is refused too."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from isonomia.cli.demo.support import MEMBERS, Step, Story
from isonomia.service import (
    AppointDelegate,
    CastVote,
    CountVotes,
    DraftMotion,
    TableMotion,
    actors,
    queries,
)

#: The inspection chapter's case, and the official its findings removed on 1925-10-12.
OFFICIAL, CASE = "ordzhonikidze", "case-1925-1"
VOTED_ON = date(1925, 10, 19)
SESSION, MOTION = "snk-1925-10-19", "snk-transcaucasian-repairs"


def _sanction_lines(story: Story) -> list[str]:
    """`isonomia person sanctions OFFICIAL`, one line each."""
    return [
        f"{r.sanction} (case {r.case}, findings {r.findings}) from {r.effective_on}"
        + (f", barred from office until {r.bar_until}" if r.bar_until else "")
        + (f"; ended: {', '.join(r.offices)}" if r.offices else "")
        for r in queries.sanctions(story.federation, OFFICIAL)
    ]


def vote_refused(story: Story) -> Iterator[Step]:
    """The Sovnarkom votes a week after the findings; the removed official may not (P17)."""
    story.convene(SESSION, "sovnarkom", VOTED_ON)
    story.do(
        DraftMotion,
        actors.SECRETARIAT,
        VOTED_ON,
        motion=MOTION,
        organ="sovnarkom",
        title="Repairs on the Transcaucasian railway",
        text="The union's railway budget funds the repair of the Suram pass line.",
        field="railways",
        kind="decision",
        force="mandatory",
    )
    story.do("CirculateDraft", actors.SECRETARIAT, VOTED_ON, motion=MOTION, urgent=False)
    story.do(
        TableMotion,
        story.chair("sovnarkom", "table", VOTED_ON),
        VOTED_ON,
        motion=MOTION,
        session=SESSION,
    )
    refused = story.refused(
        CastVote, actors.person(OFFICIAL), VOTED_ON, motion=MOTION, member="rsfsr", vote="no"
    )
    yield Step(
        f"The Sovnarkom votes on {VOTED_ON}; {OFFICIAL}, removed by the findings, casts a vote",
        [
            f"isonomia person sanctions {OFFICIAL}:",
            *(f"  {line}" for line in _sanction_lines(story)),
        ],
        refused=refused,
    )
    for member in MEMBERS:
        story.do(
            CastVote,
            actors.person(f"{member}-sovnarkom"),
            VOTED_ON,
            motion=MOTION,
            member=member,
            vote="yes",
        )
    story.do(CountVotes, story.chair("sovnarkom", "count", VOTED_ON), VOTED_ON, motion=MOTION)
    reason = queries.act_history(story.federation, MOTION)[-1][1]
    yield Step(
        "The Sovnarkom counts without him",
        [f"{MOTION}: {reason} (the RSFSR's vote cast by its sitting delegate)"],
    )


def reappointment_refused(story: Story) -> Iterator[Step]:
    """The RSFSR's council seats him again while the removal bars him (P17)."""
    refused = story.refused(
        AppointDelegate,
        actors.council("rsfsr"),
        VOTED_ON,
        organ="sovnarkom",
        member="rsfsr",
        person=OFFICIAL,
        term_from=VOTED_ON,
    )
    yield Step(f"The RSFSR's council names {OFFICIAL} to the Sovnarkom again", refused=refused)
