"""How a member's node speaks to the union's server and to its peers: HTTP, one line on
any failure (a dead server or a bad address is an `Unavailable`, never a traceback)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from isonomia.service.errors import BadRequest, Unavailable

if TYPE_CHECKING:
    import httpx

__all__ = [
    "CONSISTENCY",
    "COSIGN",
    "FEED",
    "HEAD",
    "answer",
    "bearer",
    "client",
    "get",
    "post",
    "said",
]

FEED = "/api/v1/ledger/feed"
HEAD = "/api/v1/ledger/head"
COSIGN = "/api/v1/ledger/cosignatures"
CONSISTENCY = "/api/v1/ledger/consistency"


def client(base: str, token: str | None = None) -> httpx.Client:
    """A client of the server at ``base`` (http:// or https://), sending the API ``token``
    (`Authorization: Bearer`) when one is given."""
    import httpx

    if not base.startswith(("http://", "https://")):
        raise BadRequest(f"{base} is not an http:// or https:// address")
    return httpx.Client(base_url=base, timeout=30.0, headers=bearer(token))


def bearer(token: str | None) -> dict[str, str]:
    """The header that sends an API token, none without one."""
    return {"Authorization": f"Bearer {token.strip()}"} if token and token.strip() else {}


def _unreachable(server: httpx.Client, error: Exception) -> Unavailable:
    reason = str(error).splitlines()[0] if str(error) else type(error).__name__
    return Unavailable(f"cannot reach {server.base_url}: {reason}")


def get(server: httpx.Client, path: str, params: Mapping[str, Any] | None = None) -> Any:
    """The JSON the server answers, None for a 404; `Unavailable` for anything else."""
    import httpx

    try:
        response = server.get(path, params=dict(params or {}))
    except httpx.HTTPError as error:
        raise _unreachable(server, error) from None
    if response.status_code == 404:
        return None
    if response.status_code >= 400:
        raise Unavailable(
            f"{server.base_url}{path} answered {response.status_code}: {said(response)}"
        )
    try:
        return response.json()
    except ValueError:
        raise Unavailable(f"{server.base_url}{path} did not answer JSON") from None


def answer(
    server: httpx.Client, path: str, params: Mapping[str, Any] | None = None
) -> tuple[int, Any]:
    """The status and JSON (None if not JSON) of a GET; `Unavailable` only when unreachable."""
    import httpx

    try:
        response = server.get(path, params=dict(params or {}))
    except httpx.HTTPError as error:
        raise _unreachable(server, error) from None
    try:
        return response.status_code, response.json()
    except ValueError:
        return response.status_code, None


def post(server: httpx.Client, path: str, body: Mapping[str, Any]) -> str | None:
    """POST ``body`` as JSON: None when taken, else the server's one-line reason."""
    import httpx

    try:
        response = server.post(path, json=dict(body))
    except httpx.HTTPError as error:
        raise _unreachable(server, error) from None
    return None if response.status_code < 400 else f"{response.status_code}: {said(response)}"


def said(response: Any) -> str:
    """The first line of what a server said in an error answer."""
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    text = str(detail or response.text or "").strip().splitlines()
    return text[0] if text else ""
