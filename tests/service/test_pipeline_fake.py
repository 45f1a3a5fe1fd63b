"""The service pipeline on its own: `run_command` over a unit of work with no SQL."""

from __future__ import annotations

from datetime import date

import pytest
from fakes import FakeUnitOfWork

from builders import adopt, found, secede, union_1922
from isonomia.domain import Settle, actors
from isonomia.ledger import verify_chain
from isonomia.service import CALENDAR, Refused
from isonomia.service.pipeline import at_day, run_command


@pytest.fixture
def founded() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    charter = union_1922()
    run_command(uow, adopt(charter))
    run_command(uow, found(charter))
    return uow


def test_a_command_appends_its_events_as_linked_entries(founded: FakeUnitOfWork) -> None:
    assert [e.event_type for e in founded.entries] == ["CharterAdopted", "UnionFounded"]
    assert verify_chain(founded.entries).ok
    assert founded.state.founded_on == date(1922, 12, 30)


def test_p3_a_refused_command_writes_nothing(founded: FakeUnitOfWork) -> None:
    before = (list(founded.entries), founded.commits)
    forged = secede("georgia", date(1926, 3, 1)).model_copy(
        update={"actor": actors.organ("union-council")}
    )
    with pytest.raises(Refused, match=r"refused \(P3\)"):
        run_command(founded, forged)
    assert (founded.entries, founded.commits) == before


def test_p3_events_that_fell_due_are_recorded_first_by_the_calendar(
    founded: FakeUnitOfWork,
) -> None:
    run_command(founded, secede("georgia", date(1926, 3, 1)))
    leaves_on = founded.state.members["georgia"].leaves_on
    assert leaves_on is not None
    settle = Settle(command_id="settle-1", actor=actors.SECRETARIAT, at=at_day(leaves_on))
    outcome = run_command(founded, settle)
    assert [(e.event_type, e.actor) for e in outcome.entries] == [("SecessionTookEffect", CALENDAR)]
    assert founded.state.members["georgia"].departure_recorded
