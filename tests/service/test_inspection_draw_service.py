"""The draw no one can steer, through the service on SQLite and PostgreSQL (P17, P18):
commitments and reveals signed by the parties, the draw replayed by `ledger verify`; with no
value revealed, the seed from a checkpoint of the log co-signed by a member's council after
the window, which the command carries into the record; a refusal writes nothing."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from builders import MEMBERS_1922, at, command, found
from isonomia.domain import AppointDelegate, actors
from isonomia.domain.inspection import CommissionDrawn, DrawCommission, FileComplaint
from isonomia.domain.inspection_lot import (
    ChallengeCommissioner,
    CommitDrawValue,
    DrawSeedFixed,
    RevealDrawValue,
    RuleOnChallenge,
)
from isonomia.ledger.notes import parse_checkpoint
from isonomia.rules.inspection_draw import draw
from isonomia.rules.inspection_lot import checkpoint_seed, commitment_of, reveal_seed
from isonomia.service import Federation, Keyring, Refused, at_day, example_charter, provide_key
from isonomia.service.queries import inspection as q
from isonomia.service.transparency import Transparency
from isonomia.service.unit_of_work import event_of

FILED = date(1923, 2, 1)
REVEAL = FILED + timedelta(days=3)
DRAW = FILED + timedelta(days=5)
OFFICIAL, VICTIM = "ordzhonikidze", "kabakhidze"
CASE = "case-1"


def _charter(folder: Path) -> Path:
    """The 1922 charter as shipped, with its window for the draw: 3 days to commit, 2 to
    reveal."""
    text = example_charter("union-1922").read_text(encoding="utf-8")
    assert "draw_commit_days = 3\ndraw_reveal_days = 2\n" in text
    path = folder / "union-1922-draw.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _appoint(federation: Federation, organ: str, member: str, person: str) -> None:
    federation.execute(
        command(
            AppointDelegate,
            actors.council(member),
            FILED,
            organ=organ,
            member=member,
            person=person,
            term_from=FILED,
        )
    )


@pytest.fixture
def union(database_url: str, keyring: Keyring, tmp_path: Path) -> Iterator[Federation]:
    federation = Federation(database_url, signer=keyring)
    federation.initialize(_charter(tmp_path), clock="simulated", at=at_day(date(1922, 12, 30)))
    charter = federation.state().charter
    assert charter is not None and charter.inspection.draw_commit_days == 3
    federation.execute(found(charter, signed_in=federation))
    for member in MEMBERS_1922:
        for n in (1, 2):
            _appoint(federation, "inspection", member, f"insp-{member}-{n}")
            provide_key(federation, keyring, actors.person(f"insp-{member}-{n}"), member, at(FILED))
    _appoint(federation, "sovnarkom", "rsfsr", OFFICIAL)
    _appoint(federation, "union-council", "georgia", VICTIM)
    for person, member in ((OFFICIAL, "rsfsr"), (VICTIM, "georgia")):
        provide_key(federation, keyring, actors.person(person), member, at(FILED))
    federation.execute(
        command(
            FileComplaint,
            actors.person(VICTIM),
            FILED,
            case=CASE,
            kind="violence",
            accused=[OFFICIAL],
            summary="struck Georgia's delegate",
        )
    )
    try:
        yield federation
    finally:
        federation.close()


def _value(n: int) -> str:
    return hashlib.sha256(f"value {n}".encode()).hexdigest()


def test_p17_the_parties_values_make_the_seed_and_ledger_verify_replays_the_draw(
    union: Federation,
) -> None:
    accused, complainant = actors.person(OFFICIAL), actors.person(VICTIM)
    values = {accused: _value(1), complainant: _value(2), actors.council("georgia"): _value(3)}
    for principal, value in values.items():
        commitment = commitment_of(value, CASE, principal)
        union.execute(command(CommitDrawValue, principal, FILED, case=CASE, commitment=commitment))
    for principal in (complainant, actors.council("georgia")):
        union.execute(
            command(RevealDrawValue, principal, REVEAL, case=CASE, value=values[principal])
        )
    size = len(list(union.entries()))
    with pytest.raises(Refused):  # a wrong value: refused, nothing written
        union.execute(command(RevealDrawValue, accused, REVEAL, case=CASE, value=_value(9)))
    assert len(list(union.entries())) == size
    union.execute(command(DrawCommission, actors.INSPECTION, DRAW, case=CASE))
    events = [event_of(e) for e in union.entries()]
    fixed = next(e for e in events if isinstance(e, DrawSeedFixed))
    drawn = next(e for e in events if isinstance(e, CommissionDrawn))
    assert fixed.silent == [accused]
    assert drawn.seed == reveal_seed(CASE, 1, [_value(2), _value(3)])
    recused = [p for p, _ in drawn.recused]
    assert draw(drawn.seed, drawn.eligible, recused, 3) == drawn.commission
    assert union.verify_replay().ok  # every command re-derived from the record alone
    detail = q.case_detail(union, CASE, complainant)
    assert detail.draw == [
        [actors.council("georgia"), str(FILED), str(REVEAL), ""],
        [complainant, str(FILED), str(REVEAL), ""],
        [accused, str(FILED), "", "silent"],
    ]


def test_p17_an_upheld_challenge_redraws_the_seat_and_the_case_shows_it(
    union: Federation,
) -> None:
    union.execute(
        command(
            CommitDrawValue,
            actors.INSPECTION,
            FILED,
            case=CASE,
            commitment=commitment_of(_value(5), CASE, actors.INSPECTION),
        )
    )
    union.execute(command(RevealDrawValue, actors.INSPECTION, REVEAL, case=CASE, value=_value(5)))
    union.execute(command(DrawCommission, actors.INSPECTION, DRAW, case=CASE))
    commission = list(union.state().inspection.cases[CASE].commission)
    union.execute(
        command(
            ChallengeCommissioner,
            actors.person(OFFICIAL),
            DRAW,
            case=CASE,
            challenge="ch-1",
            person=commission[0],
            grounds="a friend of the complainant",
        )
    )
    voters = [p for m in MEMBERS_1922 for p in (f"insp-{m}-1", f"insp-{m}-2") if p != commission[0]]
    with pytest.raises(Refused):  # the challenged commissioner does not rule
        union.execute(
            command(
                RuleOnChallenge,
                actors.person(commission[0]),
                DRAW,
                case=CASE,
                challenge="ch-1",
                upheld=False,
            )
        )
    for voter in voters[:6]:
        union.execute(
            command(
                RuleOnChallenge,
                actors.person(voter),
                DRAW,
                case=CASE,
                challenge="ch-1",
                upheld=True,
            )
        )
    after = list(union.state().inspection.cases[CASE].commission)
    assert commission[0] not in after and after[:2] == commission[1:]
    detail = q.case_detail(union, CASE, actors.person(OFFICIAL))
    assert detail.row.commission == after
    [challenge] = detail.challenges
    assert challenge[0] == "ch-1" and challenge[3] == commission[0]
    assert challenge[7] == "upheld" and challenge[6].count("upheld") == 6
    assert any(p == commission[0] for p, _ in detail.recused)
    assert union.verify_replay().ok


def test_p17_with_no_value_revealed_the_seed_comes_from_a_checkpoint_cosigned_after_the_window(
    union: Federation, keyring: Keyring, tmp_path: Path
) -> None:
    log = Transparency(union)
    log.make_checkpoint(keyring)
    council = keyring.key_for(actors.council("armenia"))
    assert council is not None

    def carried() -> str:
        return base64.b64encode(log.latest_note().encode()).decode()

    with pytest.raises(Refused):  # no value, no checkpoint
        union.execute(command(DrawCommission, actors.INSPECTION, DRAW, case=CASE))
    with pytest.raises(Refused):  # signed by the log, co-signed by no member's council
        union.execute(
            command(DrawCommission, actors.INSPECTION, DRAW, case=CASE, checkpoint=carried())
        )
    # Cosignatures carry POSIX times (from 1970): every real one is after a 1923 window.
    log.witness(council, tmp_path / "armenia.json")
    note = log.latest_note()
    union.execute(command(DrawCommission, actors.INSPECTION, DRAW, case=CASE, checkpoint=carried()))
    drawn = next(e for e in map(event_of, union.entries()) if isinstance(e, CommissionDrawn))
    root = parse_checkpoint(note.text).root_hash
    assert drawn.seed == checkpoint_seed(CASE, 1, root)
    fixed = next(e for e in map(event_of, union.entries()) if isinstance(e, DrawSeedFixed))
    assert fixed.checkpoint == carried() and fixed.revealed == [] and fixed.silent == []
    assert union.verify_replay().ok
