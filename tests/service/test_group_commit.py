"""Group commit (P18): the commands a process is asked to record at once are recorded in one
transaction, each decided on the state the ones before it left and appended in a savepoint
of its own; each caller gets its own outcome, none is lost or recorded twice, a refusal
among them is refused alone and writes nothing, and the chain stays one valid chain."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Any

import pytest

from builders import example_1922, found, request_accession, union_1922
from isonomia.service import Federation, Keyring, Recorded, Refused, at_day
from isonomia.service.group import GroupCommit
from isonomia.service.provisioning import brought_key
from isonomia.service.submission import submit_all
from isonomia.service.unit_of_work import SqlUnitOfWork, StateCache
from isonomia.store import ledger_store, projections
from isonomia.store.db import Database

DAY = date(1923, 1, 1)
#: The entries a request to join makes: the signed command, its congress's key, the decision.
EACH = 3


@pytest.fixture
def union(database_url: str, keyring: Keyring) -> Iterator[Federation]:
    federation = Federation(database_url, signer=keyring)
    federation.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
    federation.execute(found(union_1922(), signed_in=federation))
    yield federation
    federation.close()


def _requests(union: Federation, keyring: Keyring, names: Sequence[str]) -> list[dict[str, Any]]:
    """Signed requests to join, each bringing its candidate congress's key."""
    commands = [brought_key(request_accession(name, DAY), keyring) for name in names]
    return [union.sign(command, keyring) for command in commands]


def _ids(envelopes: Sequence[dict[str, Any]]) -> list[str]:
    return [str(e["command"]["command_id"]) for e in envelopes]


def _assert_one_chain(union: Federation) -> None:
    fresh = Federation(union.db.url)  # its own cache: the state folded from the record
    report = fresh.verify_ledger()
    assert report.ok
    assert [e.sequence for e in fresh.entries()] == list(range(1, report.count + 1))
    assert fresh.state() == union.state()
    fresh.close()


def _recorded(union: Federation, command_id: str) -> int:
    return sum(1 for e in union.entries() if e.command_id == command_id)


def test_p18_a_group_records_each_command_once_and_refuses_a_duplicate_alone(
    union: Federation, keyring: Keyring
) -> None:
    envelopes = _requests(union, keyring, ["c1", "c2", "c1", "c3"])  # c1 asked twice
    envelopes.insert(3, envelopes[1])  # and c2's own envelope again: a replay
    size = union.ledger_length()
    outcomes = submit_all(union.uow, envelopes, union.clock)
    assert [type(o).__name__ for o in outcomes] == [
        "Recorded",
        "Recorded",
        "Refused",
        "Refused",
        "Recorded",
    ]
    assert "already has an accession decision pending" in str(outcomes[2])
    assert "already recorded: no replay" in str(outcomes[3])
    recorded = [o for o in outcomes if isinstance(o, Recorded)]
    sequences = [e.sequence for o in recorded for e in o.entries]
    assert sequences == list(range(size + 1, size + 1 + len(sequences)))  # in order, no gap
    ids = _ids(envelopes)
    assert [_recorded(union, i) for i in ids] == [EACH, EACH, 0, EACH, EACH]  # the replay is c2's
    assert len(union.state().candidates) == 3
    _assert_one_chain(union)


def test_p18_a_command_whose_rows_cannot_be_written_fails_alone(
    union: Federation, keyring: Keyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The group's rows are written together: a read table refusing one command's row fails
    the group's transaction, and then each command is recorded alone, so only that one
    fails, and the next is appended where its entries would have been."""
    envelopes = _requests(union, keyring, ["c1", "c2", "c3"])
    failing = envelopes[1]["command"]["command_id"]
    apply = projections.apply

    def failing_apply(conn: Any, sequence: int, event: Any) -> None:
        if getattr(event, "command_id", None) == failing:
            raise RuntimeError("a read table refused the row")
        apply(conn, sequence, event)

    monkeypatch.setattr(projections, "apply", failing_apply)
    size = union.ledger_length()
    outcomes = submit_all(union.uow, envelopes, union.clock)
    monkeypatch.setattr(projections, "apply", apply)
    assert isinstance(outcomes[0], Recorded) and isinstance(outcomes[2], Recorded)
    assert isinstance(outcomes[1], RuntimeError)
    assert outcomes[2].entries[0].sequence == size + EACH + 1  # right after c1's entries
    assert [_recorded(union, i) for i in _ids(envelopes)] == [EACH, 0, EACH]
    assert sorted(union.state().candidates) == ["c1", "c3"]
    union.execute(request_accession("c2", DAY))  # the process's state goes on from there
    _assert_one_chain(union)


def test_p18_a_group_that_cannot_be_written_records_none_of_its_commands_twice(
    union: Federation, keyring: Keyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The verified head is moved once, as the group's transaction ends: a failure there
    fails the group, then each command alone, and the process forgets what it folded."""
    envelopes = _requests(union, keyring, ["c1", "c2"])
    size = union.ledger_length()

    def lost(*_: Any) -> None:
        raise RuntimeError("the connection was lost")

    monkeypatch.setattr(ledger_store, "set_verified_head", lost)
    outcomes = submit_all(union.uow, envelopes, union.clock)
    monkeypatch.undo()
    assert [str(o) for o in outcomes] == ["the connection was lost"] * 2
    assert union.ledger_length() == size
    assert len(union.state().candidates) == 0
    again = submit_all(union.uow, envelopes, union.clock)
    assert [isinstance(o, Recorded) for o in again] == [True, True]
    _assert_one_chain(union)


class _Held:
    """`record_all` whose first group, once taken, waits until `behind` more commands are
    queued behind it."""

    def __init__(
        self, record_all: Callable[[Callable[[], Sequence[Any]]], Any], behind: int
    ) -> None:
        self.record_all = record_all
        self.behind = behind
        self.entered = threading.Event()
        self.release = threading.Event()
        self.groups: list[list[Any]] = []

    def __call__(self, take: Callable[[], Sequence[Any]]) -> Any:
        def held() -> Sequence[Any]:
            items = take()
            self.groups.append(list(items))
            if len(self.groups) == 1:
                self.entered.set()
                assert self.release.wait(60)
            return items

        return self.record_all(held)

    def run(self, group: GroupCommit[Any, Any], threads: list[threading.Thread]) -> None:
        threads[0].start()
        assert self.entered.wait(60)  # the first is recording its group of one
        for thread in threads[1:]:
            thread.start()
        while group.waiting() < self.behind:
            threading.Event().wait(0.01)
        self.release.set()
        for thread in threads:
            thread.join(60)


def test_p18_threads_submitting_at_once_are_answered_each_with_its_own_outcome(
    union: Federation, keyring: Keyring
) -> None:
    names = ["c0", "c1", "c2", "c3", "c4", "c1", "c5", "c6"]  # c1 asked twice
    envelopes = _requests(union, keyring, names)
    held = _Held(union._submit_all, len(names) - 1)
    union.group = GroupCommit(held)
    answers: dict[int, Recorded | BaseException] = {}

    def submit(n: int) -> None:
        try:
            answers[n] = union.submit(envelopes[n])
        except BaseException as error:
            answers[n] = error

    held.run(union.group, [threading.Thread(target=submit, args=(n,)) for n in range(8)])
    assert [len(g) for g in held.groups] == [1, 7]  # the seven that waited: one transaction
    refused = [n for n, a in answers.items() if isinstance(a, Refused)]
    assert len(refused) == 1 and names[refused[0]] == "c1"
    assert "already has an accession decision pending" in str(answers[refused[0]])
    assert all(isinstance(answers[n], Recorded) for n in range(8) if n not in refused)
    ids = _ids(envelopes)
    assert [_recorded(union, ids[n]) for n in range(8)] == [
        0 if n in refused else EACH for n in range(8)
    ]
    _assert_one_chain(union)


def test_group_commit_answers_each_caller_with_its_own_outcome() -> None:
    def record_all(take: Callable[[], Sequence[int]]) -> list[int | Exception]:
        return [ValueError(f"no {i}") if i % 3 == 0 else i * 10 for i in take()]

    held = _Held(record_all, 9)
    group: GroupCommit[int, int] = GroupCommit(held, limit=4)
    answers: dict[int, object] = {}

    def submit(i: int) -> None:
        try:
            answers[i] = group.submit(i)
        except ValueError as error:
            answers[i] = str(error)

    held.run(group, [threading.Thread(target=submit, args=(i,)) for i in range(1, 11)])
    assert held.groups[0] == [1]
    assert [len(g) for g in held.groups[1:]] == [4, 4, 1]  # at most `limit` a transaction
    assert sorted(i for g in held.groups for i in g) == list(range(1, 11))  # each once
    assert answers == {i: f"no {i}" if i % 3 == 0 else i * 10 for i in range(1, 11)}


def test_group_commit_gives_a_failed_transaction_to_every_command_of_its_group() -> None:
    def record_all(take: Callable[[], Sequence[int]]) -> list[int | Exception]:
        take()
        raise OSError("the database went away")

    held = _Held(record_all, 3)
    group: GroupCommit[int, int] = GroupCommit(held)
    answers: dict[int, object] = {}

    def submit(i: int) -> None:
        try:
            answers[i] = group.submit(i)
        except OSError as error:
            answers[i] = error

    held.run(group, [threading.Thread(target=submit, args=(i,)) for i in range(4)])
    assert [len(g) for g in held.groups] == [1, 3]
    assert all(isinstance(a, OSError) for a in answers.values()) and len(answers) == 4
    assert group.waiting() == 0


def test_group_commit_answers_a_group_that_failed_before_it_was_taken() -> None:
    """The append lock or the chain check failed: the commands it would have held get the
    error, and none is left waiting."""

    def record_all(take: Callable[[], Sequence[int]]) -> list[int | Exception]:
        raise OSError("the record does not verify")

    group: GroupCommit[int, int] = GroupCommit(record_all)
    with pytest.raises(OSError, match="does not verify"):
        group.submit(1)
    assert group.waiting() == 0


def test_p18_without_a_chain_check_a_refusal_makes_the_group_go_one_command_at_a_time(
    union: Federation, keyring: Keyring
) -> None:
    """Over a plain database (no chain check to link after), each command writes as it is
    decided: one that is refused abandons the group, and each is then recorded alone."""
    plain = Database(union.db.url)
    envelopes = _requests(union, keyring, ["c1", "c1", "c2"])
    try:
        outcomes = submit_all(SqlUnitOfWork(plain, StateCache()), envelopes, union.clock)
    finally:
        plain.dispose()
    assert [type(o).__name__ for o in outcomes] == ["Recorded", "Refused", "Recorded"]
    assert [_recorded(union, i) for i in _ids(envelopes)] == [EACH, 0, EACH]
    _assert_one_chain(union)
