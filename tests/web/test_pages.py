"""The HTML pages without a browser: every page answers for the public in each member
language, every POST needs the session's CSRF token, the pages sign only for the signed-in
account, and a case never filed is found by nobody."""

from __future__ import annotations

import html
import re
from pathlib import Path

from account_world import bound_account
from fastapi.testclient import TestClient

from isonomia.service import Accounts, Federation, Keyring
from isonomia.web import page_texts
from isonomia.web.live import head_of
from isonomia.web.page_support import CSRF_COOKIE
from tlog_world import log_key_beside

TEMPLATES = Path(page_texts.__file__).parent / "templates"
PAGES = [
    "/",
    "/members/georgia",
    "/appeals",
    "/cases",
    "/vote",
    "/audit",
    "/ledger",
    "/login",
    "/device",
]
GEORGIAN = re.compile("[\u10d0-\u10ff]")
UKRAINIAN = re.compile("[\u0400-\u04ff]")


def _csrf(client: TestClient) -> str:
    client.get("/login")
    token = client.cookies.get(CSRF_COOKIE)
    assert token
    return token


def _sign_in(
    client: TestClient, union: Federation, keyring: Keyring, principal: str, role: str
) -> None:
    bound_account(union, keyring, "someone", principal, role, "a long enough password")
    answer = client.post(
        "/login",
        data={"name": "someone", "password": "a long enough password", "csrf": _csrf(client)},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text


def test_every_text_a_template_shows_is_marked_for_the_catalogs() -> None:
    used = {
        text
        for template in TEMPLATES.glob("*.html")
        for text in re.findall(r'_\("((?:[^"\\]|\\.)*)"\)', template.read_text())
    }
    assert used and not used - page_texts.TEXTS


def test_p14_every_page_answers_the_public_in_each_member_language(client: TestClient) -> None:
    for path in PAGES:
        english = client.get(path)
        assert english.status_code == 200 and english.headers["content-language"] == "en", path
        georgian = client.get(path, params={"lang": "ka"})
        assert georgian.headers["content-language"] == "ka", path
        assert GEORGIAN.search(georgian.text), path
        client.cookies.clear()  # no language kept: the browser's languages choose
        ukrainian = client.get(path, headers={"Accept-Language": "uk-UA, en;q=0.3"})
        assert UKRAINIAN.search(ukrainian.text), path


def test_p14_the_language_chosen_is_kept_for_the_next_pages(client: TestClient) -> None:
    client.get("/", params={"lang": "ka"})
    assert '<html lang="ka">' in client.get("/appeals").text


def test_a_post_without_the_session_csrf_token_is_refused_and_does_nothing(
    client: TestClient, union: Federation
) -> None:
    Accounts(union).add("someone", "council-secretary", "long password!")
    token = _csrf(client)
    login = {"name": "someone", "password": "long password!"}
    assert client.post("/login", data=login, follow_redirects=False).status_code == 403
    wrong = {**login, "csrf": "not-the-token"}
    assert client.post("/login", data=wrong, follow_redirects=False).status_code == 403
    assert client.post("/ledger/verify", data={}).status_code == 403
    assert (
        client.post("/login", data={**login, "csrf": token}, follow_redirects=False).status_code
        == 303
    )
    before = union.ledger_length()
    draft = {"command": {"member": "georgia", "decided_on": "1923-01-10"}, "key_id": "0" * 32}
    assert client.post("/sign/DecideSecession/prepare", json=draft).status_code == 403
    assert union.ledger_length() == before


def test_signing_in_makes_a_new_csrf_token(client: TestClient, union: Federation) -> None:
    Accounts(union).add("someone", "council-secretary", "long password!")
    before = _csrf(client)
    client.post(
        "/login",
        data={"name": "someone", "password": "long password!", "csrf": before},
        follow_redirects=False,
    )
    assert client.cookies.get(CSRF_COOKIE) not in (None, before)


def test_a_wrong_password_is_told_in_the_page_language(client: TestClient) -> None:
    token = _csrf(client)
    answer = client.post(
        "/login?lang=uk", data={"name": "nobody", "password": "nothing at all", "csrf": token}
    )
    assert answer.status_code == 401 and "неправильне ім'я або пароль" in html.unescape(answer.text)


def test_the_sign_in_page_says_when_to_try_again_after_repeated_failures(
    client: TestClient,
) -> None:
    token = _csrf(client)
    wrong = {"name": "nobody", "password": "nothing at all", "csrf": token}
    for _ in range(6):  # five free failures, and a sixth that makes the next one wait
        assert client.post("/login", data=wrong).status_code == 401
    answer = client.post("/login?lang=uk", data=wrong)
    assert answer.status_code == 429 and answer.headers["retry-after"] == "2"
    assert "спробуйте знову через 2 с" in html.unescape(answer.text)


def test_p4_a_page_prepares_commands_only_for_the_signed_in_principal(
    client: TestClient, union: Federation, keyring: Keyring
) -> None:
    _sign_in(client, union, keyring, "council:georgia", "council-secretary")
    headers = {"X-CSRF-Token": client.cookies.get(CSRF_COOKIE) or ""}
    draft = {
        "command": {"appeal": "a-1", "act": "x", "member": "georgia", "ground": "words"},
        "key_id": "0" * 32,
    }
    prepared = client.post("/sign/FileAppeal/prepare", json=draft, headers=headers)
    assert prepared.status_code == 200, prepared.text
    envelope = prepared.json()["envelope"]
    assert (
        envelope["principal"] == "council:georgia"
        and envelope["command"]["actor"] == envelope["principal"]
    )
    assert envelope["command"]["at"].startswith("1922-12-30")  # the simulated record's day
    # The page's script submits to the one write route, the API's.
    forged = {**envelope, "principal": "congress:georgia", "signature": "AAAA"}
    answer = client.post("/api/v1/commands/FileAppeal", json=forged, headers=headers)
    assert answer.status_code == 403
    unsigned = client.post(
        "/api/v1/commands/FileAppeal", json={**envelope, "signature": "AAAA"}, headers=headers
    )
    assert unsigned.status_code == 403, unsigned.text  # the signature is not accepted: who acts
    assert unsigned.json()["type"] == "/problems/refused" and unsigned.json()["principle"] == "P18"


def test_p16_a_case_that_was_never_filed_is_found_by_nobody(
    client: TestClient, union: Federation, keyring: Keyring
) -> None:
    assert client.get("/cases/any-case").status_code == 404
    _sign_in(client, union, keyring, "inspection", "inspector")
    assert client.get("/cases/any-case").status_code == 404


def test_p3_only_the_member_itself_downloads_its_export(
    client: TestClient, union: Federation, keyring: Keyring
) -> None:
    log_key_beside(union, keyring)  # the server signs the export with the union's log key
    assert client.get("/members/georgia/export").status_code == 403
    _sign_in(client, union, keyring, "council:georgia", "council-secretary")
    assert client.get("/members/armenia/export").status_code == 403
    answer = client.get("/members/georgia/export")
    assert answer.status_code == 200 and answer.json()["meta"]["member"] == "georgia"


def test_p18_the_verify_button_walks_the_ledger(client: TestClient, union: Federation) -> None:
    answer = client.post("/ledger/verify", data={"csrf": _csrf(client)})
    assert answer.status_code == 200 and "The ledger verifies." in answer.text
    assert head_of(union)["length"] == union.ledger_length()


def test_a_page_not_found_or_not_allowed_is_an_html_page_in_the_page_language(
    client: TestClient,
) -> None:
    missing = client.get("/members/atlantis", params={"lang": "ka"})
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert "ვერ მოიძებნა" in missing.text
    refused = client.post("/ledger/verify", data={"csrf": "forged"})
    assert refused.status_code == 403 and "არ არის ნებადართული" in refused.text
    assert client.get("/api/v1/acts/nothing").headers["content-type"] == "application/problem+json"
