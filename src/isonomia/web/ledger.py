"""The API's view of the record itself (P18): verification, the transparency log's head,
feed and proofs, a member's export, and the power audit of the day's members.

Proofs are the same bytes `isonomia ledger prove` and `consistency` write, and an export is
the file `isonomia member export` writes: each is checked offline by `isonomia-verify`.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Query, Request, Response
from fastapi import Path as PathParam
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from isonomia.service import (
    Federation,
    Forbidden,
    Keyring,
    Transparency,
    Unauthenticated,
    log_verifier_keys,
    member_statement,
    node_checkpoint,
    node_status,
    queries,
    receive_cosignature,
    received_cosignatures,
    verify_record,
)
from isonomia.web.auth import CurrentAccount
from isonomia.web.page_texts import N_
from isonomia.web.translated_errors import Said

__all__ = [
    "AuditOut",
    "HeadOut",
    "VerifyOut",
    "ledger_routes",
    "node_routes",
    "verified_report",
]

On = Annotated[date | None, Query(description="As of this day (default: today).")]
Size = Annotated[int, Query(ge=1, le=2**62)]


class HeadOut(BaseModel):
    size: int
    root: str
    note: str
    made_at: str
    cosigners: list[str]
    log_keys: list[str]


class VerifyOut(BaseModel):
    ok: bool
    chain: str
    #: The replay: every entry re-derived from a signed command, or the first that is not.
    replay: str
    #: The Merkle tree, the stored checkpoints and snapshots: the first problem, or "".
    tree: str
    clock: str


class CosignatureIn(BaseModel):
    size: int
    #: One signature line of a C2SP signed note: "— council:<member> <base64>".
    line: str


class NodeCheckpointOut(BaseModel):
    size: int
    root: str
    note: str
    accepted_at: str


class AuditOut(BaseModel):
    union: str
    sound: bool
    rules: list[dict[str, Any]]
    population_majority: dict[str, Any]


class AmendmentAuditOut(BaseModel):
    motion: str
    before: AuditOut
    after: AuditOut


def _federation(request: Request) -> Federation:
    federation: Federation = request.app.state.federation
    return federation


def verified_report(federation: Federation) -> dict[str, Any]:
    """`isonomia ledger verify`'s checks, as the API and the ledger page show them."""
    report = verify_record(federation)
    replay = report.replay.describe() if report.replay is not None else "not checked"
    tree = report.tree or report.checkpoints or ""
    if report.snapshot is not None:
        tree = f"the stored snapshot at entry {report.snapshot} differs from the ledger"
    return {"ok": report.ok, "chain": report.chain.describe(), "replay": replay, "tree": tree}


def ledger_routes(api: APIRouter) -> None:
    """The routes of the record, added to the queries' router (readable by anyone)."""
    _verification_routes(api)
    _export_routes(api)
    _proof_routes(api)
    _witness_routes(api)


def _verification_routes(api: APIRouter) -> None:
    @api.get("/audit", name="audit", response_model=AuditOut)
    async def audit(request: Request, on: On = None) -> AuditOut:
        """The power audit of the union's voting rules on its members of a day (P12, P13)."""
        from isonomia.service.audit import audit_union

        result = await run_in_threadpool(audit_union, _federation(request), on)
        return AuditOut(**result.as_json())

    @api.get("/audit/amendment/{motion}", name="audit-amendment", response_model=AmendmentAuditOut)
    async def audit_amendment(request: Request, motion: str, on: On = None) -> AmendmentAuditOut:
        """The power audit before and after a charter amendment in the record, on the union's
        members of a day (P10, P12, P13): `isonomia audit --amendment MOTION`."""
        from isonomia.service.audit import audit_amendment

        before, after = await run_in_threadpool(audit_amendment, _federation(request), motion, on)
        return AmendmentAuditOut(
            motion=motion, before=AuditOut(**before.as_json()), after=AuditOut(**after.as_json())
        )

    @api.get("/ledger/verify", name="ledger-verify", response_model=VerifyOut)
    def ledger_verify(request: Request) -> VerifyOut:
        """Walk the hash chain, replay every entry from its signed command, check the tree,
        the checkpoints and the snapshots (P18)."""
        federation = _federation(request)
        return VerifyOut(**verified_report(federation), clock=queries.clock(federation))

    @api.get("/ledger/feed", name="ledger-feed", response_model=list[dict[str, Any]])
    def ledger_feed(
        request: Request,
        account: CurrentAccount,
        start: Annotated[int, Query(alias="from", ge=1, le=2**62)] = 1,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> list[dict[str, Any]]:
        """Entries from `from` (at most `limit`), each checkpoint after the entry that
        completes it; a case's entries sealed unless the signed-in reader may see the case,
        or is a member's council and the case is sealed at rest, its entry holding no clear
        text, so that the member's node can replay it (P17, P18)."""
        federation = _federation(request)
        principal = None if account is None else account.principal
        viewer = principal or queries.inspection.PUBLIC
        readers = queries.inspection.readers(federation)
        shown = queries.inspection.feed_shown(federation, readers, viewer)
        return list(Transparency(federation).feed(start, limit, shown))


def _export_routes(api: APIRouter) -> None:
    @api.get("/members/{member}/export", name="member-export", response_model=dict[str, Any])
    def member_export(
        request: Request,
        account: CurrentAccount,
        member: Annotated[str, PathParam(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")],
    ) -> dict[str, Any]:
        """A member's export (P3): every entry up to the head, its own in full, the rest as
        links, each part proved against a checkpoint. For the member's own council or
        congress only, as on its page: the public is told to sign in (401), any other
        account is forbidden (403)."""
        if account is None:
            raise Unauthenticated.of(N_("sign in (or give an API token) to do this"))
        if account.principal not in (f"congress:{member}", f"council:{member}"):
            raise Forbidden.of(N_("the member's own council or congress"))
        federation = _federation(request)
        if member not in {m.id for m in queries.members(federation)}:
            raise Said(404, N_("no member {member}"), member=member)
        with tempfile.TemporaryDirectory(prefix="isonomia-export-") as folder:
            out = Path(folder) / f"{member}.json"
            federation.export_member(member, out)
            exported: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        return exported


def _witness_routes(api: APIRouter) -> None:
    @api.post("/ledger/cosignatures", name="ledger-cosign", response_model=HeadOut)
    def ledger_cosign(request: Request, body: CosignatureIn) -> HeadOut:
        """A member node's cosignature of a checkpoint it re-derived (P18); kept when it
        verifies with a council's key in force."""
        federation = _federation(request)
        head = receive_cosignature(federation, body.size, body.line)
        return HeadOut(**asdict(head), log_keys=log_verifier_keys(federation))

    @api.get(
        "/ledger/cosignatures", name="ledger-cosignatures", response_model=list[dict[str, Any]]
    )
    def ledger_cosignatures(
        request: Request, after: Annotated[int, Query(ge=0, le=2**62)] = 0
    ) -> list[dict[str, Any]]:
        """Every cosignature the union received, so each node sees what the others signed."""
        return received_cosignatures(_federation(request), after)

    @api.get("/members/{member}/statement", name="member-statement")
    def member_statement_at(
        request: Request,
        member: Annotated[str, PathParam(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")],
        size: Size,
    ) -> dict[str, Any]:
        """The log's signed statement of a member's export at a checkpoint's size (P3): what
        a member's node puts in the export it writes from its own copy."""
        federation = _federation(request)
        folder = federation.keyring_folder()
        source = Keyring(folder) if folder is not None and folder.is_dir() else federation.signer
        if source is None:
            raise Said(404, N_("the union's log key is not at hand on this server"))
        return {"statement": member_statement(federation, member, size, source)}


def node_routes(app: FastAPI) -> None:
    """What a member's node serves beside the read API: the checkpoint it accepted last,
    for other nodes to compare notes with (P18)."""

    @app.get("/node/checkpoint", name="node-checkpoint", response_model=NodeCheckpointOut)
    def node_latest(request: Request) -> NodeCheckpointOut:
        """The latest checkpoint this node accepted, with the cosignatures it carried."""
        found = node_checkpoint(_federation(request))
        if found is None:
            raise Said(404, N_("this server is not a member's node: it has accepted no checkpoint"))
        return NodeCheckpointOut(
            size=found.size, root=found.root, note=found.note, accepted_at=found.accepted_at
        )

    @app.get("/node/status", name="node-status", response_model=dict[str, Any])
    def node_state(request: Request) -> dict[str, Any]:
        """What this node holds, the last checkpoint it accepted, and every alarm it raised
        (a node's alarm is public: its members' readers see it here)."""
        return node_status(_federation(request)).as_json()


def _proof_routes(api: APIRouter) -> None:
    @api.get("/ledger/head", name="ledger-head", response_model=HeadOut)
    def ledger_head(request: Request) -> HeadOut:
        """The latest checkpoint, its cosigners, and the log's verifier keys."""
        federation = _federation(request)
        head = Transparency(federation).head()
        if head is None:
            raise Said(404, N_("no checkpoint yet"))
        return HeadOut(**asdict(head), log_keys=log_verifier_keys(federation))

    @api.get("/ledger/proof/{sequence}", name="ledger-proof", response_class=Response)
    def ledger_proof(
        request: Request, sequence: Annotated[int, PathParam(ge=1, le=2**62)]
    ) -> Response:
        """A C2SP tlog-proof that entry `sequence` is in the latest checkpoint."""
        transparency = Transparency(_federation(request))
        if transparency.head() is None:
            raise Said(404, N_("no checkpoint yet"))
        return Response(transparency.prove(sequence), media_type="text/plain; charset=utf-8")

    @api.get("/ledger/consistency", name="ledger-consistency", response_class=Response)
    def ledger_consistency(request: Request, old: Size, new: Size | None = None) -> Response:
        """The proof that a newer checkpoint (the latest by default) extends an older one."""
        transparency = Transparency(_federation(request))
        if transparency.head() is None:
            raise Said(404, N_("no checkpoint yet"))
        return Response(transparency.consistency(old, new), media_type="application/json")
