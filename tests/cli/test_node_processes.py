"""Members' nodes as processes on 127.0.0.1 (P3, P18): the union's server (`isonomia serve`)
and members' nodes (`isonomia node follow --once`), each its own process and database (the
first node's on SQLite and PostgreSQL). They co-sign, catch an entry planted by SQL, resume
after being killed mid-sync, serve their copy read-only, and say a dead server in one line;
with its council's API token a node replays a case sealed at rest, without one it stops."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from case_world import SUMMARY, open_sealed_case
from isonomia.service import Federation, Keyring, Transparency, node_status
from node_world import plant_secession
from tlog_world import founded, log_key_beside

SRC = Path(__file__).resolve().parents[2] / "src"
CODE = "from isonomia.cli.main import run; run()"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "200"}
    env.pop("ISONOMIA_DATABASE_URL", None)
    return env


def _isonomia(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CODE, *args],
        env={**_env(), **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def _start(*args: str, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-c", CODE, *args], env=_env(), stdout=out, stderr=subprocess.STDOUT
        )


def _wait_ready(base: str, server: subprocess.Popen[bytes], path: str) -> None:
    for _ in range(300):
        assert server.poll() is None, "the server stopped"
        try:
            if httpx.get(f"{base}{path}", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError("the server did not start")


def _serve(url: str, tmp_path: Path, *more: str) -> Iterator[str]:
    port = _free_port()
    server = _start("serve", "--db", url, "--port", str(port), *more, log=tmp_path / f"{port}.log")
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base, server, "/api/v1/union")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def union(tmp_path: Path, keyring: Keyring) -> Iterator[Federation]:
    federation = founded(f"sqlite:///{tmp_path / 'union.db'}", keyring)
    log_key_beside(federation, keyring)
    Transparency(federation).make_checkpoint(keyring)
    yield federation
    federation.close()


@pytest.fixture
def server(union: Federation, tmp_path: Path) -> Iterator[str]:
    yield from _serve(union.db.url, tmp_path)


def _key(keyring: Keyring, member: str) -> str:
    return str(keyring.path(f"council:{member}"))


def _one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    return lines[0]


def test_p18_three_nodes_follow_the_server_cosign_and_catch_an_entry_planted_by_sql(
    union: Federation, server: str, keyring: Keyring, database_url: str, tmp_path: Path
) -> None:
    nodes = {
        "ukraine": database_url,
        "armenia": str(tmp_path / "armenia.db"),
        "rsfsr": str(tmp_path / "rsfsr.db"),
    }
    size = Transparency(union).head().size  # type: ignore[union-attr]
    for member, db in nodes.items():
        key = ("--key", _key(keyring, member)) if member != "rsfsr" else ()
        done = _isonomia("node", "follow", server, "--db", db, *key, "--once", "--page", "7")
        assert done.returncode == 0, done.stderr
        assert f"last accepted checkpoint: {size}" in done.stdout
    head = httpx.get(f"{server}/api/v1/ledger/head").json()
    assert {"council:ukraine", "council:armenia"} <= set(head["cosigners"])
    status = _isonomia("node", "status", "--db", nodes["ukraine"], "--union", server)
    assert status.returncode == 0 and "alarms: none" in status.stdout
    assert "co-signed" in status.stdout and "lag behind" in status.stdout

    export = tmp_path / "ukraine.json"
    written = _isonomia("node", "export", "ukraine", "--db", nodes["ukraine"], "--out", str(export))
    assert written.returncode == 0, written.stderr
    witnesses = tmp_path / "witnesses.txt"
    keys = _isonomia("ledger", "verifier-keys", "--witnesses", "--db", nodes["armenia"])
    witnesses.write_text(keys.stdout, encoding="utf-8")
    accepted = node_status(nodes["armenia"]).accepted  # what another member's node holds
    assert accepted is not None
    verified = _isonomia(
        "verify-export", str(export), "--expect-head", accepted.root,
        "--witness-keys", str(witnesses), "--require-cosigners", "1",
    )  # fmt: skip
    assert verified.returncode == 0, verified.stdout + verified.stderr

    planted = plant_secession(union.db.url, member="ukraine")
    assert _isonomia("ledger", "checkpoint", "--db", union.db.url).returncode == 0
    for member, db in nodes.items():
        key = ("--key", _key(keyring, member)) if member != "rsfsr" else ()
        caught = _isonomia("node", "follow", server, "--db", db, *key, "--once")
        assert caught.returncode == 4, caught.stdout + caught.stderr
        line = _one_line(caught.stderr)
        assert f"entry {planted} (SecessionDecided)" in line and "P18" in line
        if member == "ukraine":
            assert "council:ukraine did not sign it" in line
    head = httpx.get(f"{server}/api/v1/ledger/head").json()
    assert head["size"] == planted and head["cosigners"] == []  # nobody co-signed the forgery
    shown = _isonomia("node", "status", "--db", nodes["armenia"])
    assert shown.returncode == 4 and f"entry {planted}" in shown.stdout


def test_p18_a_node_killed_mid_sync_resumes_from_what_it_holds(
    union: Federation, server: str, keyring: Keyring, tmp_path: Path
) -> None:
    db = tmp_path / "ukraine.db"
    size = Transparency(union).head().size  # type: ignore[union-attr]
    follower = _start(
        "node", "follow", server, "--db", str(db), "--page", "1", "--interval", "60",
        log=tmp_path / "follow.log",
    )  # fmt: skip
    held = 0
    try:
        for _ in range(600):
            if db.exists():
                try:
                    held = node_status(str(db)).held
                except Exception:
                    held = 0
                if held > 0:
                    break
            time.sleep(0.02)
    finally:
        follower.send_signal(signal.SIGKILL)
        follower.wait(timeout=30)
    assert held > 0
    kept = node_status(str(db)).held
    done = _isonomia(
        "node", "follow", server, "--db", str(db), "--key", _key(keyring, "ukraine"), "--once"
    )
    assert done.returncode == 0, done.stderr
    assert f"node holds {size} entries (fetched {size - kept})" in done.stdout
    with sa.create_engine(f"sqlite:///{db}").connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM ledger")).scalar() == size


def test_p18_a_node_serves_its_copy_read_only_and_a_peer_compares_notes_with_it(
    union: Federation, server: str, keyring: Keyring, tmp_path: Path
) -> None:
    armenia = str(tmp_path / "armenia.db")
    assert _isonomia("node", "follow", server, "--db", armenia, "--once").returncode == 0
    for base in _serve(armenia, tmp_path, "--read-only", "--union", server):
        accepted = httpx.get(f"{base}/node/checkpoint").json()
        assert accepted["size"] == Transparency(union).head().size  # type: ignore[union-attr]
        refused = httpx.post(f"{base}/api/v1/ledger/cosignatures", json={"size": 1, "line": "x"})
        assert refused.status_code == 405 and server in refused.json()["detail"]
        assert httpx.get(f"{base}/api/v1/members").status_code == 200
        ukraine = str(tmp_path / "ukraine.db")
        done = _isonomia("node", "follow", server, "--db", ukraine, "--peer", base, "--once")
        assert done.returncode == 0, done.stderr


def test_p18_a_dead_server_or_a_bad_address_is_one_line_and_an_exit_code(tmp_path: Path) -> None:
    port = _free_port()
    dead = _isonomia(
        "node", "follow", f"http://127.0.0.1:{port}", "--db", str(tmp_path / "n.db"), "--once"
    )
    assert dead.returncode == 1 and "cannot reach" in _one_line(dead.stderr)
    bad = _isonomia("node", "follow", "ftp://union", "--db", str(tmp_path / "n.db"), "--once")
    assert bad.returncode == 2 and "not an http" in _one_line(bad.stderr)
    assert "Traceback" not in dead.stderr + bad.stderr


def test_p17_a_node_with_its_councils_token_replays_a_case_sealed_at_rest_without_it_stops(
    keyring: Keyring, tmp_path: Path
) -> None:
    union = founded(f"sqlite:///{tmp_path / 'sealed.db'}", keyring)
    log_key_beside(union, keyring)
    open_sealed_case(union, keyring, at_rest=True)
    size = Transparency(union).make_checkpoint(keyring).size
    url = union.db.url
    union.close()
    account = ("ukraine-node", "--db", url)
    role = ("--role", "council-secretary", "--no-password")
    assert _isonomia("web", "account", "add", *account, *role).returncode == 0
    made = _isonomia("web", "token", "create", *account, "--key", _key(keyring, "ukraine"))
    assert made.returncode == 0, made.stderr
    key = ("--key", _key(keyring, "ukraine"), "--once")
    for base in _serve(url, tmp_path):
        stopped = _isonomia("node", "follow", base, "--db", str(tmp_path / "public.db"), *key)
        assert stopped.returncode == 4, stopped.stdout + stopped.stderr
        assert "is sealed in the feed" in _one_line(stopped.stderr)
        mine = str(tmp_path / "ukraine.db")
        done = _isonomia("node", "follow", base, "--db", mine, *key, ISONOMIA_TOKEN=made.stdout)
        assert done.returncode == 0, done.stdout + done.stderr
        assert f"co-signed: {size}" in done.stdout
    with sa.create_engine(f"sqlite:///{tmp_path / 'ukraine.db'}").connect() as conn:
        payloads = conn.execute(sa.text("SELECT payload FROM ledger")).scalars().all()
    assert "sealed:v1:summary:" in "".join(payloads) and SUMMARY not in "".join(payloads)
