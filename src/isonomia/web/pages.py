"""The HTML pages: the published record for anyone, in the member languages, and the forms
through which the signed-in act (`pages_acting`), updated live (`live`).

    /                      the union: members, who presides now and next, the sessions
    /members/{member}      a member: its standing, its delegates, its appeals
    /acts/{act}            an act: text, votes, language versions, status in each member
    /appeals               appeals, and filing one
    /vote                  a delegate's ballot
    /audit                 the power audit, drawn as bars
    /ledger                the ledger's head, its cosignatures, and verifying it
    /cases, /cases/{case}  the inspection's cases, whole only to those who may see them
                           (`pages_cases`)
    /device                the device's key, and proving it for the account (`pages_device`)

Every page reads through `isonomia.service`, as the API does. Pages are plain Starlette
routes beside the API's: they are not part of its OpenAPI description, and the API's
authorization table does not list them; who may see or do what on a page is checked here
(the signed-in account, its role and principal) and by the rules.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from isonomia import areas
from isonomia.service import (
    Refused,
    Transparency,
    log_verifier_keys,
    queries,
    translator,
    verify_record,
    witness_verifier_keys,
)
from isonomia.service.record_words import record_words
from isonomia.web import live
from isonomia.web.page_support import STATIC, Page, check_csrf, page, path_name, render
from isonomia.web.page_texts import N_
from isonomia.web.translated_errors import Said, detail_in

__all__ = ["HTML_PAGES", "install"]


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


def union(request: Request) -> Response:
    p = page(request)
    founded = _founded(p)
    return render(
        p,
        "union.html",
        members=queries.members(p.federation, p.day) if founded else [],
        presidency=_presidency(p) if founded else [],
        sessions=queries.sessions(p.federation, None, None),
    )


def member(request: Request) -> Response:
    p = page(request)
    wanted = path_name(request, "member")
    rows = queries.members(p.federation, p.day) if _founded(p) else []
    found = next((m for m in rows if m.id == wanted), None)
    if found is None:
        raise Said(404, N_("no member {member}"), member=wanted)
    delegates = [
        (o.id, seat.partition(": ")[2])
        for o in queries.organs(p.federation, p.day)
        for seat in o.delegates
        if seat.partition(": ")[0] == wanted
    ]
    principal = p.account.principal if p.account is not None else None
    return render(
        p,
        "member.html",
        member=found,
        delegates=delegates,
        appeals=[a for a in queries.appeals(p.federation, p.day) if a.member == wanted],
        deadlines=queries.deadlines.deadlines(p.federation, p.day, wanted) if _founded(p) else [],
        reminder_days=queries.charter(p.federation).procedure.reminder_days,
        own=principal in (f"congress:{wanted}", f"council:{wanted}"),
        congress=principal == f"congress:{wanted}",
        notice_days=queries.charter(p.federation).secession.notice_days,
    )


def act(request: Request) -> Response:
    p = page(request)
    wanted = path_name(request, "act")
    detail = queries.act_detail(p.federation, wanted, p.day) if _founded(p) else None
    if detail is None:
        raise Said(404, N_("no act {act}"), act=wanted)
    versions = queries.versions(p.federation, wanted)
    status = queries.act_status(p.federation, wanted, p.day) or []
    return render(p, "act.html", act=detail, status=status, versions=versions)


def appeals(request: Request) -> Response:
    p = page(request)
    founded = _founded(p)
    return render(
        p,
        "appeals.html",
        appeals=queries.appeals(p.federation, p.day) if founded else [],
        acts=queries.acts(p.federation, p.day) if founded else [],
        members=queries.members(p.federation, p.day) if founded else [],
    )


def vote(request: Request) -> Response:
    p = page(request)
    person = (p.account.principal or "").partition(":")[2] if p.account else ""
    founded = _founded(p)
    seats = [
        (o.id, seat.partition(": ")[0])
        for o in (queries.organs(p.federation, p.day) if founded else [])
        for seat in o.delegates
        if person and seat.partition(": ")[2] == person
    ]
    organs = {organ for organ, _ in seats}
    tabled = [
        a
        for a in (queries.acts(p.federation, p.day) if founded else [])
        if a.stage == "tabled" and a.organ in organs
    ]
    cast = queries.votes_cast(p.federation, f"person:{person}") if person else []
    head = Transparency(p.federation).head() if person else None
    return render(
        p,
        "vote.html",
        person=person,
        seats=seats,
        tabled=tabled,
        cast=cast,
        voted={(c.motion, c.member) for c in cast if not c.item},
        covered=head.size if head is not None else 0,
        within=queries.charter(p.federation).transparency.checkpoint_within_seconds,
        **(_pins(p) if person else {}),
    )


def _pins(p: Page) -> dict[str, Any]:
    """The keys the browser checks a vote's inclusion proof against (P18), published in
    the page so that its reader can compare them with `isonomia ledger verifier-keys`."""
    return {
        "log_keys": log_verifier_keys(p.federation),
        "witness_keys": witness_verifier_keys(p.federation),
    }


async def audit(request: Request) -> Response:
    from isonomia.service.audit import audit_union

    p = await run_in_threadpool(page, request)
    result = await run_in_threadpool(audit_union, p.federation, p.day)
    return await run_in_threadpool(render, p, "audit.html", audit=result)


def ledger(request: Request) -> Response:
    p = page(request)
    return render(p, "ledger.html", head=Transparency(p.federation).head(), report=None)


#: The ledger check's report on the page, said from its parts (the API keeps the English
#: lines of `isonomia ledger verify`).
CHAIN_HOLDS = N_("OK {count} entries, head {head}")
REPLAY_HOLDS = N_("{commands} signed commands re-derived into {entries} entries")
BROKEN_AT = N_("entry {sequence}: {reason}")
NOT_CHECKED = N_("not checked")
SNAPSHOT_DIFFERS = N_("the stored snapshot at entry {sequence} differs from the ledger")


def _check_line(p: Page, check: Any, holds: str, **parts: object) -> str:
    """One check of the ledger's report in the page's language."""
    words = record_words(p.language)
    if check is None:
        return p.gettext(NOT_CHECKED)
    if check.ok:
        return p.gettext(holds).format(
            **{k: words.count(v) if isinstance(v, int) else v for k, v in parts.items()}
        )
    if check.broken_at is None:
        return str(check.reason or "")
    return p.gettext(BROKEN_AT).format(sequence=check.broken_at, reason=check.reason)


def _verified(p: Page) -> HTMLResponse:
    found = verify_record(p.federation)
    chain, replay = found.chain, found.replay
    tree = found.tree or found.checkpoints or ""
    if found.snapshot is not None:
        tree = p.gettext(SNAPSHOT_DIFFERS).format(sequence=found.snapshot)
    report = {
        "ok": found.ok,
        "chain": _check_line(p, chain, CHAIN_HOLDS, count=chain.count, head=chain.head),
        "replay": _check_line(
            p,
            replay,
            REPLAY_HOLDS,
            commands=replay.commands if replay else 0,
            entries=replay.entries if replay else 0,
        ),
        "tree": tree,
    }
    head = Transparency(p.federation).head()
    return render(p, "ledger.html", here="/ledger", head=head, report=report)


async def ledger_verify(request: Request) -> Response:
    form = await request.form()
    p = await run_in_threadpool(page, request)
    token = form.get("csrf")
    check_csrf(request, token if isinstance(token, str) else "")
    return await run_in_threadpool(_verified, p)


#: (path, endpoint, methods, name) of the pages of the published record.
HTML_PAGES: list[tuple[str, Callable[[Request], Any], list[str], str]] = [
    ("/", union, ["GET"], "page-union"),
    ("/members/{member}", member, ["GET"], "page-member"),
    ("/acts/{act}", act, ["GET"], "page-act"),
    ("/appeals", appeals, ["GET"], "page-appeals"),
    ("/vote", vote, ["GET"], "page-vote"),
    ("/audit", audit, ["GET"], "page-audit"),
    ("/ledger", ledger, ["GET"], "page-ledger"),
    ("/ledger/verify", ledger_verify, ["POST"], "page-ledger-verify"),
]


#: The title of an error page, by its status.
ERROR_TITLES = {
    403: N_("Not allowed"),
    404: N_("Not found"),
    405: N_("Not possible this way"),
    500: N_("The service failed"),
}


def error_page(request: Request, error: HTTPException) -> Response:
    """An error as a page of the site, in the page's language (a day in `?on=` that is
    not one, the error itself maybe, is left out of it)."""
    p = page(request, strict=False)
    title = p.gettext(ERROR_TITLES.get(error.status_code, N_("Not possible")))
    english = error.detail if isinstance(error.detail, str) else ""
    detail = detail_in(translator(p.language), error, english)
    here = "/" if request.method != "GET" or error.status_code == 405 else None
    answer = render(
        p, "error.html", status_code=error.status_code, here=here, title=title, detail=detail
    )
    answer.headers.update(error.headers or {})
    return answer


def html_errors(endpoint: Callable[[Request], Any]) -> Callable[[Request], Any]:
    """The page, or, when it is not found or not allowed, an HTML page saying so in the
    page's language (the API answers the same errors as problem details)."""

    async def guarded(request: Request) -> Response:
        try:
            if inspect.iscoroutinefunction(endpoint):
                answer: Response = await endpoint(request)
                return answer
            return await run_in_threadpool(endpoint, request)
        except HTTPException as error:
            return await run_in_threadpool(error_page, request, error)

    return guarded


def install(app: FastAPI) -> None:
    """Mount the pages, their static files, the forms and the live updates on `app`; a
    browser asking for a page that is not there (or with a method it does not take) gets
    an error page, not problem details (`problems.install` asks `app.state.error_page`)."""
    app.state.error_page = error_page
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    # Each area's web modules (`isonomia.areas`) list their pages: HTML pages answer errors
    # as pages; the forms' scripts (JSON) and the live updates do not.
    modules = areas.load("web")
    html = [route for module in modules for route in getattr(module, "HTML_PAGES", [])]
    for path, endpoint, methods, name in html:
        app.add_route(path, html_errors(endpoint), methods=methods, name=name)
    scripts = [route for module in modules for route in getattr(module, "JSON_PAGES", [])]
    for path, endpoint, methods, name in [*scripts, *live.PAGES]:
        app.add_route(path, endpoint, methods=methods, name=name, include_in_schema=False)
