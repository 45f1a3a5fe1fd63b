"""The story's episodes on signatures: who signs what, and what is refused (P3, P4, P18).
Every act of the example is signed with its own body's key; here the forgeries, a delegate
voting for another member, and a backdated act in a union that runs on the live clock."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from isonomia.cli.demo.support import Step, Story
from isonomia.service import (
    AppointDelegate,
    CastVote,
    DecideSecession,
    DraftMotion,
    Federation,
    Keyring,
    Refused,
    Settle,
    TableMotion,
    actors,
    at_day,
    bootstrap,
    example_charter,
    make,
    new_command_id,
    now,
)

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


def _refusal(federation: Federation, envelope: dict[str, object]) -> str:
    try:
        federation.submit(envelope)
    except Refused as refused:
        return refused.line()
    raise AssertionError("a forged command was recorded")


def forgeries(story: Story) -> Iterator[Step]:
    """Armenia's key cannot decide Georgia's secession, in Georgia's name or its own (P3)."""
    day = date(1926, 2, 1)
    decision = make(
        DecideSecession,
        command_id=new_command_id(),
        actor=actors.congress("georgia"),
        at=at_day(day),
        member="georgia",
        decided_on=day,
    )
    armenia = story.keyring.key_for(actors.congress("armenia"))
    assert armenia is not None
    forged = _refusal(story.federation, story.federation.sign(decision, _One(armenia)))
    yield Step(
        "A secession of Georgia signed with Armenia's congress key is refused", refused=forged
    )
    in_own_name = decision.model_copy(update={"actor": actors.congress("armenia")})
    refused = _refusal(story.federation, story.federation.sign(in_own_name, _One(armenia)))
    yield Step("Armenia's congress deciding Georgia's secession in its own name", refused=refused)


def wrong_delegate(story: Story) -> Iterator[Step]:
    """A delegate votes only for the member it sits for (P4)."""
    drafted, day = date(1926, 2, 1), date(1926, 2, 15)
    # Uzbekistan presides over the union council from February: its council seats the delegate
    # who convenes and tables for it (P5).
    story.do(
        AppointDelegate,
        actors.council("uzbekistan"),
        drafted,
        organ="union-council",
        member="uzbekistan",
        person="uzbekistan-union-council",
        term_from=drafted,
    )
    story.do(
        DraftMotion,
        actors.SECRETARIAT,
        drafted,
        motion="uc-budget-1926",
        organ="union-council",
        title="Budget of 1926",
        text="The union's budget for 1926.",
        field="railways",
        kind="decision",
        force="mandatory",
    )
    story.do("CirculateDraft", actors.SECRETARIAT, drafted, motion="uc-budget-1926")
    story.convene("uc-1926-02-15", "union-council", day)
    story.do(
        TableMotion,
        story.chair("union-council", "table", day),
        day,
        motion="uc-budget-1926",
        session="uc-1926-02-15",
    )
    vote = make(
        CastVote,
        command_id=new_command_id(),
        actor=actors.person("georgia-union-council"),
        at=at_day(day),
        motion="uc-budget-1926",
        member="armenia",
        vote="no",
    )
    try:
        story.federation.execute(vote)
    except Refused as refused:
        yield Step("Georgia's delegate tries to cast Armenia's vote", refused=refused.line())


def backdated_in_a_live_union(story: Story) -> Iterator[Step]:
    """In a live union the record's clock is the service's: an act dated a month ago is
    refused (P18); this example's own union runs on a simulated clock, as it replays 1922."""
    with tempfile.TemporaryDirectory(prefix="isonomia-live-") as scratch:
        keys = Keyring(Path(scratch) / "keys", provision=True)
        live = bootstrap(f"sqlite:///{Path(scratch) / 'live.db'}", keyring=keys)
        try:
            live.initialize(example_charter("cooperatives"))
            backdated = make(
                Settle,
                command_id=new_command_id(),
                actor=actors.SECRETARIAT,
                at=now() - timedelta(days=30),
            )
            refused = _refusal(live, live.sign(backdated, keys))
        finally:
            live.close()
    yield Step("In a live union, an act backdated by a month is refused", refused=refused)


class _One:
    """A signer that holds one key, whoever the command names."""

    def __init__(self, key: Ed25519PrivateKey) -> None:
        self.key = key

    def key_for(self, principal: str) -> Ed25519PrivateKey:
        return self.key
