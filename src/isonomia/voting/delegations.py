"""Delegations: how a member's delegates cast its weight, with logged proxies.

Each delegate holds a stated part of its member's weight; the parts must sum to the
member's weight. A delegate may hold a proxy from another delegate of the same member
and then also casts that delegate's part; a proxy across members is refused. The result
is the member's ``Split`` vote plus a log line for every proxy used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from isonomia.voting.decision_rules import Choice, Member, Number, Split
from isonomia.voting.errors import VotingError


@dataclass(frozen=True)
class Delegate:
    name: str
    member: str
    weight: Number


@dataclass(frozen=True)
class Proxy:
    """``giver`` lets ``holder`` cast its part; both must be delegates of one member."""

    giver: str
    holder: str


@dataclass(frozen=True)
class DelegateVote:
    """A delegate's vote, for itself or (``on_behalf_of``) under a proxy it holds."""

    delegate: str
    choice: Choice
    on_behalf_of: str | None = None


@dataclass(frozen=True)
class DelegationResult:
    vote: Split
    proxy_log: tuple[str, ...]


def delegation_vote(
    member: Member,
    delegates: Sequence[Delegate],
    votes: Sequence[DelegateVote],
    proxies: Sequence[Proxy] = (),
) -> DelegationResult:
    """Combine the delegates' votes into the member's split; refuses anything irregular."""
    own = {d.name: d for d in delegates}
    for d in delegates:
        if d.member != member.name:
            raise VotingError(f"delegate {d.name} belongs to {d.member}, not {member.name}")
    if sum((Fraction(d.weight) for d in delegates), Fraction(0)) != Fraction(member.weight):
        raise VotingError(f"the delegates' parts do not sum to {member.name}'s weight")
    held: dict[str, str] = {}
    for p in proxies:
        if p.giver not in own or p.holder not in own:
            raise VotingError(
                f"proxy {p.giver} -> {p.holder} refused: a proxy must stay within {member.name}"
            )
        if p.giver == p.holder or p.giver in held:
            raise VotingError(f"proxy from {p.giver} is given twice or to itself")
        held[p.giver] = p.holder
    amounts = {Choice.YES: Fraction(0), Choice.NO: Fraction(0), Choice.ABSTAIN: Fraction(0)}
    cast: set[str] = set()
    log: list[str] = []
    for v in votes:
        if v.delegate not in own:
            raise VotingError(f"{v.delegate} is not a delegate of {member.name}")
        voter = v.on_behalf_of or v.delegate
        if voter not in own:
            raise VotingError(f"{voter} is not a delegate of {member.name}")
        if v.on_behalf_of is not None:
            if held.get(voter) != v.delegate:
                raise VotingError(f"{v.delegate} holds no proxy from {voter}")
            log.append(f"{v.delegate} cast {voter}'s part ({own[voter].weight}) {v.choice.value}")
        if voter in cast:
            raise VotingError(f"the part of {voter} was cast twice")
        cast.add(voter)
        amounts[v.choice] += Fraction(own[voter].weight)
    # parts nobody cast count as abstentions, so the split still sums to the weight
    uncast = sum((Fraction(own[n].weight) for n in own if n not in cast), Fraction(0))
    return DelegationResult(
        Split(amounts[Choice.YES], amounts[Choice.NO], amounts[Choice.ABSTAIN] + uncast),
        tuple(log),
    )
