"""Every command through the HTTP API: the worked example played as a web client would,
refusals answered as problem details (RFC 9457) naming the principle."""

from __future__ import annotations

import contextlib
from pathlib import Path

from web_world import HttpFederation

from builders import union_1922
from isonomia.cli.demo.story import play
from isonomia.service import (
    COMMAND_TYPES,
    BadRequest,
    Keyring,
    Refused,
    make,
    new_command_id,
    now,
)

#: Commands the worked example does not issue, sent after it: (actor, fields).
OTHERS = {
    "RegisterNoticeAddress": (
        "council:ukraine",
        {"member": "ukraine", "institution": "council", "language": "uk", "email": "c@gov.ua"},
    ),
    "RecordIncomeFigure": (
        "council:ukraine",
        {"member": "ukraine", "year": 1923, "amount": "1.00", "source": "a source"},
    ),
    "RecordPayment": (
        "secretariat",
        {"year": 1923, "member": "ukraine", "amount": "1.00", "reference": "r-1"},
    ),
    "NameConniver": ("inspection", {"case": "no-such-case", "person": "nobody", "evidence": []}),
    "AdoptCharter": ("secretariat", {"charter": union_1922().model_dump(mode="json")}),
    "DesignateCertifier": (
        "council:ukraine",
        {"member": "ukraine", "language": "uk", "principal": "person:skrypnyk"},
    ),
    "FileOriginal": (
        "council:ukraine",
        {"of_command": "no-such-command", "language": "uk", "text": "Текст"},
    ),
    "ProposeAmendment": (
        "council:ukraine",
        {"motion": "no-such-motion", "amendment": "a-1", "text": "Instead: …"},
    ),
    "RecallDelegate": (
        "council:ukraine",
        {"organ": "union-council", "member": "ukraine", "person": "nobody"},
    ),
    "RevokeKey": ("secretariat", {"key_id": "0" * 32, "reason": "lost"}),
    "RevokeProxy": ("person:nobody", {"organ": "joint-conference", "member": "ukraine"}),
    "UpdateCensus": (
        "council:ukraine",
        {
            "member": "ukraine",
            "population": 29_515_000,
            "population_year": 1927,
            "population_source": "a later estimate",
        },
    ),
    "SetCompetence": ("organ:union-council", {"field": "culture", "kind": "reserved"}),
    "WithdrawSecession": ("congress:ukraine", {"member": "ukraine"}),
    "AppointOfficial": (
        "secretariat",
        {
            "office": "general-secretary",
            "person": "nobody",
            "act": "no-act",
            "term_from": "1924-01-01",
        },
    ),
    "RemoveOfficial": (
        "secretariat",
        {"office": "general-secretary", "person": "nobody", "act": "no-act"},
    ),
    "AddressComplaint": (
        "council:ukraine",
        {"complaint": "no-complaint", "official": "nobody", "text": "unanswered"},
    ),
    "AnswerComplaint": ("council:ukraine", {"complaint": "no-complaint", "answer": "answered"}),
    "AddEvidence": (
        "council:ukraine",
        {"case": "no-case", "sha256": "0" * 64, "filename": "f.txt", "size": 1},
    ),
    "DirectCase": ("organ:sovnarkom", {"case": "no-case", "instruction": "close it"}),
    "PauseCase": ("organ:sovnarkom", {"case": "no-case"}),
    "CloseCase": ("organ:sovnarkom", {"case": "no-case"}),
    "RestaffCommission": ("organ:sovnarkom", {"case": "no-case"}),
    "TransferPerson": ("organ:sovnarkom", {"organ": "sovnarkom", "person": "nobody", "to": "x"}),
    "SanctionPerson": (
        "organ:sovnarkom",
        {"organ": "sovnarkom", "person": "nobody", "sanction": "reprimand"},
    ),
    "ConsentToAction": ("inspection", {"case": "no-case", "organ": "sovnarkom", "person": "x"}),
    "CirculateDraft": ("secretariat", {"motion": "no-such-motion"}),
    "RequestPostponement": (
        "council:georgia",
        {"motion": "no-such-motion", "member": "georgia", "reason": "time to think"},
    ),
    "DesignatePresidingDelegate": (
        "council:georgia",
        {"member": "georgia", "organ": "union-council", "person": "nobody", "term": 1},
    ),
}


def test_the_worked_example_plays_through_the_api_and_refusals_are_problems(
    tmp_path: Path, keyring: Keyring
) -> None:
    federation = HttpFederation(f"sqlite:///{tmp_path / 'union.db'}", signer=keyring)
    steps = list(play(federation, tmp_path))
    refused = [s for s in steps if s.refused]
    assert refused, "the worked example shows refusals"
    assert federation.problems
    assert all(p["principle"].startswith("P") for p in federation.problems if "principle" in p)
    assert {403, 409} <= {code for codes in federation.answers.values() for code in codes}
    report = federation.verify_ledger()
    assert report.ok
    assert federation.verify_signatures().ok
    for name, (actor, fields) in OTHERS.items():
        command = make(
            COMMAND_TYPES[name], command_id=new_command_id(), actor=actor, at=now(), **fields
        )
        with contextlib.suppress(Refused, BadRequest):  # a refusal is an answer too
            federation.execute(command)
    assert set(federation.answers) == set(COMMAND_TYPES), "every command went through the API"
    assert all(400 <= p["status"] < 500 for p in federation.problems)
    assert federation.verify_ledger().ok
    assert federation.rebuild_projections()[1]
