"""Sealed at rest, through the service on SQLite and PostgreSQL (P17, P18): once the
inspection has a sealing key, a complaint's texts reach the database only as ciphertext (the
SQLite file's bytes and every row of every table are searched); the readers the case entitles
open them with their own keys, and no one else can; the record with sealed cases still
replays; an altered ciphertext does not open."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from builders import MEMBERS_1922, at, command, example_1922, found, union_1922
from isonomia.domain import AppointDelegate, actors
from isonomia.domain.inspection import (
    AddEvidence,
    DrawCommission,
    FileComplaint,
    NameDefender,
    ProposeFindings,
)
from isonomia.domain.inspection_lot import ChallengeCommissioner
from isonomia.domain.sealed_cases import RegisterSealingKey
from isonomia.service import BadRequest, Federation, Keyring, Refused, at_day, provide_key, sealing
from isonomia.service.queries import inspection as q

DAY = date(1923, 2, 1)
OFFICIAL, VICTIM, WITNESS, DEFENDER = "ordzhonikidze", "kabakhidze", "mdivani", "okudzhava"
SUMMARY = "Ordzhonikidze struck the Georgian delegate Kabakhidze in the corridor"
FINDINGS = "The blow is established by three witnesses and the photograph"
PHOTO = b"the photograph of the blow, bytes of a JPEG"
PHOTO_NAME = "photograph-of-the-blow.jpg"
SECRETS = (SUMMARY, FINDINGS, PHOTO_NAME, PHOTO.decode())


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


def _register_sealing_key(federation: Federation, keyring: Keyring, principal: str) -> None:
    public = sealing.sealing_public_key(keyring, principal)
    federation.execute(command(RegisterSealingKey, principal, DAY, public_key=public))


@pytest.fixture
def union(database_url: str, keyring: Keyring) -> Iterator[Federation]:
    federation = Federation(database_url, signer=keyring)
    federation.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
    federation.execute(found(union_1922(), signed_in=federation))
    people = [(OFFICIAL, "rsfsr"), (VICTIM, "georgia"), (DEFENDER, "georgia")]
    people.append((WITNESS, "georgia"))
    for member in MEMBERS_1922:
        for n in (1, 2):
            _appoint(federation, "inspection", member, f"insp-{member}-{n}")
            people.append((f"insp-{member}-{n}", member))
    _appoint(federation, "sovnarkom", "rsfsr", OFFICIAL)
    for person, member in people:
        provide_key(federation, keyring, actors.person(person), member, at(DAY))
        _register_sealing_key(federation, keyring, actors.person(person))
    _register_sealing_key(federation, keyring, actors.INSPECTION)
    try:
        yield federation
    finally:
        federation.close()


def _sealed_case(federation: Federation, keyring: Keyring) -> list[str]:
    """A complaint, its commission, a defender, a piece of evidence and findings."""
    federation.execute(
        command(
            FileComplaint,
            actors.person(VICTIM),
            DAY,
            case="case-1",
            kind="violence",
            accused=[OFFICIAL],
            witnesses=[WITNESS],
            summary=SUMMARY,
        )
    )
    federation.execute(command(DrawCommission, actors.INSPECTION, DAY, case="case-1"))
    federation.execute(
        command(NameDefender, actors.person(VICTIM), DAY, case="case-1", defender=DEFENDER)
    )
    state = federation.state()
    victim = actors.person(VICTIM)
    data = sealing.seal_evidence(state, "case-1", victim, PHOTO, keyring)
    digest = hashlib.sha256(data).hexdigest()
    federation.execute(
        command(
            AddEvidence,
            victim,
            DAY,
            case="case-1",
            sha256=digest,
            filename=PHOTO_NAME,
            size=len(data),
        )
    )
    q.keep_evidence(federation, "case-1", data)
    commission = list(federation.state().inspection.cases["case-1"].commission)
    federation.execute(
        command(
            ProposeFindings,
            actors.person(commission[0]),
            DAY,
            case="case-1",
            findings="f-1",
            text=FINDINGS,
            established=True,
        )
    )
    return commission


def _every_row(federation: Federation) -> str:
    """Every row of every table of the database, as text."""
    engine = sa.create_engine(federation.db.url)
    try:
        tables = sa.MetaData()
        tables.reflect(engine)
        with engine.connect() as conn:
            return "\n".join(
                repr(row) for table in tables.sorted_tables for row in conn.execute(table.select())
            )
    finally:
        engine.dispose()


def test_p17_the_database_holds_no_clear_text_of_a_sealed_case(
    union: Federation, keyring: Keyring, database_url: str
) -> None:
    _sealed_case(union, keyring)
    rows = _every_row(union)
    assert "sealed:v1:summary:" in rows
    for secret in SECRETS:
        assert secret not in rows, secret
    if database_url.startswith("sqlite"):
        union.close()
        path = Path(database_url.removeprefix("sqlite:///"))
        raw = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
        assert raw and b"sealed:v1:summary:" in raw
        for secret in SECRETS:
            assert secret.encode() not in raw, secret


def test_p17_each_entitled_reader_opens_the_case_with_its_own_key(
    union: Federation, keyring: Keyring
) -> None:
    commission = _sealed_case(union, keyring)
    readers = [VICTIM, OFFICIAL, DEFENDER, *commission]
    for person in readers:
        reader = actors.person(person)
        detail = q.case_detail(union, "case-1", reader)
        opened = sealing.open_case_texts(
            union.state(), "case-1", reader, keyring.path(reader), detail
        )
        assert opened.summary == SUMMARY, person
        assert opened.findings[0][7] == FINDINGS
        assert opened.evidence[0][1] == PHOTO_NAME
        kept = q.evidence_bytes(union, "case-1", detail.evidence[0][0], reader)
        assert (
            sealing.open_evidence(union.state(), "case-1", reader, keyring.path(reader), kept)
            == PHOTO
        )
    inspection = q.case_detail(union, "case-1", actors.INSPECTION)
    assert inspection.summary.startswith("sealed:v1:summary:")  # the API shows it sealed


def test_p17_a_principal_not_entitled_cannot_open_the_case(
    union: Federation, keyring: Keyring
) -> None:
    commission = _sealed_case(union, keyring)
    detail = q.case_detail(union, "case-1", actors.INSPECTION)
    case = union.state().inspection.cases["case-1"]
    outsiders = [WITNESS, *(f"insp-{m}-{n}" for m in MEMBERS_1922 for n in (1, 2))]
    for person in (p for p in outsiders if p not in commission):
        outsider = actors.person(person)
        with pytest.raises(Refused):
            q.case_detail(union, "case-1", outsider)
        assert all(w[0] != outsider for w in case.wraps)
        # Even handed the stored texts, their key opens none of the wrapped keys.
        with pytest.raises(Refused) as refused:
            sealing.open_case_texts(
                union.state(), "case-1", outsider, keyring.path(outsider), detail
            )
        assert refused.value.refusal.principle == "P17"


def test_p18_a_record_with_sealed_cases_replays_and_rebuilds(
    union: Federation, keyring: Keyring
) -> None:
    _sealed_case(union, keyring)
    assert union.verify_ledger().ok
    assert union.verify_replay().ok
    assert union.rebuild_projections()[1]
    assert q.case_detail(union, "case-1", actors.INSPECTION).summary.startswith("sealed:v1:")


def test_p17_an_altered_or_moved_ciphertext_does_not_open(
    union: Federation, keyring: Keyring
) -> None:
    _sealed_case(union, keyring)
    victim = actors.person(VICTIM)
    detail = q.case_detail(union, "case-1", victim)
    body = detail.summary
    flipped = body[:-6] + ("A" if body[-6] != "A" else "B") + body[-5:]
    with union.db.writing() as conn:
        conn.execute(
            sa.text("UPDATE case_view SET summary = :s WHERE id = 'case-1'"), {"s": flipped}
        )
    altered = q.case_detail(union, "case-1", victim)
    with pytest.raises(BadRequest, match="does not open"):
        sealing.open_case_texts(union.state(), "case-1", victim, keyring.path(victim), altered)
    # The findings' sealed text moved into the summary (same case, another field) fails too.
    moved = q.case_detail(union, "case-1", victim)
    moved = type(moved)(**{**moved.__dict__, "summary": moved.findings[0][7]})
    opened = sealing.open_case_texts(union.state(), "case-1", victim, keyring.path(victim), moved)
    assert opened.summary == FINDINGS  # it says its own field: the label travels with it
    relabelled = body.replace("sealed:v1:summary:", "sealed:v1:text:")
    relabelled_detail = type(moved)(**{**moved.__dict__, "summary": relabelled})
    with pytest.raises(BadRequest, match="does not open"):
        sealing.open_case_texts(
            union.state(), "case-1", victim, keyring.path(victim), relabelled_detail
        )


def test_p17_a_later_text_of_a_sealed_case_in_clear_is_refused_and_writes_nothing(
    union: Federation, keyring: Keyring
) -> None:
    commission = _sealed_case(union, keyring)
    length = union.ledger_length()
    clear = command(
        ChallengeCommissioner,
        actors.person(OFFICIAL),
        DAY,
        case="case-1",
        challenge="ch-1",
        person=commission[0],
        grounds="he wrote against me",
    )
    with pytest.raises(Refused) as refused:
        union.submit(union.sign(clear, keyring))  # signed as given: not sealed by the service
    assert refused.value.refusal.principle == "P17"
    assert "comes sealed" in str(refused.value)
    assert union.ledger_length() == length
    union.execute(clear)  # the service seals it under the key the accused unwraps
    stored = union.state().inspection.cases["case-1"].challenges[0].grounds
    assert stored.startswith("sealed:v1:grounds:")
