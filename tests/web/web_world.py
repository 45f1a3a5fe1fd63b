"""A union driven through the HTTP API: `HttpFederation` submits every signed command as a
client of the web service would, with an account of the signer's own principal.

It is a `Federation` whose `submit` posts the envelope to `/api/v1/commands/{Name}` with
the API token of an account of the signer's role, made on first use by proving the signing
key (which binds the account to the signer), or, for a principal whose key is not
registered yet (a candidate's congress brings its own with its decision), a password
session of an account that acts for no principal: such an account may submit only a
command that brings its own key. A refusal comes back as problem details and is raised
again as `Refused`, so code written for the service (the worked example) runs unchanged.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from fastapi.testclient import TestClient

from isonomia.domain.refusal import Refusal
from isonomia.ledger.keys import key_id as ledger_key_id
from isonomia.service import (
    Accounts,
    BadRequest,
    Federation,
    Recorded,
    Refused,
    Signer,
    queries,
)
from isonomia.store.projections import event_of
from isonomia.web.app import create_app

ROLE_OF_KIND = {"person": "delegate", "council": "council-secretary", "inspection": "inspector"}
PASSWORD = "correct horse battery staple"


def role_for(principal: str) -> str:
    return ROLE_OF_KIND.get(principal.partition(":")[0], "executive")


def account_name(principal: str) -> str:
    return principal.replace(":", ".").lower()[:60]


class HttpFederation(Federation):
    """A federation whose commands travel through the web API."""

    def __init__(self, url: str, signer: Signer | None = None) -> None:
        super().__init__(url, signer=signer)
        self._client: TestClient | None = None
        self.accounts = Accounts(self)
        self.tokens: dict[tuple[str, str], str] = {}
        #: Status codes answered, by command type.
        self.answers: dict[str, list[int]] = defaultdict(list)
        #: Problem details answered, in order.
        self.problems: list[dict[str, Any]] = []

    @property
    def client(self) -> TestClient:
        if self._client is None:
            self._client = TestClient(create_app(federation=Federation(self.db.url)))
        return self._client

    def submit(self, envelope: Mapping[str, Any]) -> Recorded:
        name = str(envelope["command"].get("type"))
        if name == "AdoptCharter" and not self.exists():
            return super().submit(envelope)  # no union to serve yet
        headers = self._credentials(str(envelope["principal"]), str(envelope["key_id"]))
        answer = self.client.post(f"/api/v1/commands/{name}", json=dict(envelope), **headers)
        self.answers[name].append(answer.status_code)
        if answer.status_code == 201:
            return self._recorded(answer.json())
        problem = answer.json()
        assert answer.headers["content-type"] == "application/problem+json", answer.text
        self.problems.append(problem)
        if answer.status_code in (403, 409) and "principle" in problem:
            raise Refused(Refusal(problem["principle"], problem["detail"]))
        raise BadRequest(problem["detail"])

    def _credentials(self, principal: str, key_id: str) -> dict[str, Any]:
        """A token of the signer's key when the envelope is signed with it; otherwise (a
        forgery, a key revoked or not registered yet) a session of the signer's account,
        bound if its key is registered, so the service and the rules judge the envelope."""
        name = account_name(principal)
        if self.accounts.get(name) is None:
            self.accounts.add(name, role_for(principal), PASSWORD)
        key = None if self.signer is None else self.signer.key_for(principal)
        held = None if key is None else ledger_key_id(key.public_key())
        if key is not None and held is not None and (principal, held) not in self.tokens:
            with contextlib.suppress(BadRequest):  # a key not registered (yet)
                self.tokens[principal, held] = self.accounts.token_with_key(name, key)
        if held == key_id and (principal, key_id) in self.tokens:
            return {"headers": {"Authorization": f"Bearer {self.tokens[principal, key_id]}"}}
        secret = self.accounts.login(name, PASSWORD)
        return {"headers": {"Cookie": f"isonomia_session={secret}"}}

    def _recorded(self, body: dict[str, Any]) -> Recorded:
        sequences = [e["sequence"] for e in body["entries"]]
        entries = [e for e in self.entries(after=sequences[0] - 1) if e.sequence in sequences]
        assert [e.hash for e in entries] == [e["hash"] for e in body["entries"]]
        clock = queries.clock(self)
        return Recorded(entries, [event_of(e) for e in entries], clock)
