"""The inspection through the service, on SQLite and PostgreSQL (P16, P17): a case from the
complaint to reopened findings; refusals write nothing; who reads a case; evidence kept by
hash beside the ledger; a case's entries sealed in the feed and in members' exports, with
the chain and the Merkle tree still whole."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from builders import MEMBERS_1922, at, command, example_1922, found, union_1922
from isonomia.domain import AppointDelegate, Settle, actors
from isonomia.domain.inspection import (
    AddEvidence,
    AddressComplaint,
    ConsentToAction,
    DrawCommission,
    FileComplaint,
    NameDefender,
    ProposeFindings,
    ReopenCase,
    SignFindings,
    TransferPerson,
)
from isonomia.ledger.merkle import MerkleTree, leaf_hash
from isonomia.service import Federation, Keyring, Refused, at_day, provide_key
from isonomia.service.queries import inspection as q
from isonomia.service.transparency import Transparency, leaf

DAY = date(1923, 2, 1)
OFFICIAL, VICTIM, WITNESS, DEFENDER = "ordzhonikidze", "kabakhidze", "mdivani", "okudzhava"
PHOTO = b"the photograph of the blow"


def _appoint(federation: Federation, organ: str, member: str, person: str) -> None:
    federation.execute(
        command(
            AppointDelegate,
            actors.council(member),
            DAY,
            organ=organ,
            member=member,
            person=person,
            term_from=DAY,
        )
    )


def _person(federation: Federation, keyring: Keyring, person: str, member: str) -> None:
    provide_key(federation, keyring, actors.person(person), member, at(DAY))


@pytest.fixture
def union(database_url: str, keyring: Keyring) -> Iterator[Federation]:
    federation = Federation(database_url, signer=keyring)
    federation.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
    federation.execute(found(union_1922(), signed_in=federation))
    for member in MEMBERS_1922:
        for n in (1, 2):
            _appoint(federation, "inspection", member, f"insp-{member}-{n}")
            _person(federation, keyring, f"insp-{member}-{n}", member)
    _appoint(federation, "sovnarkom", "rsfsr", OFFICIAL)
    _appoint(federation, "union-council", "georgia", VICTIM)
    for person, member in ((OFFICIAL, "rsfsr"), (VICTIM, "georgia"), (DEFENDER, "georgia")):
        _person(federation, keyring, person, member)
    try:
        yield federation
    finally:
        federation.close()


def _open_case(federation: Federation) -> list[str]:
    federation.execute(
        command(
            FileComplaint,
            actors.person(VICTIM),
            DAY,
            case="case-1",
            kind="violence",
            accused=[OFFICIAL],
            witnesses=[WITNESS],
            summary="struck Georgia's delegate",
        )
    )
    federation.execute(command(DrawCommission, actors.INSPECTION, DAY, case="case-1"))
    federation.execute(
        command(NameDefender, actors.person(VICTIM), DAY, case="case-1", defender=DEFENDER)
    )
    return list(federation.state().inspection.cases["case-1"].commission)


def _decide(federation: Federation, commission: list[str], findings: str) -> None:
    federation.execute(
        command(
            ProposeFindings,
            actors.person(commission[0]),
            DAY,
            case="case-1",
            findings=findings,
            text="he struck the delegate",
            established=True,
            justifications=["provocation"],
        )
    )
    federation.execute(
        command(SignFindings, actors.person(commission[1]), DAY, case="case-1", findings=findings)
    )


def test_p17_a_case_from_complaint_to_reopened_findings_and_refusals_write_nothing(
    union: Federation,
) -> None:
    commission = _open_case(union)
    length = union.ledger_length()
    transfer = command(
        TransferPerson,
        actors.organ("sovnarkom"),
        DAY,
        organ="sovnarkom",
        person=VICTIM,
        to="Tashkent",
    )
    with pytest.raises(Refused) as refused:
        union.execute(transfer)
    assert refused.value.refusal.principle == "P17"
    assert union.ledger_length() == length
    union.execute(
        command(
            ConsentToAction,
            actors.INSPECTION,
            DAY,
            case="case-1",
            organ="sovnarkom",
            person=VICTIM,
        )
    )
    union.execute(transfer.model_copy(update={"command_id": "transfer-2"}))
    _decide(union, commission, "f-1")
    assert union.state().inspection.findings["f-1"].sanction == "removal from office"
    union.execute(command(ReopenCase, actors.person(VICTIM), DAY, case="case-1", reason="too mild"))
    union.execute(command(DrawCommission, actors.INSPECTION, DAY, case="case-1"))
    second = list(union.state().inspection.cases["case-1"].commission)
    assert not set(second) & set(commission)
    _decide(union, second, "f-2")
    detail = q.case_detail(union, "case-1", actors.person(DEFENDER))
    assert detail.row.status == "decided" and detail.row.round == 2
    assert [f[0] for f in detail.findings] == ["f-1", "f-2"] and detail.findings[1][6] == "f-1"
    assert [r.status for r in q.cases(union, q.PUBLIC)] == ["decided"]


VIEWERS = {
    actors.INSPECTION: True,
    actors.person(VICTIM): True,
    actors.person(OFFICIAL): True,
    actors.person(DEFENDER): True,
    actors.person(WITNESS): False,
    actors.council("georgia"): False,
    actors.council("ukraine"): False,
    actors.SECRETARIAT: False,
    actors.organ("sovnarkom"): False,
    q.PUBLIC: False,
}


def test_p17_who_reads_a_case_and_its_evidence(union: Federation) -> None:
    commission = _open_case(union)
    digest = hashlib.sha256(PHOTO).hexdigest()
    union.execute(
        command(
            AddEvidence,
            actors.person(VICTIM),
            DAY,
            case="case-1",
            sha256=digest,
            filename="photo.jpg",
            size=len(PHOTO),
        )
    )
    assert q.keep_evidence(union, "case-1", PHOTO) == digest
    viewers = {**VIEWERS, **{actors.person(p): True for p in commission}}
    for viewer, sees in viewers.items():
        row = q.cases(union, viewer)[0]
        assert (row.kind is not None) == sees, viewer
        if sees:
            assert q.case_detail(union, "case-1", viewer).summary.startswith("struck")
            assert q.evidence_bytes(union, "case-1", digest, viewer) == PHOTO
        else:
            with pytest.raises(Refused, match=r"refused \(P17\)"):
                q.case_detail(union, "case-1", viewer)
            with pytest.raises(Refused, match=r"refused \(P17\)"):
                q.evidence_bytes(union, "case-1", digest, viewer)
    assert [e[0] for e in q.case_detail(union, "case-1", actors.INSPECTION).evidence] == [digest]


def test_p17_a_cases_entries_are_sealed_in_the_feed_and_the_tree_still_verifies(
    union: Federation,
) -> None:
    _open_case(union)
    items = [i for i in Transparency(union).feed() if i["type"] == "entry"]
    sealed = [i for i in items if i.get("sealed")]
    types = {i["event_type"] for i in sealed}
    assert {"ComplaintFiled", "CommissionDrawn", "DefenderNamed", "CommandSigned"} <= types
    text = json.dumps(sealed)
    assert "struck" not in text and VICTIM not in text and DEFENDER not in text
    hashes = [
        base64.b64decode(i["leaf_hash"])
        if i.get("sealed")
        else leaf_hash(base64.b64decode(i["leaf"]))
        for i in items
    ]
    entries = list(union.entries())
    assert MerkleTree(hashes).root() == MerkleTree.from_entries(leaf(e) for e in entries).root()
    assert [i["hash"] for i in items] == [e.hash for e in entries]


@pytest.mark.parametrize("member", ["georgia", "rsfsr", "ukraine"])
def test_p17_a_members_export_carries_a_case_only_as_hashes(
    union: Federation, member: str, tmp_path: Path
) -> None:
    from isonomia.service import log_verifier_keys, verify_export_file

    _open_case(union)
    out = tmp_path / f"{member}.json"
    union.export_member(member, out)
    text = out.read_text(encoding="utf-8")
    assert "struck" not in text
    assert "ComplaintFiled" not in text and "DefenderNamed" not in text
    check = verify_export_file(out, log_key=log_verifier_keys(union)[0])
    assert check.ok, check.report.describe()


def test_p17_a_complaint_unanswered_past_its_deadline_is_recorded_as_neglected(
    union: Federation,
) -> None:
    union.execute(
        command(
            AddressComplaint,
            actors.council("georgia"),
            DAY,
            complaint="c-1",
            official=OFFICIAL,
            text="our delegate was struck",
        )
    )
    assert q.complaints(union)[0].status == "awaiting answer"
    union.execute(command(Settle, actors.SECRETARIAT, DAY + timedelta(days=31)))
    assert q.complaints(union)[0].status == "neglected"


def test_p17_anyone_replays_the_draw_and_its_seed_from_the_ledger(union: Federation) -> None:
    from isonomia.domain import fold
    from isonomia.domain.inspection import CommissionDrawn
    from isonomia.rules.inspection_draw import draw, draw_seed
    from isonomia.service.unit_of_work import event_of

    _open_case(union)
    entries = list(union.entries())
    drawn_entry = next(e for e in entries if e.event_type == "CommissionDrawn")
    signed = next(
        e
        for e in entries
        if e.event_type == "CommandSigned" and e.command_id == drawn_entry.command_id
    )
    before = fold(event_of(e) for e in entries if e.sequence < signed.sequence)
    drawn = event_of(drawn_entry)
    assert isinstance(drawn, CommissionDrawn)
    assert drawn.seed == draw_seed(before.inspection.digest, drawn.case, drawn.round)
    assert before.inspection.digest  # every signature before it went into the seed
    recused = [person for person, _ in drawn.recused]
    assert draw(drawn.seed, drawn.eligible, recused, len(drawn.commission)) == drawn.commission
