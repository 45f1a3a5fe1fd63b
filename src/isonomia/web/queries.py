"""The API's queries: the published record, read from the read tables as the CLI reads it.

Each list answers as of a day (`?on=YYYY-MM-DD`, default today); before the union's
founding a list is empty. Anyone may read the published record, with or without an account.
The inspection's cases are the exception (P17): a case is whole only for its commission,
its parties, its defender and the inspection, read as the account's principal; the list
shows anyone else each case's number and status, and a case itself needs an account (401)
whose principal may see it (403).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request, Response
from pydantic import BaseModel

from isonomia import areas
from isonomia.service import (
    ActDetail,
    ActRow,
    AppealRow,
    CompetenceRow,
    ComplianceRow,
    DepartmentRow,
    Federation,
    KeyRow,
    LanguageGap,
    MemberActStatus,
    MemberRow,
    OrganRow,
    PresidencyRow,
    Refused,
    SanctionRow,
    SessionRow,
    now,
    queries,
)
from isonomia.service import journal_feed as make_feed
from isonomia.service import journal_pdf as make_pdf
from isonomia.service.queries.deadlines import DeadlineRow
from isonomia.service.queries.inspection import PUBLIC, CaseDetail, CaseRow
from isonomia.service.queries.journal import JournalIssue
from isonomia.web.auth import ACCOUNTS, ANYONE, CurrentAccount, allow
from isonomia.web.ledger import ledger_routes
from isonomia.web.page_texts import N_
from isonomia.web.translated_errors import Said

__all__ = ["install", "router"]

On = Annotated[date | None, Query(description="As of this day (default: today).")]
Name = Annotated[str, Path(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9:._-]+$")]
Reader = Depends(allow(ANYONE))


def _federation(request: Request) -> Federation:
    federation: Federation = request.app.state.federation
    return federation


def _rows_on(
    request: Request, on: date | None, query: Callable[..., list[Any]], *args: Any, **kw: Any
) -> list[Any]:
    """`query(federation, day, ...)` on the day asked for; no rows before the founding."""
    federation = _federation(request)
    day = _day(federation, on)
    return [] if day is None else query(federation, day, *args, **kw)


def _day(federation: Federation, on: date | None) -> date | None:
    """The day asked for, or None when the union was not founded by then."""
    day = on or now().date()
    founded = queries.founded_on(federation)
    return day if founded is not None and day >= founded else None


class UnionOut(BaseModel):
    name: str
    clock: str
    founded_on: date | None
    union_council: str
    ledger_length: int


def router() -> APIRouter:
    """Every query of the published record, readable by anyone."""
    api = APIRouter(prefix="/api/v1", tags=["queries"], dependencies=[Reader])
    _union_routes(api)
    _act_routes(api)
    _area_routes(api)
    _notice_routes(api)
    _case_routes(api)
    ledger_routes(api)
    # Each area's web modules (`isonomia.areas`) may add read endpoints of their own.
    for module in areas.load("web"):
        hook = getattr(module, "api_routes", None)
        if hook is not None:
            hook(api)
    return api


def _union_routes(api: APIRouter) -> None:
    @api.get("/union", name="union", response_model=UnionOut)
    def union(request: Request) -> UnionOut:
        """The union: its name, its clock, when it was founded, its council."""
        federation = _federation(request)
        return UnionOut(
            name=queries.charter(federation).union.name,
            clock=queries.clock(federation),
            founded_on=queries.founded_on(federation),
            union_council=queries.union_council(federation),
            ledger_length=federation.ledger_length(),
        )

    @api.get("/members", name="members", response_model=list[MemberRow])
    def members(request: Request, on: On = None) -> list[MemberRow]:
        """Members and their standing (P1–P3)."""
        return _rows_on(request, on, queries.members)

    @api.get("/presidency", name="presidency", response_model=list[PresidencyRow])
    def presidency(
        request: Request, on: On = None, terms: Annotated[int, Query(ge=1, le=100)] = 7
    ) -> list[PresidencyRow]:
        """The rotating presidency, term by term (P5)."""
        return _rows_on(request, on, queries.presidency_rows, terms)


def _act_routes(api: APIRouter) -> None:

    @api.get("/organs", name="organs", response_model=list[OrganRow])
    def organs(request: Request, on: On = None) -> list[OrganRow]:
        """The organs and who sits in them."""
        return _rows_on(request, on, queries.organs)

    @api.get("/sessions", name="sessions", response_model=list[SessionRow])
    def sessions(
        request: Request, on: On = None, organ: Annotated[str | None, Query(max_length=200)] = None
    ) -> list[SessionRow]:
        """Sessions in the order they are held."""
        return queries.sessions(_federation(request), organ or None, on)

    @api.get("/acts", name="acts", response_model=list[ActRow])
    def acts(
        request: Request,
        on: On = None,
        organ: Annotated[str | None, Query(max_length=200)] = None,
        kind: Annotated[str | None, Query(max_length=200)] = None,
    ) -> list[ActRow]:
        """Acts: motions, resolutions and directives, each at its stage."""
        return _rows_on(request, on, queries.acts, organ or None, kind or None)

    @api.get("/acts/{act_id}", name="act", response_model=ActDetail)
    def act(request: Request, act_id: Name, on: On = None) -> ActDetail:
        """One act: its text, its votes, its amendments."""
        federation = _federation(request)
        day = _day(federation, on)
        found = None if day is None else queries.act_detail(federation, act_id, day)
        if found is None:
            raise Said(404, N_("no act {act}"), act=act_id)
        return found

    @api.get("/acts/{act_id}/status", name="act-status", response_model=list[MemberActStatus])
    def act_status(request: Request, act_id: Name, on: On = None) -> list[MemberActStatus]:
        """Where an act is in force, member by member, and why (P14)."""
        federation = _federation(request)
        day = _day(federation, on)
        found = None if day is None else queries.act_status(federation, act_id, day)
        if found is None:
            raise Said(404, N_("no act {act}"), act=act_id)
        return found


def _notice_routes(api: APIRouter) -> None:
    @api.get("/deadlines", name="deadlines", response_model=list[DeadlineRow])
    def deadlines(
        request: Request,
        on: On = None,
        member: Annotated[str | None, Query(max_length=200)] = None,
        reminders: bool = False,
    ) -> list[DeadlineRow]:
        """What runs out: appeal windows, notice, postponed votes, ballot periods, secessions
        taking effect, awaited language versions; with `reminders`, only those due one of
        the charter's reminder days later (P3, P4, P6, P12, P14)."""
        find = queries.deadlines.reminders if reminders else queries.deadlines.deadlines
        return _rows_on(request, on, find, member or None)

    @api.get("/journal", name="journal", response_model=list[JournalIssue])
    def journal(
        request: Request,
        on: On = None,
        member: Annotated[str | None, Query(max_length=200)] = None,
        since: Annotated[date | None, Query(description="Issues from this day.")] = None,
        issue: Annotated[int | None, Query(ge=1, le=10**6)] = None,
        field: Annotated[str | None, Query(max_length=200)] = None,
    ) -> list[JournalIssue]:
        """The official journal's numbered issues: every published act, circulated draft,
        election result, sanction and amendment, with the entry each cites and each member's
        languages still awaiting a certified version (P8, P14, P18)."""
        find = queries.journal.journal
        return _rows_on(request, on, find, member or None, since, issue, field or None)

    @api.get(
        "/journal/{number}.pdf",
        name="journal-pdf",
        response_class=Response,
        responses={200: {"content": {"application/pdf": {}}}},
    )
    def journal_pdf(
        request: Request, number: Annotated[int, Path(ge=1, le=10**6)], on: On = None
    ) -> Response:
        """One issue of the journal as a PDF (P8, P14)."""
        body = make_pdf(_federation(request), number, on or now().date())
        return Response(body, media_type="application/pdf")

    @api.get(
        "/journal/{member}/{language}.atom",
        name="journal-feed",
        response_class=Response,
        responses={200: {"content": {"application/atom+xml": {}}}},
    )
    def journal_feed(request: Request, member: Name, language: Name, on: On = None) -> Response:
        """A member's Atom feed of the journal in one of its official languages (P14)."""
        federation = _federation(request)
        body = make_feed(federation, member, language, on or now().date(), str(request.base_url))
        return Response(body, media_type="application/atom+xml; charset=utf-8")


def _area_routes(api: APIRouter) -> None:
    @api.get("/appeals", name="appeals", response_model=list[AppealRow])
    def appeals(request: Request, on: On = None) -> list[AppealRow]:
        """Appeals and their rulings."""
        return _rows_on(request, on, queries.appeals)

    @api.get("/directives/{member}", name="directives", response_model=list[ComplianceRow])
    def directives(request: Request, member: Name, on: On = None) -> list[ComplianceRow]:
        """What a member has carried out under each directive (P8)."""
        return queries.directives_for(_federation(request), member, on)

    @api.get("/departments", name="departments", response_model=list[DepartmentRow])
    def departments(request: Request, on: On = None) -> list[DepartmentRow]:
        """Joint departments, consents and gaps in representation (P7)."""
        return _rows_on(request, on, queries.departments)

    @api.get("/conferences", name="conferences", response_model=list[str])
    def conferences(request: Request) -> list[str]:
        """The organs that are conferences."""
        return queries.conference_organs(_federation(request))

    @api.get("/conferences/resolutions", name="resolutions", response_model=list[ActRow])
    def resolutions(request: Request, on: On = None) -> list[ActRow]:
        """Resolutions of the consultative conferences: advisory, always (P9)."""
        return _rows_on(request, on, queries.acts, kind="conference")

    @api.get("/competences", name="competences", response_model=list[CompetenceRow])
    def competences(request: Request, on: On = None) -> list[CompetenceRow]:
        """Competences of each field as of a day (P6)."""
        return _rows_on(request, on, queries.competences)

    @api.get("/competences/history", name="competence-history", response_model=list[CompetenceRow])
    def competence_history(
        request: Request, field: Annotated[str | None, Query(max_length=200)] = None
    ) -> list[CompetenceRow]:
        """Every change of competence, in order."""
        return queries.competence_history(_federation(request), field or None)

    @api.get("/persons/{person}/sanctions", name="sanctions", response_model=list[SanctionRow])
    def sanctions(request: Request, person: Name) -> list[SanctionRow]:
        """The sanctions final findings put on a person, with the offices they took (P17)."""
        return queries.sanctions(_federation(request), person)

    @api.get("/keys", name="keys", response_model=list[KeyRow])
    def keys(request: Request, on: On = None) -> list[KeyRow]:
        """The key register: every principal's keys, in force or revoked (P18)."""
        return _rows_on(request, on, queries.keys)

    @api.get("/languages/report", name="languages-report", response_model=list[LanguageGap])
    def languages_report(request: Request, on: On = None) -> list[LanguageGap]:
        """Where the languages' rules are not yet met (P14)."""
        return _rows_on(request, on, queries.language_report)


def _case_routes(api: APIRouter) -> None:
    def viewer(account: CurrentAccount) -> str:
        principal = None if account is None else account.principal
        return principal or queries.inspection.PUBLIC

    @api.get("/cases", name="cases", response_model=list[CaseRow])
    def cases(request: Request, account: CurrentAccount) -> list[CaseRow]:
        """Every case: whole for those who may see it, number and status for anyone else
        (P17)."""
        return queries.inspection.cases(_federation(request), viewer(account))

    @api.get(
        "/cases/{case_id}",
        name="case",
        response_model=CaseDetail,
        dependencies=[Depends(allow(ACCOUNTS))],
    )
    def case(request: Request, case_id: Name, account: CurrentAccount) -> CaseDetail:
        """The whole case, for its commission, its parties, its defender and the
        inspection; refused (403) to anyone else (P17)."""
        federation = _federation(request)
        if all(row.id != case_id for row in queries.inspection.cases(federation, PUBLIC)):
            raise Said(404, N_("no case {case}"), case=case_id)
        try:
            return queries.inspection.case_detail(federation, case_id, viewer(account))
        except Refused as refused:
            raise Refused(refused.refusal, who=True) from None


def install(app: FastAPI) -> None:
    app.include_router(router())
