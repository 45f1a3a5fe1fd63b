"""Many clients at once, and a server killed mid-stream: the record stays one valid chain.

Every command goes through `Federation.submit`, one transaction holding the append lock, so
50 clients of one app (threads sharing its state cache) count every vote exactly once; and
a live server killed with SIGKILL between or inside commands leaves a record that verifies,
holds every command it acknowledged, and whose read tables equal a rebuild (P18).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

import httpx
import pytest
from fastapi.testclient import TestClient

from builders import MEMBERS_1922, delegate_id
from conftest import founded_union
from isonomia.service import (
    Accounts,
    AppointDelegate,
    CastVote,
    Command,
    ConveneSession,
    DraftMotion,
    Federation,
    Keyring,
    TableMotion,
    actors,
    at_day,
    make,
    new_command_id,
    queries,
)
from isonomia.web.app import create_app

VOTING_DAY = date(1923, 1, 8)  # a Monday: the union council meets on Mondays
LATER = date(1923, 1, 15)
SRC = Path(__file__).resolve().parents[2] / "src"


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


def _token(accounts: Accounts, keyring: Keyring, principal: str, role: str) -> str:
    name = principal.replace(":", ".")
    if accounts.get(name) is None:
        accounts.add(name, role, None)
    key = keyring.key_for(principal)
    assert key is not None, principal
    return accounts.token_with_key(name, key)


def _session(union: Federation, keyring: Keyring, name: str) -> dict[str, Any]:
    command = _command(
        ConveneSession, "secretariat", session=name, organ="union-council", held_on=LATER
    )
    return union.sign(command, keyring)


def _votes(union: Federation, keyring: Keyring, accounts: Accounts) -> list[tuple[str, dict]]:
    """Two signed votes per member's delegation (yes, then no), with the delegate's token."""
    work = []
    for choice in ("yes", "no"):
        for member in MEMBERS_1922:
            person = actors.person(delegate_id(member, "union-council"))
            vote = _command(CastVote, person, motion="m-1", member=member, vote=choice)
            envelope = union.sign(vote, keyring)  # makes and registers the delegate's key
            work.append((_token(accounts, keyring, person, "delegate"), envelope))
    return work


def _assert_whole(union: Federation) -> None:
    fresh = Federation(union.db.url)
    assert fresh.verify_ledger().ok
    assert fresh.verify_signatures().ok
    replayed, equal = fresh.rebuild_projections()
    assert equal and replayed == fresh.ledger_length()
    fresh.close()


@pytest.mark.postgres
def test_p18_fifty_clients_at_once_count_every_vote_exactly_once(
    fresh_postgres_url: str, keyring: Keyring
) -> None:
    union = founded_union(fresh_postgres_url, keyring)
    _motion_on_the_table(union)
    accounts = Accounts(union)
    votes = _votes(union, keyring, accounts)
    clerk = _token(accounts, keyring, "secretariat", "executive")
    sessions = [(clerk, _session(union, keyring, f"w-{n}")) for n in range(38 * 3)]
    work = [[v] for v in votes] + [sessions[n::38] for n in range(38)]
    assert len(work) == 50
    app = create_app(fresh_postgres_url)
    answers: list[tuple[str, int]] = []
    start = threading.Barrier(len(work))

    def client(jobs: list[tuple[str, dict]]) -> None:
        with TestClient(app) as http:
            start.wait()
            for token, envelope in jobs:
                name = envelope["command"]["type"]
                answer = http.post(
                    f"/api/v1/commands/{name}",
                    json=envelope,
                    headers={"Authorization": f"Bearer {token}"},
                )
                answers.append((name, answer.status_code))

    threads = [threading.Thread(target=client, args=(jobs,)) for jobs in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Counter(answers) == Counter(
        {("CastVote", 201): 6, ("CastVote", 409): 6, ("ConveneSession", 201): 38 * 3}
    )
    detail = queries.act_detail(union, "m-1", VOTING_DAY)
    assert detail is not None
    voted = Counter(member for _, member, _, _ in detail.votes)
    assert voted == Counter(MEMBERS_1922)  # every delegation's vote, exactly once
    assert len(queries.sessions(union, "union-council")) == 1 + 38 * 3
    _assert_whole(union)
    union.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(url: str, port: int, log: BinaryIO) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("ISONOMIA_DATABASE_URL", None)
    code = "from isonomia.cli.main import run; run()"
    return subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--db", url, "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _wait_ready(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, "the server stopped"
        try:
            if httpx.get(f"{base}/api/v1/union", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError("the server did not start")


def test_p18_a_server_killed_mid_stream_leaves_a_valid_record(
    database_url: str, keyring: Keyring, tmp_path: Path
) -> None:
    union = founded_union(database_url, keyring)
    accounts = Accounts(union)
    clerk = _token(accounts, keyring, "secretariat", "executive")
    stream = [_session(union, keyring, f"k-{n}") for n in range(400)]
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = (tmp_path / "serve.log").open("wb")
    server = _serve(database_url, port, log)
    acknowledged: list[str] = []
    try:
        _wait_ready(base, server)
        with httpx.Client(base_url=base, timeout=10) as http:
            for n, envelope in enumerate(stream):
                if n == 25:
                    killer = threading.Timer(0.05, os.kill, (server.pid, signal.SIGKILL))
                    killer.start()
                try:
                    answer = http.post(
                        "/api/v1/commands/ConveneSession",
                        json=envelope,
                        headers={"Authorization": f"Bearer {clerk}"},
                    )
                except httpx.TransportError:
                    break
                assert answer.status_code == 201, answer.text
                acknowledged.append(envelope["command"]["session"])
    finally:
        server.kill()
        server.wait()
        log.close()
    assert server.returncode == -signal.SIGKILL
    assert 25 <= len(acknowledged) < len(stream)
    recorded = {s.id for s in queries.sessions(union, "union-council")}
    assert set(acknowledged) <= recorded
    _assert_whole(union)
    union.close()
