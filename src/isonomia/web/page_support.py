"""What every HTML page needs: the language it speaks, the CSRF token of the browser's
session, the signed-in account, and the templates.

The language is `?lang=` (kept in a cookie), else the cookie, else `Accept-Language`, among
the shipped catalogs. The CSRF token is a random value kept in an HttpOnly, SameSite=Strict
cookie and repeated in every form (and in the `X-CSRF-Token` header of the pages' scripts);
a POST whose token does not match the cookie is refused. Signing in or out makes a new one.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from isonomia import areas
from isonomia.service import (
    SHIPPED,
    SIGNING_ROLES,
    Account,
    Federation,
    ServiceError,
    negotiate,
    now,
    queries,
    translator,
)
from isonomia.service.record_words import record_words
from isonomia.web.auth import current_account
from isonomia.web.page_texts import N_
from isonomia.web.translated_errors import Said

__all__ = [
    "CSRF_COOKIE",
    "LANG_COOKIE",
    "STATIC",
    "Page",
    "check_csrf",
    "federation_of",
    "language_link",
    "new_csrf",
    "page",
    "page_language",
    "path_name",
    "record_day",
    "render",
    "set_csrf",
    "shown",
]

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
LANG_COOKIE = "isonomia_lang"
CSRF_COOKIE = "isonomia_csrf"
CSRF_HEADER = "x-csrf-token"
#: Names of the shipped languages, each in itself.
LANGUAGE_NAMES = {"en": "English", "uk": "Українська", "ka": "ქართული"}

#: The bidirectional embeddings, overrides and isolates (and their ends), each shown as its
#: escape (`\\u202e`): in a page they would show the text around them in another order than
#: it is stored ("Trojan Source"). The marks (U+200E, U+200F, U+061C) are ordinary writing.
BIDI_ESCAPES = {
    ord(ch): f"\\u{ord(ch):04x}" for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
}


def shown(value: Any) -> Any:
    """What a page prints of a value: text with its bidirectional controls escaped."""
    if not isinstance(value, str):
        return value
    text = str.translate(value, BIDI_ESCAPES)
    if text == value:
        return value
    return type(value)(text) if hasattr(value, "__html__") else text  # markup stays markup


_templates = jinja2.Environment(
    # The pages' own templates, then those of each area that brings its own.
    loader=jinja2.FileSystemLoader(
        [HERE / "templates", *(a.templates for a in areas.areas() if a.templates is not None)]
    ),
    autoescape=jinja2.select_autoescape(("html",)),
    finalize=shown,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def federation_of(request: Request) -> Federation:
    federation: Federation = request.app.state.federation
    return federation


def page_language(request: Request) -> str:
    """`?lang=`, else the language cookie, else `Accept-Language`, else English."""
    asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    return negotiate(asked, request.headers.get("accept-language"))


def new_csrf() -> str:
    return secrets.token_urlsafe(32)


def set_csrf(response: Response, request: Request, token: str) -> None:
    response.set_cookie(
        CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )


def check_csrf(request: Request, token: str | None) -> None:
    """Refuse (403) a POST whose token is not the one of the browser's session."""
    expected = request.cookies.get(CSRF_COOKIE)
    given = token or request.headers.get(CSRF_HEADER)
    if not expected or not given or not secrets.compare_digest(expected, given):
        raise Said(403, N_("the form's CSRF token does not match"))


def record_day(federation: Federation) -> tuple[date, str | None]:
    """The day pages show, and the time a page's command is dated at: today in a live
    union; in a simulated one, the day and time of its last entry (a simulated record
    never goes back)."""
    if queries.clock(federation) != "simulated":
        return now().date(), None
    length = federation.ledger_length()
    last = next(iter(federation.entries(after=length - 1)), None) if length else None
    if last is None:
        return now().date(), None
    return date.fromisoformat(last.recorded_at[:10]), last.recorded_at


@dataclass(frozen=True)
class Page:
    """What a page handler knows of its request."""

    request: Request
    federation: Federation
    account: Account | None
    language: str
    day: date
    at: str | None

    @property
    def signs(self) -> bool:
        """Whether the account signs commands and has proved whose key it signs with."""
        account = self.account
        return account is not None and account.role in SIGNING_ROLES and account.bound

    @property
    def unproved(self) -> bool:
        """Whether the account would sign but has not yet proved whose key it holds."""
        account = self.account
        return account is not None and account.role in SIGNING_ROLES and not account.bound

    def gettext(self, msgid: str) -> str:
        return translator(self.language).gettext(msgid)


def page(request: Request, *, strict: bool = True) -> Page:
    """The page's context; an expired or unknown session reads as the public. A day in
    `?on=` that is not one is refused (422), or, not `strict` (an error page), ignored."""
    federation = federation_of(request)
    try:
        account = current_account(request)
    except ServiceError:
        account = None
    day, at = record_day(federation)
    asked = request.query_params.get("on")
    if asked and strict:
        try:
            day = date.fromisoformat(asked)
        except ValueError:
            raise Said(422, N_("on: a day is YYYY-MM-DD")) from None
    return Page(request, federation, account, page_language(request), day, at)


def language_link(request: Request, code: str, here: str | None = None) -> str:
    """The page in another language: its path (or `here`, for the answer to a form, whose
    path takes no GET) and its query, `?on=` kept, `lang` replaced."""
    query = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    query = query if request.method == "GET" or here is None else []
    return f"{here or request.url.path}?{urlencode([*query, ('lang', code)])}"


def render(
    p: Page, template: str, status_code: int = 200, here: str | None = None, **context: Any
) -> HTMLResponse:
    """The template in the page's language, with the CSRF token and the language kept.
    `here` is where the language links go when the page answers a form (a POST)."""
    request = p.request
    token = request.cookies.get(CSRF_COOKIE) or new_csrf()
    speak = translator(p.language)
    html = _templates.get_template(template).render(
        _=speak.gettext,
        words=record_words(p.language),
        lang=p.language,
        languages=[
            (code, LANGUAGE_NAMES.get(code, code), language_link(request, code, here))
            for code in SHIPPED
        ],
        account=p.account,
        signs=p.signs,
        unproved=p.unproved,
        csrf=token,
        day=p.day,
        at=p.at,
        union=queries.charter(p.federation).union.name,
        length=p.federation.ledger_length(),
        path=request.url.path,
        navigation=areas.navigation(),
        **context,
    )
    response = HTMLResponse(html, status_code=status_code, headers={"Content-Language": p.language})
    response.headers["Cache-Control"] = "no-store"
    if request.cookies.get(CSRF_COOKIE) != token:
        set_csrf(response, request, token)
    asked = request.query_params.get("lang")
    if asked and negotiate(asked, None) == p.language:
        response.set_cookie(LANG_COOKIE, p.language, samesite="lax", path="/")
    return response


_NAME = re.compile(r"[A-Za-z0-9:._-]{1,200}")


def path_name(request: Request, key: str) -> str:
    """A name from the page's path; a name no record could have is not found (404)."""
    value = str(request.path_params.get(key, ""))
    if not _NAME.fullmatch(value):
        raise HTTPException(status_code=404, detail=f"no {key} {value}")
    return value
