"""P12's safeguards hold on the members of the day, not only on the founders'.

A rule sound for the founders can stop being sound when members leave: then binding votes
under it are refused, naming the rule and why, until the charter is amended."""

from __future__ import annotations

from datetime import date, timedelta

from builders import adopt, apply, command, found, run
from isonomia.charter import Charter, load_charter
from isonomia.domain import (
    AppointDelegate,
    CastVote,
    ConveneSession,
    CountVotes,
    DecideSecession,
    DraftMotion,
    FederationState,
    TableMotion,
    actors,
)
from isonomia.domain.refusal import Refusal
from isonomia.rules.counting import unsound_rule
from isonomia.service import example_charter

FOUNDED = date(2024, 1, 4)
LEFT = ("ardatz", "ushirika-pwani")
BOARD_DAY = FOUNDED + timedelta(days=200)  # after both secessions took effect (180 days)


def cooperatives() -> Charter:
    return load_charter(example_charter("cooperatives"))


def _founded() -> FederationState:
    charter = cooperatives()
    return apply(apply(FederationState(), adopt(charter, FOUNDED)), found(charter, FOUNDED))


def _board_vote(state: FederationState, votes: dict[str, str], force: str) -> Refusal | list:
    members = [m.id for m in state.members_on(BOARD_DAY)]
    for member in members:
        state = apply(
            state,
            command(
                AppointDelegate,
                actors.council(member),
                BOARD_DAY,
                organ="board",
                member=member,
                person=f"{member}-board",
                term_from=BOARD_DAY,
            ),
        )
    state = apply(
        state,
        command(
            ConveneSession,
            actors.SECRETARIAT,
            BOARD_DAY,
            session="b1",
            organ="board",
            held_on=BOARD_DAY,
        ),
    )
    state = apply(
        state,
        command(
            DraftMotion,
            actors.SECRETARIAT,
            BOARD_DAY,
            motion="m1",
            organ="board",
            title="joint purchasing",
            text="buy together",
            field="purchasing",
            kind="decision",
            force=force,
        ),
    )
    state = apply(
        state, command(TableMotion, actors.SECRETARIAT, BOARD_DAY, motion="m1", session="b1")
    )
    for member, vote in votes.items():
        state = apply(
            state,
            command(
                CastVote,
                actors.person(f"{member}-board"),
                BOARD_DAY,
                motion="m1",
                member=member,
                vote=vote,
            ),
        )
    return run(state, command(CountVotes, actors.SECRETARIAT, BOARD_DAY, motion="m1"))


def _after_two_secessions() -> FederationState:
    state = _founded()
    for member in LEFT:
        state = apply(
            state,
            command(
                DecideSecession,
                actors.congress(member),
                FOUNDED,
                member=member,
                decided_on=FOUNDED,
            ),
        )
    return state


ONE_AGAINST_THREE = {
    "terra-viva": "yes",
    "colli": "no",
    "ateliers-du-fleuve": "no",
    "puutarha": "no",
}


def test_p12_when_members_leave_a_rule_that_lets_one_member_pass_alone_binds_no_more() -> None:
    result = _board_vote(_after_two_secessions(), ONE_AGAINST_THREE, "mandatory")
    assert isinstance(result, Refusal), result
    assert result.principle == "P12"
    assert "rule 'ordinary'" in result.reason
    assert "terra-viva can pass decisions alone" in result.reason


def test_p12_a_rule_sound_for_the_founders_still_counts_while_they_are_all_members() -> None:
    votes = {m.id: "yes" for m in cooperatives().members}
    state = _founded()
    result = _board_vote(state, votes, "mandatory")
    assert not isinstance(result, Refusal), result


def test_p12_advisory_votes_under_an_unsound_rule_still_count() -> None:
    result = _board_vote(_after_two_secessions(), ONE_AGAINST_THREE, "advisory")
    assert not isinstance(result, Refusal), result


def test_p12_the_rules_are_audited_on_the_members_of_the_day() -> None:
    charter = cooperatives()
    state = _after_two_secessions()
    rule = charter.organ_rule(charter.organ("board"))  # type: ignore[arg-type]
    assert unsound_rule(charter, rule, state.members_on(FOUNDED)) is None
    refusal = unsound_rule(charter, rule, state.members_on(BOARD_DAY))
    assert refusal is not None and "above the charter's cap" in refusal.reason
