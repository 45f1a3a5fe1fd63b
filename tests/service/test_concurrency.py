"""Concurrent commands through the whole pipeline never fork the chain (P18)."""

from __future__ import annotations

import threading
from datetime import date

from builders import found, request_accession, union_1922
from isonomia.service import Federation, Keyring, Refused, at_day, example_charter


def test_p18_four_writers_with_their_own_connections_keep_one_gapless_chain(
    database_url: str, keyring: Keyring
) -> None:
    setup = Federation(database_url, signer=keyring)
    setup.initialize(
        example_charter("union-1922"), clock="simulated", at=at_day(date(1922, 12, 30))
    )
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
