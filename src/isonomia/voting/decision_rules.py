"""Decision rules: does a proposal pass, given the members' weights and their votes?

The seam is ``CountingRule.decide(members, votes) -> Outcome``. ``members`` lists every
member with its voting weight and population; ``votes`` maps a member's name to its vote,
either a whole ``Choice`` or a ``Split`` of its weight between yes, no and abstain (a
delegation divided, e.g. 70 yes and 30 no). A member missing from ``votes`` is absent.
An ``Outcome`` says passed / rejected / suspended / no quorum, with a one-line reason and
the tallies. Bad input raises ``VotingError``; a failed vote is an outcome, not an error.

Counting conventions. Weight "cast" is yes + no; abstentions count as present but not
cast. For rules that count members (double majority, unanimity, vetoes) a member counts as
voting yes when more than half of its weight is yes, and as objecting when any of its
weight is no (a split delegation that is partly against is an objection of that member).
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Protocol

from isonomia.voting import reasons as R
from isonomia.voting.errors import VotingError
from isonomia.voting.games import DoubleMajorityGame, WeightedGame
from isonomia.voting.reasons import fill

Number = int | Fraction


def _exact(value: Number | float | str) -> Fraction:
    if isinstance(value, float):
        return Fraction(str(value))
    return Fraction(value)


class Choice(enum.Enum):
    """A whole vote."""

    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"


@dataclass(frozen=True)
class Split:
    """A member's weight divided between yes, no and abstain in stated amounts."""

    yes: Number = 0
    no: Number = 0
    abstain: Number = 0

    def __post_init__(self) -> None:
        if min(self.yes, self.no, self.abstain) < 0:
            raise VotingError("split amounts must not be negative")


Vote = Choice | Split


@dataclass(frozen=True)
class Member:
    """A member as a decision rule sees it."""

    name: str
    weight: Number = 1
    population: int = 0

    def __post_init__(self) -> None:
        if self.weight < 0 or self.population < 0:
            raise VotingError(f"member {self.name}: weight and population must not be negative")


class Result(enum.Enum):
    PASSED = "passed"
    REJECTED = "rejected"
    SUSPENDED = "suspended"
    NO_QUORUM = "no quorum"


@dataclass(frozen=True)
class Tally:
    """What was counted: weights, members and population by side."""

    yes: Fraction
    no: Fraction
    abstain: Fraction
    absent: Fraction
    members_yes: int
    members_no: int
    members_abstain: int
    members_absent: int
    population_yes: int
    total_weight: Fraction
    total_population: int
    objectors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    result: Result
    reason: str
    tally: Tally

    @property
    def passed(self) -> bool:
        return self.result is Result.PASSED


def split_of(member: Member, vote: Vote) -> tuple[Fraction, Fraction, Fraction]:
    """(yes, no, abstain) amounts of one member's vote; a split must sum to its weight."""
    weight = Fraction(member.weight)
    if isinstance(vote, Choice):
        return (
            weight if vote is Choice.YES else Fraction(0),
            weight if vote is Choice.NO else Fraction(0),
            weight if vote is Choice.ABSTAIN else Fraction(0),
        )
    amounts = (Fraction(vote.yes), Fraction(vote.no), Fraction(vote.abstain))
    if sum(amounts) != weight:
        raise VotingError(
            f"member {member.name}: split {vote.yes}+{vote.no}+{vote.abstain} "
            f"does not sum to its weight {member.weight}"
        )
    return amounts


def count(members: Sequence[Member], votes: Mapping[str, Vote]) -> Tally:
    """Tally the votes; refuses unknown voters, duplicate members and bad splits."""
    names = [m.name for m in members]
    if len(set(names)) != len(names):
        raise VotingError("member names must be unique")
    if not members:
        raise VotingError("a decision needs at least one member")
    unknown = sorted(set(votes) - set(names))
    if unknown:
        raise VotingError(f"votes from non-members: {', '.join(unknown)}")
    yes = no = abstain = absent = Fraction(0)
    m_yes = m_no = m_abs = m_absent = pop_yes = 0
    objectors: list[str] = []
    for member in members:
        vote = votes.get(member.name)
        if vote is None:
            absent += Fraction(member.weight)
            m_absent += 1
            continue
        y, n, a = split_of(member, vote)
        yes, no, abstain = yes + y, no + n, abstain + a
        if n > 0:
            objectors.append(member.name)
        if y * 2 > Fraction(member.weight):
            m_yes += 1
            pop_yes += member.population
        elif n >= y and n >= a and n > 0:
            m_no += 1
        else:
            m_abs += 1
    return Tally(
        yes=yes,
        no=no,
        abstain=abstain,
        absent=absent,
        members_yes=m_yes,
        members_no=m_no,
        members_abstain=m_abs,
        members_absent=m_absent,
        population_yes=pop_yes,
        total_weight=sum((Fraction(m.weight) for m in members), Fraction(0)),
        total_population=sum(m.population for m in members),
        objectors=tuple(objectors),
    )


@dataclass(frozen=True)
class Quorum:
    """Share of members, and/or share of weight, that must be present (voting or abstaining)."""

    members_share: Fraction | None = None
    weight_share: Fraction | None = None

    def missing(self, tally: Tally, n_members: int) -> str | None:
        present = n_members - tally.members_absent
        if self.members_share is not None:
            need = math.ceil(_exact(self.members_share) * n_members)
            if present < need:
                return fill(R.QUORUM_MEMBERS, present=present, members=n_members, needed=need)
        if self.weight_share is not None:
            weight_present = tally.total_weight - tally.absent
            need_w = _exact(self.weight_share) * tally.total_weight
            if weight_present < need_w:
                return fill(R.QUORUM_WEIGHT, present=_fmt(weight_present), needed=_fmt(need_w))
        return None


def _fmt(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{float(value):.6g}"


class CountingRule(Protocol):
    """The seam: decide one proposal from the members and their votes."""

    def decide(self, members: Sequence[Member], votes: Mapping[str, Vote]) -> Outcome: ...


def _gate(
    quorum: Quorum | None, members: Sequence[Member], votes: Mapping[str, Vote]
) -> tuple[Tally, Outcome | None]:
    tally = count(members, votes)
    if quorum is not None:
        why = quorum.missing(tally, len(members))
        if why is not None:
            return tally, Outcome(Result.NO_QUORUM, why, tally)
    return tally, None


def _verdict(ok: bool, tally: Tally, yes_reason: str, no_reason: str) -> Outcome:
    return Outcome(Result.PASSED if ok else Result.REJECTED, yes_reason if ok else no_reason, tally)


@dataclass(frozen=True)
class SimpleMajority:
    """More weight cast yes than no (abstentions and absences do not count)."""

    quorum: Quorum | None = None

    def decide(self, members: Sequence[Member], votes: Mapping[str, Vote]) -> Outcome:
        tally, stop = _gate(self.quorum, members, votes)
        if stop:
            return stop
        detail = fill(R.SIMPLE_DETAIL, yes=_fmt(tally.yes), no=_fmt(tally.no))
        return _verdict(
            tally.yes > tally.no,
            tally,
            fill(R.SIMPLE, detail=detail),
            fill(R.NO_MAJORITY, detail=detail),
        )


@dataclass(frozen=True)
class QualifiedMajority:
    """Yes weight at least ``share`` of the total weight of all members."""

    share: Fraction = Fraction(2, 3)
    quorum: Quorum | None = None

    def decide(self, members: Sequence[Member], votes: Mapping[str, Vote]) -> Outcome:
        tally, stop = _gate(self.quorum, members, votes)
        if stop:
            return stop
        need = _exact(self.share) * tally.total_weight
        total, needed = _fmt(tally.total_weight), _fmt(need)
        detail = fill(R.QUALIFIED_DETAIL, yes=_fmt(tally.yes), total=total, needed=needed)
        return _verdict(
            tally.yes >= need,
            tally,
            fill(R.QUALIFIED, detail=detail),
            fill(R.SHORT, detail=detail),
        )

    def game(self, members: Sequence[Member]) -> WeightedGame:
        """The weighted game of this rule (integer weights), for power indices."""
        weights = tuple(int(m.weight) for m in members)
        return WeightedGame(weights, max(1, math.ceil(_exact(self.share) * sum(weights))))


@dataclass(frozen=True)
class DoubleMajority:
    """Members share AND population share, with a blocking minority of ``min_blocking``.

    Passes when at least ``members_share`` of members vote yes and either they hold at
    least ``population_share`` of the population, or fewer than ``min_blocking`` members
    did not vote yes (EU Council: 55 %, 65 %, 4).
    """

    members_share: Fraction = Fraction(55, 100)
    population_share: Fraction = Fraction(65, 100)
    min_blocking: int = 4
    quorum: Quorum | None = None

    def decide(self, members: Sequence[Member], votes: Mapping[str, Vote]) -> Outcome:
        tally, stop = _gate(self.quorum, members, votes)
        if stop:
            return stop
        n = len(members)
        need_m = max(1, math.ceil(_exact(self.members_share) * n))
        need_p = math.ceil(_exact(self.population_share) * tally.total_population)
        others = n - tally.members_yes
        members_ok = tally.members_yes >= need_m
        population_ok = tally.population_yes >= need_p
        detail = fill(
            R.DOUBLE_DETAIL,
            members_yes=tally.members_yes,
            members=n,
            members_needed=need_m,
            population_yes=tally.population_yes,
            population=tally.total_population,
            population_needed=need_p,
        )
        if members_ok and population_ok:
            return Outcome(Result.PASSED, fill(R.DOUBLE, detail=detail), tally)
        if members_ok and others < self.min_blocking:
            blocking = self.min_blocking
            said = fill(R.NO_BLOCKING, others=others, blocking=blocking, detail=detail)
            return Outcome(Result.PASSED, said, tally)
        return Outcome(Result.REJECTED, fill(R.NO_DOUBLE, detail=detail), tally)

    def game(self, members: Sequence[Member]) -> DoubleMajorityGame:
        """The game of this rule over the members' populations, for power indices."""
        return DoubleMajorityGame.from_shares(
            [m.population for m in members],
            self.members_share,
            self.population_share,
            self.min_blocking,
        )


@dataclass(frozen=True)
class Unanimity:
    """Nobody votes against and at least one votes yes; abstention blocks only if asked."""

    abstention_blocks: bool = False
    quorum: Quorum | None = None

    def decide(self, members: Sequence[Member], votes: Mapping[str, Vote]) -> Outcome:
        tally, stop = _gate(self.quorum, members, votes)
        if stop:
            return stop
        if tally.objectors:
            against = fill(R.AGAINST, members=", ".join(tally.objectors))
            return Outcome(Result.REJECTED, against, tally)
        if self.abstention_blocks and (tally.members_abstain or tally.members_absent):
            return Outcome(Result.REJECTED, R.SOME_DID_NOT, tally)
        if tally.members_yes == 0:
            return Outcome(Result.REJECTED, R.NOBODY_YES, tally)
        return Outcome(Result.PASSED, fill(R.UNANIMOUS, members=tally.members_yes), tally)


def _check_concerned(members: Sequence[Member], concerned: frozenset[str]) -> None:
    missing = sorted(concerned - {m.name for m in members})
    if missing:
        raise VotingError(f"concerned members are not members: {', '.join(missing)}")
    if not concerned:
        raise VotingError("a national question needs at least one concerned member")


@dataclass(frozen=True)
class ConcernedVeto:
    """National question: the ``base`` rule decides, and each concerned member has a veto.

    A concerned member vetoes by voting no (any part of its weight against); absent or
    abstaining concerned members do not veto.
    """

    concerned: frozenset[str]
    base: CountingRule = field(default_factory=SimpleMajority)

    def decide(self, members: Sequence[Member], votes: Mapping[str, Vote]) -> Outcome:
        _check_concerned(members, self.concerned)
        outcome = self.base.decide(members, votes)
        vetoes = [name for name in outcome.tally.objectors if name in self.concerned]
        if outcome.result is Result.NO_QUORUM or not vetoes:
            return outcome
        vetoed = fill(R.VETOED, members=", ".join(vetoes))
        return Outcome(Result.REJECTED, vetoed, outcome.tally)


@dataclass(frozen=True)
class SuspensiveObjection:
    """National question: an objection by a concerned member suspends the decision."""

    concerned: frozenset[str]
    base: CountingRule = field(default_factory=SimpleMajority)

    def decide(self, members: Sequence[Member], votes: Mapping[str, Vote]) -> Outcome:
        _check_concerned(members, self.concerned)
        outcome = self.base.decide(members, votes)
        objections = [name for name in outcome.tally.objectors if name in self.concerned]
        if outcome.result is not Result.PASSED or not objections:
            return outcome
        return Outcome(
            Result.SUSPENDED,
            fill(R.OBJECTED, members=", ".join(objections)),
            outcome.tally,
        )
