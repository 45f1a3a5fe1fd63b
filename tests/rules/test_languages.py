"""National languages (P14): members' own rules, certified versions, waivers, letters."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from builders import MONDAY, apply, command, founded_1922, pass_motion, run, seat_delegations
from isonomia.domain import (
    AdoptLanguageRules,
    CertifyVersion,
    CommandSigned,
    DesignateCertifier,
    FederationState,
    FileAppeal,
    FileOriginal,
    PublishAct,
    Ruling,
    SendCorrespondence,
    SubmitVersion,
    WaiveVersions,
    actors,
)
from isonomia.domain.languages import awaiting, in_force_in
from isonomia.domain.refusal import Refusal
from isonomia.domain.state import evolve

SEC = actors.SECRETARIAT
DAY = MONDAY + timedelta(days=2)
LATER = DAY + timedelta(days=5)


def refusal(result: object, principle: str = "P14") -> str:
    assert isinstance(result, Refusal), result
    assert result.principle == principle, str(result)
    return result.reason


@pytest.fixture
def published() -> FederationState:
    """An executive decision of the STO on railways, published on DAY."""
    state = seat_delegations(founded_1922(), "union-council", date(1923, 1, 1))
    state = seat_delegations(state, "sto", date(1923, 1, 1))
    state = pass_motion(
        state, "sto-1", "sto-s1", "sto", DAY, field="railways", kind="decision", force="mandatory"
    )
    return apply(state, command(PublishAct, SEC, DAY, act="sto-1"))


#: The member whose council certifies each language in these tests, where several speak it.
CERTIFYING = {"ru": "rsfsr"}


def certified(
    state: FederationState, language: str, day: date = DAY, member: str | None = None
) -> FederationState:
    """The secretariat submits the `language` version (if none is); a member's council
    certifies it, for that member alone (P14)."""
    if ("sto-1", language) not in state.languages.versions:
        text = f"{language} text"
        submit = command(SubmitVersion, SEC, day, act="sto-1", language=language, text=text)
        state = apply(state, submit)
    member = (
        member
        or CERTIFYING.get(language)
        or next(m for m, r in sorted(state.members.items()) if language in r.languages)
    )
    certify = command(CertifyVersion, actors.council(member), day, act="sto-1", language=language)
    return apply(state, certify)


def rules(member: str, actor: str, **fields: list[str]) -> AdoptLanguageRules:
    return command(AdoptLanguageRules, actor, DAY, member=member, **fields)


def test_p14_a_members_language_rules_are_its_own_councils_alone(
    published: FederationState,
) -> None:
    for actor in (actors.organ("union-council"), SEC, actors.council("rsfsr")):
        reason = refusal(run(published, rules("ukraine", actor, correspondence=["uk"])))
        assert "the member's own council" in reason and actor in reason
    state = apply(published, rules("ukraine", actors.council("ukraine"), correspondence=["uk"]))
    assert state.languages.rules["ukraine"].correspondence == ("uk",)


def test_p14_an_act_is_in_force_in_a_member_only_once_its_languages_are_certified(
    published: FederationState,
) -> None:
    assert published.in_force("sto-1", DAY)
    assert not in_force_in(published, "sto-1", "rsfsr", DAY)
    assert awaiting(published, "sto-1", "ukraine", DAY) == ["uk", "ru"]
    state = certified(published, "ru")
    assert in_force_in(state, "sto-1", "rsfsr", DAY)
    assert awaiting(state, "sto-1", "ukraine", DAY) == ["uk", "ru"]  # its own certifier's
    state = certified(state, "ru", member="ukraine")
    assert awaiting(state, "sto-1", "ukraine", DAY) == ["uk"]
    assert not in_force_in(state, "sto-1", "georgia", LATER)
    state = certified(state, "ka", LATER)
    assert not in_force_in(state, "sto-1", "georgia", DAY)  # certified later, not retroactive
    assert in_force_in(state, "sto-1", "georgia", LATER)


def test_p14_a_members_waiver_lets_the_act_take_effect_without_its_versions(
    published: FederationState,
) -> None:
    waive = command(WaiveVersions, actors.council("armenia"), DAY, act="sto-1", member="armenia")
    assert "the member's own council" in refusal(
        run(published, waive.model_copy(update={"actor": SEC}))
    )
    state = apply(published, waive)
    assert in_force_in(state, "sto-1", "armenia", DAY)
    assert "already waived" in refusal(run(state, waive.model_copy(update={"command_id": "x"})))


def test_p14_only_the_certifier_the_member_designates_certifies(
    published: FederationState,
) -> None:
    state = apply(
        published,
        command(SubmitVersion, SEC, DAY, act="sto-1", language="ka", text="ka text"),
    )
    designate = command(
        DesignateCertifier,
        actors.council("georgia"),
        DAY,
        member="georgia",
        language="ka",
        principal="person:ka-certifier",
    )
    assert "own council" in refusal(run(state, designate.model_copy(update={"actor": SEC})))
    state = apply(state, designate)
    certify = command(CertifyVersion, actors.council("georgia"), DAY, act="sto-1", language="ka")
    assert "certifier" in refusal(run(state, certify))
    assert "certifier" in refusal(run(state, certify.model_copy(update={"actor": SEC})))
    state = apply(state, certify.model_copy(update={"actor": "person:ka-certifier"}))
    assert in_force_in(state, "sto-1", "georgia", DAY)
    wrong = designate.model_copy(update={"command_id": "x", "language": "uk"})
    assert "not an official language of georgia" in refusal(run(state, wrong))


def test_p14_versions_come_from_the_translators_or_a_member_whose_language_it_is(
    published: FederationState,
) -> None:
    submit = command(
        SubmitVersion, actors.council("georgia"), DAY, act="sto-1", language="uk", text="t"
    )
    assert "official language" in refusal(run(published, submit))
    assert not isinstance(
        run(published, submit.model_copy(update={"actor": actors.council("ukraine")})), Refusal
    )
    french = submit.model_copy(update={"actor": SEC, "language": "fr"})
    assert "no member's official language" in refusal(run(published, french))
    unknown = submit.model_copy(update={"actor": SEC, "act": "nothing"})
    assert "no act 'nothing'" in refusal(run(published, unknown))
    uncertified = command(
        CertifyVersion, actors.council("ukraine"), DAY, act="sto-1", language="uk"
    )
    assert "no uk version" in refusal(run(published, uncertified))


def test_p14_amending_an_acts_text_puts_its_certified_versions_back_to_review(
    published: FederationState,
) -> None:
    state = certified(published, "ru")
    assert in_force_in(state, "sto-1", "rsfsr", DAY)
    appeal = command(
        FileAppeal,
        actors.council("georgia"),
        DAY,
        appeal="a1",
        act="sto-1",
        member="georgia",
        ground="harms Tiflis",
    )
    state = apply(state, appeal)
    later = MONDAY + timedelta(days=7)
    state = pass_motion(
        state,
        "ruling-1",
        "uc-2",
        "union-council",
        later,
        field="railways",
        kind="decision",
        force="mandatory",
        text="amended",
        ruling=Ruling(on="appeal", ref="a1", outcome="amend"),
    )
    assert state.languages.versions[("sto-1", "ru")].needs_review
    assert not in_force_in(state, "sto-1", "rsfsr", later)
    state = apply(
        state,
        command(CertifyVersion, actors.council("rsfsr"), later, act="sto-1", language="ru"),
    )
    assert in_force_in(state, "sto-1", "rsfsr", later)


def test_p14_a_letter_lacking_a_language_the_members_rules_require_is_refused(
    published: FederationState,
) -> None:
    state = apply(
        published, rules("ukraine", actors.council("ukraine"), correspondence=["uk", "ru"])
    )
    letter = command(
        SendCorrespondence,
        actors.organ("union-council"),
        DAY,
        organ="union-council",
        member="ukraine",
        versions={"ru": "Письмо"},
    )
    assert "require correspondence in Ukrainian (uk)" in refusal(run(state, letter))
    both = letter.model_copy(update={"versions": {"ru": "Письмо", "uk": "Лист"}})
    assert not isinstance(run(state, both), Refusal)
    other = both.model_copy(update={"actor": actors.council("rsfsr")})
    assert "presiding officer" in refusal(run(state, other))


def test_p14_a_member_files_the_original_of_its_own_command_in_its_own_language(
    published: FederationState,
) -> None:
    signed = CommandSigned(
        command_id="c1",
        command_type="AdoptLanguageRules",
        principal=actors.council("ukraine"),
        key_id="k",
        signature="s",
        command={},
        member="ukraine",
    )
    state = evolve(published, signed)
    original = command(
        FileOriginal, actors.council("ukraine"), DAY, of_command="c1", language="uk", text="Т"
    )
    events = run(state, original)
    assert isinstance(events, list) and events[0].member == "ukraine"  # type: ignore[attr-defined]
    other = original.model_copy(update={"actor": actors.council("georgia")})
    assert "signed that command" in refusal(run(state, other))
    georgian = original.model_copy(update={"language": "ka"})
    assert "not an official language" in refusal(run(state, georgian))
    unknown = original.model_copy(update={"of_command": "c2"})
    assert "no signed command 'c2'" in refusal(run(state, unknown))
