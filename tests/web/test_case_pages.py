"""The inspection's cases on the web without a browser, role by role (P16, P17): the list
shows every case, whole to those who may see it and as number and status to anyone else;
the case page and the API's case are whole only to the commission, the parties, the
defender and the inspection, and refused to everyone else in the reader's language."""

from __future__ import annotations

import html

import pytest
from account_world import bound_account
from fastapi.testclient import TestClient

from case_world import (
    CASE,
    DEFENDER,
    FINDINGS_TEXT,
    OFFICIAL,
    SUMMARY,
    VICTIM,
    SealedCase,
    open_sealed_case,
)
from isonomia.service import Accounts, Federation, Keyring

PASSWORD = "a long enough password"
#: Who reads, by the part they play: (principal, account role); the commission's member is
#: drawn, so named when the case is open.
OUTSIDERS = {
    "another member's council": ("council:ukraine", "council-secretary"),
    "a reader with an account": ("person:reader", "public"),
    "the secretariat": ("secretariat", "executive"),
}
INSIDERS = {
    "the complainant": (f"person:{VICTIM}", "delegate"),
    "the accused": (f"person:{OFFICIAL}", "delegate"),
    "the defender": (f"person:{DEFENDER}", "public"),
    "the inspection": ("inspection", "inspector"),
}


@pytest.fixture
def sealed(union: Federation, keyring: Keyring) -> SealedCase:
    return open_sealed_case(union, keyring)


def _signed_in(union: Federation, principal: str, role: str) -> dict[str, str]:
    """The session cookie of an account bound to `principal` by proving its key (a reader
    whose key is not registered proves none), as a browser signed in sends it (the API
    reads the same session)."""
    keyring = union.signer
    assert isinstance(keyring, Keyring)
    proves = keyring.key_for(principal) is not None or principal.startswith("council:")
    name = principal.replace(":", "-")
    bound_account(union, keyring if proves else None, name, principal, role, PASSWORD)
    return {"Cookie": f"isonomia_session={Accounts(union).login(name, PASSWORD)}"}


def _who(sealed: SealedCase) -> dict[str, tuple[str, str]]:
    commissioner = (f"person:{sealed.commission[0]}", "delegate")
    return {**INSIDERS, "a commission member": commissioner}


def test_p17_the_case_page_is_whole_for_the_commission_parties_defender_and_inspection(
    union: Federation, client: TestClient, sealed: SealedCase
) -> None:
    for who, (principal, role) in _who(sealed).items():
        answer = client.get(f"/cases/{CASE}", headers=_signed_in(union, principal, role))
        assert answer.status_code == 200, who
        text = html.unescape(answer.text)
        for shown in (SUMMARY, OFFICIAL, DEFENDER, sealed.seed, sealed.evidence, FINDINGS_TEXT):
            assert shown in text, (who, shown)
        assert all(p in text and reason in text for p, reason in sealed.recused), who
        assert all(p in text for p in sealed.commission) and sealed.sanction in text, who
        assert "Round 1" in text, who


def test_p17_the_case_page_is_refused_to_the_public_and_to_anyone_not_in_the_case(
    union: Federation, client: TestClient, sealed: SealedCase
) -> None:
    readers = {"the public": {}} | {
        who: _signed_in(union, principal, role) for who, (principal, role) in OUTSIDERS.items()
    }
    for who, headers in readers.items():
        answer = client.get(f"/cases/{CASE}", headers=headers)
        assert answer.status_code == 403, who
        assert answer.headers["content-type"].startswith("text/html"), who
        assert SUMMARY not in answer.text and sealed.seed not in answer.text, who
        assert "seen only by its commission" in answer.text, who
    georgian = client.get(f"/cases/{CASE}", params={"lang": "ka"})
    assert georgian.status_code == 403 and georgian.headers["content-language"] == "ka"
    assert '<html lang="ka">' in georgian.text and SUMMARY not in georgian.text


def test_p17_a_case_that_is_not_is_not_found_for_anyone(
    union: Federation, client: TestClient, sealed: SealedCase
) -> None:
    assert client.get("/cases/no-such-case").status_code == 404
    inspection = _signed_in(union, "inspection", "inspector")
    assert client.get("/cases/no-such-case", headers=inspection).status_code == 404
    assert client.get("/api/v1/cases/no-such-case", headers=inspection).status_code == 404


def test_p17_the_case_list_shows_outsiders_only_number_and_status(
    union: Federation, client: TestClient, sealed: SealedCase
) -> None:
    public = html.unescape(client.get("/cases").text)
    assert CASE in public and "sealed" in public and sealed.commission[0] not in public
    assert f'href="/cases/{CASE}"' not in public
    for who, (principal, role) in _who(sealed).items():
        page = html.unescape(client.get("/cases", headers=_signed_in(union, principal, role)).text)
        assert f'href="/cases/{CASE}"' in page and sealed.commission[0] in page, who
    rows = client.get("/api/v1/cases").json()
    assert [(r["id"], r["kind"], r["commission"]) for r in rows] == [(CASE, None, None)]
    council = _signed_in(union, *OUTSIDERS["another member's council"])
    assert client.get("/api/v1/cases", headers=council).json()[0]["kind"] is None
    victim = _signed_in(union, *INSIDERS["the complainant"])
    whole = client.get("/api/v1/cases", headers=victim).json()[0]
    assert whole["kind"] == "violence" and whole["commission"] == sealed.commission


def test_p17_the_api_case_needs_an_account_whose_principal_may_see_it(
    union: Federation, client: TestClient, sealed: SealedCase
) -> None:
    public = client.get(f"/api/v1/cases/{CASE}")
    assert public.status_code == 401
    for who, (principal, role) in OUTSIDERS.items():
        answer = client.get(f"/api/v1/cases/{CASE}", headers=_signed_in(union, principal, role))
        assert answer.status_code == 403 and answer.json()["principle"] == "P17", who
    for who, (principal, role) in _who(sealed).items():
        answer = client.get(f"/api/v1/cases/{CASE}", headers=_signed_in(union, principal, role))
        assert answer.status_code == 200, who
        case = answer.json()
        assert case["seed"] == sealed.seed and case["defender"] == DEFENDER, who
        assert case["evidence"][0][0] == sealed.evidence, who
        assert [tuple(r) for r in case["recused"]] == sealed.recused, who
