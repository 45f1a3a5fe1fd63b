"""Errors of the API are RFC 9457 problem details: the refusal's one line, its principle,
the status that says whose fault it is, in the language asked for; bad input is a 4xx
with a reason, never a traceback."""

from __future__ import annotations

import json
from datetime import date

from fastapi.testclient import TestClient

from isonomia.service import (
    AppointDelegate,
    BindResolution,
    ConveneSession,
    Federation,
    Keyring,
    at_day,
    make,
    new_command_id,
)

PROBLEM = "application/problem+json"


def _is_problem(answer, status: int) -> dict:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == PROBLEM
    body = answer.json()
    assert body["status"] == status and body["title"] and body["detail"] and body["type"]
    assert "Traceback" not in answer.text
    return body


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _envelope(union: Federation, keyring: Keyring, cls: type, actor: str, **fields) -> dict:
    command = make(
        cls, command_id=new_command_id(), actor=actor, at=at_day(date(1923, 1, 8)), **fields
    )
    return union.sign(command, keyring)


def _session(union: Federation, keyring: Keyring, session: str = "s-1") -> dict:
    return _envelope(
        union,
        keyring,
        ConveneSession,
        "secretariat",
        session=session,
        organ="union-council",
        held_on=date(1923, 1, 8),
    )


def test_a_signed_command_is_recorded_with_its_entries(
    client: TestClient, union: Federation, keyring: Keyring, secretariat_token: str
) -> None:
    answer = client.post(
        "/api/v1/commands/ConveneSession",
        json=_session(union, keyring),
        headers=_auth(secretariat_token),
    )
    assert answer.status_code == 201, answer.text
    [entry, *rest] = answer.json()["entries"]
    assert entry["event_type"] == "CommandSigned" and rest
    assert union.verify_ledger().ok


def test_p18_a_rule_refusal_is_409_naming_the_principle(
    client: TestClient, union: Federation, keyring: Keyring, secretariat_token: str
) -> None:
    envelope = _session(union, keyring)
    first = client.post(
        "/api/v1/commands/ConveneSession", json=envelope, headers=_auth(secretariat_token)
    )
    assert first.status_code == 201
    again = client.post(
        "/api/v1/commands/ConveneSession", json=envelope, headers=_auth(secretariat_token)
    )
    body = _is_problem(again, 409)
    assert body["principle"] == "P18" and "no replay" in body["detail"]
    assert body["type"] == "/problems/refused"


def test_an_actor_the_rules_do_not_allow_is_403_in_georgian_when_asked(
    client: TestClient, union: Federation, keyring: Keyring, secretariat_token: str
) -> None:
    # Only a union organ binds a resolution (P9): the authorization table refuses.
    envelope = _envelope(
        union, keyring, BindResolution, "secretariat", act="no-act", force="mandatory"
    )
    answer = client.post(
        "/api/v1/commands/BindResolution?lang=ka",
        json=envelope,
        headers=_auth(secretariat_token),
    )
    body = _is_problem(answer, 403)
    assert body["principle"].startswith("P")
    assert body["title"] == "უარყოფილია"
    assert answer.headers["content-language"] == "ka"
    assert any("\u10d0" <= ch <= "\u10ff" for ch in body["detail"]), body["detail"]
    english = client.post(
        "/api/v1/commands/BindResolution",
        json=envelope,
        headers={**_auth(secretariat_token), "Accept-Language": "fr, en;q=0.5"},
    )
    assert _is_problem(english, 403)["title"] == "refused"
    accept = client.post(
        "/api/v1/commands/BindResolution",
        json=envelope,
        headers={**_auth(secretariat_token), "Accept-Language": "ka-GE, en;q=0.5"},
    )
    assert _is_problem(accept, 403)["detail"] == body["detail"]


def test_a_command_signed_by_another_principal_than_the_account_is_403(
    client: TestClient, union: Federation, keyring: Keyring, secretariat_token: str
) -> None:
    envelope = _envelope(
        union,
        keyring,
        ConveneSession,
        "organ:union-council",
        session="s-2",
        organ="union-council",
        held_on=date(1923, 1, 8),
    )
    before = union.ledger_length()
    answer = client.post(
        "/api/v1/commands/ConveneSession", json=envelope, headers=_auth(secretariat_token)
    )
    body = _is_problem(answer, 403)
    assert (
        "acts for secretariat" in body["detail"]
        and "signed by organ:union-council" in body["detail"]
    )
    assert union.ledger_length() == before


def test_malformed_json_unknown_fields_and_oversized_bodies_are_4xx_with_a_reason(
    client: TestClient, union: Federation, keyring: Keyring, secretariat_token: str
) -> None:
    url, auth = "/api/v1/commands/ConveneSession", _auth(secretariat_token)
    before = union.ledger_length()
    as_json = {**auth, "content-type": "application/json"}
    bad = client.post(url, content=b'{"format": ', headers=as_json)
    assert "not JSON" in _is_problem(bad, 400)["detail"]
    envelope = _session(union, keyring)
    extra = client.post(url, json={**envelope, "note": "hi"}, headers=auth)
    assert "note" in _is_problem(extra, 422)["detail"]
    inner = dict(envelope, command={**envelope["command"], "colour": "red"})
    assert "colour" in _is_problem(client.post(url, json=inner, headers=auth), 422)["detail"]
    wrong = dict(envelope, command={**envelope["command"], "held_on": "yesterday"})
    assert "held_on" in _is_problem(client.post(url, json=wrong, headers=auth), 422)["detail"]
    huge = json.dumps({**envelope, "pad": "x" * (2 * 1024 * 1024)})
    too_large = client.post(url, content=huge, headers=as_json)
    assert too_large.status_code == 413
    assert too_large.headers["content-type"] == PROBLEM
    assert union.ledger_length() == before


def test_unknown_routes_methods_and_credentials_are_problems(
    client: TestClient, secretariat_token: str
) -> None:
    assert _is_problem(client.get("/api/v1/no-such-thing"), 404)["type"] == "about:blank"
    assert _is_problem(client.get("/api/v1/acts/no-such-act"), 404)
    _is_problem(client.delete("/api/v1/members"), 405)
    anonymous = client.post("/api/v1/commands/ConveneSession", json={})
    assert _is_problem(anonymous, 401)
    assert anonymous.headers["www-authenticate"].startswith("Bearer")
    forged = client.get("/api/v1/me", headers={"Authorization": "Bearer iso_nothing"})
    assert _is_problem(forged, 401)
    assert client.get("/api/v1/me", headers=_auth(secretariat_token)).json()["role"] == "executive"


def test_a_streamed_body_over_the_limit_is_413_too(
    client: TestClient, secretariat_token: str
) -> None:
    def chunks():
        for _ in range(40):
            yield b" " * 65536

    answer = client.post(
        "/api/v1/commands/ConveneSession",
        content=chunks(),
        headers={**_auth(secretariat_token), "content-type": "application/json"},
    )
    assert _is_problem(answer, 413)["detail"].startswith("the body is larger than")


def test_p4_an_actor_refused_in_the_deciders_own_words_is_403(
    client: TestClient, union: Federation, keyring: Keyring, secretariat_token: str
) -> None:
    # Only a member's own council names its delegates (P4); the decider words the refusal.
    envelope = _envelope(
        union,
        keyring,
        AppointDelegate,
        "secretariat",
        organ="union-council",
        member="georgia",
        person="mdivani",
        term_from=date(1923, 1, 8),
    )
    answer = client.post(
        "/api/v1/commands/AppointDelegate", json=envelope, headers=_auth(secretariat_token)
    )
    body = _is_problem(answer, 403)
    assert body["principle"] == "P4" and "own council" in body["detail"]


def test_p14_problem_titles_and_details_are_said_in_the_language_asked(
    client: TestClient, secretariat_token: str
) -> None:
    forged = client.get("/api/v1/me?lang=uk", headers={"Authorization": "Bearer iso_nothing"})
    body = _is_problem(forged, 401)
    assert body["title"] == "вхід не виконано"
    assert body["detail"] == "токен API невідомий або його обліковий запис вимкнено"
    missing = client.get("/api/v1/acts/no-such-act", headers={"Accept-Language": "ka"})
    body = _is_problem(missing, 404)
    assert body["title"] == "ვერ მოიძებნა" and body["detail"] == "აქტი no-such-act არ არსებობს"
    bad = client.post(
        "/api/v1/commands/ConveneSession?lang=ka",
        content=b'{"format": ',
        headers={**_auth(secretariat_token), "content-type": "application/json"},
    )
    assert _is_problem(bad, 400)["detail"] == "მოთხოვნის სხეული არ არის JSON"
    english = client.get("/api/v1/acts/no-such-act")
    assert _is_problem(english, 404)["detail"] == "no act no-such-act"
