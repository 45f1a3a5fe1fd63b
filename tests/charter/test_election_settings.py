"""The charter's elected offices (issue 24, P15): `[[elections]]` names a named office, the
electing organ, the method and the seats, checked against the rest of the charter."""

from __future__ import annotations

import tomllib

import pytest

from isonomia.charter import CharterInvalid, charter_from_data
from isonomia.service import example_charter


def _data() -> dict:
    return tomllib.loads(example_charter("union-1922").read_text(encoding="utf-8"))


def _problems(data: dict) -> list[str]:
    with pytest.raises(CharterInvalid) as caught:
        charter_from_data(data)
    return caught.value.lines()


def test_p15_an_elected_office_is_a_charter_setting() -> None:
    data = _data()
    data["elections"] = [
        {"office": "chief-inspector", "organ": "union-council", "method": "schulze"},
        {"office": "presidium-chair", "organ": "union-council", "method": "stv", "seats": 1},
    ]
    charter = charter_from_data(data)
    election = charter.election("chief-inspector")
    assert election is not None and election.method == "schulze" and election.seats == 1
    assert election.electors == "delegates" and election.notice_days == 14
    assert charter.election("general-secretary") is None


def test_p15_an_election_names_a_named_office_and_an_organ_and_irv_elects_one() -> None:
    data = _data()
    data["elections"] = [
        {"office": "nonesuch", "organ": "union-council", "method": "stv"},
        {"office": "chief-inspector", "organ": "nowhere", "method": "irv", "seats": 2},
        {"office": "chief-inspector", "organ": "union-council", "method": "plurality"},
        {"office": "presidium-chair", "organ": "union-council", "method": "borda"},
    ]
    problems = "\n".join(_problems(data))
    assert "no named office 'nonesuch'" in problems
    assert "no organ 'nowhere'" in problems
    assert "instant runoff elects one" in problems
    assert "'chief-inspector' is used twice" in problems
    assert "elections[3].method" in problems
