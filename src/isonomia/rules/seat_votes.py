"""Votes of delegations of many (issue 24, P4, P12): a delegation's weight split between yes,
no and abstain, and votes per seat, each cast by a delegate of that member's delegation for
its own seat and the seats its colleagues gave it by proxy.

Where an organ apportions seats, a member's weight in every count there is its seats (the
rule's weights become the seats), so the power audit of P12 sees what the seats give. Votes
per seat are counted as each member's split of the seats it cast; a seat not cast when the
count is made is absent (the power audit still sees every seat).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from isonomia.charter.model import DecisionRule, WeightKind
from isonomia.domain import Act, CastVote, Event, FederationState, MemberRecord
from isonomia.domain.motions import Ballot
from isonomia.domain.refusal import N_, Refusal
from isonomia.domain.seats import SeatVoteCast
from isonomia.rules.counting import MemberVote
from isonomia.rules.seats import delegations_in, given_proxy, held_proxies, seats_on, sitting
from isonomia.rules.weights import integer_weights
from isonomia.voting.decision_rules import Split

__all__ = ["cast_in_delegation", "counted_votes", "has_voted", "seat_rule"]


def seat_rule(rule: DecisionRule, seats: Mapping[str, int]) -> DecisionRule:
    """`rule` with each member's weight its seats: what is counted and audited (P12)."""
    return rule.model_copy(
        update={"weights": WeightKind.CUSTOM, "custom_weights": dict(sorted(seats.items()))}
    )


def _weight(state: FederationState, rule: DecisionRule, member: str, day: date) -> int:
    members = state.members_on(day)
    weights = integer_weights(rule, [m.id for m in members], [m.population for m in members])
    return dict(zip([m.id for m in members], weights, strict=True)).get(member, 0)


def _no_split(organ: str) -> Refusal:
    return Refusal.of("P12", N_("the charter does not let votes be split in {organ}"), organ=organ)


def _amounts(command: CastVote, total: int) -> tuple[int, int, int]:
    if command.split is not None:
        s = command.split
        return (s.get("yes", 0), s.get("no", 0), s.get("abstain", 0))
    vote = command.vote
    return (
        total if vote == "yes" else 0,
        total if vote == "no" else 0,
        total if vote == "abstain" else 0,
    )


def cast_in_delegation(
    state: FederationState, act: Act, item: str, command: CastVote, person: str, rule: DecisionRule
) -> list[Event] | Refusal | None:
    """The votes `person` casts for `command.member` where the organ's delegations split or
    vote per seat, or the refusal; None where the vote is a delegation's whole vote as
    before (recorded as `VoteCast`)."""
    config = delegations_in(state, act.organ)
    if config is not None and config.votes == "per-seat":
        return _per_seat(state, act, item, command, person, config.split)
    if command.split is None:
        return None
    if config is None or not config.split:
        return _no_split(act.organ)
    return _delegation_split(state, act, item, command, person, rule)


def _delegation_split(
    state: FederationState, act: Act, item: str, command: CastVote, person: str, rule: DecisionRule
) -> list[Event] | Refusal:
    """A delegation's weight split between yes, no and abstain (P12)."""
    member, day, organ = command.member, command.day, act.organ
    if member in act.votes.get(item, {}):
        return Refusal.of(
            "P4", N_("{member}'s delegation has already voted on this"), member=member
        )
    seats = seats_on(state, organ, day)
    if isinstance(seats, Refusal):
        return seats
    weight = seats.get(member, 0) if seats is not None else _weight(state, rule, member, day)
    amounts = _amounts(command, weight)
    if sum(amounts) != weight:
        return Refusal.of(
            "P12",
            N_("the split {split} does not sum to {member}'s weight {weight} in {organ}"),
            split="+".join(map(str, amounts)),
            member=member,
            weight=weight,
            organ=organ,
        )
    return [_cast(act, item, member, person, amounts, [], day)]


def _per_seat(
    state: FederationState, act: Act, item: str, command: CastVote, person: str, split: bool
) -> list[Event] | Refusal:
    """A delegate's own seat and those it holds by proxy, whole or split (P4, P12)."""
    member, day, organ = command.member, command.day, act.organ
    proxy = given_proxy(state, organ, member, person, day)
    if proxy is not None:
        return Refusal.of(
            "P4",
            N_("{person} gave its proxy to {to}; its seat is cast by them until it revokes it"),
            person=person,
            to=proxy.to,
        )
    seats = seats_on(state, organ, day)
    if isinstance(seats, Refusal):
        return seats
    assert seats is not None
    mine = [person, *held_proxies(state, organ, member, person, day)]
    ballot = act.votes.get(item, {}).get(member)
    problem = _seats_problem(ballot, mine, member, seats.get(member, 0), organ, person)
    if problem is not None:
        return problem
    if command.split is not None and not split:
        return _no_split(organ)
    amounts = _amounts(command, len(mine))
    if sum(amounts) != len(mine):
        return Refusal.of(
            "P12",
            N_(
                "{person} holds {seats} seats in {organ} (its own and by proxy); its split "
                "{split} casts {total}"
            ),
            person=person,
            seats=len(mine),
            organ=organ,
            split="+".join(map(str, amounts)),
            total=sum(amounts),
        )
    return [_cast(act, item, member, person, amounts, mine, day)]


def _seats_problem(
    ballot: Ballot | None, mine: list[str], member: str, held: int, organ: str, person: str
) -> Refusal | None:
    """Why the seats in `mine` cannot be cast: one was cast already (P4), or they would take
    the member beyond its seats (P12)."""
    cast = set(ballot.seats_of) if ballot else set()
    twice = [p for p in mine if p in cast]
    if twice:
        return Refusal.of(
            "P4",
            N_("the seats of {persons} in {member}'s delegation were already cast on this"),
            persons=", ".join(twice),
            member=member,
        )
    already = sum(ballot.split or ()) if ballot else 0
    if already + len(mine) > held:
        return Refusal.of(
            "P12",
            N_(
                "{member} holds {seats} seats in {organ} and {cast} are cast; {person} "
                "cannot cast {more} more"
            ),
            member=member,
            seats=held,
            organ=organ,
            cast=already,
            person=person,
            more=len(mine),
        )
    return None


def _cast(
    act: Act,
    item: str,
    member: str,
    person: str,
    amounts: tuple[int, int, int],
    seats_of: list[str],
    day: date,
) -> SeatVoteCast:
    yes, no, abstain = amounts
    return SeatVoteCast(
        motion=act.id,
        item=item,
        member=member,
        person=person,
        yes=yes,
        no=no,
        abstain=abstain,
        seats_of=seats_of,
        cast_on=day,
    )


def has_voted(state: FederationState, act: Act, item: str, member: str, day: date) -> bool:
    """Whether `member`'s delegation has voted on `item`: its ballot is in, and where votes
    are cast per seat, every seat of a delegate sitting for it that day is cast (P4)."""
    ballot = act.votes.get(item, {}).get(member)
    if ballot is None:
        return False
    config = delegations_in(state, act.organ)
    if config is None or config.votes != "per-seat":
        return True
    seats = seats_on(state, act.organ, day)
    held = seats.get(member, 0) if isinstance(seats, dict) else 0
    return sum(ballot.split or ()) >= min(held, len(sitting(state, act.organ, member, day)))


def counted_votes(
    state: FederationState,
    act: Act,
    rule: DecisionRule,
    members: Sequence[MemberRecord],
    ballots: Mapping[str, Ballot],
    day: date,
) -> tuple[DecisionRule, DecisionRule, dict[str, MemberVote]] | Refusal:
    """The rule a vote in `act`'s organ is audited by (with the seats as weights where the
    organ apportions them), the rule it is counted by (the same, but where votes are cast
    per seat, a member's weight is the seats it cast: a seat not cast is absent), and each
    member's vote as the engine takes it (P12)."""
    seats = seats_on(state, act.organ, day)
    if isinstance(seats, Refusal):
        return seats
    counted = seat_rule(rule, seats) if seats is not None else rule
    ids = [m.id for m in members]
    weights = dict(
        zip(ids, integer_weights(counted, ids, [m.population for m in members]), strict=True)
    )
    per_seat = (
        config := delegations_in(state, act.organ)
    ) is not None and config.votes == "per-seat"
    votes: dict[str, MemberVote] = {}
    cast: dict[str, int] = {}
    for member in ids:
        ballot = ballots.get(member)
        if ballot is None:
            continue
        if ballot.split is None:
            votes[member] = ballot.vote
            continue
        yes, no, abstain = ballot.split
        cast[member] = yes + no + abstain
        fits = cast[member] <= weights[member] if per_seat else cast[member] == weights[member]
        if not fits:
            return Refusal.of(
                "P12",
                N_(
                    "{member}'s votes ({split}) no longer match its weight {weight}: its "
                    "seats changed after they were cast"
                ),
                member=member,
                split=ballot.vote,
                weight=weights[member],
            )
        votes[member] = Split(yes, no, abstain)
    if not per_seat or seats is None:
        return counted, counted, votes
    return counted, seat_rule(rule, {**seats, **cast}), votes
