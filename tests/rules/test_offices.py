"""Offices without concentration (P15): one test per refusal, and what is allowed beside it."""

from __future__ import annotations

import tomllib
from datetime import timedelta

import pytest
from offices_world import (
    DAY,
    founded_with,
    joint_rail,
    official,
    refused,
    removal,
    represent,
    seat,
    with_acts,
)

from builders import apply, command, run
from isonomia.charter import load_charter
from isonomia.charter.load import CharterInvalid, charter_from_data
from isonomia.domain import (
    FileAppeal,
    OfficialAppointed,
    OfficialRemoved,
    ProposeDepartment,
    actors,
)
from isonomia.domain.refusal import Refusal
from isonomia.service import COMMAND_TYPES, example_charter

LATER = DAY + timedelta(days=30)


def test_p15_a_seat_beyond_the_limit_is_refused_naming_the_limit() -> None:
    state = founded_with(max_per_person=3)
    for organ in ("presidium", "sovnarkom", "joint-conference"):
        state = apply(state, seat("person-1", organ))
    refused(run(state, seat("person-1", "sto")), "person-1", "4 offices", "allows one person 3")


def test_p15_terms_that_do_not_overlap_are_not_counted_together() -> None:
    state = founded_with(max_per_person=1)
    state = apply(state, seat("person-1", "presidium", until=LATER))
    refused(run(state, seat("person-1", "sto", start=LATER - timedelta(days=1))), "2 offices")
    assert not isinstance(run(state, seat("person-1", "sto", start=LATER)), Refusal)


def test_p15_a_future_seat_counts_against_an_earlier_open_one() -> None:
    state = founded_with(max_per_person=1)
    state = apply(state, seat("person-1", "presidium", start=LATER))
    refused(run(state, seat("person-1", "sto")), "2 offices")


def test_p15_a_recalled_seat_no_longer_counts() -> None:
    from isonomia.domain import RecallDelegate

    state = founded_with(max_per_person=1)
    state = apply(state, seat("person-1", "presidium"))
    recall = command(
        RecallDelegate,
        actors.council("rsfsr"),
        DAY,
        organ="presidium",
        member="rsfsr",
        person="person-1",
    )
    state = apply(state, recall)
    assert not isinstance(run(state, seat("person-1", "sto")), Refusal)


def test_p15_an_inspector_is_refused_an_executive_seat() -> None:
    state = apply(with_acts(founded_with()), official("person-1", "chief-inspector"))
    refused(run(state, seat("person-1", "sovnarkom")), "office:chief-inspector", "organ:sovnarkom")
    refused(run(state, seat("person-1", "presidium")), "office:chief-inspector")


def test_p15_an_executive_delegate_is_refused_the_inspection() -> None:
    state = apply(with_acts(founded_with()), seat("person-1", "sto"))
    refused(run(state, official("person-1", "chief-inspector")), "organ:sto")


def test_p15_the_general_secretary_does_not_chair_the_presidium() -> None:
    state = apply(with_acts(founded_with()), official("person-1", "general-secretary"))
    refused(run(state, official("person-1", "presidium-chair")), "general-secretary")


def test_p15_a_charter_exclusion_of_organs_is_kept() -> None:
    state = founded_with(exclusive=[["organ:sovnarkom", "organ:sto"]])
    state = apply(state, seat("person-1", "sovnarkom"))
    refused(run(state, seat("person-1", "sto")), "organ:sovnarkom", "organ:sto")
    assert not isinstance(run(state, seat("person-1", "presidium")), Refusal)


def test_p15_a_term_longer_than_the_charter_allows_is_refused() -> None:
    state = founded_with(term_days=365)
    refused(run(state, seat("person-1", "sto", until=DAY + timedelta(days=366))), "365 days")
    refused(run(state, seat("person-1", "sto")), "365 days")  # no end at all
    assert not isinstance(run(state, seat("person-1", "sto", until=DAY + timedelta(365))), Refusal)


def test_p15_a_term_beyond_the_charter_s_number_of_terms_is_refused() -> None:
    state = founded_with(max_terms=2)
    first, second = DAY + timedelta(days=10), DAY + timedelta(days=20)
    state = apply(state, seat("person-1", "sto", until=first))
    state = apply(state, seat("person-1", "sto", start=first, until=second))
    refused(run(state, seat("person-1", "sto", start=second)), "2 terms", "allows 2")
    assert not isinstance(run(state, seat("person-1", "sovnarkom", start=second)), Refusal)


def test_p15_the_same_office_again_before_the_cool_down_is_refused() -> None:
    state = founded_with(cooldown_days=100)
    end = DAY + timedelta(days=10)
    state = apply(state, seat("person-1", "sto", until=end))
    again = end + timedelta(days=100)
    refused(run(state, seat("person-1", "sto", start=again - timedelta(1))), str(again))
    assert not isinstance(run(state, seat("person-1", "sto", start=again)), Refusal)


def test_p15_a_department_post_counts_toward_the_limit() -> None:
    state = joint_rail(founded_with(max_per_person=2))
    state = apply(state, seat("person-1", "presidium"))
    state = apply(state, seat("person-1", "sto"))
    refused(run(state, represent("rsfsr", "person-1")), "3 offices", "department:rail")


def test_p15_a_replaced_representative_no_longer_holds_the_post() -> None:
    state = joint_rail(founded_with(max_per_person=1))
    state = apply(state, represent("rsfsr", "person-1"))
    refused(run(state, seat("person-1", "sto")), "2 offices")
    state = apply(state, represent("rsfsr", "person-2"))
    assert not isinstance(run(state, seat("person-1", "sto")), Refusal)


def test_p7_a_representative_of_two_members_was_already_refused_naming_p15() -> None:
    state = apply(joint_rail(founded_with()), represent("rsfsr", "person-1"))
    reason = refused(run(state, represent("ukraine", "person-1")), principle="P7")
    assert "(P15)" in reason


def test_p15_a_named_office_needs_an_act_adopted_by_its_organ_s_vote() -> None:
    state = with_acts(founded_with())
    refused(run(state, official("person-1", "general-secretary", "no-such-act")), "no act")
    refused(run(state, official("person-1", "general-secretary", "pr-1")), "presidium")


def test_p15_a_named_office_is_filled_only_by_its_organ() -> None:
    state = with_acts(founded_with())
    wrong = official("person-1", "general-secretary", actor=actors.organ("sto"))
    refused(run(state, wrong), "organ:sto cannot issue it")


def test_p15_an_office_the_charter_does_not_name_is_refused() -> None:
    state = with_acts(founded_with())
    unknown = official("person-1", "general-secretary").model_copy(update={"office": "treasurer"})
    refused(run(state, unknown), "treasurer")


def test_p15_one_office_has_one_holder_at_a_time() -> None:
    state = apply(with_acts(founded_with()), official("person-1", "general-secretary"))
    refused(run(state, official("person-2", "general-secretary")), "person-1")


def test_p15_an_office_holder_is_removed_by_the_organ_s_vote_only() -> None:
    state = apply(with_acts(founded_with()), official("person-1", "general-secretary"))
    refused(run(state, removal("person-1", "general-secretary", "pr-1")), "presidium")
    refused(run(state, removal("person-2", "general-secretary")), "does not hold")
    events = run(state, removal("person-1", "general-secretary"))
    assert isinstance(events, list) and isinstance(events[-1], OfficialRemoved)
    after = apply(state, removal("person-1", "general-secretary"))
    again = run(after, official("person-2", "general-secretary"))
    assert isinstance(again, list) and isinstance(again[-1], OfficialAppointed)


def test_p15_a_collegial_decision_without_the_organ_s_act_is_refused() -> None:
    state = with_acts(founded_with(collegial=["ProposeDepartment"]))
    propose = command(
        ProposeDepartment,
        actors.organ("union-council"),
        DAY,
        department="rail",
        name="Rail",
        field="railways",
    )
    refused(run(state, propose), "ProposeDepartment", "collegial")
    refused(run(state, propose.model_copy(update={"under_act": "pr-1"})), "presidium")
    refused(run(state, propose.model_copy(update={"under_act": "nothing"})), "no act")
    assert not isinstance(run(state, propose.model_copy(update={"under_act": "uc-1"})), Refusal)


def test_p15_the_examples_name_only_commands_that_exist_as_collegial() -> None:
    for name in ("union-1922", "cooperatives"):
        offices = load_charter(example_charter(name)).offices
        assert offices.named and set(offices.collegial) <= set(COMMAND_TYPES)


def test_p15_a_charter_whose_offices_name_what_does_not_exist_is_rejected() -> None:
    data = tomllib.loads(example_charter("union-1922").read_text(encoding="utf-8"))
    n = len(data["offices"]["named"])
    data["offices"]["named"].append({"id": "treasurer", "name": "T", "organ": "treasury"})
    data["offices"]["named"].append({"id": "treasurer", "name": "T", "organ": "presidium"})
    data["offices"]["exclusive"] = [["office:nobody", "kind:executive"], ["organ:sto"]]
    with pytest.raises(CharterInvalid) as raised:
        charter_from_data(data)
    lines = "\n".join(raised.value.lines())
    assert f"offices.named[{n}].organ: no organ 'treasury'" in lines
    assert f"offices.named[{n + 1}].id: 'treasurer' is used twice" in lines
    assert "offices.exclusive[0][0]: no office 'nobody'" in lines
    assert "offices.exclusive[1]: name at least two offices" in lines


def test_p15_a_charter_without_an_offices_section_still_loads_with_defaults() -> None:
    data = tomllib.loads(example_charter("union-1922").read_text(encoding="utf-8"))
    del data["offices"]
    del data["elections"]  # an elected office is a named office of [offices]
    offices = charter_from_data(data).offices
    assert (offices.max_per_person, offices.named, offices.collegial) == (3, [], [])


def test_p15_a_delegate_cites_only_an_act_of_an_organ_it_sits_in() -> None:
    state = with_acts(founded_with(collegial=["FileAppeal"]))
    appeal = command(
        FileAppeal,
        actors.person("georgia-union-council"),
        DAY,
        appeal="ap-1",
        act="uc-1",
        member="georgia",
        ground="a ground",
    )
    refused(run(state, appeal), "FileAppeal", "collegial")
    refused(run(state, appeal.model_copy(update={"under_act": "pr-1"})), "union-council")
    _past_p15(run(state, appeal.model_copy(update={"under_act": "uc-2"})))


def test_p15_a_member_s_own_council_holds_no_union_office_to_check() -> None:
    state = with_acts(founded_with(collegial=["FileAppeal"]))
    appeal = command(
        FileAppeal,
        actors.council("georgia"),
        DAY,
        appeal="ap-1",
        act="uc-1",
        member="georgia",
        ground="a ground",
    )
    _past_p15(run(state, appeal))


def _past_p15(result: object) -> None:
    """The command got past the offices checks (its own rules may still refuse it: P6)."""
    assert not isinstance(result, Refusal) or result.principle != "P15", result
