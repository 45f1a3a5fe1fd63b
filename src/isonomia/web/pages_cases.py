"""The inspection's cases on the web (P16, P17): the list, and a case whole.

    /cases                 every case: whole rows for those who may see it, number and status
                           for anyone else (as `isonomia case list`)
    /cases/{case}          the whole case, for its commission, its parties, its defender and
                           the inspection; anyone else, the public too, is refused (403)

The reader is the signed-in account's principal, or the public; who may see a case is the
rules' to say (`may_see`), read through `isonomia.service` as the CLI reads it. A sealed
case's texts show as a notice: the server holds no reader's key; the reader's CLI opens them
(`isonomia case show CASE --key FILE --decrypt`), and the API gives them sealed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from isonomia.service import Refused, queries, sealing
from isonomia.web.page_support import Page, page, path_name, render
from isonomia.web.page_texts import N_

__all__ = ["HTML_PAGES", "viewer_of"]

#: What a reader who may not see a case, or asks for one that is not, is told.
NO_CASE = N_("There is no case {case}.")
SEALED = N_(
    "Case {case} is seen only by its commission, its parties, its defender and the inspection."
)
#: What a sealed text of a case shows on the page: the server holds no reader's key (P17).
SEALED_TEXT = N_("[sealed: open it with `isonomia case show CASE --key FILE --decrypt`]")


def viewer_of(p: Page) -> str:
    """The principal who reads the page: the one the signed-in account proved a key of,
    else the public."""
    principal = p.account.principal if p.account is not None else None
    return principal or queries.inspection.PUBLIC


def cases(request: Request) -> Response:
    p = page(request)
    rows = queries.inspection.cases(p.federation, viewer_of(p))
    return render(p, "cases.html", cases=rows)


def case(request: Request) -> Response:
    p = page(request)
    wanted = path_name(request, "case")
    viewer = viewer_of(p)
    if all(row.id != wanted for row in queries.inspection.cases(p.federation, viewer)):
        raise HTTPException(status_code=404, detail=p.gettext(NO_CASE).format(case=wanted))
    try:
        detail = queries.inspection.case_detail(p.federation, wanted, viewer)
    except Refused:
        raise HTTPException(status_code=403, detail=p.gettext(SEALED).format(case=wanted)) from None
    # Sealed at rest: only a reader's own key opens the texts, and the server holds none.
    detail = sealing.notice_sealed(detail, p.gettext(SEALED_TEXT))
    rounds = [
        (n, [f for f in detail.findings if f[1] == str(n)])
        for n in range(1, (detail.row.round or 1) + 1)
    ]
    return render(p, "case.html", case=detail, rounds=rounds)


#: (path, endpoint, methods, name) of the case pages.
HTML_PAGES: list[tuple[str, Callable[[Request], Any], list[str], str]] = [
    ("/cases", cases, ["GET"], "page-cases"),
    ("/cases/{case}", case, ["GET"], "page-case"),
]
