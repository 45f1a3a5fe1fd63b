"""A draw no one can steer (P17): the parties, the members they sit for and the inspection
commit to values, then reveal them; the seed is made of the revealed values; a party that
committed can only reveal or stay silent; the draw replays from the record alone. Each party
may challenge a drawn commissioner once; the inspectors not challenged rule by majority; an
upheld challenge redraws the seat from the same seed."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from inspection_world import OFFICIAL, VICTIM, WITNESS, appoint, inspectors

from builders import MEMBERS_1922, adopt, apply, command, found, run, union_1922
from isonomia.domain import FederationState, actors
from isonomia.domain.inspection import (
    AddressComplaint,
    CommissionDrawn,
    DrawCommission,
    FileComplaint,
)
from isonomia.domain.inspection_lot import (
    ChallengeCommissioner,
    ChallengeDecided,
    CommitDrawValue,
    DrawSeedFixed,
    RevealDrawValue,
    RuleOnChallenge,
)
from isonomia.domain.refusal import Refusal
from isonomia.rules.inspection_draw import draw
from isonomia.rules.inspection_lot import commitment_of, reveal_seed

FILED = date(1923, 2, 1)
REVEAL = FILED + timedelta(days=3)  # commitments close: reveals from here
DRAW = FILED + timedelta(days=5)  # reveals close: the draw from here
CASE = "case-1"
ACCUSED = actors.person(OFFICIAL)
COMPLAINANT = actors.person(VICTIM)
#: Who may commit: the inspection, the parties, the councils of the members they sit for.
OTHERS = (actors.INSPECTION, COMPLAINANT, actors.council("georgia"), actors.council("rsfsr"))


def charter_with_window() -> Any:
    charter = union_1922()
    inspection = charter.inspection.model_copy(
        update={"draw_commit_days": 3, "draw_reveal_days": 2}
    )
    return charter.model_copy(update={"inspection": inspection})


def world() -> FederationState:
    """The inspection world of `inspection_world`, under a charter with a draw window."""
    charter = charter_with_window()
    state = apply(apply(FederationState(), adopt(charter)), found(charter))
    for member in MEMBERS_1922:
        for person in inspectors(member):
            state = appoint(state, "inspection", member, person)
    state = appoint(state, "sovnarkom", "rsfsr", OFFICIAL)
    state = appoint(state, "union-council", "georgia", VICTIM)
    return appoint(state, "union-council", "georgia", WITNESS)


def filed(state: FederationState | None = None) -> FederationState:
    complaint = command(
        FileComplaint,
        COMPLAINANT,
        FILED,
        case=CASE,
        kind="violence",
        accused=[OFFICIAL],
        witnesses=[WITNESS],
        summary="struck Georgia's delegate in a meeting",
    )
    return apply(state if state is not None else world(), complaint)


def value(n: int) -> str:
    return hashlib.sha256(f"value {n}".encode()).hexdigest()


def commit(principal: str, v: str, day: date = FILED) -> CommitDrawValue:
    return command(
        CommitDrawValue, principal, day, case=CASE, commitment=commitment_of(v, CASE, principal)
    )


def reveal(principal: str, v: str, day: date = REVEAL) -> RevealDrawValue:
    return command(RevealDrawValue, principal, day, case=CASE, value=v)


def draw_now(day: date = DRAW, **fields: Any) -> DrawCommission:
    return command(DrawCommission, actors.INSPECTION, day, case=CASE, **fields)


def refusal(result: object, principle: str = "P17") -> str:
    assert isinstance(result, Refusal), result
    assert result.principle == principle, str(result)
    return result.reason


def committed(values: dict[str, str]) -> FederationState:
    state = filed()
    for principal, v in values.items():
        state = apply(state, commit(principal, v))
    return state


def revealed(state: FederationState, values: dict[str, str]) -> FederationState:
    for principal, v in values.items():
        state = apply(state, reveal(principal, v))
    return state


def drawn(state: FederationState) -> tuple[DrawSeedFixed, CommissionDrawn]:
    events = run(state, draw_now())
    assert not isinstance(events, Refusal), str(events)
    fixed, commission = events
    assert isinstance(fixed, DrawSeedFixed) and isinstance(commission, CommissionDrawn)
    return fixed, commission


# -- commitments and reveals: refusals ---------------------------------------------------------


def test_p17_a_commitment_after_the_window_is_refused() -> None:
    reason = refusal(run(filed(), commit(ACCUSED, value(1), day=REVEAL)))
    assert "closed on" in reason


def test_p17_a_party_commits_only_once() -> None:
    state = committed({ACCUSED: value(1)})
    assert "already committed" in refusal(run(state, commit(ACCUSED, value(2))))


def test_p17_someone_neither_party_nor_their_member_nor_the_inspection_cannot_commit() -> None:
    stranger = actors.person("insp-armenia-1")
    refusal(run(filed(), commit(stranger, value(1))))
    refusal(run(filed(), commit(actors.council("armenia"), value(1))))


def test_p17_the_members_the_parties_sit_for_and_the_inspection_may_commit() -> None:
    state = committed(dict.fromkeys(OTHERS, value(1)) | {ACCUSED: value(2)})
    assert {p for p, _ in state.inspection.cases[CASE].commitments} == {*OTHERS, ACCUSED}


def test_p17_a_reveal_that_does_not_match_its_commitment_is_refused() -> None:
    state = committed({ACCUSED: value(1)})
    assert "does not match" in refusal(run(state, reveal(ACCUSED, value(2))))


def test_p17_a_reveal_without_a_commitment_is_refused() -> None:
    state = committed({ACCUSED: value(1)})
    assert "committed to no value" in refusal(run(state, reveal(COMPLAINANT, value(1))))


def test_p17_a_value_is_revealed_only_once() -> None:
    state = revealed(committed({ACCUSED: value(1)}), {ACCUSED: value(1)})
    assert "already revealed" in refusal(run(state, reveal(ACCUSED, value(1))))


def test_p17_no_value_is_revealed_before_every_commitment_is_in() -> None:
    state = committed({ACCUSED: value(1)})
    assert "once every commitment is in" in refusal(
        run(state, reveal(ACCUSED, value(1), day=FILED))
    )


def test_p17_no_value_is_revealed_after_the_reveals_close() -> None:
    state = committed({ACCUSED: value(1)})
    assert "closed on" in refusal(run(state, reveal(ACCUSED, value(1), day=DRAW)))


def test_p17_the_commission_is_not_drawn_before_the_reveals_close() -> None:
    state = revealed(committed({ACCUSED: value(1)}), {ACCUSED: value(1)})
    assert "once the reveals close" in refusal(run(state, draw_now(day=REVEAL)))


def test_p17_without_a_window_in_the_charter_nothing_is_committed() -> None:
    from inspection_world import complaint
    from inspection_world import world as no_window

    state = apply(no_window(), complaint(CASE))
    assert "no window" in refusal(run(state, commit(ACCUSED, value(1))))


# -- the seed ---------------------------------------------------------------------------------


def test_p17_the_seed_is_made_of_the_revealed_values_and_the_silent_are_recorded() -> None:
    values = {ACCUSED: value(1), COMPLAINANT: value(2), actors.INSPECTION: value(3)}
    state = revealed(committed(values), {COMPLAINANT: value(2), actors.INSPECTION: value(3)})
    fixed, commission = drawn(state)
    assert fixed.seed == commission.seed == reveal_seed(CASE, 1, [value(2), value(3)])
    assert fixed.silent == [ACCUSED]
    assert fixed.revealed == sorted([[COMPLAINANT, value(2)], [actors.INSPECTION, value(3)]])
    assert fixed.checkpoint is None
    assert len(commission.commission) == 3


def test_p17_with_no_value_revealed_the_draw_needs_a_cosigned_checkpoint() -> None:
    state = committed({ACCUSED: value(1)})
    assert "give a checkpoint" in refusal(run(state, draw_now()))
    assert "give a checkpoint" in refusal(run(filed(), draw_now(checkpoint="bm90IGEgbm90ZQ==")))


def test_p17_a_checkpoint_is_not_taken_where_values_were_revealed() -> None:
    state = revealed(committed({ACCUSED: value(1)}), {ACCUSED: value(1)})
    assert "no checkpoint" in refusal(run(state, draw_now(checkpoint="bm90IGEgbm90ZQ==")))


def _unrelated(state: FederationState) -> FederationState:
    """An act the accused records in the meantime that has nothing to do with the case."""
    return apply(
        state,
        command(
            AddressComplaint,
            ACCUSED,
            REVEAL,
            complaint="tram-fares",
            official=WITNESS,
            text="the fares went up",
        ),
    )


@settings(max_examples=15, deadline=None)
@given(
    others=st.lists(st.binary(min_size=32, max_size=32), min_size=4, max_size=4),
    own=st.binary(min_size=32, max_size=32),
    committing=st.lists(st.booleans(), min_size=4, max_size=4),
)
def test_p17_the_accused_alone_cannot_change_the_draw_after_committing(
    others: list[bytes], own: bytes, committing: list[bool]
) -> None:
    """Whatever the others' values (fixed, each committed and revealed or not at all), once
    the accused has committed its only choices are to reveal or not: the draw is one of two,
    silence only drops its share, and an unrelated act it records changes nothing."""
    theirs = {p: v.hex() for p, v, c in zip(OTHERS, others, committing, strict=True) if c}
    mine = own.hex()
    state = committed(theirs | {ACCUSED: mine})
    state = revealed(state, theirs)
    outcomes = {}
    for reveals in (True, False):
        for unrelated in (True, False):
            after = _unrelated(state) if unrelated else state
            after = revealed(after, {ACCUSED: mine}) if reveals else after
            if not reveals and not theirs:
                assert "give a checkpoint" in refusal(run(after, draw_now()))
                continue
            fixed, commission = drawn(after)
            outcomes[(reveals, unrelated)] = (fixed.seed, tuple(commission.commission))
            shares = [*theirs.values(), *([mine] if reveals else [])]
            assert fixed.seed == reveal_seed(CASE, 1, shares)
            assert fixed.silent == ([] if reveals else [ACCUSED])
    # An unrelated act recorded by the accused changes nothing.
    for reveals in (True, False):
        if (reveals, True) in outcomes:
            assert outcomes[(reveals, True)] == outcomes[(reveals, False)]
    # So the accused's acts after committing lead to at most two draws.
    assert len(set(outcomes.values())) <= 2


def test_p17_the_draw_replays_from_the_record_alone() -> None:
    """From the events only: the revealed values give the seed, the seed and the recorded
    eligible and recused persons give the commission."""
    values = {ACCUSED: value(1), COMPLAINANT: value(2), actors.council("georgia"): value(3)}
    state = revealed(
        committed(values), {COMPLAINANT: value(2), actors.council("georgia"): value(3)}
    )
    events = [e for e in run(state, draw_now()) if not isinstance(e, Refusal)]
    fixed, commission = events
    assert isinstance(fixed, DrawSeedFixed) and isinstance(commission, CommissionDrawn)
    seed = reveal_seed(fixed.case, fixed.round, [v for _, v in fixed.revealed])
    assert seed == commission.seed
    for principal, v in fixed.revealed:  # each value the one its principal committed to
        assert commitment_of(v, CASE, principal) in dict(
            state.inspection.cases[CASE].commitments
        ).get(principal, "")
    recused = [p for p, _ in commission.recused]
    size = len(commission.commission)
    assert draw(seed, commission.eligible, recused, size) == commission.commission


# -- challenges -------------------------------------------------------------------------------


def opened() -> tuple[FederationState, list[str]]:
    values = {ACCUSED: value(1), COMPLAINANT: value(2)}
    state = revealed(committed(values), values)
    state = apply(state, draw_now())
    return state, list(state.inspection.cases[CASE].commission)


def challenge(party: str, person: str, challenge_id: str = "ch-1") -> ChallengeCommissioner:
    return command(
        ChallengeCommissioner,
        party,
        DRAW,
        case=CASE,
        challenge=challenge_id,
        person=person,
        grounds="served under the accused",
    )


def ruling(person: str, upheld: bool, challenge_id: str = "ch-1") -> RuleOnChallenge:
    return command(
        RuleOnChallenge,
        actors.person(person),
        DRAW,
        case=CASE,
        challenge=challenge_id,
        upheld=upheld,
    )


def test_p17_someone_not_a_party_cannot_challenge_a_commissioner() -> None:
    state, commission = opened()
    for outsider in (actors.person(WITNESS), actors.council("georgia"), actors.INSPECTION):
        refusal(run(state, challenge(outsider, commission[0])))


def test_p17_a_party_challenges_a_commissioner_only_once() -> None:
    state, commission = opened()
    state = apply(state, challenge(ACCUSED, commission[0]))
    again = challenge(ACCUSED, commission[0], "ch-2")
    assert "already challenged" in refusal(run(state, again))
    # the other party may still challenge the same commissioner
    assert not isinstance(run(state, challenge(COMPLAINANT, commission[0], "ch-2")), Refusal)


def test_p17_only_a_sitting_commissioner_is_challenged() -> None:
    state, commission = opened()
    outside = next(p for p in inspectors("armenia") if p not in commission)
    assert "does not sit" in refusal(run(state, challenge(ACCUSED, outside)))


def test_p17_a_challenged_inspector_cannot_rule_on_a_challenge() -> None:
    state, commission = opened()
    state = apply(state, challenge(ACCUSED, commission[0]))
    state = apply(state, challenge(ACCUSED, commission[1], "ch-2"))
    assert "is challenged" in refusal(run(state, ruling(commission[0], False)))
    assert "is challenged" in refusal(run(state, ruling(commission[1], False)))


def test_p17_an_inspector_rules_once_on_a_challenge() -> None:
    state, commission = opened()
    state = apply(state, challenge(ACCUSED, commission[0]))
    voter = next(p for p in inspectors("armenia") if p != commission[0])
    state = apply(state, ruling(voter, True))
    assert "already ruled" in refusal(run(state, ruling(voter, True)))


def test_p16_someone_outside_the_inspection_cannot_rule_on_a_challenge() -> None:
    state, commission = opened()
    state = apply(state, challenge(ACCUSED, commission[0]))
    refusal(run(state, ruling(WITNESS, True)), "P16")


def _voters(commission: list[str], challenged: str) -> list[str]:
    return [p for m in MEMBERS_1922 for p in inspectors(m) if p != challenged]


def test_p17_an_upheld_challenge_recuses_and_redraws_the_seat_from_the_same_seed() -> None:
    state, commission = opened()
    seed = state.inspection.cases[CASE].seed
    assert seed is not None
    state = apply(state, challenge(COMPLAINANT, commission[1]))
    voters = _voters(commission, commission[1])  # 11: a majority is 6
    for voter in voters[:5]:
        state = apply(state, ruling(voter, True))
    assert state.inspection.cases[CASE].commission == tuple(commission)
    events = run(state, ruling(voters[5], True))
    assert not isinstance(events, Refusal), str(events)
    decided, redrawn = events[1:]
    assert isinstance(decided, ChallengeDecided) and decided.upheld
    assert decided.upheld_by == 6 and len(decided.voters) == 11
    assert isinstance(redrawn, CommissionDrawn) and redrawn.seed == seed
    new = redrawn.commission
    assert new[:2] == [commission[0], commission[2]] and commission[1] not in new
    assert dict(map(tuple, redrawn.recused))[commission[1]].startswith("challenge ch-1")
    # the seat replays: the next by lot from the same seed, excluding the recused and sitting
    excluded = [p for p, _ in redrawn.recused] + commission
    assert draw(seed, redrawn.eligible, excluded, 1) == [new[2]]


def test_p17_a_rejected_challenge_keeps_the_commissioner() -> None:
    state, commission = opened()
    state = apply(state, challenge(ACCUSED, commission[0]))
    voters = _voters(commission, commission[0])
    for voter in voters[:5]:
        state = apply(state, ruling(voter, False))
    events = run(state, ruling(voters[5], False))
    assert not isinstance(events, Refusal)
    assert [type(e).__name__ for e in events] == ["ChallengeRuled", "ChallengeDecided"]
    state = apply(state, ruling(voters[5], False))
    assert state.inspection.cases[CASE].commission == tuple(commission)
    assert "already decided" in refusal(run(state, ruling(voters[6], True)))


def test_p17_a_commissioner_is_challenged_only_once_the_commission_sits() -> None:
    state = committed({ACCUSED: value(1)})
    assert "no sitting commission" in refusal(run(state, challenge(ACCUSED, "insp-armenia-1")))


def test_p17_a_challenge_id_is_used_once_in_a_case() -> None:
    state, commission = opened()
    state = apply(state, challenge(ACCUSED, commission[0]))
    again = challenge(COMPLAINANT, commission[1])  # the same id, "ch-1"
    assert "already has a challenge ch-1" in refusal(run(state, again))


def test_p17_a_ruling_names_a_challenge_of_the_case() -> None:
    state, _ = opened()
    assert "has no challenge ch-9" in refusal(run(state, ruling("insp-armenia-1", True, "ch-9")))


def test_p17_an_inspector_who_is_a_party_does_not_rule_on_the_cases_challenges() -> None:
    accused_inspector = "insp-armenia-1"
    state = apply(
        world(),
        command(
            FileComplaint,
            COMPLAINANT,
            FILED,
            case=CASE,
            kind="insult-to-nationality",
            accused=[accused_inspector],
            summary="insulted Georgia's delegate",
        ),
    )
    state = apply(state, commit(COMPLAINANT, value(1)))
    state = apply(state, reveal(COMPLAINANT, value(1)))
    state = apply(state, draw_now())
    commission = state.inspection.cases[CASE].commission
    state = apply(state, challenge(COMPLAINANT, commission[0]))
    assert "is a party of case" in refusal(run(state, ruling(accused_inspector, True)))


def test_p17_without_a_window_the_draw_takes_no_checkpoint() -> None:
    from inspection_world import complaint
    from inspection_world import world as no_window

    state = apply(no_window(), complaint(CASE))
    assert "takes no checkpoint" in refusal(run(state, draw_now(checkpoint="bm90IGEgbm90ZQ==")))
