"""Where an act stands in each member (P2, P14): a member that accepted only some joint
fields is bound only by acts in those fields, and an act is in force in a member once that
member's own designated certifier certified its languages, whoever certified the same
language for another member. One pure function (`domain.standing.standing`) says so."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from builders import (
    MEMBERS_1922,
    admit,
    apply,
    command,
    founded_1922,
    pass_motion,
    request_accession,
    run,
    seat_delegations,
)
from isonomia.domain import (
    CertifyVersion,
    DesignateCertifier,
    FederationState,
    PublishAct,
    SubmitVersion,
    actors,
)
from isonomia.domain.languages import awaiting, in_force_in, standing_in
from isonomia.domain.refusal import Refusal
from isonomia.domain.standing import (
    OUTSIDE_TERMS,
    Certification,
    Standing,
    outside_terms,
    standing,
)

SEC = actors.SECRETARIAT
JOINED = date(1925, 5, 13)
DAY = date(1925, 6, 3)  # a Wednesday: the STO's sessions are not on the council's calendar
WITH_UZBEKISTAN = (*MEMBERS_1922, "uzbekistan")


def refusal(result: object, principle: str) -> str:
    assert isinstance(result, Refusal), result
    assert result.principle == principle, str(result)
    return result.reason


@pytest.fixture(scope="module")
def with_uzbekistan() -> FederationState:
    """Uzbekistan joined accepting only military and diplomacy; every member, Uzbekistan
    too, has a delegate on the STO."""
    state = apply(founded_1922(), request_accession("uzbekistan", date(1925, 2, 1)))
    state = admit(state, "uzbekistan", JOINED, dict.fromkeys(MEMBERS_1922, "yes"))
    assert state.members["uzbekistan"].accepted_fields == ("diplomacy", "military")
    return seat_delegations(state, "sto", DAY, WITH_UZBEKISTAN)


def published(
    state: FederationState, act: str, field: str, kind: str = "decision"
) -> FederationState:
    votes = dict.fromkeys(WITH_UZBEKISTAN, "yes")
    state = pass_motion(
        state, act, f"s-{act}", "sto", DAY, votes, field=field, kind=kind, force="mandatory"
    )
    return apply(state, command(PublishAct, SEC, DAY, act=act))


def certify(state: FederationState, act: str, language: str, by: str) -> FederationState:
    if (act, language) not in state.languages.versions:
        text = f"[{language}] {act}"
        state = apply(
            state, command(SubmitVersion, SEC, DAY, act=act, language=language, text=text)
        )
    return apply(state, command(CertifyVersion, by, DAY, act=act, language=language))


def test_p2_a_finance_act_does_not_bind_a_member_that_accepted_only_military_and_diplomacy(
    with_uzbekistan: FederationState,
) -> None:
    state = published(with_uzbekistan, "sto-finance", "finance")
    state = published(state, "sto-military", "military")
    state = certify(state, "sto-finance", "ru", actors.council("uzbekistan"))
    finance = standing_in(state, "sto-finance", "uzbekistan", DAY)
    assert finance.standing is Standing.NOT_BINDING and not finance.in_force
    assert finance.status == OUTSIDE_TERMS == "not binding: outside its terms of accession (P2)"
    assert awaiting(state, "sto-finance", "uzbekistan", DAY) == []
    military = standing_in(state, "sto-military", "uzbekistan", DAY)
    assert military.standing is Standing.PENDING
    assert military.status == "adopted, awaiting ru from council:uzbekistan"
    state = certify(state, "sto-military", "ru", actors.council("uzbekistan"))
    assert in_force_in(state, "sto-military", "uzbekistan", DAY)
    # A founder accepted every joint field: the finance act binds it.
    assert standing_in(state, "sto-finance", "rsfsr", DAY).standing is Standing.PENDING


def test_p2_a_partial_members_delegate_still_votes_where_the_charter_says(
    with_uzbekistan: FederationState,
) -> None:
    state = published(with_uzbekistan, "sto-finance", "finance")
    act = state.acts["sto-finance"]
    assert act.votes[""]["uzbekistan"].vote == "yes"
    no = dict.fromkeys(WITH_UZBEKISTAN, "yes") | {"uzbekistan": "no"}
    state = pass_motion(
        with_uzbekistan,
        "sto-tax",
        "s-tax",
        "sto",
        DAY,
        no,
        field="finance",
        kind="decision",
        force="mandatory",
    )
    assert state.acts["sto-tax"].votes[""]["uzbekistan"].vote == "no"


def test_p2_a_binding_directive_cannot_be_addressed_to_a_member_outside_its_terms(
    with_uzbekistan: FederationState,
) -> None:
    state = pass_motion(
        with_uzbekistan,
        "sto-levy",
        "s-levy",
        "sto",
        DAY,
        dict.fromkeys(WITH_UZBEKISTAN, "yes"),
        field="finance",
        kind="directive",
        force="mandatory",
        addressees=["rsfsr", "uzbekistan"],
    )
    reason = refusal(run(state, command(PublishAct, SEC, DAY, act="sto-levy")), "P2")
    assert "uzbekistan joined without accepting finance" in reason


def test_p2_a_binding_directive_to_every_member_goes_to_those_within_their_terms(
    with_uzbekistan: FederationState,
) -> None:
    state = published(with_uzbekistan, "sto-levy", "finance", kind="directive")
    assert "uzbekistan" not in state.acts["sto-levy"].addressees
    assert set(state.acts["sto-levy"].addressees) == set(MEMBERS_1922)
    state = published(state, "sto-drill", "military", kind="directive")
    assert "uzbekistan" in state.acts["sto-drill"].addressees


def test_p14_ukraine_certifying_the_russian_text_does_not_put_it_in_force_in_the_rsfsr(
    with_uzbekistan: FederationState,
) -> None:
    state = published(with_uzbekistan, "sto-military", "military")
    state = certify(state, "sto-military", "ru", actors.council("ukraine"))
    rsfsr = standing_in(state, "sto-military", "rsfsr", DAY)
    assert rsfsr.standing is Standing.PENDING
    assert rsfsr.status == "adopted, awaiting ru from council:rsfsr"
    assert awaiting(state, "sto-military", "ukraine", DAY) == ["uk"]
    again = command(
        CertifyVersion, actors.council("ukraine"), DAY, act="sto-military", language="ru"
    )
    assert "the ru version of sto-military is certified" in refusal(run(state, again), "P14")
    state = certify(state, "sto-military", "ru", actors.council("rsfsr"))
    assert in_force_in(state, "sto-military", "rsfsr", DAY)
    assert awaiting(state, "sto-military", "belorussia", DAY) == ["be", "ru", "pl", "yi"]


def test_p14_a_certifier_several_members_designate_certifies_for_each_of_them(
    with_uzbekistan: FederationState,
) -> None:
    state = published(with_uzbekistan, "sto-military", "military")
    for member in ("rsfsr", "uzbekistan"):
        designate = command(
            DesignateCertifier,
            actors.council(member),
            DAY,
            member=member,
            language="ru",
            principal="person:ru-bureau",
        )
        state = apply(state, designate)
    state = certify(state, "sto-military", "ru", "person:ru-bureau")
    assert in_force_in(state, "sto-military", "rsfsr", DAY)
    assert in_force_in(state, "sto-military", "uzbekistan", DAY)
    assert "ru" in awaiting(state, "sto-military", "ukraine", DAY)


def test_the_standing_of_an_act_in_a_member_is_one_pure_function() -> None:
    day = date(1925, 6, 3)
    facts = {
        "in_force_in_union": True,
        "field": "railways",
        "kind": "decision",
        "force": "mandatory",
        "accepted_fields": None,
        "languages": ("uk", "ru"),
        "certifiers": {"ru": "person:translator"},
        "certified": {"uk": Certification("council:ukraine", day)},
        "waived_on": None,
    }
    pending = standing("ukraine", day, **facts)  # type: ignore[arg-type]
    assert pending.standing is Standing.PENDING
    assert pending.status == "adopted, awaiting ru from person:translator"
    assert pending.owes_nothing() == "not in force in ukraine: awaiting ru from person:translator"
    both = facts | {"certified": {x: Certification("c", day) for x in ("uk", "ru")}}
    assert standing("ukraine", day, **both).status == "in force"  # type: ignore[arg-type]
    later = facts | {"certified": {x: Certification("c", day + timedelta(1)) for x in ("uk", "ru")}}
    assert standing("ukraine", day, **later).languages == ["uk", "ru"]  # type: ignore[arg-type]
    waived = standing("ukraine", day, **facts | {"waived_on": day})  # type: ignore[arg-type]
    assert waived.status == "in force (versions waived)" and waived.awaiting == ()
    outside = facts | {"accepted_fields": ("military",)}
    assert standing("ukraine", day, **outside).status == OUTSIDE_TERMS  # type: ignore[arg-type]
    gone = facts | {"in_force_in_union": False}
    assert standing("ukraine", day, **gone).status == "not in force in the union"  # type: ignore[arg-type]
    assert outside_terms(("military",), "finance", "decision", "mandatory")
    assert not outside_terms(("military",), "finance", "decision", "advisory")
    assert not outside_terms(("military",), "union", "charter-amendment", "mandatory")
    assert not outside_terms(("military",), "accession", "decision", "mandatory")
    assert not outside_terms(None, "finance", "decision", "mandatory")


def test_p14_a_new_text_in_a_language_is_certified_anew_for_every_member(
    with_uzbekistan: FederationState,
) -> None:
    state = published(with_uzbekistan, "sto-military", "military")
    for member in ("rsfsr", "uzbekistan"):
        state = certify(state, "sto-military", "ru", actors.council(member))
    assert in_force_in(state, "sto-military", "rsfsr", DAY)
    resubmit = command(
        SubmitVersion, SEC, DAY, act="sto-military", language="ru", text="[ru] corrected"
    )
    state = apply(state, resubmit)
    assert awaiting(state, "sto-military", "rsfsr", DAY) == ["ru"]
    assert awaiting(state, "sto-military", "uzbekistan", DAY) == ["ru"]
