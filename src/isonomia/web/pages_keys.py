"""The keys page: the body that answers for a principal registers its key from the browser.

    GET /keys    the principals whose keys the signed-in account's principal registers (a
                 council: the delegates sitting for its member; a congress: its council and
                 itself; the secretariat: the union's offices; the inspection: itself), and a
                 form that signs `RegisterKey` on this device

A delegate makes a key on its own device (`/device`), which shows the key's public half and
its id; the council pastes the public key here, the page shows the id it computes from it
(the council compares it with the one the delegate reads on its device) and the council
signs the registration with its own device's key, through the one write route, as every
command from a page. The rules decide, as for the CLI: a council registers only its own
member's delegates (P4, P18).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from isonomia.service import actors, queries
from isonomia.web.page_support import Page, page, render

__all__ = ["HTML_PAGES"]


def registrable(p: Page) -> tuple[bool, list[str], str]:
    """Whether the account's principal registers keys at all, the principals whose keys it
    registers that the record knows of (suggested: a council's delegates seated on the
    page's day; it may name a person not seated yet), and the member a delegate's key is
    registered for ("" for none)."""
    principal = p.account.principal if p.account is not None else None
    if not principal:
        return False, [], ""
    kind, _, name = principal.partition(":")
    founded = queries.founded_on(p.federation)
    organs = queries.organs(p.federation, p.day) if founded and founded <= p.day else []
    if kind == "council":
        people = {
            seat.partition(": ")[2]
            for organ in organs
            for seat in organ.delegates
            if seat.partition(": ")[0] == name
        }
        return True, sorted(actors.person(person) for person in people if person), name
    if kind == "congress":
        return True, [actors.council(name), principal], ""
    if principal == actors.SECRETARIAT:
        return True, [f"organ:{organ.id}" for organ in organs] + [principal], ""
    if principal == actors.INSPECTION:
        return True, [principal], ""
    return False, [], ""


def keys_page(request: Request) -> Response:
    p = page(request)
    registers, suggested, member = registrable(p)
    return render(p, "keys.html", registers=registers, suggested=suggested, member=member)


Routes = list[tuple[str, Callable[[Request], Any], list[str], str]]
#: (path, endpoint, methods, name) of the keys page.
HTML_PAGES: Routes = [("/keys", keys_page, ["GET"], "page-keys")]
