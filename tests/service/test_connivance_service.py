"""Those who connived through the service, on SQLite and PostgreSQL (P17): a conniver named
on the case's evidence sees the case, names a defender and challenges a commissioner; the
findings remove them with the accused; the read tables, the sealed feed, replay and a
rebuild of the read tables agree."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

from test_inspection_service import DAY, OFFICIAL, PHOTO, VICTIM, _appoint, _open_case, union

from builders import command
from isonomia.domain import actors
from isonomia.domain.connivance import NameConniver
from isonomia.domain.inspection import AddEvidence, NameDefender, ProposeFindings, SignFindings
from isonomia.domain.inspection_lot import ChallengeCommissioner
from isonomia.service import Federation, Keyring, at_day, provide_key, queries
from isonomia.service.queries import inspection as q
from isonomia.service.transparency import Transparency

__all__ = ["union"]

CONNIVER, LAWYER = "dzerzhinsky", "lawyer"
HEARD = DAY + timedelta(days=14)


def test_p17_a_conniver_named_heard_and_removed_replays_and_rebuilds(
    union: Federation, keyring: Keyring
) -> None:
    commission = _open_case(union)
    _appoint(union, "sovnarkom", "rsfsr", CONNIVER)
    provide_key(union, keyring, actors.person(CONNIVER), "rsfsr", at_day(DAY))
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
    union.execute(
        command(
            NameConniver,
            actors.person(commission[0]),
            DAY,
            case="case-1",
            person=CONNIVER,
            evidence=[digest],
        )
    )
    union.execute(
        command(NameDefender, actors.person(CONNIVER), DAY, case="case-1", defender=LAWYER)
    )
    union.execute(
        command(
            ChallengeCommissioner,
            actors.person(CONNIVER),
            DAY,
            case="case-1",
            challenge="ch-1",
            person=commission[2],
            grounds="served under the accused",
        )
    )
    union.execute(
        command(
            ProposeFindings,
            actors.person(commission[0]),
            HEARD,
            case="case-1",
            findings="f-1",
            text="he struck the delegate; his deputy knew and did nothing",
            established=True,
            connivers=[f"{CONNIVER}=removal from office"],
        )
    )
    union.execute(
        command(SignFindings, actors.person(commission[1]), HEARD, case="case-1", findings="f-1")
    )
    detail = q.case_detail(union, "case-1", actors.person(CONNIVER))
    [row] = detail.connivers
    assert row[0] == CONNIVER and row[1] == digest[:12] and row[4] == LAWYER
    assert row[5] == "f-1: removal from office"
    assert q.case_detail(union, "case-1", actors.person(LAWYER)).connivers == detail.connivers
    assert {s.person for s in queries.sanctions(union)} >= {OFFICIAL, CONNIVER}
    sealed = [i for i in Transparency(union).feed() if i.get("sealed")]
    assert {"ConniverNamed", "ConniverDefenderNamed", "ConniverSanctionsProposed"} <= {
        i["event_type"] for i in sealed
    }
    assert CONNIVER not in json.dumps(sealed)
    assert union.verify_replay().ok
    before = (q.case_detail(union, "case-1", actors.INSPECTION), queries.sanctions(union))
    assert union.rebuild_projections()[1]
    assert (q.case_detail(union, "case-1", actors.INSPECTION), queries.sanctions(union)) == before
