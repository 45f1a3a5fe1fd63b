"""What no input may hold (a control character, a number past the record's JSON, a time with
no reading in UTC) is bad input to the API: a 400 naming the field, before any database sees
it, on SQLite and PostgreSQL alike; a database failure names no server; and text that could
reorder a page is shown escaped."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from conftest import founded_union, key_id_of
from isonomia.service import (
    Accounts,
    ConveneSession,
    DraftMotion,
    Federation,
    Keyring,
    at_day,
    make,
    new_command_id,
)
from isonomia.web.app import create_app

PROBLEM = "application/problem+json"
DAY = date(1923, 1, 8)


@pytest.fixture
def either_union(database_url: str, keyring: Keyring) -> Iterator[Federation]:
    """The founded 1922 union, on a SQLite file and on a PostgreSQL database."""
    federation = founded_union(database_url, keyring)
    yield federation
    federation.close()


@pytest.fixture
def token(either_union: Federation, keyring: Keyring) -> str:
    accounts = Accounts(either_union)
    accounts.add("secretary-general", "executive", None)
    key = keyring.key_for("secretariat")
    assert key is not None
    return accounts.token_with_key("secretary-general", key)


@pytest.fixture
def api(either_union: Federation) -> Iterator[TestClient]:
    with TestClient(create_app(either_union.db.url), raise_server_exceptions=False) as client:
        yield client


def _signed(
    union: Federation, keyring: Keyring, cls: type, unfit: dict | None = None, **fields: object
) -> dict:
    """A signed command, with `unfit` values put in past the checks an interface makes (as
    a hostile client would send them)."""
    values = {"command_id": new_command_id(), "actor": "secretariat", "at": at_day(DAY)}
    command = make(cls, **values, **fields).model_copy(update=unfit or {})
    return union.sign(command, keyring)


def _bad_input(answer, where: str) -> str:
    assert answer.status_code == 400, answer.text
    assert answer.headers["content-type"] == PROBLEM
    detail = answer.json()["detail"]
    assert detail.startswith(where), detail
    return detail


def _motion(**fields: object) -> dict:
    return {
        "motion": "m-1",
        "organ": "union-council",
        "title": "A title",
        "text": "A text",
        "field": "military",
        "kind": "decision",
        "force": "mandatory",
        **fields,
    }


def test_a_nul_in_a_command_text_is_a_400_naming_the_field_before_the_database(
    api: TestClient, either_union: Federation, keyring: Keyring, token: str
) -> None:
    before = either_union.ledger_length()
    auth = {"Authorization": f"Bearer {token}"}
    envelope = _signed(either_union, keyring, DraftMotion, {"title": "a\x00b"}, **_motion())
    detail = _bad_input(
        api.post("/api/v1/commands/DraftMotion", json=envelope, headers=auth), "command.title"
    )
    assert "U+0000" in detail
    agenda = _signed(
        either_union,
        keyring,
        ConveneSession,
        {"agenda": ["first", "second\x1b[2J"]},
        session="s-9",
        organ="union-council",
        held_on=DAY,
    )
    detail = _bad_input(
        api.post("/api/v1/commands/ConveneSession", json=agenda, headers=auth),
        "command.agenda[1]",
    )
    assert "U+001B" in detail
    command = {"type": "DraftMotion", "actor": "secretariat", **_motion(text="x\x7f")}
    draft = {"command": command, "key_id": "0" * 32}
    _bad_input(
        api.post("/api/v1/commands/DraftMotion/prepare", json=draft, headers=auth),
        "command.text",
    )
    assert either_union.ledger_length() == before


def test_a_nul_in_a_query_parameter_is_a_400_naming_it(
    api: TestClient, either_union: Federation
) -> None:
    for path in ("/api/v1/sessions?organ=a%00b", "/api/v1/acts?kind=x&organ=%01"):
        detail = _bad_input(api.get(path), "query.organ")
        assert "control character" in detail
    ukrainian = api.get("/api/v1/competences/history?field=%00&lang=uk")
    assert ukrainian.status_code == 400 and "query.field" in ukrainian.json()["detail"]
    assert ukrainian.headers["content-language"] == "uk"
    assert api.get("/members?on=%00").status_code == 400  # the pages too


def test_tabs_and_line_breaks_are_kept_in_a_text(
    api: TestClient, either_union: Federation, keyring: Keyring, token: str
) -> None:
    envelope = _signed(either_union, keyring, DraftMotion, **_motion(text="one\ttwo\r\nthree"))
    answer = api.post(
        "/api/v1/commands/DraftMotion",
        json=envelope,
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 201, answer.text


def test_a_time_with_no_reading_in_utc_is_a_400_not_a_server_error(
    client: TestClient, union: Federation, keyring: Keyring, secretariat_token: str
) -> None:
    auth = {"Authorization": f"Bearer {secretariat_token}"}
    edge = datetime.fromisoformat("0001-01-01T00:00:00+14:00")
    envelope = _signed(
        union,
        keyring,
        ConveneSession,
        {"at": edge},
        session="s-9",
        organ="union-council",
        held_on=DAY,
    )
    detail = _bad_input(
        client.post("/api/v1/commands/ConveneSession", json=envelope, headers=auth), "command.at"
    )
    assert "0001-01-01T00:00:00+14:00" in detail
    draft = {
        "command": {
            "type": "ConveneSession",
            "actor": "secretariat",
            "session": "s-9",
            "organ": "union-council",
            "held_on": "1923-01-08",
            "at": "0001-01-01T00:00:00+14:00",
        },
        "key_id": key_id_of(keyring, "secretariat"),
    }
    answer = client.post("/api/v1/commands/ConveneSession/prepare", json=draft, headers=auth)
    _bad_input(answer, "command.at")


def test_numbers_past_the_record_and_the_database_are_4xx_not_server_errors(
    client: TestClient, union: Federation, keyring: Keyring, secretariat_token: str
) -> None:
    huge = 99999999999999999999999
    for path in (f"/api/v1/ledger/feed?from={huge}", f"/api/v1/ledger/consistency?old={huge}"):
        answer = client.get(path)
        assert answer.status_code == 422 and answer.headers["content-type"] == PROBLEM
    assert client.get(f"/api/v1/ledger/proof/{huge}").status_code == 422
    draft = {
        "command": {
            "type": "DecideAccession",
            "actor": "congress:karelia",
            "candidate": {
                "id": "karelia",
                "name": "Karelia",
                "congress": "Congress of Soviets",
                "population": huge,
                "population_year": 1926,
                "population_source": "census",
                "languages": ["fi"],
            },
            "accepts_fields": ["military"],
            "decided_on": "1925-06-01",
        },
        "key_id": key_id_of(keyring, "congress:rsfsr"),
    }
    auth = {"Authorization": f"Bearer {secretariat_token}"}
    answer = client.post("/api/v1/commands/DecideAccession/prepare", json=draft, headers=auth)
    _bad_input(answer, "command.candidate.population")


def test_a_dead_database_is_a_503_naming_no_server_and_no_password(
    client: TestClient, union: Federation, caplog: pytest.LogCaptureFixture
) -> None:
    federation = client.app.state.federation
    dead = "postgresql+psycopg://isonomia:s3cret-pw@127.0.0.1:1/union"
    federation.db.url = dead
    federation.db.dialect_name = "postgresql"
    federation.db.engine = sa.create_engine(dead, connect_args={"connect_timeout": 2})
    answer = client.get("/api/v1/members")
    assert answer.status_code == 503 and answer.headers["content-type"] == PROBLEM
    for secret in ("s3cret", "isonomia:", "://", "127.0.0.1"):
        assert secret not in answer.text
    assert "log" in answer.json()["detail"]
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "cannot connect to 127.0.0.1:1/union" in logged and "s3cret" not in logged


def test_bidirectional_controls_in_a_title_are_shown_escaped_in_a_page(
    client: TestClient, union: Federation, keyring: Keyring, secretariat_token: str
) -> None:
    title = "Budget \u202eteg\u202c and \u2067isolated\u2069"
    envelope = _signed(union, keyring, DraftMotion, **_motion(title=title))
    answer = client.post(
        "/api/v1/commands/DraftMotion",
        json=envelope,
        headers={"Authorization": f"Bearer {secretariat_token}"},
    )
    assert answer.status_code == 201, answer.text
    page = client.get("/acts/m-1")
    assert page.status_code == 200, page.text
    assert "\\u202eteg\\u202c" in page.text and "\\u2067isolated\\u2069" in page.text
    for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        assert ch not in page.text
    # The API is for machines: it gives the title as recorded.
    assert client.get("/api/v1/acts/m-1").json()["row"]["title"] == title
