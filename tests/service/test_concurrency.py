"""Concurrent commands through the whole pipeline never fork the chain (P18)."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta

from builders import example_1922, found, request_accession, union_1922
from isonomia.service import Federation, Keyring, Refused, at_day
from isonomia.service.clock import FixedClock


def test_p18_four_writers_with_their_own_connections_keep_one_gapless_chain(
    database_url: str, keyring: Keyring
) -> None:
    setup = Federation(database_url, signer=keyring)
    setup.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
    setup.execute(found(union_1922(), signed_in=setup))
    errors: list[BaseException] = []
    refused: list[str] = []

    def writer(n: int) -> None:
        federation = Federation(database_url, signer=keyring)
        try:
            for i in range(15):
                day = date(1923, 1, 1)  # one day: the record never runs backwards
                try:
                    # Every writer also asks for one candidate the others ask for: exactly
                    # one of those requests can succeed, whatever the interleaving.
                    federation.execute(request_accession(f"w{n}-c{i}", day))
                    federation.execute(request_accession(f"shared-{i}", day))
                except Refused as error:
                    refused.append(str(error))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            federation.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(refused) == 3 * 15
    assert all("already has an accession decision pending" in r for r in refused)
    report = setup.verify_ledger()
    assert report.ok
    decided = [e for e in setup.entries() if e.event_type == "AccessionDecided"]
    assert len(decided) == 4 * 15 + 15
    sequences = [e.sequence for e in setup.entries()]
    assert sequences == list(range(1, report.count + 1))
    assert len(setup.state().candidates) == 4 * 15 + 15
    setup.close()


class _TickingClock:
    """A live clock that moves one second at every reading, as a busy server's does."""

    def __init__(self, start: datetime) -> None:
        self.moment = start
        self.lock = threading.Lock()

    def __call__(self) -> datetime:
        with self.lock:
            self.moment += timedelta(seconds=1)
            return self.moment


def test_p18_honest_concurrent_writers_in_a_live_union_are_never_refused_for_the_clock(
    database_url: str, keyring: Keyring, test_clock: FixedClock
) -> None:
    """The service reads its clock inside the append lock: a writer that read the time
    before another appended could otherwise find the record's clock ahead of its own."""
    clock = _TickingClock(test_clock())
    setup = Federation(database_url, signer=keyring, clock=clock)
    setup.initialize(example_1922())
    founding = found(setup.charter(), day=clock().date(), signed_in=setup)
    setup.execute(founding.model_copy(update={"at": clock()}))
    refused: list[str] = []
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        federation = Federation(database_url, signer=keyring, clock=clock)
        try:
            for i in range(10):
                request = request_accession(f"w{n}-c{i}", clock().date())
                try:
                    federation.execute(request.model_copy(update={"at": clock()}))
                except Refused as error:
                    refused.append(error.line())
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            federation.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and not refused
    recorded = [e.recorded_at for e in setup.entries()]
    assert recorded == sorted(recorded)
    setup.close()
