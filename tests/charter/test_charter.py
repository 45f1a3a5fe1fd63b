"""The charter as data: examples load, and a bad charter lists every problem with its path."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from isonomia.charter import (
    RESERVED_BY_DEFAULT,
    CharterInvalid,
    FieldKind,
    charter_from_data,
    is_known_language_tag,
    load_charter,
    parse_charter,
)
from isonomia.service import EXAMPLES, example_charter


def _data(name: str = "union-1922") -> dict:
    return tomllib.loads(example_charter(name).read_text(encoding="utf-8"))


def _problems(data: dict) -> list[str]:
    with pytest.raises(CharterInvalid) as caught:
        charter_from_data(data)
    return caught.value.lines()


@pytest.mark.parametrize("name", EXAMPLES)
def test_shipped_examples_are_valid_charters(name: str) -> None:
    charter = load_charter(example_charter(name))
    assert len(charter.members) >= 5
    assert {m.id for m in charter.members} == set(charter.presidency.order)


def test_repository_examples_folder_holds_the_shipped_charters() -> None:
    root = Path(__file__).resolve().parents[2] / "examples"
    for name in EXAMPLES:
        assert (root / f"{name}.toml").read_bytes() == example_charter(name).read_bytes()


def test_1922_example_has_the_six_republics_with_1926_census_figures() -> None:
    charter = load_charter(example_charter("union-1922"))
    ids = [m.id for m in charter.members]
    assert ids == ["rsfsr", "ukraine", "belorussia", "georgia", "armenia", "azerbaijan"]
    assert charter.union.seat == "Moscow"
    assert all(m.population_year == 1926 and "1926" in m.population_source for m in charter.members)
    largest = max(charter.members, key=lambda m: m.population)
    assert largest.id == "rsfsr"
    assert largest.population / sum(m.population for m in charter.members) > 0.5


def test_a_charter_with_three_mistakes_lists_all_three_with_paths() -> None:
    data = _data()
    data["members"][4]["languages"][0] = "xx-QQ"
    data["members"][2]["population"] = -5
    data["presidency"]["order"][2] = "georgie"
    assert _problems(data) == [
        "members[2].population: input should be greater than 0",
        "members[4].languages[0]: 'xx-QQ' is not a known language tag (P14)",
        "presidency.order[2]: 'georgie' is not a member",
    ]


def test_p14_language_tags_are_checked_against_cldr() -> None:
    assert is_known_language_tag("ka")
    assert is_known_language_tag("az-Latn")
    assert is_known_language_tag("pt-BR")
    for bad in ("xx-QQ", "en-ZZ", "", "en_US", "english"):
        assert not is_known_language_tag(bad), bad


def test_p1_the_union_is_not_one_of_its_members() -> None:
    data = _data()
    data["union"]["id"] = "rsfsr"
    assert any(line.startswith("union.id:") and "(P1)" in line for line in _problems(data))


def test_p5_presidency_order_names_every_member_once() -> None:
    data = _data()
    data["presidency"]["order"] = ["rsfsr", "rsfsr", "ukraine", "georgia", "belorussia", "armenia"]
    problems = _problems(data)
    assert any("appears 2 times" in p and "(P5)" in p for p in problems)
    assert any("missing azerbaijan" in p for p in problems)


def test_p11_culture_education_language_internal_affairs_cannot_be_joint() -> None:
    for name in RESERVED_BY_DEFAULT:
        data = _data()
        data["competences"].append({"field": name, "kind": "joint"})
        assert any("(P11)" in p for p in _problems(data)), name


def test_p11_reserved_fields_are_reserved_by_default() -> None:
    charter = load_charter(example_charter("cooperatives"))
    kinds = charter.field_kinds()
    assert all(kinds[name] is FieldKind.RESERVED for name in RESERVED_BY_DEFAULT)
    assert kinds["purchasing"] is FieldKind.JOINT


def test_unknown_settings_and_missing_sections_are_named() -> None:
    data = _data()
    data["secession"] = {"notice_dayz": 90}
    del data["accession"]
    problems = _problems(data)
    assert "accession: is required" in problems
    assert "secession.notice_dayz: is not a charter setting (misspelt?)" in problems
    assert "secession.notice_days: is required" in problems


def test_cross_references_are_checked_even_when_fields_are_malformed() -> None:
    data = _data()
    data["members"][0]["population"] = "many"
    data["accession"]["decision_rule"] = "nonesuch"
    problems = _problems(data)
    assert any(p.startswith("members[0].population") for p in problems)
    assert "accession.decision_rule: no decision rule 'nonesuch'" in problems


def test_double_majority_needs_both_shares_and_custom_weights_need_every_member() -> None:
    data = _data()
    data["decision_rules"].append({"id": "dm", "kind": "double-majority", "members_share": 0.5})
    data["decision_rules"].append(
        {"id": "cw", "kind": "simple-majority", "weights": "custom", "custom_weights": {"rsfsr": 3}}
    )
    problems = _problems(data)
    assert any("population_share: a double majority needs this share" in p for p in problems)
    assert any("no weight for member 'ukraine'" in p for p in problems)


def test_invalid_toml_is_one_problem_with_its_line() -> None:
    with pytest.raises(CharterInvalid) as caught:
        parse_charter("[union\nid = 1")
    assert caught.value.lines()[0].startswith("not valid TOML")


def test_duplicate_ids_are_named() -> None:
    data = _data()
    data["members"].append(dict(data["members"][0]))
    assert any(p == "members[6].id: 'rsfsr' is used twice" for p in _problems(data))
