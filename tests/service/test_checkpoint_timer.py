"""A checkpoint at most N seconds after a write (P18): the charter's `[transparency]
checkpoint_within_seconds`, the timer's rule on a fixed clock (it signs once an uncovered
entry has waited long enough that its next look could come too late, and never before), the
timer over a union (signing with the log key the service holds, saying once when it holds
none), and the web server's loop signing one within the bound."""

from __future__ import annotations

import logging
import time
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from builders import example_1922, found
from isonomia.charter import load_charter
from isonomia.charter.model import TransparencyLog
from isonomia.service import (
    CheckpointTimer,
    Federation,
    Keyring,
    Transparency,
    at_day,
    auto_checkpoint,
    provide_key,
)
from isonomia.service.checkpoint_timer import Due, decide, poll_seconds, slack_seconds
from isonomia.service.clock import FixedClock
from isonomia.web.app import create_app

NOON = datetime(2026, 3, 2, 12, tzinfo=UTC)
WITHIN = 10


def _seconds(n: float) -> datetime:
    return NOON + timedelta(seconds=n)


def test_p18_with_every_entry_covered_nothing_waits_and_nothing_is_signed() -> None:
    assert decide(40, 40, None, NOON, WITHIN, 3) == Due(None, False)
    assert decide(40, 40, _seconds(-60), NOON, WITHIN, 3) == Due(None, False)


def test_p18_an_uncovered_entry_is_noted_when_first_seen_and_not_signed_at_once() -> None:
    assert decide(41, 40, None, NOON, WITHIN, 3) == Due(NOON, False)


def test_p18_the_timer_signs_once_the_entry_waited_the_bound_less_the_slack() -> None:
    slack = slack_seconds(WITHIN)
    assert slack == 3  # two looks a second apart, and a clock counting whole seconds
    assert decide(41, 40, NOON, _seconds(6), WITHIN, slack) == Due(NOON, False)
    assert decide(41, 40, NOON, _seconds(7), WITHIN, slack) == Due(NOON, True)
    assert decide(45, 40, NOON, _seconds(60), WITHIN, slack) == Due(NOON, True)


def test_p18_a_bound_shorter_than_the_slack_signs_at_first_sight() -> None:
    assert poll_seconds(2) == 0.5 and slack_seconds(2) == 2
    assert decide(41, 40, None, NOON, 2, slack_seconds(2)) == Due(NOON, True)


def test_p18_the_shipped_examples_set_a_bound_and_it_is_optional() -> None:
    for name in ("union-1922.toml", "cooperatives.toml"):
        with resources.as_file(resources.files("isonomia.examples") / name) as path:
            assert load_charter(path).transparency.checkpoint_within_seconds == 10
    assert TransparencyLog().checkpoint_within_seconds is None


def _union(
    tmp_path: Path, keyring: Keyring, within: int | None, signer: Keyring | None
) -> Federation:
    text = example_1922().read_text(encoding="utf-8")
    setting = "" if within is None else f"checkpoint_within_seconds = {within}\n"
    charter = tmp_path / "union.toml"
    charter.write_text(text.replace("checkpoint_within_seconds = 10\n", setting), encoding="utf-8")
    federation = Federation(f"sqlite:///{tmp_path / 'union.db'}", signer=keyring)
    federation.initialize(charter, clock="simulated", at=at_day(date(1922, 12, 30)))
    federation.execute(found(load_charter(charter), signed_in=federation))
    federation.signer = signer
    return federation


def _write(federation: Federation, keyring: Keyring, member: str) -> None:
    provide_key(federation, keyring, f"council:{member}", member, at_day(date(1923, 2, 1)))


def _covered(federation: Federation) -> int:
    head = Transparency(federation).head()
    return 0 if head is None else head.size


def test_p18_the_timer_signs_a_write_within_the_charters_bound_by_the_service_clock(
    tmp_path: Path, keyring: Keyring
) -> None:
    federation = _union(tmp_path, keyring, WITHIN, keyring)
    clock = FixedClock(NOON)
    timer = CheckpointTimer(federation, clock)
    assert timer.pause() == 1.0
    timer.tick()  # the founding's entries, first seen now
    clock.advance(timedelta(seconds=7))
    made = timer.tick()
    assert made is not None and made.size == federation.ledger_length()
    _write(federation, keyring, "georgia")
    assert timer.tick() is None and timer.since == NOON + timedelta(seconds=7)
    clock.advance(timedelta(seconds=6))
    assert timer.tick() is None and _covered(federation) < federation.ledger_length()
    clock.advance(timedelta(seconds=1))
    made = timer.tick()
    assert made is not None and made.size == federation.ledger_length()
    assert timer.since is None and timer.tick() is None
    federation.close()


def test_p18_without_the_setting_the_timer_signs_nothing(tmp_path: Path, keyring: Keyring) -> None:
    federation = _union(tmp_path, keyring, None, keyring)
    clock = FixedClock(NOON)
    timer = CheckpointTimer(federation, clock)
    timer.tick()
    clock.advance(timedelta(days=1))
    assert timer.tick() is None and _covered(federation) == 0
    assert timer.pause() == 5.0
    federation.close()


def test_p18_without_the_log_key_the_timer_says_so_once_and_signs_nothing(
    tmp_path: Path, keyring: Keyring, caplog: pytest.LogCaptureFixture
) -> None:
    federation = _union(tmp_path, keyring, WITHIN, None)
    auto_checkpoint._TOLD.clear()
    clock = FixedClock(NOON)
    timer = CheckpointTimer(federation, clock)
    with caplog.at_level(logging.WARNING, logger="isonomia.transparency"):
        for _ in range(3):
            timer.tick()
            clock.advance(timedelta(seconds=WITHIN))
    said = [r.getMessage() for r in caplog.records if "log key is not at hand" in r.getMessage()]
    assert len(said) == 1 and _covered(federation) == 0
    federation.close()


def test_p18_the_web_server_signs_a_checkpoint_after_a_write_while_it_runs(
    tmp_path: Path, keyring: Keyring
) -> None:
    federation = _union(tmp_path, keyring, 1, keyring)
    size = federation.ledger_length()
    with TestClient(create_app(federation=federation)) as client:
        deadline = time.monotonic() + 10
        while _covered(federation) < size and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _covered(federation) == size
        _write(federation, keyring, "georgia")
        assert federation.ledger_length() > size
        deadline = time.monotonic() + 10
        while _covered(federation) < federation.ledger_length() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert client.get("/api/v1/ledger/head").json()["size"] == federation.ledger_length()
    federation.close()


def test_p18_a_members_node_serving_read_only_signs_nothing(
    tmp_path: Path, keyring: Keyring
) -> None:
    federation = _union(tmp_path, keyring, 1, keyring)
    with TestClient(create_app(federation=federation, read_only="")):
        time.sleep(0.6)  # two looks of a timer, had one run
    assert _covered(federation) == 0
    federation.close()
