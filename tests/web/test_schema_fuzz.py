"""The API against its own OpenAPI description (schemathesis): whatever a client sends,
the answer is never a server error, and every error is problem details."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from conftest import founded_union
from isonomia.service import Accounts, Federation, Keyring
from isonomia.web.app import create_app


@pytest.fixture(scope="module")
def fuzzed_union(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Federation, str]]:
    folder = tmp_path_factory.mktemp("fuzz")
    keyring = Keyring(folder / "keys", provision=True)
    union = founded_union(f"sqlite:///{folder / 'union.db'}", keyring)
    accounts = Accounts(union)
    accounts.add("fuzzer", "executive", None)
    key = keyring.key_for("secretariat")
    assert key is not None
    token = accounts.token_with_key("fuzzer", key)
    yield union, token
    union.close()


@pytest.fixture(scope="module")
def web_schema(fuzzed_union: tuple[Federation, str]) -> schemathesis.BaseSchema:
    union, _ = fuzzed_union
    loaded = schemathesis.openapi.from_asgi("/openapi.json", create_app(union.db.url))
    # The fuzzing phase only, a few examples an operation: the whole API in well under 2 min.
    loaded.config.phases.coverage.enabled = False
    return loaded


schema = schemathesis.pytest.from_fixture("web_schema")


@pytest.fixture(autouse=True)
def _node_id_for_schemathesis(request: pytest.FixtureRequest) -> None:
    # schemathesis 4 renames each test by the operation through `node._nodeid`, an attribute
    # pytest 9 no longer has: give it one.
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid


@schema.parametrize()
@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_input_makes_a_server_error(case, fuzzed_union: tuple[Federation, str]) -> None:
    _, token = fuzzed_union
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    assert response.status_code < 500, (case.method, case.path, response.text)
    if response.status_code >= 400:
        assert response.headers["content-type"][0].startswith("application/problem+json")
        assert "Traceback" not in response.text
