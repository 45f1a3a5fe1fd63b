"""A vote that proves itself (P18): after voting, the ballot no longer looks open and says
how the delegate voted, and the delegate's page shows how it voted, the entry that recorded
the vote (its number and hash) and, once a checkpoint covers that entry, its inclusion
proof, which `isonomia-verify` checks offline against the log's key, and a button that
checks it in the browser against the log key the page publishes."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path
from typing import Any

from account_world import PASSWORD, bound_account
from fastapi.testclient import TestClient

from builders import MEMBERS_1922, delegate_id
from isonomia.service import (
    AppointDelegate,
    CastVote,
    Command,
    ConveneSession,
    DraftMotion,
    Federation,
    Keyring,
    TableMotion,
    Transparency,
    actors,
    at_day,
    log_verifier_keys,
    make,
    new_command_id,
)
from isonomia.verify_cli import main as check_offline
from isonomia.web.page_support import CSRF_COOKIE

VOTING_DAY = date(1923, 1, 8)  # a Monday: the union council meets on Mondays
DELEGATE = actors.person(delegate_id("georgia", "union-council"))


def _command(cls: type[Command], actor: str, day: date = VOTING_DAY, **fields: Any) -> Command:
    return make(cls, command_id=new_command_id(), actor=actor, at=at_day(day), **fields)


def _motion_on_the_table(union: Federation) -> None:
    for member in MEMBERS_1922:
        union.execute(
            _command(
                AppointDelegate,
                actors.council(member),
                date(1922, 12, 31),
                organ="union-council",
                member=member,
                person=delegate_id(member, "union-council"),
                term_from=date(1922, 12, 31),
            )
        )
    union.execute(
        _command(
            ConveneSession, "secretariat", session="s-1", organ="union-council", held_on=VOTING_DAY
        )
    )
    union.execute(
        _command(
            DraftMotion,
            "secretariat",
            motion="m-1",
            organ="union-council",
            title="Tariffs",
            text="Railway tariffs are set jointly.",
            field="railways",
            kind="resolution",
            force="advisory",
        )
    )
    union.execute(_command(TableMotion, "secretariat", motion="m-1", session="s-1"))


def _signed_in(client: TestClient, union: Federation, keyring: Keyring) -> None:
    bound_account(union, keyring, "delegate", DELEGATE, "delegate", member="georgia")
    client.get("/login")
    login = {"name": "delegate", "password": PASSWORD, "csrf": client.cookies[CSRF_COOKIE]}
    assert client.post("/login", data=login, follow_redirects=False).status_code == 303


def test_p18_after_voting_the_page_shows_the_entry_its_hash_the_vote_and_then_its_proof(
    client: TestClient, union: Federation, keyring: Keyring, tmp_path: Path
) -> None:
    _motion_on_the_table(union)
    _signed_in(client, union, keyring)
    before = client.get("/vote")
    assert 'data-sign="CastVote"' in before.text and 'id="vote-' not in before.text
    assert "Recorded as entry {sequence}, hash {hash}." in before.text  # the script's receipt
    union.execute(_command(CastVote, DELEGATE, motion="m-1", member="georgia", vote="no"))
    entry = next(e for e in union.entries() if e.event_type == "VoteCast")
    after = client.get("/vote").text
    assert 'data-sign="CastVote"' not in after  # the ballot no longer looks open
    assert "You have voted on this motion" in after
    assert f"For georgia you voted: no (entry {entry.sequence})." in after  # the ballot says how
    row = re.search(rf'<tr id="vote-{entry.sequence}">(.*?)</tr>', after, re.S)
    assert row is not None
    cells = [
        html.unescape(re.sub(r"<[^>]+>", "", c))
        for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))
    ]
    assert cells[:5] == ["m-1", "georgia", "no", str(entry.sequence), entry.hash]
    assert "no checkpoint covers this entry" in cells[5]
    Transparency(union).make_checkpoint(keyring)
    proved = client.get("/vote").text
    link = f'href="/api/v1/ledger/proof/{entry.sequence}"'
    assert link in proved
    assert f'data-check-proof="{entry.sequence}"' in proved  # checked in the browser
    assert log_verifier_keys(union)[0] in proved  # against the log key, published to compare
    proof = client.get(f"/api/v1/ledger/proof/{entry.sequence}")
    assert proof.status_code == 200
    (tmp_path / "vote.tlog-proof").write_bytes(proof.content)
    (tmp_path / "entry.bin").write_bytes(Transparency(union).leaf_bytes(entry.sequence))
    argv = ["proof", str(tmp_path / "vote.tlog-proof"), "--entry", str(tmp_path / "entry.bin")]
    assert check_offline([*argv, "--key", log_verifier_keys(union)[0]]) == 0
