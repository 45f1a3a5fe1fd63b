"""A sealed inspection case in a founded 1922 union (P16, P17): the inspection organ
staffed from every member, a Russian official accused of striking Georgia's delegate, the
commission drawn (the accused's own member's inspectors recused), a defender named, a
photograph recorded by its hash, and findings proposed and signed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from builders import MEMBERS_1922, at, command
from isonomia.domain import AppointDelegate, actors
from isonomia.domain.inspection import (
    AddEvidence,
    DrawCommission,
    FileComplaint,
    NameDefender,
    ProposeFindings,
    SignFindings,
)
from isonomia.domain.sealed_cases import RegisterSealingKey
from isonomia.service import Federation, Keyring, provide_key, sealing

DAY = date(1923, 2, 1)
CASE = "case-1"
OFFICIAL, VICTIM, WITNESS, DEFENDER = "ordzhonikidze", "kabakhidze", "mdivani", "okudzhava"
SUMMARY = "struck Georgia's delegate"
FINDINGS_TEXT = "he struck the delegate"
PHOTO_NAME = "photo.jpg"
PHOTO = b"the photograph of the blow"


@dataclass(frozen=True)
class SealedCase:
    commission: list[str]
    seed: str
    recused: list[tuple[str, str]]
    evidence: str
    sanction: str


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


def _staff(federation: Federation, keyring: Keyring) -> list[str]:
    people = []
    for member in MEMBERS_1922:
        for n in (1, 2):
            _appoint(federation, "inspection", member, f"insp-{member}-{n}")
            people.append((f"insp-{member}-{n}", member))
    _appoint(federation, "sovnarkom", "rsfsr", OFFICIAL)
    _appoint(federation, "union-council", "georgia", VICTIM)
    people += [(OFFICIAL, "rsfsr"), (VICTIM, "georgia"), (DEFENDER, "georgia")]
    for person, member in people:
        provide_key(federation, keyring, actors.person(person), member, at(DAY))
    return [actors.person(person) for person, _member in people]


def _register_sealing_keys(federation: Federation, keyring: Keyring, principals: list[str]) -> None:
    """Each principal and the inspection register a sealing key: complaints come sealed."""
    for principal in [*principals, actors.INSPECTION]:
        public = sealing.sealing_public_key(keyring, principal)
        federation.execute(command(RegisterSealingKey, principal, DAY, public_key=public))


def open_sealed_case(
    federation: Federation, keyring: Keyring, *, at_rest: bool = False
) -> SealedCase:
    """Staff the inspection and take case-1 to signed findings; what the case records. With
    `at_rest`, its readers registered sealing keys first, so its texts are sealed at rest."""
    people = _staff(federation, keyring)
    if at_rest:
        _register_sealing_keys(federation, keyring, people)
    victim = actors.person(VICTIM)
    federation.execute(
        command(
            FileComplaint,
            victim,
            DAY,
            case=CASE,
            kind="violence",
            accused=[OFFICIAL],
            witnesses=[WITNESS],
            summary=SUMMARY,
        )
    )
    federation.execute(command(DrawCommission, actors.INSPECTION, DAY, case=CASE))
    federation.execute(command(NameDefender, victim, DAY, case=CASE, defender=DEFENDER))
    digest = hashlib.sha256(PHOTO).hexdigest()
    federation.execute(
        command(
            AddEvidence,
            victim,
            DAY,
            case=CASE,
            sha256=digest,
            filename=PHOTO_NAME,
            size=len(PHOTO),
        )
    )
    commission = list(federation.state().inspection.cases[CASE].commission)
    federation.execute(
        command(
            ProposeFindings,
            actors.person(commission[0]),
            DAY,
            case=CASE,
            findings="findings-1",
            text=FINDINGS_TEXT,
            established=True,
            justifications=["provocation"],
        )
    )
    federation.execute(
        command(SignFindings, actors.person(commission[1]), DAY, case=CASE, findings="findings-1")
    )
    state = federation.state().inspection
    case = state.cases[CASE]
    assert case.seed is not None and case.recused
    return SealedCase(
        commission, case.seed, list(case.recused), digest, state.findings["findings-1"].sanction
    )
