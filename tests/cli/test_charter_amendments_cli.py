"""Charter amendments from the command line (P10, P12, P13): `motion draft --changes FILE
--effective-on DAY`, `audit --amendment MOTION` (the power audit before and after, on the
record's members of the day), the vote by the amendment rule, and the charter in effect from
its day, in the record that verifies."""

from __future__ import annotations

import json
from pathlib import Path

from cli_world import COOPERATIVES, founded, invoke, ok

SESSION_DAY = "2026-02-05"  # the general council's first Thursday after the founding


def _draft(db: str, tmp_path: Path) -> None:
    changes = tmp_path / "equal.toml"
    changes.write_text('[[decision_rules]]\nid = "ordinary"\nweights = "equal"\n', encoding="utf-8")
    at = ["--db", db, "--at", SESSION_DAY]
    for member in COOPERATIVES:
        seat = ["--member", member, "--person", f"{member}-gc"]
        ok(invoke("organ", "delegate", "general-council", *seat, *at))
    ok(invoke("session", "convene", "s1", *at))
    what = ["--title", "Equal votes in ordinary decisions", "--field", "charter"]
    kind = ["--kind", "charter-amendment", "--force", "mandatory"]
    changed = ["--changes", str(changes), "--effective-on", "2026-03-01"]
    ok(
        invoke(
            "motion",
            "draft",
            "equal-votes",
            "--organ",
            "general-council",
            *what,
            *kind,
            *changed,
            *at,
        )
    )


def test_p13_audit_shows_an_amendment_in_the_record_before_and_after(tmp_path: Path) -> None:
    db = founded(tmp_path)
    _draft(db, tmp_path)
    shown = ok(invoke("audit", "--amendment", "equal-votes", "--db", db, "--on", SESSION_DAY))
    assert "before equal-votes" in shown and "with equal-votes" in shown
    assert "What the amendment changes" in shown
    data = json.loads(
        ok(invoke("audit", "--amendment", "equal-votes", "--db", db, "--on", SESSION_DAY, "--json"))
    )
    after = {r["rule"]: r for r in data["rules"]}["ordinary"]
    assert {round(m["banzhaf"], 3) for m in after["members"]} == {round(1 / 6, 3)}
    before = {r["rule"]: r for r in data["before"]["rules"]}["ordinary"]
    assert max(m["banzhaf"] for m in before["members"]) > 0.4  # Terra Viva's weight, before


def test_p10_an_adopted_amendment_rules_from_its_day_and_the_record_verifies(
    tmp_path: Path,
) -> None:
    db = founded(tmp_path)
    _draft(db, tmp_path)
    at = ["--db", db, "--at", SESSION_DAY]
    ok(invoke("motion", "table", "equal-votes", "--session", "s1", *at))
    for member in COOPERATIVES:
        ok(
            invoke(
                "vote",
                "cast",
                "equal-votes",
                "yes",
                "--member",
                member,
                "--as",
                f"{member}-gc",
                *at,
            )
        )
    ok(invoke("vote", "count", "equal-votes", *at))
    still = json.loads(ok(invoke("audit", "--db", db, "--on", SESSION_DAY, "--json")))
    ordinary = {r["rule"]: r for r in still["rules"]}["ordinary"]
    assert max(m["banzhaf"] for m in ordinary["members"]) > 0.4  # not in effect yet
    adopted = ["audit", "--amendment", "equal-votes", "--db", db, "--on", SESSION_DAY, "--json"]
    compared = json.loads(ok(invoke(*adopted)))  # the charter it made, beside the one it replaces
    after = {r["rule"]: r for r in compared["rules"]}["ordinary"]
    assert {round(m["banzhaf"], 3) for m in after["members"]} == {round(1 / 6, 3)}
    ok(invoke("settle", "--db", db, "--at", "2026-03-02"))
    now = json.loads(ok(invoke("audit", "--db", db, "--on", "2026-03-02", "--json")))
    ordinary = {r["rule"]: r for r in now["rules"]}["ordinary"]
    assert {round(m["banzhaf"], 3) for m in ordinary["members"]} == {round(1 / 6, 3)}
    ok(invoke("ledger", "verify", "--db", db))
    ok(invoke("projections", "rebuild", "--db", db))
    ok(invoke("ledger", "verify", "--db", db))


def test_p10_an_unreadable_changes_file_is_refused_in_one_line(tmp_path: Path) -> None:
    db = founded(tmp_path)
    broken = tmp_path / "broken.toml"
    broken.write_text("[[decision_rules]\n", encoding="utf-8")
    kind = ["--field", "charter", "--kind", "charter-amendment", "--force", "mandatory"]
    at = ["--db", db, "--at", SESSION_DAY]
    draft = ["motion", "draft", "bad", "--organ", "general-council", "--title", "Bad", *kind]
    result = invoke(*draft, "--changes", str(broken), *at)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--changes" in lines[0], result.stderr


def test_p13_the_api_shows_an_amendment_in_the_record_before_and_after(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from isonomia.web.app import create_app

    db = founded(tmp_path)
    _draft(db, tmp_path)
    with TestClient(create_app(db, pages=False)) as client:
        answer = client.get("/api/v1/audit/amendment/equal-votes", params={"on": SESSION_DAY})
        assert answer.status_code == 200, answer.text
        data = answer.json()
        after = {r["rule"]: r for r in data["after"]["rules"]}["ordinary"]
        assert {round(m["banzhaf"], 3) for m in after["members"]} == {round(1 / 6, 3)}
        refused = client.get("/api/v1/audit/amendment/no-such-motion")
        assert refused.status_code in (400, 404, 409, 422), refused.text
        assert "no charter amendment" in refused.text
