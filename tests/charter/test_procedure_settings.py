"""The charter's procedure (P4, P12): notice, postponement and the national question are
charter settings, checked against the rest of the charter; unknown settings are refused."""

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


def test_p4_p12_notice_postponement_and_the_national_question_are_charter_settings() -> None:
    data = _data()
    data["procedure"]["notice"] = [
        {"organ": "union-council", "kind": "decision", "days": 14, "urgent_days": 2},
        {"organ": "union-council", "kind": "charter-amendment", "days": 30},
        {"kind": "resolution", "days": 0},
    ]
    data["procedure"]["national_questions"].append(
        {"fields": ["railways"], "protection": "suspensive", "members": ["georgia"]}
    )
    procedure = charter_from_data(data).procedure
    assert procedure.notice_for("union-council", "charter-amendment").days == 30  # type: ignore[union-attr]
    assert procedure.national_question("railways", "decision").protection == "suspensive"  # type: ignore[union-attr]


def test_p4_p12_unknown_procedure_settings_and_wrong_names_are_refused() -> None:
    data = _data()
    data["procedure"]["notise"] = []
    data["procedure"]["notice"] = [
        {"organ": "nonesuch", "days": 14, "urgent_days": 20},
        {"kind": "national-question", "days": 1},
    ]
    data["procedure"]["national_questions"].append(
        {"fields": ["beer"], "protection": "veto", "members": ["bavaria"], "then_rule": "x"}
    )
    problems = _problems(data)
    assert "procedure.notise: is not a charter setting (misspelt?)" in problems
    assert "procedure.notice[0].organ: no organ 'nonesuch'" in problems
    assert (
        "procedure.notice[0].urgent_days: an urgent notice of 20 days is no shorter than the "
        "notice of 14 (P4)"
    ) in problems
    assert any(p.startswith("procedure.notice[1].kind") for p in problems)
    assert "procedure.national_questions[1].members[0]: 'bavaria' is not a member" in problems
    assert "procedure.national_questions[1].then_rule: no decision rule 'x'" in problems
    assert (
        "procedure.national_questions[1].fields[0]: 'beer' is not a field of competence" in problems
    )
