"""Locust users casting signed votes through the HTTP API (`bench/http_bench.py` runs it).

Each user holds some delegates (their API tokens, and the vote envelopes signed with their
keys before the run: `HTTPBENCH_ENVELOPES`, written by `http_union.presign`) and posts
them one after another, with no wait, to `/api/v1/commands/CastVote`. A user stops when
its envelopes are spent; the run stops when every user has. Each answer is kept (when it
ended, its latency, its status, the command's id) and written to `HTTPBENCH_RESULTS`
when locust quits, for the driver to count against the record.
"""

from __future__ import annotations

import itertools
import json
import os
import time
from typing import Any

from locust import FastHttpUser, constant, events, task
from locust.exception import StopUser

ROUTE = "/api/v1/commands/CastVote"

_shards: list[list[dict[str, str]]] = []
_next_shard = itertools.count()
_answers: list[tuple[float, float, int, str]] = []
_users_done = itertools.count(1)


def _load() -> list[list[dict[str, str]]]:
    if not _shards:
        with open(os.environ["HTTPBENCH_ENVELOPES"], encoding="utf-8") as file:
            _shards.extend(json.load(file)["shards"])
    return _shards


@events.quitting.add_listener
def _write_answers(**_: Any) -> None:
    path = os.environ.get("HTTPBENCH_RESULTS")
    if path:
        with open(path, "w", encoding="utf-8") as file:
            json.dump({"answers": _answers}, file)


class Voter(FastHttpUser):
    """A client holding some delegates' keys (their votes signed already)."""

    wait_time = constant(0)
    network_timeout = 60.0
    connection_timeout = 60.0

    def on_start(self) -> None:
        shards = _load()
        index = next(_next_shard)
        self.envelopes = shards[index] if index < len(shards) else []
        self.position = 0

    @task
    def vote(self) -> None:
        if self.position >= len(self.envelopes):
            if next(_users_done) >= len(_load()) and self.environment.runner is not None:
                self.environment.runner.quit()
            raise StopUser
        item = self.envelopes[self.position]
        self.position += 1
        headers = {
            "Authorization": f"Bearer {item['token']}",
            "Content-Type": "application/json",
        }
        started = time.perf_counter()
        with self.client.post(
            ROUTE, data=item["body"], headers=headers, name="CastVote", catch_response=True
        ) as answer:
            took = time.perf_counter() - started
            status = answer.status_code or 0
            _answers.append((time.time(), took * 1000, status, item["command_id"]))
            if status == 201:
                answer.success()
            else:
                answer.failure(f"{status}: {(answer.text or '')[:200]}")
