"""Queries over delegations of many (issue 24): each member's seats in an organ as the
charter apportions them on a day, and the proxies standing in its delegations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from isonomia.domain.refusal import N_
from isonomia.rules.seats import apportioned
from isonomia.service.errors import BadRequest
from isonomia.service.federation import Federation
from isonomia.service.queries.organs import members_on_day
from isonomia.service.queries.union import charter
from isonomia.store.projections.membership import member_view
from isonomia.store.projections.seats import proxy_view
from isonomia.voting.errors import VotingError


@dataclass(frozen=True)
class SeatRow:
    member: str
    population: int
    population_year: int
    seats: int
    #: The member's share of the organ's seats and of the members' population.
    seat_share: float
    population_share: float
    #: Delegates whose proxies another delegate of the delegation holds: "giver→holder".
    proxies: list[str]


def organ_seats(federation: Federation, organ: str, on: date) -> tuple[str, list[SeatRow]]:
    """The organ's apportionment on `on`: how it is made, and each member's row."""
    found = charter(federation).organ(organ)
    if found is None:
        raise BadRequest.of(N_("the charter has no organ '{organ_id}'"), organ_id=organ)
    config = found.delegations
    if config is None or config.apportionment is None:
        raise BadRequest.of(N_("the charter apportions no seats in {organ}"), organ=organ)
    rule = config.apportionment
    day = on.isoformat()
    with federation.db.reading() as conn:
        ids = [m for m, _ in members_on_day(conn, on)]
        rows = {
            r.id: r
            for r in conn.execute(
                sa.select(
                    member_view.c.id, member_view.c.population, member_view.c.population_year
                ).where(member_view.c.id.in_(ids))
            )
        }
        t = proxy_view
        proxies = conn.execute(
            sa.select(t.c.member, t.c.person, t.c.to)
            .where(
                t.c.organ == organ,
                t.c.given_on <= day,
                sa.or_(t.c.revoked_on.is_(None), t.c.revoked_on > day),
            )
            .order_by(t.c.sequence)
        ).all()
    populations = [(m, int(rows[m].population)) for m in ids]
    try:
        seats = apportioned(config, populations)
    except VotingError as error:
        raise BadRequest.of(N_("{organ}: {why}"), organ=organ, why=str(error)) from error
    total_pop = sum(p for _, p in populations) or 1
    how = (
        f"{rule.seats} seats by {rule.method}, base {rule.base}, minimum {rule.minimum}"
        + (f", maximum {rule.maximum}" if rule.maximum else "")
        + f"; votes {config.votes}"
        + ("; split allowed" if config.split else "")
        + ("; proxies within a delegation" if config.proxies else "")
    )
    result = [
        SeatRow(
            member=m,
            population=p,
            population_year=int(rows[m].population_year),
            seats=seats[m],
            seat_share=seats[m] / rule.seats,
            population_share=p / total_pop,
            proxies=[f"{r.person}→{r.to}" for r in proxies if r.member == m],
        )
        for m, p in populations
    ]
    return how, result
