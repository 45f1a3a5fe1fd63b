"""The union's budget on the web (issue 26): the API's read endpoints (the budget of a year,
the accounts, the accounts as Beancount text) and the budget's pages (the budget, and each
member's contributions, paid and owed, and equalisation received)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse, Response

from isonomia.service import Federation, queries
from isonomia.service.queries import budget as budget_queries
from isonomia.web.page_support import page, render
from isonomia.web.page_texts import N_
from isonomia.web.translated_errors import Said

__all__ = ["HTML_PAGES", "api_routes"]

Year = Annotated[int | None, Query(ge=1000, le=3000, description="The fiscal year.")]
Member = Annotated[str | None, Query(max_length=63, description="Only this member's.")]


def _federation(request: Request) -> Federation:
    federation: Federation = request.app.state.federation
    return federation


def _text(value: Any) -> Any:
    """Amounts as exact strings, in the API's JSON."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_text(v) for v in value]
    return value


def _view(view: budget_queries.BudgetView) -> dict[str, Any]:
    found: dict[str, Any] = _text(
        {
            **{k: getattr(view, k) for k in ("year", "motion", "organ", "currency")},
            **{k: getattr(view, k) for k in ("proposed_on", "adopted_on", "called_on", "due_on")},
            "total": view.total,
            "lines": [
                {"line": r.line, "amount": r.amount, "spent": r.spent, "remaining": r.remaining}
                for r in view.lines
            ],
            "shares": [
                {
                    "member": s.member,
                    "share": s.share,
                    "charged": s.charged,
                    "paid": s.paid,
                    "cancelled": s.cancelled,
                    "owed": s.owed,
                    "equalisation": s.equalisation,
                    "received": s.transferred,
                }
                for s in view.shares
            ],
        }
    )
    return found


def api_routes(api: APIRouter) -> None:
    """The budget's read endpoints, on the API's router of queries."""

    @api.get("/budget", name="budget")
    def budget(request: Request, year: Year = None) -> dict[str, Any]:
        """A fiscal year's budget (default: the latest): lines, spent, remaining; shares,
        charged, paid, owed; equalisation (P3, P4, P12). Amounts are exact strings."""
        view = budget_queries.budget(_federation(request), year)
        if view is None:
            raise Said(404, N_("no budget of {year}"), year=year or "-")
        return _view(view)

    @api.get("/budget/accounts", name="budget-accounts")
    def budget_accounts(request: Request, member: Member = None) -> dict[str, Any]:
        """The accounts' balances and postings (a member's, with `member`)."""
        federation = _federation(request)
        rows = budget_queries.postings(federation, member or None)
        found: dict[str, Any] = _text(
            {
                "balances": budget_queries.balances(federation, member or None),
                "postings": [
                    {
                        "entry": p.sequence,
                        "day": p.booked_on,
                        "account": p.account,
                        "member": p.member,
                        "amount": p.amount,
                        "narration": p.narration,
                    }
                    for p in rows
                ],
            }
        )
        return found

    @api.get(
        "/budget/accounts/beancount", name="budget-beancount", response_class=PlainTextResponse
    )
    def budget_beancount(request: Request) -> str:
        """The accounts as Beancount text, for an accountant's tools."""
        federation = _federation(request)
        charter = queries.charter(federation)
        if charter.budget is None:
            raise Said(404, N_("the charter keeps no budget"))
        return budget_queries.beancount(federation, charter.budget.currency, charter.union.name)


def budget_page(request: Request) -> Response:
    p = page(request)
    year = request.query_params.get("year")
    view = budget_queries.budget(p.federation, int(year) if year and year.isdigit() else None)
    return render(p, "budget.html", view=view, member=None, postings=[])


def member_budget_page(request: Request) -> Response:
    p = page(request)
    member = request.path_params["member"]
    view = budget_queries.budget(p.federation)
    rows = budget_queries.postings(p.federation, member)
    return render(p, "budget.html", view=view, member=member, postings=rows)


HTML_PAGES = [
    ("/budget", budget_page, ["GET"], "page-budget"),
    ("/budget/{member}", member_budget_page, ["GET"], "page-member-budget"),
]
