"""What `members` answers for a past day never changes when a secession is withdrawn (P3)."""

from __future__ import annotations

from datetime import date

from builders import example_1922, found, secede, union_1922
from isonomia.domain import WithdrawSecession, actors
from isonomia.service import Federation, Keyring, at_day, new_command_id, queries


def _status(federation: Federation, member: str, day: date) -> str:
    return next(r.status for r in queries.members(federation, day) if r.id == member)


def test_p3_a_withdrawn_secession_keeps_the_days_it_was_pending(
    database_url: str, keyring: Keyring
) -> None:
    federation = Federation(database_url, signer=keyring)
    try:
        federation.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
        federation.execute(found(union_1922(), signed_in=federation))
        federation.execute(secede("georgia", date(1923, 1, 10)))
        assert _status(federation, "georgia", date(1923, 1, 20)) == "seceding"
        federation.execute(
            WithdrawSecession(
                command_id=new_command_id(),
                actor=actors.congress("georgia"),
                at=at_day(date(1923, 2, 1)),
                member="georgia",
            )
        )
        assert _status(federation, "georgia", date(1923, 1, 20)) == "seceding"
        assert _status(federation, "georgia", date(1923, 2, 1)) == "member"
        assert _status(federation, "georgia", date(1923, 1, 9)) == "member"
        _, equal = federation.rebuild_projections()
        assert equal
    finally:
        federation.close()
