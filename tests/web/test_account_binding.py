"""Web accounts bound to keys (P16, P17, P18), on both databases: an account acts for a
principal only after signing a challenge with one of the principal's registered keys; the
administrator never grants one; revoking the key ends at once every session and token that
stood on it."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import timedelta

import pytest
from account_world import PASSWORD, bound_account, key_of, last_moment
from fastapi.testclient import TestClient
from httpx import Response

from case_world import CASE, SUMMARY, open_sealed_case
from conftest import founded_union
from isonomia.ledger.envelope import SIGNING_CONTEXT
from isonomia.ledger.keys import Ed25519PrivateKey, generate_private_key, key_id
from isonomia.service import (
    Accounts,
    CastVote,
    Federation,
    Keyring,
    RevokeKey,
    make,
    new_command_id,
)
from isonomia.service.account_binding import BINDING_CONTEXT, CHALLENGE_LIFETIME
from isonomia.service.clock import FixedClock
from isonomia.web.app import create_app

PROBLEM = "application/problem+json"


@pytest.fixture
def anywhere(database_url: str, keyring: Keyring) -> Iterator[Federation]:
    """The founded 1922 union on each database."""
    federation = founded_union(database_url, keyring)
    yield federation
    federation.close()


@pytest.fixture
def web(anywhere: Federation) -> Iterator[TestClient]:
    with TestClient(create_app(federation=Federation(anywhere.db.url))) as client:
        yield client


def _sign_in(client: TestClient, name: str, password: str = PASSWORD) -> dict[str, str]:
    answer = client.post("/api/v1/session", json={"name": name, "password": password})
    assert answer.status_code == 200, answer.text
    client.cookies.clear()  # each request names its session: several are in play
    return {"Cookie": f"isonomia_session={answer.cookies['isonomia_session']}"}


def _challenge(client: TestClient, headers: dict[str, str], key: Ed25519PrivateKey) -> dict:
    answer = client.post(
        "/api/v1/me/challenge", json={"key_id": key_id(key.public_key())}, headers=headers
    )
    assert answer.status_code == 200, answer.text
    body: dict = answer.json()
    return body


def _answer(
    client: TestClient,
    headers: dict[str, str],
    challenge: dict,
    key: Ed25519PrivateKey,
    route: str = "/api/v1/me/binding",
) -> Response:
    signature = key.sign(base64.b64decode(challenge["message"]))
    proof = {"challenge": challenge["challenge"], "signature": base64.b64encode(signature).decode()}
    return client.post(route, json=proof, headers=headers)


def _one_line(answer: Response, status: int) -> str:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == PROBLEM
    detail: str = answer.json()["detail"]
    assert detail and "\n" not in detail
    return detail


def test_p18_an_administrator_cannot_grant_a_principal(
    anywhere: Federation, web: TestClient, keyring: Keyring
) -> None:
    sealed = open_sealed_case(anywhere, keyring)
    Accounts(anywhere).add("admin", "administrator", PASSWORD)
    admin = _sign_in(web, "admin")
    before = [a.name for a in Accounts(anywhere).list()]
    granted = web.post(
        "/api/v1/accounts",
        json={"name": "spy", "role": "inspector", "password": PASSWORD, "principal": "inspection"},
        headers=admin,
    )
    detail = _one_line(granted, 403)
    assert granted.json()["principle"] == "P18" and "nobody can grant" in detail
    assert [a.name for a in Accounts(anywhere).list()] == before, "nothing is written"
    # The same account without a principal: it reads what the public reads, no more.
    made = web.post(
        "/api/v1/accounts",
        json={"name": "spy", "role": "inspector", "password": PASSWORD},
        headers=admin,
    )
    assert made.status_code == 201 and made.json()["principal"] is None
    spy = _sign_in(web, "spy")
    assert web.get("/api/v1/me", headers=spy).json()["account"]["principal"] is None
    assert web.get(f"/api/v1/cases/{CASE}", headers=spy).status_code == 403
    feed = web.get("/api/v1/ledger/feed?limit=1000", headers=spy).text
    assert SUMMARY not in feed and sealed.seed not in feed
    # The inspection's key id is public; without the key, the challenge cannot be answered.
    inspection = key_of(anywhere, keyring, "inspection")
    challenge = _challenge(web, spy, inspection)
    forged = _answer(web, spy, challenge, generate_private_key())
    assert _one_line(forged, 403) and forged.json()["principle"] == "P18"
    assert web.get("/api/v1/me", headers=spy).json()["account"]["principal"] is None
    # The administrator proves nothing and makes no token for anyone.
    assert (
        web.post("/api/v1/me/challenge", json={"key_id": "0" * 32}, headers=admin).status_code
        == 403
    )
    assert web.post("/api/v1/accounts/spy/tokens", json={}, headers=admin).status_code in (404, 405)


def test_p18_an_account_acts_for_a_principal_only_after_proving_its_key(
    anywhere: Federation, web: TestClient, keyring: Keyring
) -> None:
    open_sealed_case(anywhere, keyring)
    Accounts(anywhere).add("inspector", "inspector", PASSWORD)
    early = _sign_in(web, "inspector")  # a session begun before the binding
    session = _sign_in(web, "inspector")
    key = key_of(anywhere, keyring, "inspection")
    kid = key_id(key.public_key())
    draft = {"command": {"case": CASE, "actor": "inspection"}, "key_id": kid}
    unbound = web.post("/api/v1/commands/DrawCommission/prepare", json=draft, headers=session)
    assert "acts for no principal" in _one_line(unbound, 403)
    length = anywhere.ledger_length()
    envelope = anywhere.sign(
        make(
            CastVote,
            command_id=new_command_id(),
            actor="inspection",
            at=last_moment(anywhere),
            motion="m",
            member="georgia",
            vote="yes",
        ),
        keyring,
    )
    posted = web.post("/api/v1/commands/CastVote", json=envelope, headers=session)
    assert _one_line(posted, 403) and anywhere.ledger_length() == length
    assert web.get(f"/api/v1/cases/{CASE}", headers=session).status_code == 403

    challenge = _challenge(web, session, key)
    message = base64.b64decode(challenge["message"])
    assert message.startswith(BINDING_CONTEXT) and not message.startswith(SIGNING_CONTEXT)
    signed = json.loads(message[len(BINDING_CONTEXT) :])
    assert signed["account"] == "inspector" and signed["key_id"] == kid
    assert signed["principal"] == "inspection" and signed["union"] == anywhere.charter().union.id
    bound = _answer(web, session, challenge, key)
    assert bound.status_code == 200, bound.text
    assert bound.json()["account"] | {"disabled": False} == {
        "name": "inspector",
        "principal": "inspection",
        "role": "inspector",
        "disabled": False,
        "key_id": kid,
    }
    assert web.get(f"/api/v1/cases/{CASE}", headers=session).status_code == 200
    assert (
        web.post("/api/v1/commands/DrawCommission/prepare", json=draft, headers=session).status_code
        == 200
    )
    # Binding ends the account's other sessions; a new one acts for the principal proved.
    assert web.get("/api/v1/me", headers=early).json()["role"] == "anonymous"
    again = _sign_in(web, "inspector")
    assert web.get("/api/v1/me", headers=again).json()["account"]["principal"] == "inspection"


def test_p18_a_challenge_is_single_use_short_lived_and_bound_to_its_account_and_key(
    anywhere: Federation, web: TestClient, keyring: Keyring, test_clock: FixedClock
) -> None:
    accounts = Accounts(anywhere)
    for name in ("tsereteli", "mdivani"):
        accounts.add(name, "council-secretary", PASSWORD)
    own, other = _sign_in(web, "tsereteli"), _sign_in(web, "mdivani")
    key = key_of(anywhere, keyring, "council:georgia")
    # Answered by another account: not its challenge.
    challenge = _challenge(web, own, key)
    assert "no such challenge" in _one_line(_answer(web, other, challenge, key), 422)
    # A signature over the command context, or by another key, proves nothing, and spends it.
    forged = dict(challenge)
    forged["message"] = base64.b64encode(
        SIGNING_CONTEXT + base64.b64decode(challenge["message"])[len(BINDING_CONTEXT) :]
    ).decode()
    assert _answer(web, own, forged, key).json()["principle"] == "P18"
    assert "no such challenge" in _one_line(_answer(web, own, challenge, key), 422)
    # Replaced by a newer one; answered twice: once only.
    replaced, challenge = _challenge(web, own, key), _challenge(web, own, key)
    assert "no such challenge" in _one_line(_answer(web, own, replaced, key), 422)
    assert _answer(web, own, challenge, key).status_code == 200
    assert "no such challenge" in _one_line(_answer(web, own, challenge, key), 422)
    # Answered late: expired.
    challenge = _challenge(web, other, key)
    test_clock.advance(CHALLENGE_LIFETIME + timedelta(seconds=1))
    assert "expired" in _one_line(_answer(web, other, challenge, key), 422)
    # A key the account's role cannot act as, or a key the register does not hold.
    armenia = key_of(anywhere, keyring, "congress:armenia")
    wrong_kind = web.post(
        "/api/v1/me/challenge", json={"key_id": key_id(armenia.public_key())}, headers=other
    )
    assert "acts as council" in _one_line(wrong_kind, 403)
    unknown = web.post(
        "/api/v1/me/challenge",
        json={"key_id": key_id(generate_private_key().public_key())},
        headers=other,
    )
    assert "not a key in force" in _one_line(unknown, 422)


def test_p18_a_revoked_key_ends_its_tokens_and_sessions(
    anywhere: Federation, web: TestClient, keyring: Keyring
) -> None:
    Accounts(anywhere).add("tsereteli", "council-secretary", PASSWORD)
    session = _sign_in(web, "tsereteli")
    key = key_of(anywhere, keyring, "council:georgia")
    kid = key_id(key.public_key())
    assert _answer(web, session, _challenge(web, session, key), key).status_code == 200
    made = _answer(web, session, _challenge(web, session, key), key, "/api/v1/me/tokens")
    assert made.status_code == 201 and made.json()["key_id"] == kid
    token = {"Authorization": f"Bearer {made.json()['token']}"}
    for headers in (session, token):
        assert web.get("/api/v1/me", headers=headers).json()["account"]["principal"] == (
            "council:georgia"
        )
    anywhere.execute(
        make(
            RevokeKey,
            command_id=new_command_id(),
            actor="congress:georgia",
            at=last_moment(anywhere),
            key_id=kid,
            reason="the device was lost",
        )
    )
    for headers in (session, token):  # the very next request of each, and every later one
        for _ in range(2):
            refused = web.get("/api/v1/members", headers=headers)
            assert (
                kid in _one_line(refused, 401) and "no longer in force" in refused.json()["detail"]
            )
    listed = {a.name: a for a in Accounts(anywhere).list()}
    assert listed["tsereteli"].principal is None
    # Signing in again (the browser still sending the old session) gives a session that
    # acts for nobody until a key in force is proved.
    again = web.post(
        "/api/v1/session", json={"name": "tsereteli", "password": PASSWORD}, headers=session
    )
    assert again.status_code == 200 and again.json()["account"]["principal"] is None
    fresh = _sign_in(web, "tsereteli")
    assert web.get("/api/v1/me", headers=fresh).json()["account"]["principal"] is None
    challenge = web.post("/api/v1/me/challenge", json={"key_id": kid}, headers=fresh)
    assert "not a key in force" in _one_line(challenge, 422)


def test_login_is_rate_limited_per_account_and_per_address(
    anywhere: Federation, web: TestClient, test_clock: FixedClock
) -> None:
    Accounts(anywhere).add("tsereteli", "council-secretary", PASSWORD)
    other_worker = TestClient(create_app(federation=Federation(anywhere.db.url)))

    def attempt(client: TestClient, name: str, password: str = "not the password") -> Response:
        return client.post("/api/v1/session", json={"name": name, "password": password})

    for _ in range(5):  # the free failures of one account name
        assert attempt(web, "tsereteli").status_code == 401
    assert attempt(web, "tsereteli").status_code == 401  # the sixth: counted, then waits 2 s
    for client in (web, other_worker):  # every worker reads the same count
        waiting = attempt(client, "tsereteli", PASSWORD)
        assert "try again in 2 seconds" in _one_line(waiting, 429)
        assert waiting.headers["retry-after"] == "2"
    test_clock.advance(timedelta(seconds=2))
    assert attempt(web, "tsereteli").status_code == 401  # the seventh: waits 4 s
    assert attempt(other_worker, "tsereteli", PASSWORD).headers["retry-after"] == "4"
    test_clock.advance(timedelta(seconds=4))
    assert attempt(web, "tsereteli", PASSWORD).status_code == 200
    assert attempt(web, "tsereteli").status_code == 401  # the count started again
    # One address trying many names: 20 free failures in all, then it waits.
    test_clock.advance(timedelta(hours=25))  # a day after the last failure, all is forgotten
    for n in range(21):
        assert attempt(web, f"guess-{n}").status_code == 401
    waiting = attempt(other_worker, "a-name-never-tried")
    assert _one_line(waiting, 429) and waiting.headers["retry-after"] == "2"
    other_worker.close()


def test_login_does_the_same_work_for_unknown_names(
    anywhere: Federation, web: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from isonomia.service import login_throttle

    accounts = Accounts(anywhere)
    accounts.add("tsereteli", "council-secretary", PASSWORD)
    accounts.add("scripts", "executive", None)  # no password: signs in with tokens only
    checked: list[str] = []
    real = login_throttle.password_matches

    def spying(stored: str, password: str) -> bool:
        checked.append(stored)
        return real(stored, password)

    monkeypatch.setattr(login_throttle, "password_matches", spying)
    answers = {
        name: web.post("/api/v1/session", json={"name": name, "password": "a wrong one"})
        for name in ("tsereteli", "nobody-by-this-name", "scripts")
    }
    assert len(checked) == 3, "one argon2 check each, known name or not"
    costs = {stored.rsplit("$", 2)[0] for stored in checked}
    assert len(costs) == 1 and next(iter(costs)).startswith("$argon2id$")
    bodies = {json.dumps(a.json(), sort_keys=True) for a in answers.values()}
    assert {a.status_code for a in answers.values()} == {401} and len(bodies) == 1
    with anywhere.db.reading(check=False) as conn:
        from isonomia.store.accounts import web_login_attempt

        counted = {r.subject: r.failures for r in conn.execute(web_login_attempt.select())}
    assert {counted[f"account:{name}"] for name in answers} == {1}


def test_p18_an_upgrade_unbinds_the_accounts_no_key_proved(database_url: str) -> None:
    import sqlalchemy as sa

    from isonomia.store.accounts import web_account, web_session, web_token
    from isonomia.store.db import Database

    database = Database(database_url)
    try:
        database.migrate("0010x")
        with database.writing() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO web_account (name, principal, role, password_hash, disabled, "
                    "created_at) VALUES ('spy', 'inspection', 'inspector', NULL, false, 'x')"
                )
            )
            conn.execute(
                sa.text(
                    "INSERT INTO web_token (token_hash, account, key_id, created_at) "
                    f"VALUES ('{'0' * 64}', 'spy', '{'0' * 32}', 'x')"
                )
            )
            conn.execute(
                sa.text(
                    "INSERT INTO web_session (session_hash, account, expires_at) "
                    f"VALUES ('{'1' * 64}', 'spy', 'x')"
                )
            )
        database.migrate()
        with database.reading() as conn:
            [account] = conn.execute(sa.select(web_account)).all()
            assert account.name == "spy" and account.principal is None and account.key_id is None
            assert conn.execute(sa.select(web_token)).all() == []
            assert conn.execute(sa.select(web_session)).all() == []
    finally:
        database.dispose()


def test_p18_a_public_account_proves_a_key_with_a_key_file(
    anywhere: Federation, keyring: Keyring
) -> None:
    account = bound_account(anywhere, keyring, "reader", "council:ukraine", "public")
    assert account.principal == "council:ukraine" and account.bound_with is not None
