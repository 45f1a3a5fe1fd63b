"""Amendments of the charter's settings in the record (P10, P12, P13).

A charter-amendment motion carries a fragment of the charter merged over it; it is voted by
the amendment rule, adopted only if its charter holds P12's safeguards on the members of
the day, and takes effect on its recorded day. An admission that would let a member pass
or block alone under a rule in force is refused, unless an amendment restoring the
safeguards is in effect by then. The cooperatives' charter has no notice before votes.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from builders import adopt, apply, command, found, request_accession, run
from isonomia.charter import Charter, load_charter
from isonomia.charter.model import WeightKind
from isonomia.domain import (
    AppointDelegate,
    CastVote,
    CharterAmended,
    CharterAmendmentTookEffect,
    ConveneSession,
    CountVotes,
    DecideSecession,
    DraftMotion,
    Event,
    FederationState,
    MemberAdmitted,
    MotionAdopted,
    ProposeAdmission,
    Settle,
    Stage,
    TableMotion,
    actors,
    fold,
)
from isonomia.domain.base import event_from_record
from isonomia.domain.refusal import Refusal
from isonomia.rules import handle
from isonomia.service import example_charter

FOUNDED = date(2024, 1, 4)
#: Thursdays the general council's monthly calendar allows.
COUNCIL_DAYS = (date(2024, 2, 1), date(2024, 8, 1), date(2024, 9, 5))
LEFT = ("ardatz", "ushirika-pwani")
COUNCIL = "general-council"
SEC = actors.SECRETARIAT
EQUAL_ORDINARY: dict[str, Any] = {"decision_rules": [{"id": "ordinary", "weights": "equal"}]}


def cooperatives() -> Charter:
    return load_charter(example_charter("cooperatives"))


def founded() -> FederationState:
    charter = cooperatives()
    return apply(apply(FederationState(), adopt(charter, FOUNDED)), found(charter, FOUNDED))


def after_two_secessions() -> FederationState:
    """Ardatz and Ushirika Pwani leave (180 days' notice): Terra Viva alone then passes and
    blocks every decision under the 'ordinary' rule, so binding votes under it are refused."""
    state = founded()
    for member in LEFT:
        state = apply(
            state,
            command(
                DecideSecession, actors.congress(member), FOUNDED, member=member, decided_on=FOUNDED
            ),
        )
    return state


def seat(state: FederationState, organ: str, day: date) -> FederationState:
    for member in state.members_on(day):
        if not state.seated(member.id, organ, day):
            state = apply(
                state,
                command(
                    AppointDelegate,
                    actors.council(member.id),
                    day,
                    organ=organ,
                    member=member.id,
                    person=f"{member.id}-{organ}",
                    term_from=day,
                ),
            )
    return state


def tabled(
    state: FederationState, organ: str, day: date, motion: str, **draft: Any
) -> FederationState:
    """A motion drafted and tabled at a session of `organ` on `day`, delegates seated."""
    state = seat(state, organ, day)
    session = f"{organ}-{day}"
    if session not in state.sessions:
        state = apply(
            state,
            command(ConveneSession, SEC, day, session=session, organ=organ, held_on=day),
        )
    fields: dict[str, Any] = {"title": motion, "text": f"text of {motion}", **draft}
    state = apply(state, command(DraftMotion, SEC, day, motion=motion, organ=organ, **fields))
    return apply(state, command(TableMotion, SEC, day, motion=motion, session=session))


def voted(
    state: FederationState, organ: str, day: date, motion: str, votes: dict[str, str]
) -> FederationState:
    for member, vote in votes.items():
        state = apply(
            state,
            command(
                CastVote,
                actors.person(f"{member}-{organ}"),
                day,
                motion=motion,
                member=member,
                vote=vote,
            ),
        )
    return state


def everyone(state: FederationState, day: date, vote: str = "yes") -> dict[str, str]:
    return {m.id: vote for m in state.members_on(day)}


def amendment(
    state: FederationState, day: date, motion: str, changes: dict[str, Any], **extra: Any
) -> FederationState:
    """A charter amendment tabled in the general council on `day`, every member voting yes."""
    state = tabled(
        state,
        COUNCIL,
        day,
        motion,
        field="charter",
        kind="charter-amendment",
        force="mandatory",
        charter_changes=changes,
        **extra,
    )
    return voted(state, COUNCIL, day, motion, everyone(state, day))


def count(state: FederationState, day: date, motion: str) -> list[Event] | Refusal:
    return run(state, command(CountVotes, SEC, day, motion=motion))


def board_vote(state: FederationState, day: date, votes: dict[str, str]) -> list[Event] | Refusal:
    state = tabled(
        state,
        "board",
        day,
        "purchasing",
        field="purchasing",
        kind="decision",
        force="mandatory",
    )
    return count(voted(state, "board", day, "purchasing", votes), day, "purchasing")


THREE_AGAINST_TERRA_VIVA = {
    "terra-viva": "no",
    "colli": "yes",
    "ateliers-du-fleuve": "yes",
    "puutarha": "yes",
}


def test_p12_a_frozen_union_is_unfrozen_by_an_amendment_changing_a_voting_rule() -> None:
    state = after_two_secessions()
    frozen = board_vote(state, date(2024, 7, 22), THREE_AGAINST_TERRA_VIVA)
    assert isinstance(frozen, Refusal) and frozen.principle == "P12", frozen
    assert "wait for a charter amendment" in frozen.reason
    day = COUNCIL_DAYS[1]
    state = amendment(state, day, "equal-ordinary", EQUAL_ORDINARY)
    events = count(state, day, "equal-ordinary")
    assert not isinstance(events, Refusal), events
    kinds = [type(e) for e in events]
    assert kinds == [MotionAdopted, CharterAmended, CharterAmendmentTookEffect]
    state = apply(state, command(CountVotes, SEC, day, motion="equal-ordinary"))
    assert state.charter is not None
    assert state.charter.rule("ordinary").weights is WeightKind.EQUAL  # type: ignore[union-attr]
    later = board_vote(state, day + timedelta(days=4), THREE_AGAINST_TERRA_VIVA)
    assert not isinstance(later, Refusal), later
    assert isinstance(later[-1], MotionAdopted)  # three of four, Terra Viva outvoted


def test_p10_an_amendment_takes_effect_on_its_recorded_day_and_not_before() -> None:
    state = after_two_secessions()
    day, effective = COUNCIL_DAYS[1], date(2024, 8, 20)
    state = amendment(state, day, "equal-ordinary", EQUAL_ORDINARY, effective_on=effective)
    state = apply(state, command(CountVotes, SEC, day, motion="equal-ordinary"))
    assert state.acts["equal-ordinary"].stage is Stage.ADOPTED
    assert state.charter is not None and state.charter.rule("ordinary").weights is not (
        WeightKind.EQUAL
    )
    before = board_vote(state, effective - timedelta(days=1), THREE_AGAINST_TERRA_VIVA)
    assert isinstance(before, Refusal) and before.principle == "P12"  # the old rule still rules
    handled = handle(state, command(Settle, SEC, effective), effective)
    assert not isinstance(handled, Refusal), handled
    assert handled.due == [
        CharterAmendmentTookEffect(motion="equal-ordinary", took_effect_on=effective)
    ]
    state = handled.state
    assert state.charter.rule("ordinary").weights is WeightKind.EQUAL  # type: ignore[union-attr]
    on_the_day = board_vote(state, effective, THREE_AGAINST_TERRA_VIVA)
    assert not isinstance(on_the_day, Refusal), on_the_day


def test_p12_an_amendment_breaking_the_safeguards_is_proposed_but_not_adopted() -> None:
    state = founded()
    day = COUNCIL_DAYS[0]
    by_population = {
        "decision_rules": [{"id": "ordinary", "weights": "population", "threshold": 0.5}]
    }
    state = amendment(state, day, "by-population", by_population)  # drafted and voted
    refusal = count(state, day, "by-population")
    assert isinstance(refusal, Refusal) and refusal.principle == "P12", refusal
    assert "terra-viva can pass decisions alone under rule 'ordinary'" in refusal.reason
    assert "proposed, not adopted" in refusal.reason


def test_p10_an_amendment_making_no_valid_charter_is_refused_when_drafted() -> None:
    state = seat(founded(), COUNCIL, COUNCIL_DAYS[0])
    draft = {
        "motion": "bad",
        "organ": COUNCIL,
        "title": "t",
        "text": "x",
        "field": "charter",
        "kind": "charter-amendment",
        "force": "mandatory",
    }
    day = COUNCIL_DAYS[0]
    unknown_rule = {"organs": [{"id": "board", "decision_rule": "no-such-rule"}]}
    refusal = run(state, command(DraftMotion, SEC, day, charter_changes=unknown_rule, **draft))
    assert isinstance(refusal, Refusal) and refusal.principle == "P10", refusal
    assert "no decision rule 'no-such-rule'" in refusal.reason
    founders = {"members": []}
    refusal = run(state, command(DraftMotion, SEC, day, charter_changes=founders, **draft))
    assert isinstance(refusal, Refusal) and refusal.principle == "P10", refusal
    assert "members:" in refusal.reason
    past = command(
        DraftMotion, SEC, day, charter_changes=EQUAL_ORDINARY, effective_on=FOUNDED, **draft
    )
    refusal = run(state, past)
    assert isinstance(refusal, Refusal) and refusal.principle == "P10", refusal


def test_p10_fields_of_competence_change_on_adoption_not_on_a_later_day() -> None:
    state = seat(founded(), COUNCIL, COUNCIL_DAYS[0])
    later = COUNCIL_DAYS[0] + timedelta(days=60)
    refusal = run(
        state,
        command(
            DraftMotion,
            SEC,
            COUNCIL_DAYS[0],
            motion="both",
            organ=COUNCIL,
            title="t",
            text="x",
            field="charter",
            kind="charter-amendment",
            force="mandatory",
            charter_changes=EQUAL_ORDINARY,
            competence_changes={"purchasing": "reserved"},
            effective_on=later,
        ),
    )
    assert isinstance(refusal, Refusal) and refusal.principle == "P10", refusal
    assert refusal.reason == (
        "an amendment of the fields of competence takes effect on its adoption; draft the "
        f"settings that take effect on {later} as an amendment of their own"
    )


def test_p10_charter_settings_change_only_by_a_charter_amendment() -> None:
    state = seat(founded(), COUNCIL, COUNCIL_DAYS[0])
    refusal = run(
        state,
        command(
            DraftMotion,
            SEC,
            COUNCIL_DAYS[0],
            motion="sneaky",
            organ=COUNCIL,
            title="t",
            text="x",
            field="purchasing",
            kind="decision",
            force="mandatory",
            charter_changes=EQUAL_ORDINARY,
        ),
    )
    assert isinstance(refusal, Refusal) and refusal.principle == "P10", refusal


def test_p10_an_amendment_cannot_take_effect_before_one_adopted_earlier() -> None:
    state = founded()
    day = COUNCIL_DAYS[0]
    state = amendment(state, day, "first", EQUAL_ORDINARY, effective_on=date(2024, 6, 1))
    state = apply(state, command(CountVotes, SEC, day, motion="first"))
    notice = {"procedure": {"notice": [{"days": 7}]}}
    state = amendment(state, day, "second", notice, effective_on=date(2024, 3, 1))
    refusal = count(state, day, "second")
    assert isinstance(refusal, Refusal) and refusal.principle == "P10", refusal
    assert "first" in refusal.reason


MEGA = 100_000  # members: under the sqrt-population 'ordinary' rule it would block alone


def _admission_tabled(state: FederationState, day: date) -> FederationState:
    decided = request_accession("megacoop", FOUNDED + timedelta(days=10))
    candidate = decided.candidate.model_copy(update={"population": MEGA})
    state = apply(state, decided.model_copy(update={"candidate": candidate, "accepts_fields": []}))
    state = seat(state, COUNCIL, day)
    session = f"{COUNCIL}-{day}"
    state = apply(
        state, command(ConveneSession, SEC, day, session=session, organ=COUNCIL, held_on=day)
    )
    state = apply(
        state, command(ProposeAdmission, SEC, day, motion="admit-mega", candidate="megacoop")
    )
    state = apply(state, command(TableMotion, SEC, day, motion="admit-mega", session=session))
    return voted(state, COUNCIL, day, "admit-mega", everyone(state, day))


def test_p12_an_admission_letting_a_member_block_alone_is_refused_naming_it_and_the_rule() -> None:
    day = COUNCIL_DAYS[0]
    state = _admission_tabled(founded(), day)
    refusal = count(state, day, "admit-mega")
    assert isinstance(refusal, Refusal) and refusal.principle == "P12", refusal
    assert "admitting megacoop" in refusal.reason
    assert "megacoop can block decisions alone under rule 'ordinary'" in refusal.reason
    assert not state.is_member("megacoop", day)


def test_p12_an_admission_goes_through_with_an_amendment_restoring_the_safeguards() -> None:
    day = COUNCIL_DAYS[0]
    state = _admission_tabled(founded(), day)
    state = amendment(state, day, "equal-ordinary", EQUAL_ORDINARY)
    assert isinstance(count(state, day, "admit-mega"), Refusal)  # not adopted yet
    state = apply(state, command(CountVotes, SEC, day, motion="equal-ordinary"))
    events = count(state, day, "admit-mega")
    assert not isinstance(events, Refusal), events
    assert any(isinstance(e, MemberAdmitted) for e in events)


def test_p12_an_amendment_taking_effect_after_the_admission_does_not_let_it_through() -> None:
    day = COUNCIL_DAYS[0]
    state = _admission_tabled(founded(), day)
    state = amendment(state, day, "equal-ordinary", EQUAL_ORDINARY, effective_on=date(2024, 3, 1))
    state = apply(state, command(CountVotes, SEC, day, motion="equal-ordinary"))
    refusal = count(state, day, "admit-mega")
    assert isinstance(refusal, Refusal) and refusal.principle == "P12", refusal


def test_amended_charter_folds_the_same_from_its_events() -> None:
    state = after_two_secessions()
    day = COUNCIL_DAYS[1]
    state = amendment(state, day, "equal-ordinary", EQUAL_ORDINARY, effective_on=date(2024, 8, 20))
    handled = handle(state, command(CountVotes, SEC, day, motion="equal-ordinary"), day)
    assert not isinstance(handled, Refusal)
    refolded = fold([*handled.due, *handled.decided], state)
    assert refolded.charter_versions == handled.state.charter_versions
    version = refolded.charter_versions[0]
    assert version.previous == cooperatives() and not version.took_effect


def test_p12_an_admission_into_a_union_already_frozen_is_not_refused_for_the_frozen_rule() -> None:
    state = after_two_secessions()
    day = COUNCIL_DAYS[1]
    decided = request_accession("smallcoop", FOUNDED + timedelta(days=10))
    small = decided.candidate.model_copy(update={"population": 500})
    state = apply(state, decided.model_copy(update={"candidate": small, "accepts_fields": []}))
    state = seat(state, COUNCIL, day)
    session = f"{COUNCIL}-{day}"
    state = apply(
        state, command(ConveneSession, SEC, day, session=session, organ=COUNCIL, held_on=day)
    )
    state = apply(state, command(ProposeAdmission, SEC, day, motion="admit", candidate="smallcoop"))
    state = apply(state, command(TableMotion, SEC, day, motion="admit", session=session))
    state = voted(state, COUNCIL, day, "admit", everyone(state, day))
    events = count(state, day, "admit")  # 'ordinary' already lets Terra Viva decide alone
    assert not isinstance(events, Refusal), events
    assert any(isinstance(e, MemberAdmitted) for e in events)


def test_p18_a_motion_drafted_before_charter_changes_existed_reads_and_replays_the_same() -> None:
    draft = command(
        DraftMotion,
        SEC,
        FOUNDED,
        motion="m",
        organ=COUNCIL,
        title="t",
        text="x",
        field="purchasing",
        kind="decision",
        force="mandatory",
    )
    signed = draft.model_dump(mode="json")
    assert "charter_changes" not in signed and "effective_on" not in signed
    assert DraftMotion.model_validate(signed) == draft
    old = {
        "motion": "m",
        "organ": COUNCIL,
        "organ_kind": "union-council",
        "title": "t",
        "text": "x",
        "field": "purchasing",
        "kind": "decision",
        "force": "mandatory",
        "addressees": [],
        "ruling": None,
        "competence_changes": {},
        "drafted_by": SEC,
        "drafted_on": FOUNDED.isoformat(),
        "admission": None,
    }
    event = event_from_record("MotionDrafted", 2, old)
    assert event.charter_changes == {} and event.effective_on is None  # type: ignore[attr-defined]
