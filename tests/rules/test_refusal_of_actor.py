"""Which refusals say who acts (the web answers them 403) and which say what the act asks
(409): marked by the pure pipeline where it decides them, not guessed from their words."""

from __future__ import annotations

from datetime import timedelta

from builders import FOUNDED, command, founded_1922, run, secede
from isonomia.domain import AppointDelegate, DecideSecession
from isonomia.domain.refusal import Refusal


def refused(result: object) -> Refusal:
    assert isinstance(result, Refusal), result
    return result


def test_p3_a_union_organ_deciding_a_secession_is_refused_as_an_actor() -> None:
    refusal = refused(run(founded_1922(), secede("georgia", FOUNDED, actor="organ:presidium")))
    assert refusal.principle == "P3" and refusal.of_actor


def test_p4_a_decider_that_words_its_own_actor_check_is_still_marked_as_an_actor() -> None:
    day = FOUNDED + timedelta(days=1)
    appoint = command(
        AppointDelegate,
        "council:armenia",
        day,
        organ="union-council",
        member="georgia",
        person="someone",
        term_from=day,
    )
    refusal = refused(run(founded_1922(), appoint))
    assert refusal.principle == "P4" and refusal.of_actor


def test_p3_a_rule_refusing_what_the_act_asks_is_not_marked_as_an_actor() -> None:
    state = founded_1922()
    twice = secede("atlantis", FOUNDED + timedelta(days=1))
    refusal = refused(run(state, twice))
    assert isinstance(twice, DecideSecession) and not refusal.of_actor


def test_the_mark_does_not_change_what_a_refusal_is() -> None:
    refusal = Refusal.of("P3", "x {a}", a=1)
    assert refusal.by_actor() == refusal and refusal.by_actor().of_actor
