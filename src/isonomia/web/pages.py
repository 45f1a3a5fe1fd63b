"""The HTML pages: the published record for anyone, in the member languages, and the forms
through which the signed-in act (`pages_acting`), updated live (`live`).

    /                      the union: members, who presides now and next, the sessions
    /members/{member}      a member: its standing, its delegates, its appeals
    /acts/{act}            an act: text, votes, language versions, status in each member
    /appeals               appeals, and filing one
    /vote                  a delegate's ballot
    /audit                 the power audit, drawn as bars
    /ledger                the ledger's head, its cosignatures, and verifying it
    /cases/{case}          an inspection case (none in this build: 404 for everyone)

Every page reads through `isonomia.service`, as the API does.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Form, Path, Request
from fastapi.exceptions import HTTPException
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from isonomia.service import Refused, Transparency, queries
from isonomia.web import live, pages_acting
from isonomia.web.page_support import STATIC, Page, check_csrf, page, render

__all__ = ["install", "router"]

Name = Annotated[str, Path(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9:._-]+$")]
Current = Annotated[Page, Depends(page)]


def _presidency(p: Page) -> list[Any]:
    """Who presides on the page's day, and who next."""
    try:
        rows = queries.presidency_rows(p.federation, p.day, 3)
    except Refused:
        return []
    now = next((i for i, row in enumerate(rows) if row.current), None)
    return [] if now is None else rows[now : now + 2]


def _founded(p: Page) -> bool:
    founded = queries.founded_on(p.federation)
    return founded is not None and founded <= p.day


def router() -> APIRouter:
    """The pages of the published record."""
    pages = APIRouter(include_in_schema=False)
    _union_pages(pages)
    _act_pages(pages)
    _ledger_pages(pages)
    return pages


def _union_pages(pages: APIRouter) -> None:
    @pages.get("/", name="page-union", response_class=HTMLResponse)
    def union(p: Current) -> HTMLResponse:
        founded = _founded(p)
        return render(
            p,
            "union.html",
            members=queries.members(p.federation, p.day) if founded else [],
            presidency=_presidency(p) if founded else [],
            sessions=queries.sessions(p.federation, None, None),
        )

    @pages.get("/members/{member}", name="page-member", response_class=HTMLResponse)
    def member(p: Current, member: Name) -> HTMLResponse:
        rows = queries.members(p.federation, p.day) if _founded(p) else []
        found = next((m for m in rows if m.id == member), None)
        if found is None:
            raise HTTPException(status_code=404, detail=f"no member {member}")
        organs = queries.organs(p.federation, p.day)
        delegates = [
            (o.id, seat.partition(": ")[2])
            for o in organs
            for seat in o.delegates
            if seat.partition(": ")[0] == member
        ]
        appeals = [a for a in queries.appeals(p.federation, p.day) if a.member == member]
        own = p.account is not None and p.account.principal in (
            f"congress:{member}",
            f"council:{member}",
        )
        return render(
            p,
            "member.html",
            member=found,
            delegates=delegates,
            appeals=appeals,
            own=own,
            congress=p.account is not None and p.account.principal == f"congress:{member}",
        )


def _versions(p: Page, act: str) -> list[Any]:
    book = p.federation.state().languages
    return sorted((v for (a, _), v in book.versions.items() if a == act), key=lambda v: v.language)


def _act_pages(pages: APIRouter) -> None:
    @pages.get("/acts/{act}", name="page-act", response_class=HTMLResponse)
    def act(p: Current, act: Name) -> HTMLResponse:
        detail = queries.act_detail(p.federation, act, p.day) if _founded(p) else None
        if detail is None:
            raise HTTPException(status_code=404, detail=f"no act {act}")
        status = queries.act_status(p.federation, act, p.day) or []
        return render(p, "act.html", act=detail, status=status, versions=_versions(p, act))

    @pages.get("/appeals", name="page-appeals", response_class=HTMLResponse)
    def appeals(p: Current) -> HTMLResponse:
        founded = _founded(p)
        return render(
            p,
            "appeals.html",
            appeals=queries.appeals(p.federation, p.day) if founded else [],
            acts=queries.acts(p.federation, p.day) if founded else [],
            members=queries.members(p.federation, p.day) if founded else [],
        )

    @pages.get("/vote", name="page-vote", response_class=HTMLResponse)
    def vote(p: Current) -> HTMLResponse:
        person = p.account.principal.partition(":")[2] if p.account else ""
        seats = [
            (o.id, seat.partition(": ")[0])
            for o in (queries.organs(p.federation, p.day) if _founded(p) else [])
            for seat in o.delegates
            if person and seat.partition(": ")[2] == person
        ]
        organs = {organ for organ, _ in seats}
        tabled = [
            a
            for a in (queries.acts(p.federation, p.day) if _founded(p) else [])
            if a.stage == "tabled" and a.organ in organs
        ]
        return render(p, "vote.html", seats=seats, tabled=tabled)


def _ledger_pages(pages: APIRouter) -> None:
    @pages.get("/audit", name="page-audit", response_class=HTMLResponse)
    async def audit(request: Request) -> HTMLResponse:
        from isonomia.service.audit import audit_union

        p = await run_in_threadpool(page, request)
        result = await run_in_threadpool(audit_union, p.federation, p.day)
        return render(p, "audit.html", audit=result)

    @pages.get("/ledger", name="page-ledger", response_class=HTMLResponse)
    def ledger(p: Current) -> HTMLResponse:
        return render(p, "ledger.html", head=Transparency(p.federation).head(), report=None)

    @pages.post("/ledger/verify", name="page-ledger-verify", response_class=HTMLResponse)
    def ledger_verify(p: Current, csrf: Annotated[str, Form()] = "") -> HTMLResponse:
        check_csrf(p.request, csrf)
        chain = p.federation.verify_ledger()
        signatures = p.federation.verify_signatures() if chain.ok else None
        report = {
            "ok": chain.ok and signatures is not None and signatures.ok,
            "chain": chain.describe(),
            "signatures": "" if signatures is None else signatures.describe(),
        }
        head = Transparency(p.federation).head()
        return render(p, "ledger.html", head=head, report=report)

    @pages.get("/cases/{case}", name="page-case", response_class=HTMLResponse)
    def case(p: Current, case: Name) -> HTMLResponse:
        # No inspection cases in this build: nobody may see one, so none is found.
        raise HTTPException(status_code=404, detail=f"no case {case}")


def install(app: FastAPI) -> None:
    """Mount the pages, their static files, the forms and the live updates on `app`."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(pages_acting.router())
    app.include_router(live.router())
    app.include_router(router())
