"""Procedure through the generated API (P4, P12, P14): a draft circulated and a postponement
asked for are recorded (201), a second postponement is a problem naming P12, and the read
tables show who received the draft when, in which languages, and the postponement."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from web_world import HttpFederation

from builders import command, found, union_1922
from isonomia.domain import DraftMotion, actors
from isonomia.domain.procedure import CirculateDraft, RequestPostponement
from isonomia.service import Keyring, Refused, at_day, example_charter
from isonomia.service.queries.procedure import circulation, postponements

MONDAY = date(1923, 1, 8)


def _postpone(reason: str) -> Any:
    return command(
        RequestPostponement,
        actors.council("georgia"),
        MONDAY,
        motion="m1",
        member="georgia",
        reason=reason,
    )


def test_p12_a_circulation_and_a_postponement_through_the_api(
    tmp_path: Path, keyring: Keyring
) -> None:
    federation = HttpFederation(f"sqlite:///{tmp_path / 'union.db'}", signer=keyring)
    federation.initialize(
        example_charter("union-1922"), clock="simulated", at=at_day(date(1922, 12, 30))
    )
    federation.execute(found(union_1922(), signed_in=federation))
    federation.execute(
        command(
            DraftMotion,
            actors.SECRETARIAT,
            MONDAY,
            motion="m1",
            organ="union-council",
            title="Uniform railway signals",
            text="Railway signals are uniform across the union.",
            field="railways",
            kind="decision",
            force="mandatory",
        )
    )
    federation.execute(command(CirculateDraft, actors.SECRETARIAT, MONDAY, motion="m1"))
    federation.execute(_postpone("our delegate returns next month"))
    assert federation.answers["CirculateDraft"] == [201]
    assert federation.answers["RequestPostponement"] == [201]
    with pytest.raises(Refused, match="once per motion"):
        federation.execute(_postpone("again"))
    assert federation.answers["RequestPostponement"][-1] == 409
    assert federation.problems[-1]["principle"] == "P12"
    rows = {r.member: r for r in circulation(federation, "m1")}
    assert len(rows) == 6
    assert rows["georgia"].received_on == MONDAY.isoformat()
    assert rows["georgia"].languages == "ka: pending"
    [postponed] = postponements(federation, "m1")
    # The example's 14 days of notice run to 1923-01-22; the postponement adds its 14 days.
    assert (postponed.member, postponed.vote_from) == ("georgia", "1923-02-05")
    assert postponed.notified.count(",") == 5
    federation.close()
