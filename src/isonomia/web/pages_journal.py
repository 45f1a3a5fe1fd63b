"""The official journal on the web (P8, P14, P18).

    /journal               its issues up to the day asked for (`?on=`), newest first;
                           `?member=M` keeps what is addressed to M or to every member
    /journal/{number}      one issue

Each item links to its entry's inclusion proof, to the member's Atom feed in each of its
languages, and to the issue's PDF; read through `isonomia.service` as the CLI reads it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from isonomia.service import queries
from isonomia.web.page_support import page, path_name, render
from isonomia.web.page_texts import N_

__all__ = ["HTML_PAGES"]

NO_ISSUE = N_("The journal has no issue {number}.")


def _name(request: Request, key: str) -> str | None:
    """A member's or a field's id from the query string; anything else is ignored."""
    wanted = request.query_params.get(key) or None
    return wanted if wanted is None or wanted.replace("-", "").isalnum() else None


def journal(request: Request) -> Response:
    p = page(request)
    member, field = _name(request, "member"), _name(request, "field")
    issues = queries.journal.journal(p.federation, p.day, member, field=field)
    languages = {m.id: m.languages for m in queries.members(p.federation, p.day)}
    return render(
        p,
        "journal.html",
        issues=list(reversed(issues)),
        member=member,
        field=field,
        fields=[c.field for c in queries.competences(p.federation, p.day)],
        feeds=languages.get(member or "", []),
        kinds=queries.journal.KINDS,
    )


def issue(request: Request) -> Response:
    p = page(request)
    number = path_name(request, "number")
    found = (
        queries.journal.journal(p.federation, p.day, number=int(number)) if number.isdigit() else []
    )
    if not found:
        raise HTTPException(status_code=404, detail=p.gettext(NO_ISSUE).format(number=number))
    return render(
        p,
        "journal.html",
        issues=found,
        member=None,
        field=None,
        fields=[],
        feeds=[],
        kinds=queries.journal.KINDS,
    )


#: (path, endpoint, methods, name) of the journal's pages.
HTML_PAGES: list[tuple[str, Callable[[Request], Any], list[str], str]] = [
    ("/journal", journal, ["GET"], "page-journal"),
    ("/journal/{number}", issue, ["GET"], "page-journal-issue"),
]
