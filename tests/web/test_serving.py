"""Serving properly: HTTPS with `serve --tls-cert/--tls-key` and secure cookies under it, a
plain warning where signing cannot work (no secure context), the API's documentation from
packaged assets (offline), every error a page of the site in its language for a browser and
problem details for the API, `?on=` kept across the language links, and tables that become
cards on a phone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import uvicorn
from account_world import PASSWORD
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from isonomia.cli.main import app as cli
from isonomia.service import Accounts, Federation
from isonomia.web import page_texts
from isonomia.web.app import create_app
from isonomia.web.page_support import CSRF_COOKIE

runner = CliRunner()
HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
TEMPLATES = Path(page_texts.__file__).parent / "templates"
STYLE = Path(page_texts.__file__).parent / "static" / "isonomia.css"
UKRAINIAN = re.compile("[\u0400-\u04ff]")


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    calls: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: calls.append(k))
    return calls


def test_serve_takes_a_certificate_and_key_for_https(
    union: Federation, no_server: list[dict], tmp_path: Path
) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.write_text("certificate"), key.write_text("key")
    args = ["serve", "--db", union.db.url, "--tls-cert", str(cert), "--tls-key", str(key)]
    served = runner.invoke(cli, args)
    assert served.exit_code == 0, served.output
    assert "at https://127.0.0.1:8000/" in served.stdout
    assert no_server[-1]["ssl_certfile"] == str(cert)
    assert no_server[-1]["ssl_keyfile"] == str(key)
    alone = runner.invoke(cli, ["serve", "--db", union.db.url, "--tls-cert", str(cert)])
    assert alone.exit_code != 0 and "--tls-cert and --tls-key go together" in alone.stderr
    plain = runner.invoke(cli, ["serve", "--db", union.db.url, "--host", "0.0.0.0"])
    assert "not a secure context" in plain.stdout and "--tls-cert" in plain.stdout
    assert no_server[-1]["ssl_certfile"] is None


def test_the_session_cookie_is_secure_under_https(union: Federation) -> None:
    Accounts(union).add("someone", "public", PASSWORD)
    with TestClient(create_app(union.db.url), base_url="https://testserver") as client:
        client.get("/login")
        login = {"name": "someone", "password": PASSWORD, "csrf": client.cookies[CSRF_COOKIE]}
        answer = client.post("/login", data=login, follow_redirects=False)
    assert answer.status_code == 303
    cookies = answer.headers.get_list("set-cookie")
    session = next(c for c in cookies if c.startswith("isonomia_session="))
    assert "Secure" in session and "HttpOnly" in session


def test_a_signed_in_page_carries_the_warning_for_a_context_that_is_not_secure(
    client: TestClient, union: Federation
) -> None:
    assert 'id="insecure"' not in client.get("/").text  # the public signs nothing
    Accounts(union).add("someone", "delegate", PASSWORD)
    client.get("/login")
    login = {"name": "someone", "password": PASSWORD, "csrf": client.cookies[CSRF_COOKIE]}
    client.post("/login", data=login)
    page = client.get("/device", params={"lang": "uk"})
    warning = re.search(r'<p id="insecure"[^>]*hidden>([^<]*)</p>', page.text)
    assert warning is not None and "HTTPS" in warning.group(1)  # shown by the script if so


def test_the_api_documentation_is_served_from_packaged_assets(client: TestClient) -> None:
    for path, asset in (("/docs", "swagger-ui-bundle.js"), ("/redoc", "redoc.standalone.js")):
        page = client.get(path)
        assert page.status_code == 200, path
        sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert f"/static/docs/{asset}" in sources
        assert not [s for s in sources if s.startswith(("http:", "https:", "//"))], sources
        script = client.get(f"/static/docs/{asset}")
        assert script.status_code == 200 and len(script.content) > 100_000
    assert "fonts.googleapis" not in client.get("/redoc").text


def test_every_error_a_browser_meets_is_a_page_in_its_language(client: TestClient) -> None:
    missing = client.get("/nope", params={"lang": "uk"}, headers=HTML)
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("text/html")
    assert missing.headers["content-language"] == "uk" and UKRAINIAN.search(missing.text)
    bad_day = client.get("/", params={"on": "1926-5-1"}, headers=HTML)
    assert bad_day.status_code == 422 and bad_day.headers["content-type"].startswith("text/html")
    assert "YYYY-MM-DD" in bad_day.text
    # "Verify", then a language link: the answer's links go to the ledger page, and the
    # method the form's path does not take is a page too, naming what it allows.
    client.get("/ledger")
    verified = client.post("/ledger/verify", data={"csrf": client.cookies[CSRF_COOKIE]})
    assert 'href="/ledger?lang=uk"' in verified.text
    wrong = client.get("/ledger/verify", params={"lang": "ka"}, headers=HTML)
    assert wrong.status_code == 405 and wrong.headers["content-type"].startswith("text/html")
    assert wrong.headers["allow"] == "POST" and wrong.headers["content-language"] == "ka"
    # Scripts and the API still get problem details.
    assert client.get("/nope").headers["content-type"] == "application/problem+json"
    api = client.get("/api/v1/nope", headers=HTML)
    assert api.status_code == 404 and api.headers["content-type"] == "application/problem+json"


def test_the_language_links_keep_the_day(client: TestClient) -> None:
    page = client.get("/", params={"on": "1923-01-05"})
    links = re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', page.text)
    assert {href for href, _ in links} == {
        f"/?on=1923-01-05&amp;lang={code}" for code in ("en", "uk", "ka")
    }


def test_tables_become_cards_on_a_phone_each_cell_named_by_its_column() -> None:
    style = STYLE.read_text(encoding="utf-8")
    phone = style[style.index("@media (max-width: 600px)") :]
    assert "td[data-label]::before" in phone and "display: block" in phone
    unnamed = []
    for template in TEMPLATES.glob("*.html"):
        for body in re.findall(r"<tbody>(.*?)</tbody>", template.read_text(), re.S):
            for cell in re.findall(r"<td(?:\s[^>]*)?>", body):
                if "colspan" not in cell and "data-label" not in cell:
                    unnamed.append(f"{template.name}: {cell}")
    assert not unnamed, unnamed
