"""The union the HTTP benchmark votes in, and the votes, signed before the run.

`build(url, work, members, motions)` records, in process and through the service (this
is not what is timed): a charter of `members` equal members made from the 1922 example, the
founding, one delegate per member in the union council with a key registered by the
member's council, a session of the council, and `motions` motions drafted and tabled for
it. Each delegate gets an account of the web interface (role `delegate`) and an API token
tied to its key.

`presign(...)` then signs every vote a delegate can cast (each motion, each member: one
`CastVote` envelope, signed with the delegate's own Ed25519 key, as a client would) and
deals the delegates out to `users` load-generating users: user `u` holds the delegates of
members `u`, `u + users`, …, and its envelopes go motion by motion. Signing ahead keeps
the client's CPU out of the measured run on a two-core machine.
"""

from __future__ import annotations

import json
import tomllib
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from isonomia.ledger.envelope import Binding
from isonomia.ledger.keys import Ed25519PrivateKey
from isonomia.rules.record import log_origin
from isonomia.service import (
    Accounts,
    AppointDelegate,
    CastVote,
    ConveneSession,
    DraftMotion,
    Federation,
    FoundUnion,
    Keyring,
    TableMotion,
    actors,
    at_day,
    example_charter,
    founding_decisions,
    provide_key,
)
from isonomia.service.keyring import envelope_of

FOUNDED = date(1922, 12, 30)
SEATED = date(1923, 1, 8)
SESSION_DAY = date(1923, 1, 15)  # a Monday: the union council's weekday in the charter
#: When the motions are drafted (before the delegates are seated: the clock never goes back).
DRAFTED = date(1923, 1, 1)
SESSION = "uc-bench"
ORGAN = "union-council"
#: When every vote is dated (a simulated clock records the command's own time).
VOTED_AT = datetime(1923, 1, 15, 15, tzinfo=UTC)


@dataclass(frozen=True)
class Delegate:
    member: str
    principal: str
    key: Ed25519PrivateKey
    token: str
    #: The union (and a head of its record) the delegate's envelopes are signed for.
    binding: Binding


def member_ids(members: int) -> list[str]:
    return [f"m{i:03d}" for i in range(members)]


def charter_of(members: int, work: Path) -> Path:
    """The 1922 example with `members` equal members (its rules and organs kept)."""
    from scale_bench import _toml

    data = tomllib.loads(example_charter("union-1922").read_text(encoding="utf-8"))
    template = data["members"][0]
    data["members"] = [
        {**template, "id": m, "name": f"Republic {m}", "population": 1_000_000}
        for m in member_ids(members)
    ]
    data["presidency"]["order"] = member_ids(members)
    procedure = data.get("procedure", {})
    # the votes are cast the day the motions are tabled: no notice for the council's decisions
    procedure["notice"] = [
        n
        for n in procedure.get("notice", [])
        if (n.get("organ"), n.get("kind")) != (ORGAN, "decision")
    ]
    postponement = procedure.get("postponement", {})
    if "concerned" in postponement:  # the example's members are not this charter's
        kept = [c for c in postponement["concerned"] if "members" not in c]
        postponement["concerned"] = kept
    path = work / f"charter-{members}.toml"
    path.write_text(_toml(data), encoding="utf-8")
    return path


def _do(fed: Federation, cls: Any, actor: str, day: date, **fields: Any) -> None:
    fed.execute(cls(command_id=str(uuid.uuid4()), actor=actor, at=at_day(day), **fields))


def build(url: str, work: Path, members: int, motions: int) -> list[Delegate]:
    """Record the union, its delegates and its open motions; the delegates with tokens."""
    keyring = Keyring(work / "keys", provision=True)
    fed = Federation(url, signer=keyring)
    fed.initialize(charter_of(members, work), clock="simulated", at=at_day(FOUNDED))
    ids = member_ids(members)
    decisions = founding_decisions(fed, keyring, [(m, FOUNDED) for m in ids])
    _do(fed, FoundUnion, actors.SECRETARIAT, FOUNDED, founded_on=FOUNDED, decisions=decisions)
    for n in range(motions):  # drafted first: the record's clock never goes back
        _do(
            fed,
            DraftMotion,
            actors.SECRETARIAT,
            DRAFTED,
            motion=f"bench-{n:05d}",
            organ=ORGAN,
            title=f"Motion {n}",
            text=f"The union council resolves item {n}.",
            field="railways",
            kind="decision",
            force="mandatory",
        )
    state = fed.state()
    assert state.charter is not None
    binding = Binding(log_origin(state.charter.union.id), next(fed.entries()).hash)
    delegates = [_seat(fed, keyring, m, binding) for m in ids]
    chair = delegates[0].principal  # the presiding member's delegate convenes and tables (P5)
    _do(
        fed,
        ConveneSession,
        chair,
        SESSION_DAY,
        session=SESSION,
        organ=ORGAN,
        held_on=SESSION_DAY,
    )
    for n in range(motions):
        _do(fed, TableMotion, chair, SESSION_DAY, motion=f"bench-{n:05d}", session=SESSION)
    fed.close()
    return delegates


def _seat(fed: Federation, keyring: Keyring, member: str, binding: Binding) -> Delegate:
    person = actors.person(f"d-{member}")
    _do(
        fed,
        AppointDelegate,
        actors.council(member),
        SEATED,
        organ=ORGAN,
        member=member,
        person=f"d-{member}",
        term_from=SEATED,
    )
    key = provide_key(fed, keyring, person, member, at_day(SEATED))
    accounts = Accounts(fed)
    name = f"d-{member}"
    accounts.add(name, "delegate", None)
    token = accounts.token_with_key(name, key)  # proves the delegate's key, binding the account
    return Delegate(member, person, key, token, binding)


def presign(delegates: list[Delegate], motions: int, users: int) -> list[list[dict[str, str]]]:
    """Every vote, signed; one list a user, of {token, command_id, body}."""
    shards: list[list[dict[str, str]]] = [[] for _ in range(users)]
    for n in range(motions):
        for i, delegate in enumerate(delegates):
            vote = CastVote(
                command_id=str(uuid.uuid4()),
                actor=delegate.principal,
                at=VOTED_AT,
                motion=f"bench-{n:05d}",
                member=delegate.member,
                vote="yes" if (n + i) % 3 else "no",
            )
            body = json.dumps(
                envelope_of(vote, delegate.key, delegate.binding), separators=(",", ":")
            )
            shards[i % users].append(
                {"token": delegate.token, "command_id": vote.command_id, "body": body}
            )
    return shards


def write_shards(path: Path, shards: list[list[dict[str, str]]]) -> None:
    path.write_text(json.dumps({"shards": shards}), encoding="utf-8")
