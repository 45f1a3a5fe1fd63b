"""An election counted again offline from a copy of the record (issue 24, item 4).

`isonomia tally --from-export FILE --election ID` reads the election's entries from a
member's export (`isonomia member export`, whose entries of elections every member's export
carries in full) or from the log's feed (`isonomia ledger feed`, JSON Lines), builds the
engine's input from them as the count inside the record does (the consented candidates in
the order of nomination, the open ballots, the secret ballots revealed, each reveal hashed
again and compared with its commitment), counts it with the engine, and compares the
result with the count the record holds: the elected, the quota and every table.

Winners the record says were skipped (P15: office limits, one person a member) are taken
out as the record did, since whether a person may hold an office depends on the rest of
the record; the recount says so. This proves the arithmetic, not the export: whether the
file is the union's record is for `isonomia verify-export` to check.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from isonomia.domain.refusal import N_
from isonomia.rules.secret_ballots import ballot_commitment
from isonomia.service.errors import BadRequest
from isonomia.voting.elections import count_ballots

__all__ = ["record_entries", "recount_election"]

_EVENTS = frozenset(
    {
        "ElectionCalled",
        "CandidateNominated",
        "CandidacyConsented",
        "BallotCast",
        "BallotCommitted",
        "BallotRevealed",
        "ElectionCounted",
    }
)


def record_entries(path: str | Path) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Each full entry of a record file, as (event type, payload): a member's export (one
    JSON object with ``entries``) or the log's feed (JSON Lines, or one JSON array)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise BadRequest.of(
            N_("cannot read {path}: {error}"), path=str(path), error=error.strerror or str(error)
        ) from error
    items: Iterable[Any]
    try:
        document = json.loads(text)
        if isinstance(document, dict):
            items = document.get("entries", [document])
        else:
            items = document if isinstance(document, list) else []
    except ValueError:
        try:
            items = [json.loads(line) for line in text.splitlines() if line.strip()]
        except ValueError as error:
            raise BadRequest.of(
                N_("{path} is neither a member's export nor the log's feed: {error}"),
                path=str(path),
                error=str(error),
            ) from error
    for item in items:
        if not isinstance(item, Mapping):
            continue
        payload = item.get("payload")
        kind = item.get("event_type")
        if isinstance(kind, str) and isinstance(payload, Mapping):
            yield kind, payload


def _fold(entries: Iterable[tuple[str, Mapping[str, Any]]], election: str) -> dict[str, Any]:
    """The election's call, candidates, ballots, commitments and recorded count."""
    found: dict[str, Any] = {
        "call": None,
        "nominated": [],
        "consented": set(),
        "ballots": {},
        "commitments": {},
        "mismatched": [],
        "counted": None,
    }
    for kind, payload in entries:
        if kind not in _EVENTS or payload.get("election") != election:
            continue
        by = payload.get("for_member") or payload.get("elector")
        if kind == "ElectionCalled":
            found["call"] = payload
        elif kind == "CandidateNominated":
            found["nominated"].append(payload["person"])
        elif kind == "CandidacyConsented":
            found["consented"].add(payload["person"])
        elif kind == "BallotCast":
            found["ballots"][by] = list(payload["choices"])
        elif kind == "BallotCommitted":
            found["commitments"][by] = (payload["elector"], payload["commitment"])
        elif kind == "BallotRevealed":
            elector, commitment = found["commitments"].get(by, (None, None))
            again = ballot_commitment(
                election, payload["elector"], payload["choices"], payload["nonce"]
            )
            if elector != payload["elector"] or again != commitment:
                found["mismatched"].append(payload["elector"])
                continue
            found["ballots"][by] = list(payload["choices"])
        elif kind == "ElectionCounted":
            found["counted"] = payload
    return found


def recount_election(path: str | Path, election: str) -> dict[str, Any]:
    """The election counted again from the record file at `path`, beside the count the
    record holds; ``matches`` says whether they are the same in every cell."""
    found = _fold(record_entries(path), election)
    call = found["call"]
    if call is None:
        raise BadRequest.of(
            N_("{path} holds no call of an election {election}"), path=str(path), election=election
        )
    method, seats = str(call["method"]), int(call["seats"])
    counted = found["counted"]
    skipped = [s["person"] for s in (counted or {}).get("skipped", [])]
    candidates = [p for p in found["nominated"] if p in found["consented"]]
    ballots = list(found["ballots"].values())
    unfounded: list[str] = []

    def counted_without(out: list[str]) -> Any:
        left = [c for c in candidates if c not in out]
        live = [b for b in ([c for c in b if c in left] for b in ballots) if b]
        return count_ballots(method, seats, left, live)

    # The record's skips, in its order: each a winner of the count made without the ones
    # before it, as the count inside the record made them.
    for done, person in enumerate(skipped):
        if person not in counted_without(skipped[:done]).elected:
            unfounded.append(person)
    count = counted_without(skipped)
    report: dict[str, Any] = {
        "election": election,
        "method": method,
        "seats": seats,
        "ballot": call.get("ballot", "open"),
        "candidates": [p for p in found["nominated"] if p in found["consented"]],
        "ballots": len(ballots),
        "abstentions": len(found["commitments"]) - len(ballots) if found["commitments"] else 0,
        "reveals_not_matching": found["mismatched"],
        "skipped_as_recorded": skipped,
        #: Skipped persons the recount does not elect at the point the record skipped them.
        "skipped_not_elected": unfounded,
        "elected": list(count.elected),
        "quota": count.quota,
        "tables": count.tables,
        "recorded": None,
        "matches": None,
    }
    if counted is not None:
        recorded = {
            "elected": list(counted["elected"]),
            "quota": counted.get("quota"),
            "ballots": counted.get("ballots"),
            "tables": counted.get("tables", {}),
        }
        report["recorded"] = recorded
        report["matches"] = not unfounded and recorded == {
            "elected": report["elected"],
            "quota": report["quota"],
            "ballots": report["ballots"],
            "tables": report["tables"],
        }
    return report
