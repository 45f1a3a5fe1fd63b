"""Sealed cases through the HTTP API and on the web (P17, P18): a complaint in clear once the
inspection has a sealing key, a malformed sealing key and a key grant by someone the case
does not entitle are refused with a 4xx problem naming the principle; the API gives a case's
texts sealed, and the case page shows a notice in their place."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_world import HttpFederation

from builders import command, example_1922, found, union_1922
from isonomia.domain import actors
from isonomia.domain.inspection import FileComplaint
from isonomia.domain.sealed_cases import GrantCaseKey, RegisterSealingKey
from isonomia.service import Keyring, Refused, at_day, sealing
from isonomia.web.app import create_app

DAY = date(1923, 2, 1)
SUMMARY = "the official struck the delegate in room 12"


@pytest.fixture
def api(tmp_path: Path, keyring: Keyring) -> HttpFederation:
    federation = HttpFederation(f"sqlite:///{tmp_path / 'union.db'}", signer=keyring)
    federation.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
    federation.execute(found(union_1922(), signed_in=federation))
    public = sealing.sealing_public_key(keyring, actors.INSPECTION)
    federation.execute(command(RegisterSealingKey, actors.INSPECTION, DAY, public_key=public))
    return federation


def _complaint(**fields: object) -> FileComplaint:
    return command(
        FileComplaint,
        actors.council("georgia"),
        DAY,
        **{"case": "case-1", "kind": "violence", "accused": ["ordzhonikidze"]}
        | {"summary": SUMMARY}
        | fields,
    )


def _refused(api: HttpFederation, envelope: dict[str, object], status: int) -> str:
    with pytest.raises(Refused) as refused:
        api.submit(envelope)
    assert refused.value.refusal.principle == "P17"
    problem = api.problems[-1]
    assert problem["status"] == status and problem["principle"] == "P17"
    return str(problem["detail"])


def test_p17_a_complaint_in_clear_is_refused_by_the_api(
    api: HttpFederation, keyring: Keyring
) -> None:
    envelope = api.sign(_complaint(), keyring)  # signed as given: not sealed
    length = api.ledger_length()
    detail = _refused(api, envelope, 409)
    assert "not in clear" in detail
    assert api.ledger_length() == length


def test_p17_a_malformed_sealing_key_is_refused_by_the_api(
    api: HttpFederation, keyring: Keyring
) -> None:
    bad = command(RegisterSealingKey, actors.council("ukraine"), DAY, public_key="x25519:AAAA")
    assert "x25519" in _refused(api, api.sign(bad, keyring), 409)


def test_p17_a_key_grant_by_someone_not_entitled_is_refused_by_the_api(
    api: HttpFederation, keyring: Keyring
) -> None:
    api.execute(_complaint())  # sealed by the service before signing
    [(_, key_id, wrapped)] = [
        w for w in api.state().inspection.cases["case-1"].wraps if w[0] == actors.INSPECTION
    ]
    grant = command(
        GrantCaseKey,
        actors.council("ukraine"),
        DAY,
        case="case-1",
        keys=[f"{actors.INSPECTION}={key_id}:{wrapped}"],
    )
    _refused(api, api.sign(grant, keyring), 403)


def test_p17_the_api_gives_a_sealed_case_sealed_and_the_page_shows_a_notice(
    api: HttpFederation,
) -> None:
    api.execute(_complaint())
    client = TestClient(create_app(api.db.url))
    headers = api._credentials(actors.INSPECTION, "")  # a session of the inspection's account
    answer = client.get("/api/v1/cases/case-1", **headers)
    assert answer.status_code == 200, answer.text
    assert answer.json()["summary"].startswith("sealed:v1:summary:")
    assert SUMMARY not in answer.text
    page = client.get("/cases/case-1", **headers)
    assert page.status_code == 200 and SUMMARY not in page.text
    assert "sealed:v1:" not in page.text and "--decrypt" in page.text
