"""Helpers of the tests of delegations of several (issue 24): a charter whose organ seats its
delegations as given, delegates appointed to the 1922 conference, census updates, proxies."""

from __future__ import annotations

from datetime import date
from typing import Any

from builders import MONDAY, adopt, apply, command, found, union_1922
from isonomia.charter import charter_from_data
from isonomia.charter.model import Charter
from isonomia.domain import AppointDelegate, FederationState, actors
from isonomia.domain.refusal import Refusal
from isonomia.domain.seats import GiveProxy, UpdateCensus

CONF = "joint-conference"


def refusal(result: object, principle: str) -> str:
    assert isinstance(result, Refusal), result
    assert result.principle == principle, str(result)
    return result.reason


def with_delegations(organ: str, delegations: dict[str, Any], **organ_fields: Any) -> Charter:
    """The 1922 example with `organ`'s delegations set as given."""
    data = union_1922().model_dump(mode="json", exclude_none=True)
    for entry in data["organs"]:
        if entry["id"] == organ:
            entry["delegations"] = delegations
            entry.update(organ_fields)
    return charter_from_data(data)


def founded(charter: Charter) -> FederationState:
    return apply(apply(FederationState(), adopt(charter)), found(charter))


def appoint(state: FederationState, member: str, person: str, day: date = MONDAY) -> Any:
    return command(
        AppointDelegate,
        actors.council(member),
        day,
        organ=CONF,
        member=member,
        person=person,
        term_from=day,
    )


def census(member: str, population: int, year: int = 1927, actor: str | None = None) -> Any:
    return command(
        UpdateCensus,
        actor or actors.council(member),
        MONDAY,
        member=member,
        population=population,
        population_year=year,
        population_source="a later census",
    )


def proxy(
    person: str, to: str, member: str = "ukraine", organ: str = CONF, day: date = MONDAY
) -> Any:
    return command(GiveProxy, actors.person(person), day, organ=organ, member=member, to=to)
