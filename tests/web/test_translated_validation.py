"""A value that does not fit its field is told in the asked language (P14): the kind of
misfit (a pattern, a length, a number) is a catalog message with its bounds; in English the
answer keeps pydantic's own words, as before."""

from __future__ import annotations

from fastapi.testclient import TestClient

from isonomia.service import translator
from isonomia.web.problems import INVALID


def test_p14_a_path_that_does_not_fit_its_pattern_is_told_in_the_asked_language(
    client: TestClient,
) -> None:
    english = client.get("/api/v1/acts/not an id")
    assert english.status_code == 422
    assert "String should match pattern" in english.json()["detail"]
    ukrainian = client.get("/api/v1/acts/not an id", params={"lang": "uk"})
    assert ukrainian.status_code == 422
    said = translator("uk").gettext(INVALID["string_pattern_mismatch"])
    expected = said.format(pattern="^[A-Za-z0-9:._-]+$")
    assert ukrainian.json()["detail"] == f"path.act_id: {expected}"
    assert "String should match" not in ukrainian.json()["detail"]


def test_every_misfit_message_keeps_the_fields_pydantic_gives_it() -> None:
    fields = {
        "string_pattern_mismatch": {"pattern"},
        "string_too_short": {"min_length"},
        "string_too_long": {"max_length"},
        "too_short": {"min_length"},
        "too_long": {"max_length"},
        "greater_than_equal": {"ge"},
        "less_than_equal": {"le"},
        "enum": {"expected"},
        "literal_error": {"expected"},
    }
    for kind, msgid in INVALID.items():
        context = {name: "x" for name in fields.get(kind, set())}
        assert msgid.format(**context), kind
