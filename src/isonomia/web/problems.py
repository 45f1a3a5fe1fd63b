"""Errors as RFC 9457 problem details (`application/problem+json`), in the asked language.

Every answer that is not a success is a problem: `type`, `title`, `status`, `detail` (one
line, the refusal's reason) and, for a refusal, the extension `principle` ("P3"). Who may
not act (a signature not accepted, an actor the rules do not allow, an account acting for
another principal) is 403; what the rules refuse of the act itself is 409; malformed input
is 400 (not JSON, or a text, number or time no input may hold: a control character) or 422
(JSON that is not a valid command); too many failed sign-ins are 429 with `Retry-After`; a
database failure is 503, its cause in the server's log (its words name the server); no
traceback ever reaches a client. A browser asking for a page outside the API (`Accept:
text/html`) is answered with the site's error page in its language instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from isonomia.service import (
    BadRequest,
    CharterRejected,
    EnvelopeError,
    Forbidden,
    NotInitialized,
    Refused,
    ServiceError,
    TooManyAttempts,
    Translator,
    Unauthenticated,
    negotiate,
    translator,
    unfit_in,
)
from isonomia.web.page_support import LANG_COOKIE
from isonomia.web.page_texts import N_
from isonomia.web.translated_errors import Said, detail_in

__all__ = [
    "PROBLEM_TYPE",
    "install",
    "problem",
    "request_translator",
    "status_of",
    "wants_page",
]

PROBLEM_TYPE = "application/problem+json"
#: Where the problem types are described (docs/web.md), as relative URI references.
BASE = "/problems/"
log = logging.getLogger("isonomia.web")
#: What a client is told of a database failure (the server's log has the driver's words).
UNAVAILABLE = N_(
    "the database cannot be used at the moment: try again later; the server's log says why"
)


def request_translator(request: Request) -> Translator:
    """The translator of the language a request asks for (`?lang=`, `Accept-Language`); a
    page's script (not the API) speaks the language its page was drawn in (the cookie)."""
    asked = request.query_params.get("lang")
    if not asked and not request.url.path.startswith("/api/"):
        asked = request.cookies.get(LANG_COOKIE)
    return translator(negotiate(asked, request.headers.get("accept-language")))


def problem(
    request: Request,
    status: int,
    kind: str,
    title: str,
    detail: str,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    """A problem-details answer; `kind` names its type, `title` is translated."""
    speak = request_translator(request)
    body = {
        "type": BASE + kind if kind != "about:blank" else kind,
        "title": speak.gettext(title),
        "status": status,
        "detail": detail,
        **extra,
    }
    headers = {**(headers or {}), "Content-Language": speak.language}
    if status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="isonomia"'
    return JSONResponse(body, status_code=status, media_type=PROBLEM_TYPE, headers=headers)


def status_of(error: ServiceError | EnvelopeError) -> int:
    """The one refusal mapping: the status every web answer (the API, the pages' script)
    gives an error. A refusal of who acts (the signature, the key, the rules' table of who
    may issue the command) is 403, as is an account that may not act for the signer; what
    the rules refuse of the act itself is 409; input that is not a valid command, envelope
    or charter is 422; no account or a wrong one 401; too many failed sign-ins 429; no
    union yet, or a database that cannot be used, 503."""
    if isinstance(error, Refused):
        return 403 if error.who else 409
    if isinstance(error, Unauthenticated):
        return 401
    if isinstance(error, Forbidden):
        return 403
    if isinstance(error, TooManyAttempts):
        return 429
    if isinstance(error, BadRequest | CharterRejected | EnvelopeError):
        return 422
    return 503


def refused(request: Request, error: Refused) -> JSONResponse:
    speak = request_translator(request)
    refusal = error.refusal
    status = status_of(error)
    return problem(
        request,
        status,
        "refused",
        N_("refused"),
        speak.reason(refusal),
        principle=refusal.principle,
    )


def _validation_detail(error: RequestValidationError, speak: Translator) -> tuple[int, str]:
    errors = error.errors()
    if not errors:
        return 422, speak.gettext(N_("the request is not valid"))
    first = errors[0]
    if first.get("type") == "json_invalid":
        return 400, speak.gettext(N_("the body is not JSON"))
    where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
    found = unfit_in(first)
    if found is not None:  # a control character, a number or a time no input may hold
        return 400, speak.gettext(found.msgid).format(where=where + found.within, **found.params)
    message = str(first.get("msg", "not valid")).removeprefix("Value error, ")
    if first.get("type") == "extra_forbidden":
        message = speak.gettext(N_("unknown field"))
    elif speak.language != "en":
        message = _invalid_in(speak, first) or message
    return 422, f"{where}: {message}" if where else message


#: What a value that does not fit its field is told, by the kind of misfit pydantic names:
#: said in the asked language (in English, pydantic's own words, as before).
INVALID = {
    "string_pattern_mismatch": N_("does not have the form {pattern}"),
    "string_too_short": N_("is shorter than {min_length} characters"),
    "string_too_long": N_("is longer than {max_length} characters"),
    "too_short": N_("has fewer than {min_length} items"),
    "too_long": N_("has more than {max_length} items"),
    "missing": N_("is missing"),
    "int_parsing": N_("is not a whole number"),
    "int_type": N_("is not a whole number"),
    "bool_parsing": N_("is neither true nor false"),
    "date_parsing": N_("is not a day (YYYY-MM-DD)"),
    "date_from_datetime_parsing": N_("is not a day (YYYY-MM-DD)"),
    "string_type": N_("is not text"),
    "greater_than_equal": N_("is less than {ge}"),
    "less_than_equal": N_("is more than {le}"),
    "enum": N_("is none of {expected}"),
    "literal_error": N_("is none of {expected}"),
}


def _invalid_in(speak: Translator, error: Any) -> str | None:
    """A validation error's message in the translator's language, when its kind is known."""
    msgid = INVALID.get(str(error.get("type")))
    if msgid is None:
        return None
    try:
        return speak.gettext(msgid).format(
            **{k: str(v) for k, v in (error.get("ctx") or {}).items()}
        )
    except (KeyError, IndexError, ValueError):
        return None


def service_error(request: Request, error: ServiceError) -> JSONResponse:
    if isinstance(error, Refused):
        return refused(request, error)
    line = detail_in(request_translator(request), error, error.line())
    status = status_of(error)
    if isinstance(error, Unauthenticated):
        return problem(request, status, "unauthenticated", N_("not signed in"), line)
    if isinstance(error, Forbidden):
        return problem(request, status, "forbidden", N_("forbidden"), line)
    if isinstance(error, TooManyAttempts):
        wait = {"Retry-After": str(error.retry_after)}
        return problem(request, status, "too-many-attempts", N_("too many attempts"), line, wait)
    if isinstance(error, NotInitialized):
        return problem(request, status, "no-union", N_("no union"), line)
    if isinstance(error, BadRequest | CharterRejected):
        return problem(request, status, "bad-request", N_("bad request"), line)
    if error.msgid is None:
        # A database failure in the driver's words, which name the server: for the log, not
        # for whoever sent the request.
        log.warning("database unavailable on %s %s: %s", request.method, request.url.path, line)
        line = request_translator(request).gettext(UNAVAILABLE)
    return problem(request, 503, "unavailable", N_("unavailable"), line)


def install(app: FastAPI) -> None:
    """Answer every error of `app` as a problem."""

    @app.exception_handler(ServiceError)
    async def _service(request: Request, error: ServiceError) -> JSONResponse:
        return service_error(request, error)

    @app.exception_handler(EnvelopeError)
    async def _envelope(request: Request, error: EnvelopeError) -> JSONResponse:
        return problem(request, status_of(error), "bad-envelope", N_("bad request"), str(error))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        status, detail = _validation_detail(error, request_translator(request))
        return problem(request, status, "invalid", N_("bad request"), detail)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, error: HTTPException) -> Response:
        page = _page_for(request)
        if page is not None:
            return await run_in_threadpool(page, request, error)
        english = error.detail if isinstance(error.detail, str) else N_("not possible")
        return problem(
            request,
            error.status_code,
            "about:blank",
            _TITLES.get(error.status_code, N_("error")),
            detail_in(request_translator(request), error, english),
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        page = _page_for(request)
        if page is not None:
            failed = Said(500, N_("the service failed; its log says why"))
            try:
                return await run_in_threadpool(page, request, failed)
            except Exception:  # the page itself cannot be drawn: the problem, then
                log.exception("the error page failed too")
        speak = request_translator(request)
        detail = speak.gettext(N_("the service failed; its log says why"))
        return problem(request, 500, "internal", N_("internal error"), detail)


def wants_page(request: Request) -> bool:
    """Whether the request is a browser's asking for a page: outside the API, and taking
    HTML (a script's `fetch` and the API's clients get problem details)."""
    path = request.url.path
    if path.startswith(("/api/", "/openapi.json", "/node/")):
        return False
    return "text/html" in request.headers.get("accept", "")


def _page_for(request: Request) -> Callable[[Request, HTTPException], Response] | None:
    """The pages' error page (set by `pages.install`), when the request wants a page."""
    page = getattr(request.app.state, "error_page", None)
    return page if page is not None and wants_page(request) else None


_TITLES = {
    400: N_("bad request"),
    404: N_("not found"),
    405: N_("method not allowed"),
    413: N_("request too large"),
    415: N_("unsupported media type"),
}
