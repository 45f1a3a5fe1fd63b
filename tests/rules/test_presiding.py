"""The presidency presides (P5): where the charter has the presiding delegate sign an organ's
procedural acts, only the presiding member's presiding delegate of the act's day signs them,
and the signing power passes with the presidency, also when a president secedes mid-term."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import (
    FOUNDED,
    MEMBERS_1922,
    adopt,
    apply,
    command,
    delegate_id,
    found,
    run,
    seat_delegations,
    secede,
    union_1922,
)
from isonomia.charter import Charter
from isonomia.charter.model import Presidency, Procedure, Secession
from isonomia.domain import (
    AppointDelegate,
    CastVote,
    ConveneSession,
    CountVotes,
    DraftMotion,
    FederationState,
    PublishAct,
    TableMotion,
    actors,
)
from isonomia.domain.presidency import DesignatePresidingDelegate, presiding_book
from isonomia.domain.procedure import CirculateDraft
from isonomia.domain.refusal import Refusal
from isonomia.rules.presidency import presiding_on
from isonomia.rules.presiding import presiding_delegate

COUNCIL = "union-council"
#: Mondays, the 1922 union council's weekday: in the RSFSR's first term (to 1923-03-30),
#: in Ukraine's second (1923-03-30 to 1923-06-30).
FIRST_TERM, SECOND_TERM = date(1923, 1, 8), date(1923, 4, 2)


def delegate(member: str) -> str:
    return actors.person(delegate_id(member, COUNCIL))


def presiding_charter(**presidency: Any) -> Charter:
    """The 1922 charter with the presiding delegate signing the council's procedure, and
    no minimum notice (these tests vote on the day of drafting)."""
    charter = union_1922()
    settings_ = {"presides": "delegate", **presidency}
    return charter.model_copy(
        update={
            "presidency": Presidency.model_validate(
                {**charter.presidency.model_dump(), **settings_}
            ),
            "procedure": Procedure(),
        }
    )


def seated(charter: Charter) -> FederationState:
    state = apply(apply(FederationState(), adopt(charter)), found(charter))
    return seat_delegations(state, COUNCIL, FOUNDED)


@pytest.fixture(scope="module")
def union() -> FederationState:
    return seated(presiding_charter())


def convene(actor: str, day: date, session: str = "s1", held_on: date | None = None) -> Any:
    return command(
        ConveneSession, actor, day, session=session, organ=COUNCIL, held_on=held_on or day
    )


def refused(result: object) -> Refusal:
    assert isinstance(result, Refusal), result
    return result


def draft(state: FederationState, motion: str, day: date) -> FederationState:
    return apply(
        state,
        command(
            DraftMotion,
            actors.SECRETARIAT,
            day,
            motion=motion,
            organ=COUNCIL,
            title=motion,
            text=f"text of {motion}",
            field="railways",
            kind="decision",
            force="mandatory",
        ),
    )


def test_p5_secretariat_cannot_convene_where_the_presiding_delegate_presides(
    union: FederationState,
) -> None:
    refusal = refused(run(union, convene(actors.SECRETARIAT, FIRST_TERM)))
    assert refusal.principle == "P5"
    assert "rsfsr presides over union-council on 1923-01-08" in refusal.reason
    assert delegate("rsfsr") in refusal.reason
    assert "\n" not in refusal.reason


def test_p5_organ_key_cannot_convene_where_the_presiding_delegate_presides(
    union: FederationState,
) -> None:
    for key in (actors.organ(COUNCIL), actors.organ("presidium")):
        refusal = refused(run(union, convene(key, FIRST_TERM)))
        assert refusal.principle == "P5"
        assert key in refusal.reason


def test_p5_another_members_delegate_cannot_convene(union: FederationState) -> None:
    refusal = refused(run(union, convene(delegate("ukraine"), FIRST_TERM)))
    assert refusal.principle == "P5"
    assert delegate("rsfsr") in refusal.reason


def test_p5_previous_presidents_delegate_cannot_convene_after_its_term(
    union: FederationState,
) -> None:
    refusal = refused(run(union, convene(delegate("rsfsr"), SECOND_TERM)))
    assert refusal.principle == "P5"
    assert "ukraine presides over union-council on 1923-04-02" in refusal.reason
    assert not isinstance(run(union, convene(delegate("ukraine"), SECOND_TERM)), Refusal)


def test_the_presiding_delegate_convenes_tables_counts_and_the_secretariat_publishes(
    union: FederationState,
) -> None:
    chair = delegate("rsfsr")
    state = apply(union, convene(chair, FIRST_TERM))
    assert state.sessions["s1"].presided_by == "rsfsr"
    state = draft(state, "m1", FIRST_TERM)
    # The charter leaves circulating the draft to the secretariat by default.
    state = apply(state, command(CirculateDraft, actors.SECRETARIAT, FIRST_TERM, motion="m1"))
    tabling = command(TableMotion, actors.SECRETARIAT, FIRST_TERM, motion="m1", session="s1")
    assert refused(run(state, tabling)).principle == "P5"
    state = apply(state, command(TableMotion, chair, FIRST_TERM, motion="m1", session="s1"))
    for member in MEMBERS_1922:
        state = apply(
            state,
            command(CastVote, delegate(member), FIRST_TERM, motion="m1", member=member, vote="yes"),
        )
    count = command(CountVotes, actors.organ(COUNCIL), FIRST_TERM, motion="m1")
    assert refused(run(state, count)).principle == "P5"
    state = apply(state, command(CountVotes, chair, FIRST_TERM, motion="m1"))
    assert state.acts["m1"].stage.value == "adopted"
    state = apply(state, command(PublishAct, actors.SECRETARIAT, FIRST_TERM, act="m1"))
    assert state.acts["m1"].stage.value == "published"


def test_p5_secretariat_cannot_circulate_when_the_charter_does_not_leave_it_circulating() -> None:
    state = draft(seated(presiding_charter(secretariat_acts=[])), "m1", FIRST_TERM)
    refusal = refused(
        run(state, command(CirculateDraft, actors.SECRETARIAT, FIRST_TERM, motion="m1"))
    )
    assert refusal.principle == "P5"
    assert "'circulate'" in refusal.reason
    assert not isinstance(
        run(state, command(CirculateDraft, delegate("rsfsr"), FIRST_TERM, motion="m1")), Refusal
    )


def test_a_members_council_still_tables_its_own_motion(union: FederationState) -> None:
    state = draft(apply(union, convene(delegate("rsfsr"), FIRST_TERM)), "m1", FIRST_TERM)
    tabled = run(
        state,
        command(TableMotion, actors.council("georgia"), FIRST_TERM, motion="m1", session="s1"),
    )
    assert not isinstance(tabled, Refusal), tabled


def test_the_secretariat_convenes_where_the_charter_keeps_the_default() -> None:
    state = seated(union_1922())
    assert not isinstance(run(state, convene(actors.SECRETARIAT, FIRST_TERM)), Refusal)


def test_the_secretariat_convenes_an_organ_whose_presidency_does_not_rotate(
    union: FederationState,
) -> None:
    state = seat_delegations(union, "sto", FOUNDED)
    session = command(
        ConveneSession,
        actors.SECRETARIAT,
        FIRST_TERM,
        session="x1",
        organ="sto",
        held_on=FIRST_TERM,
    )
    assert not isinstance(run(state, session), Refusal)


# -- designation ---------------------------------------------------------------------------


def _second_rsfsr_delegate(state: FederationState) -> FederationState:
    return apply(
        state,
        command(
            AppointDelegate,
            actors.council("rsfsr"),
            FOUNDED,
            organ=COUNCIL,
            member="rsfsr",
            person="kalinin",
            term_from=FOUNDED,
        ),
    )


def designate(actor: str, member: str, person: str, term: int, day: date = FOUNDED) -> Any:
    return command(
        DesignatePresidingDelegate,
        actor,
        day,
        member=member,
        organ=COUNCIL,
        person=person,
        term=term,
    )


def test_the_designated_delegate_presides_for_its_term(union: FederationState) -> None:
    state = _second_rsfsr_delegate(union)
    state = apply(state, designate(actors.council("rsfsr"), "rsfsr", "kalinin", 1))
    assert presiding_book(state).designated_on(COUNCIL, 1, "rsfsr", FIRST_TERM) == "kalinin"
    refusal = refused(run(state, convene(delegate("rsfsr"), FIRST_TERM)))
    assert refusal.principle == "P5"
    assert "person:kalinin" in refusal.reason
    assert not isinstance(run(state, convene(actors.person("kalinin"), FIRST_TERM)), Refusal)


def test_p5_a_member_designates_only_for_a_term_it_presides(union: FederationState) -> None:
    refusal = refused(
        run(union, designate(actors.council("rsfsr"), "rsfsr", "rsfsr-union-council", 2))
    )
    assert refusal.principle == "P5"
    assert "does not preside in term 2" in refusal.reason


def test_p5_a_member_cannot_designate_after_its_term(union: FederationState) -> None:
    late = designate(actors.council("rsfsr"), "rsfsr", "rsfsr-union-council", 1, SECOND_TERM)
    refusal = refused(run(union, late))
    assert refusal.principle == "P5"
    assert "ended on 1923-03-30" in refusal.reason


def test_p5_another_council_cannot_designate_the_presiding_delegate(
    union: FederationState,
) -> None:
    refusal = refused(
        run(union, designate(actors.council("ukraine"), "rsfsr", "ukraine-union-council", 1))
    )
    assert refusal.principle == "P5"


def test_p4_the_designated_must_sit_for_the_presiding_member(union: FederationState) -> None:
    refusal = refused(
        run(union, designate(actors.council("rsfsr"), "rsfsr", "ukraine-union-council", 1))
    )
    assert refusal.principle == "P4"


def test_p5_no_designation_where_the_secretariat_runs_procedure() -> None:
    state = seated(union_1922())
    refusal = refused(
        run(state, designate(actors.council("rsfsr"), "rsfsr", "rsfsr-union-council", 1))
    )
    assert refusal.principle == "P5"


# -- a president seceding mid-term -----------------------------------------------------------


def test_p5_a_seceding_president_passes_the_gavel(union: FederationState) -> None:
    # Ukraine presides in the second term (1923-03-30 to 1923-06-30); its secession, decided
    # on 1923-02-15, takes effect 90 days later, on 1923-05-16.
    state = apply(union, secede("ukraine", date(1923, 2, 15)))
    before, after = date(1923, 5, 14), date(1923, 5, 21)
    assert not isinstance(run(state, convene(delegate("ukraine"), before, "s1")), Refusal)
    state = apply(state, convene(delegate("ukraine"), before, "s1"))
    refusal = refused(run(state, convene(delegate("ukraine"), after, "s2")))
    assert refusal.principle == "P5"
    assert "georgia presides over union-council on 1923-05-21" in refusal.reason
    state = apply(state, convene(delegate("georgia"), after, "s2"))
    assert state.sessions["s2"].presided_by == "georgia"
    tenure, chair = presiding_delegate(state, COUNCIL, after)
    assert tenure is not None and tenure.acting and chair == delegate("georgia")


# -- whole histories -------------------------------------------------------------------------


def deputy(member: str) -> str:
    return f"{member}-deputy"


SIGNERS = [
    *(delegate(m) for m in MEMBERS_1922),
    *(actors.person(deputy(m)) for m in MEMBERS_1922),
    actors.SECRETARIAT,
    actors.organ(COUNCIL),
    actors.organ("presidium"),
]


def _short_terms() -> Charter:
    charter = presiding_charter()
    presidency = charter.presidency.model_copy(update={"term_months": None, "term_days": 10})
    return charter.model_copy(
        update={"presidency": presidency, "secession": Secession(notice_days=0)}
    )


def _next_monday(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7)


STEPS = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=9),  # days since the last step
        st.sampled_from(["convene", "convene", "convene", "designate", "secede"]),
        st.integers(min_value=0, max_value=len(SIGNERS) - 1),
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS)
def test_every_procedural_act_is_signed_by_the_presiding_delegate_of_its_day(
    steps: list[tuple[int, str, int]],
) -> None:
    state = seated(_short_terms())
    for member in MEMBERS_1922:  # each member's second delegate, appointed after the first
        state = apply(
            state,
            command(
                AppointDelegate,
                actors.council(member),
                FOUNDED,
                organ=COUNCIL,
                member=member,
                person=deputy(member),
                term_from=FOUNDED,
            ),
        )
    day = FOUNDED
    #: The model: whom each member designated for a term, from which day (else its first
    #: delegate presides).
    designated: dict[tuple[int, str], list[tuple[date, str]]] = {}

    def expected(term: int, member: str, on: date) -> str:
        made = [p for d, p in designated.get((term, member), []) if d < on]
        return made[-1] if made else delegate(member)

    signed: list[tuple[date, str]] = []
    for number, (gap, kind, pick) in enumerate(steps):
        day += timedelta(days=gap)
        members = [m.id for m in state.members_on(day)]
        tenure = presiding_on(state, day)
        assert tenure is not None
        if kind == "secede":
            if len(members) > 2:
                state = apply(state, secede(members[pick % len(members)], day))
            continue
        if kind == "designate":
            person = deputy(tenure.member) if pick % 2 else delegate_id(tenure.member, COUNCIL)
            council = actors.council(tenure.member)
            state = apply(state, designate(council, tenure.member, person, tenure.term + 1, day))
            designated.setdefault((tenure.term, tenure.member), []).append(
                (day, actors.person(person))
            )
            continue
        signer = SIGNERS[pick]
        chair = expected(tenure.term, tenure.member, day)
        act = convene(signer, day, f"s{number}", _next_monday(day))
        result = run(state, act)
        if signer == chair:
            assert not isinstance(result, Refusal), result
            state = apply(state, act)
            signed.append((day, signer))
        else:
            refusal = refused(result)
            assert refusal.principle == "P5"
            assert f"{tenure.member} presides over {COUNCIL}" in refusal.reason
            assert chair in refusal.reason
    # Over the whole history as it ended, each act's signer presided on its day: a later
    # secession never rewrites who presided before, nor whom the presiding member designated.
    for on, signer in signed:
        tenure = presiding_on(state, on)
        assert tenure is not None
        assert signer == expected(tenure.term, tenure.member, on)
        assert presiding_delegate(state, COUNCIL, on)[1] == signer


# -- the key the presiding delegate signs with ---------------------------------------------


def _key(state: FederationState, member: str) -> tuple[FederationState, str]:
    from isonomia.domain import RegisterKey
    from isonomia.ledger.keys import generate_private_key, key_id, public_key_text

    key = generate_private_key()
    register = command(
        RegisterKey,
        actors.council(member),
        FOUNDED,
        principal="person:p",
        public_key=public_key_text(key.public_key()),
        for_member=member,
    )
    return apply(state, register), key_id(key.public_key())


def test_p4_the_presiding_delegate_signs_with_a_key_of_the_presiding_member() -> None:
    from isonomia.domain import CommandSigned
    from isonomia.rules import handle

    charter = presiding_charter()
    state = apply(apply(FederationState(), adopt(charter)), found(charter))
    # p answers to Armenia (named first, in the STO), and sits for the RSFSR in the council.
    for organ, member in (("sto", "armenia"), (COUNCIL, "rsfsr")):
        state = apply(
            state,
            command(
                AppointDelegate,
                actors.council(member),
                FOUNDED,
                organ=organ,
                member=member,
                person="p",
                term_from=FOUNDED,
            ),
        )
    state, armenian = _key(state, "armenia")
    state, russian = _key(state, "rsfsr")

    def signed(key: str) -> CommandSigned:
        return CommandSigned(
            command_id="c",
            command_type="ConveneSession",
            principal="person:p",
            key_id=key,
            signature="",
            command={},
        )

    act = convene(actors.person("p"), FIRST_TERM)
    refusal = refused(handle(state, act, FIRST_TERM, signed(armenian)))
    assert refusal.principle == "P4"
    assert "cannot act for rsfsr" in refusal.reason
    assert not isinstance(handle(state, act, FIRST_TERM, signed(russian)), Refusal)


def test_p5_a_charter_rotates_the_presidency_only_of_organs_that_hold_sessions() -> None:
    from isonomia.charter.load import CharterInvalid, charter_from_data

    data = presiding_charter().model_dump(mode="json")
    data["presidency"]["organs"] = ["union-council", "inspection", "nowhere"]
    with pytest.raises(CharterInvalid) as raised:
        charter_from_data(data)
    lines = " ".join(raised.value.lines())
    assert "'inspection' holds no sessions" in lines
    assert "'nowhere' is not an organ" in lines


def test_the_presidium_rotates_when_the_charter_names_it() -> None:
    state = seat_delegations(
        seated(presiding_charter(organs=["union-council", "presidium"])), "presidium", FOUNDED
    )
    session = command(
        ConveneSession,
        actors.SECRETARIAT,
        FIRST_TERM,
        session="p1",
        organ="presidium",
        held_on=FIRST_TERM,
    )
    assert refused(run(state, session)).principle == "P5"
    chair = command(
        ConveneSession,
        actors.person(delegate_id("rsfsr", "presidium")),
        FIRST_TERM,
        session="p1",
        organ="presidium",
        held_on=FIRST_TERM,
    )
    assert not isinstance(run(state, chair), Refusal)
