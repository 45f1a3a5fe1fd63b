"""A vote that proves itself, in Chromium (P18): a delegate votes; the ballot says how; the
server signs a checkpoint within the charter's `checkpoint_within_seconds` by its clock and
the page shows it without a reload; the check in the browser says the vote verifies against
the log key the page publishes, and offers the files it checked, which `isonomia-verify`
accepts with the command the page prints. A proof changed on its way (one hash of its
path), or a checkpoint short of the cosignatures the reader requires, does not verify; once
a member's council co-signs it, it does."""

from __future__ import annotations

import base64
import shlex
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from browser_world import LiveServer
from page_world import build_union, register_device_key
from test_pages_in_a_browser import device_key, prove_device_key, sign_in

from isonomia.service import (
    Federation,
    Keyring,
    Transparency,
    log_verifier_keys,
    queries,
)
from isonomia.service.clock import FixedClock
from isonomia.verify_cli import main as isonomia_verify
from tlog_world import log_key_beside


@pytest.fixture
def union(tmp_path: Path, keyring: Keyring) -> Iterator[Federation]:
    federation = build_union(tmp_path, keyring)
    log_key_beside(federation, keyring)  # where `serve` finds the log key of a SQLite union
    yield federation
    federation.close()


@pytest.fixture
def server(union: Federation) -> Iterator[LiveServer]:
    with LiveServer(union.db.url, lifespan="on") as live:  # with the checkpoint timer
        yield live


def _voted(union: Federation, server: LiveServer, page: Any) -> int:
    """The delegate signs in, proves a device key, votes yes; the vote's entry."""
    sign_in(page, server, "delegate")
    public_key, _ = device_key(page, server)
    register_device_key(union, "person:georgia-sto", public_key)
    prove_device_key(page, server, "person:georgia-sto")
    page.goto(f"{server.url}/vote")
    ballot = page.locator("#ballot-sto-timber")
    ballot.locator("input[value=yes]").check()
    ballot.locator("button[type=submit]").click()
    page.wait_for_selector("#ballot-sto-timber[data-state]")
    assert ballot.get_attribute("data-state") == "recorded", ballot.inner_text()
    cast = queries.votes_cast(union, "person:georgia-sto")
    [vote] = [v for v in cast if v.motion == "sto-timber"]
    return vote.sequence


def _checkpoint_shown(page: Any, sequence: int, clock: FixedClock, within: int) -> int:
    """Move the service's clock a second at a time until the page offers the check; the
    seconds it took by that clock."""
    button = page.locator(f"#vote-{sequence} button[data-check-proof]")
    for waited in range(3 * within):
        if button.count():
            return waited
        clock.advance(timedelta(seconds=1))
        page.wait_for_timeout(300)  # the timer looks every second of the machine's time
    page.wait_for_selector(f"#vote-{sequence} button[data-check-proof]", timeout=3_000)
    return 3 * within


def _check(page: Any, sequence: int) -> str:
    result = page.locator("#proof-result")
    page.click(f"#vote-{sequence} button[data-check-proof]")
    page.wait_for_function(
        "['verified', 'failed'].includes(document.getElementById('proof-result').dataset.state)"
    )
    return f"{result.get_attribute('data-state')}: {result.inner_text()}"


def _save(page: Any, link: str, folder: Path) -> Path:
    with page.expect_download() as download:
        page.click(link)
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    return path


def test_p18_a_delegates_vote_is_checkpointed_in_time_and_verifies_in_the_browser_and_offline(
    union: Federation, server: LiveServer, new_page, test_clock: FixedClock, tmp_path: Path
) -> None:
    within = queries.charter(union).transparency.checkpoint_within_seconds
    assert within == 10
    page = new_page()
    sequence = _voted(union, server, page)
    page.wait_for_selector(f"#vote-{sequence}")  # the receipt's row, live
    assert "no checkpoint covers this entry" in page.inner_text(f"#vote-{sequence}")
    voted = test_clock()  # the service's time when the vote was recorded (a live server)
    _checkpoint_shown(page, sequence, test_clock, within)
    # In time by the service's clock, as the record keeps it: how fast the page then shows
    # it is the machine's, not the rule's.
    head = Transparency(union).head()
    assert head is not None and head.size >= sequence
    made = datetime.fromisoformat(head.made_at.replace("Z", "+00:00"))
    assert made - voted <= timedelta(seconds=within), (head.made_at, voted)

    assert _check(page, sequence) == (
        f"verified: Verified: entry {sequence} is in the log's checkpoint of "
        f"{union.ledger_length()} entries, signed by the log key "
        f"{'+'.join(log_verifier_keys(union)[0].split('+')[:2])}; co-signed by 0 of the "
        "members' witnesses (0 required)."
    )
    assert log_verifier_keys(union)[0] in page.inner_text("#proof-check")  # to compare

    page.reload()  # the ballot, drawn again, says how the delegate voted
    assert f"For georgia you voted: yes (entry {sequence})." in page.inner_text(
        "#ballot-sto-timber"
    )

    _check(page, sequence)
    files = tmp_path / "downloads"
    files.mkdir()
    for link in ("#file-proof", "#file-entry", "#file-log-key", "#file-witness-keys"):
        _save(page, link, files)
    command = shlex.split(page.inner_text("#verify-command"))
    assert command[:2] == ["isonomia-verify", "proof"]

    def saved(word: str) -> str:  # the command's file names, where the browser saved them
        name = word.lstrip("@")
        return word.replace(name, str(files / name)) if (files / name).is_file() else word

    assert isonomia_verify([saved(word) for word in command[1:]]) == 0


def _tampered(route: Any) -> None:
    """The proof as served, one hash of its inclusion path changed by one bit."""
    answer = route.fetch()
    lines = answer.text().split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("index ")) + 1
    changed = bytearray(base64.b64decode(lines[at]))
    changed[0] ^= 1
    lines[at] = base64.b64encode(bytes(changed)).decode()
    route.fulfill(response=answer, body="\n".join(lines))


def test_p18_a_proof_changed_on_its_way_or_short_of_cosigners_does_not_verify_in_the_browser(
    union: Federation,
    keyring: Keyring,
    server: LiveServer,
    new_page,
    test_clock: FixedClock,
    tmp_path: Path,
) -> None:
    page = new_page()
    sequence = _voted(union, server, page)
    _checkpoint_shown(page, sequence, test_clock, 10)
    page.fill("#require-cosigners", "1")
    assert _check(page, sequence) == (
        "failed: Does not verify: co-signed by 0 of the pinned witnesses; at least 1 required."
    )
    page.fill("#require-cosigners", "0")
    page.route("**/api/v1/ledger/proof/*", _tampered)
    assert _check(page, sequence) == (
        "failed: Does not verify: the inclusion proof does not lead to the checkpoint's root."
    )
    assert page.locator("#proof-files").is_hidden()
    page.unroute("**/api/v1/ledger/proof/*")
    assert _check(page, sequence).startswith("verified: ")

    # Once a member's council co-signs the checkpoint, one required cosignature is there.
    council = keyring.key_for("council:ukraine")
    assert council is not None
    Transparency(union).witness(council, tmp_path / "witness-ukraine.json")
    page.fill("#require-cosigners", "1")
    assert _check(page, sequence).endswith("co-signed by 1 of the members' witnesses (1 required).")
