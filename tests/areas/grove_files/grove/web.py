"""The grove's page."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response

from grove.queries import trees
from isonomia.web.page_support import page, render


def grove_page(request: Request) -> Response:
    p = page(request)
    return render(p, "grove.html", trees=trees(p.federation))


HTML_PAGES = [("/grove", grove_page, ["GET"], "page-grove")]
