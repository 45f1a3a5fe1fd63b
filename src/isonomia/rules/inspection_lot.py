"""A draw no one can steer (P17): commit, reveal, then draw; challenges of the drawn.

When a case opens (or reopens), its parties (the complainant, the accused), the members'
councils they sit for, and the inspection may each commit, within the charter's window
(`[inspection] draw_commit_days`), to a random value: SHA-256 of ``value|case|principal``.
Once the commitments close, each reveals its value (`draw_reveal_days`); a value that does
not match its commitment is refused. Once the reveals close, the inspection draws: the seed
is SHA-256 of ``case|round|`` and the revealed values sorted, and whoever committed without
revealing is recorded, its share dropped. A party that committed can, after that, only
reveal or stay silent: two outcomes, and silence only drops its own share. No other act
recorded in the meantime changes the seed.

When no value was revealed, the seed is taken from a checkpoint of the log co-signed by a
member's council after the reveals closed, given with the `DrawCommission` command and
checked by the rules against the keys the record registers (the log's, the councils'). The
record's rules do not see the checkpoints the service stores beside the ledger (they are
statements about the record, not events in it), so the checkpoint enters the record with
the command that uses it: the draw stays a pure function of the record.

With no window in the charter (`draw_commit_days = 0`) nothing is committed and the seed is
the record's signature digest, as before (`rules.inspection_draw.draw_seed`).

Each party may challenge a drawn commissioner once, with grounds. The inspectors who are
neither challenged in the case nor its parties rule on it, each on their own signature;
a majority of them decides. An upheld challenge recuses the commissioner, and the seat is
drawn again from the same seed, the others keeping theirs (`rules.inspection_challenges`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from isonomia.domain import FederationState, actors
from isonomia.domain.base import Event
from isonomia.domain.inspection import DrawCommission
from isonomia.domain.inspection_book import DRAWING, Case
from isonomia.domain.inspection_lot import (
    CommitDrawValue,
    DrawSeedFixed,
    DrawValueCommitted,
    DrawValueRevealed,
    RevealDrawValue,
)
from isonomia.domain.refusal import N_, Refusal
from isonomia.ledger.keys import KeyFileError, parse_public_key
from isonomia.ledger.notes import (
    COSIGNATURE_V1,
    ED25519,
    NoteError,
    NoteVerificationError,
    VerifierKey,
    parse_note,
    verify_checkpoint,
)
from isonomia.rules.inspection_draw import _members_of, draw_seed, eligible
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who

__all__ = [
    "Window",
    "challenge_voters",
    "commitment_of",
    "draw_parties",
    "lot_seed",
    "reveal_seed",
    "window",
]

PARTY_OR_INSPECTION = N_("a party of the case, a member's council it sits for, or the inspection")
PARTY = N_("the complainant, an accused or a named conniver of the case")
INSPECTOR = N_("a person sitting in the inspection, neither challenged in the case nor its party")


@dataclass(frozen=True)
class Window:
    """The days of a round's draw: commitments until `commits_close` (excluded), reveals
    from then until `reveals_close` (excluded), the draw from `reveals_close` on."""

    commits_close: date
    reveals_close: date


def window(state: FederationState, case: Case) -> Window | None:
    """The round's window, or None when the charter sets none (the digest's seed)."""
    if state.charter is None or state.charter.inspection.draw_commit_days == 0:
        return None
    rules = state.charter.inspection
    commits_close = case.round_opened_on + timedelta(days=rules.draw_commit_days)
    return Window(commits_close, commits_close + timedelta(days=rules.draw_reveal_days))


def commitment_of(value: str, case: str, principal: str) -> str:
    """What a principal commits to: SHA-256 of ``value|case|principal``, hex."""
    return hashlib.sha256(f"{value}|{case}|{principal}".encode()).hexdigest()


def reveal_seed(case: str, round_: int, values: Iterable[str]) -> str:
    """The seed made of the revealed values: SHA-256 of the case, the round and the values
    sorted (so the order of reveals does not matter)."""
    return hashlib.sha256("|".join([case, str(round_), *sorted(values)]).encode()).hexdigest()


def checkpoint_seed(case: str, round_: int, root: bytes) -> str:
    """The seed when no value was revealed: from a co-signed checkpoint's root hash."""
    return hashlib.sha256(f"{case}|{round_}|checkpoint|{root.hex()}".encode()).hexdigest()


def draw_parties(state: FederationState, case: Case, on: date) -> set[str]:
    """Who may commit to a case's draw: the inspection, the complainant, the accused and
    the named connivers, and the councils of the members they sit for (on the day)."""
    members: set[str] = set(_members_of(state, case.complainant, on))
    for accused in case.charged:
        members |= _members_of(state, actors.person(accused), on)
    return {
        actors.INSPECTION,
        case.complainant,
        *map(actors.person, case.charged),
        *map(actors.council, members),
    }


def _parties(case: Case) -> set[str]:
    """Who may challenge a commissioner: the complainant, the accused, the named connivers."""
    return {case.complainant, *map(actors.person, case.charged)}


def _challenged(case: Case) -> set[str]:
    """Persons challenged in the case's round and not cleared (pending or upheld)."""
    return {c.person for c in case.challenges if c.round == case.round and c.upheld is not False}


def challenge_voters(state: FederationState, case: Case, on: date) -> list[str]:
    """The inspectors who rule on a challenge: sitting in the inspection on the day, neither
    challenged in the case's round nor its party."""
    excluded = _challenged(case) | set(case.charged) | {case.complainant_person()}
    return [p for p in eligible(state, on) if p not in excluded]


def _case(state: FederationState, case_id: str) -> Case | Refusal:
    case = state.inspection.cases.get(case_id)
    if case is None:
        return Refusal.of("P17", N_("there is no case {case}"), case=case_id)
    return case


def _drawing(state: FederationState, case_id: str) -> tuple[Case, Window] | Refusal:
    case = _case(state, case_id)
    if isinstance(case, Refusal):
        return case
    if case.status != DRAWING:
        return Refusal.of("P17", N_("case {case} already has its commission"), case=case.id)
    found = window(state, case)
    if found is None:
        return Refusal.of(
            "P17",
            N_("the charter sets no window to commit to the draw of case {case}"),
            case=case.id,
        )
    return case, found


def _may_commit(state: FederationState, command: CommitDrawValue | RevealDrawValue) -> bool:
    case = state.inspection.cases.get(command.case)
    return case is not None and command.actor in draw_parties(state, case, command.day)


@decides(CommitDrawValue, who=Who("P17", PARTY_OR_INSPECTION, _may_commit))
def commit_draw_value(state: FederationState, command: CommitDrawValue) -> Decision:
    found = _drawing(state, command.case)
    if isinstance(found, Refusal):
        return found
    case, days = found
    if command.day >= days.commits_close:
        return Refusal.of(
            "P17",
            N_("commitments to the draw of case {case} closed on {closed}"),
            case=case.id,
            closed=days.commits_close,
        )
    if any(principal == command.actor for principal, _ in case.commitments):
        return Refusal.of(
            "P17",
            N_("{actor} has already committed to the draw of case {case}"),
            actor=command.actor,
            case=case.id,
        )
    return [
        DrawValueCommitted(
            case=case.id,
            round=case.round,
            principal=command.actor,
            commitment=command.commitment,
            committed_on=command.day,
        )
    ]


@decides(RevealDrawValue, who=Who("P17", PARTY_OR_INSPECTION, _may_commit))
def reveal_draw_value(state: FederationState, command: RevealDrawValue) -> Decision:
    found = _drawing(state, command.case)
    if isinstance(found, Refusal):
        return found
    case, days = found
    committed = dict(case.commitments).get(command.actor)
    if committed is None:
        return Refusal.of(
            "P17",
            N_("{actor} committed to no value for the draw of case {case}"),
            actor=command.actor,
            case=case.id,
        )
    if any(principal == command.actor for principal, _ in case.reveals):
        return Refusal.of(
            "P17",
            N_("{actor} has already revealed its value for the draw of case {case}"),
            actor=command.actor,
            case=case.id,
        )
    if command.day < days.commits_close:
        return Refusal.of(
            "P17",
            N_(
                "values for the draw of case {case} are revealed from {opens}, once every "
                "commitment is in"
            ),
            case=case.id,
            opens=days.commits_close,
        )
    if command.day >= days.reveals_close:
        return Refusal.of(
            "P17",
            N_("the reveals for the draw of case {case} closed on {closed}"),
            case=case.id,
            closed=days.reveals_close,
        )
    if commitment_of(command.value, case.id, command.actor) != committed:
        return Refusal.of(
            "P17",
            N_("the value revealed does not match {actor}'s commitment for case {case}"),
            actor=command.actor,
            case=case.id,
        )
    return [
        DrawValueRevealed(
            case=case.id,
            round=case.round,
            principal=command.actor,
            value=command.value,
            revealed_on=command.day,
        )
    ]


def lot_seed(
    state: FederationState, case: Case, command: DrawCommission
) -> tuple[str, list[Event]] | Refusal:
    """The seed of a case's draw, and the event recording how it was made (P17)."""
    days = window(state, case)
    if days is None:
        if command.checkpoint is not None:
            return Refusal.of(
                "P17",
                N_("the charter sets no window for case {case}: its seed takes no checkpoint"),
                case=case.id,
            )
        return draw_seed(state.inspection.digest, case.id, case.round), []
    if command.day < days.reveals_close:
        return Refusal.of(
            "P17",
            N_("the commission of case {case} is drawn from {day}, once the reveals close"),
            case=case.id,
            day=days.reveals_close,
        )
    revealed = sorted(case.reveals)
    shown = {principal for principal, _ in revealed}
    silent = sorted(p for p, _ in case.commitments if p not in shown)
    if revealed:
        if command.checkpoint is not None:
            return Refusal.of(
                "P17",
                N_(
                    "the seed of case {case} is made of the values revealed; no checkpoint is taken"
                ),
                case=case.id,
            )
        seed = reveal_seed(case.id, case.round, [v for _, v in revealed])
    else:
        root = _cosigned_root(state, command, days.reveals_close)
        if isinstance(root, Refusal):
            return root
        seed = checkpoint_seed(case.id, case.round, root)
    fixed = DrawSeedFixed(
        case=case.id,
        round=case.round,
        seed=seed,
        revealed=[[p, v] for p, v in revealed],
        silent=silent,
        checkpoint=None if revealed else command.checkpoint,
        fixed_on=command.day,
    )
    return seed, [fixed]


def _keys(state: FederationState, origin: str) -> list[VerifierKey]:
    """The log's keys and the members' councils' cosigning keys the record has in force."""
    keys = []
    for record in state.keys.values():
        if not record.valid():
            continue
        if record.principal == actors.LOG:
            name, sig_type = origin, ED25519
        elif actors.split(record.principal)[0] == "council":
            name, sig_type = record.principal, COSIGNATURE_V1
        else:
            continue
        try:
            raw = parse_public_key(record.public_key).public_bytes_raw()
        except (KeyFileError, ValueError):
            continue
        keys.append(VerifierKey(name, sig_type, raw))
    return keys


def _cosigned_root(
    state: FederationState, command: DrawCommission, closed: date
) -> bytes | Refusal:
    """The root hash of the checkpoint given, if the union's log signed it and a member's
    council co-signed it on or after the day the window closed. (A cosignature's time is
    POSIX seconds, never before 1970: in a simulated record of earlier days, every real
    cosignature is after the window.)"""
    missing = Refusal.of(
        "P17",
        N_(
            "no value was revealed for the draw of case {case}: give a checkpoint of the log "
            "co-signed by a member's council on or after {closed}"
        ),
        case=command.case,
        closed=closed,
    )
    if command.checkpoint is None or state.charter is None:
        return missing
    origin = f"isonomia/{state.charter.union.id}"  # the log's origin (`rules.record`)
    try:
        note = parse_note(base64.b64decode(command.checkpoint, validate=True))
        checkpoint, verified = verify_checkpoint(note, _keys(state, origin))
    except (binascii.Error, NoteError, NoteVerificationError, ValueError):
        return missing
    after = int(datetime(closed.year, closed.month, closed.day, tzinfo=UTC).timestamp())
    cosigned = [
        v
        for v in verified
        if v.key.sig_type == COSIGNATURE_V1 and v.timestamp is not None and v.timestamp >= after
    ]
    if checkpoint.origin != origin or not cosigned:
        return missing
    return checkpoint.root_hash
