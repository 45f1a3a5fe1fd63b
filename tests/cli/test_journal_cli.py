"""The official journal (P8, P14, P18) on the demo's union: every published act and every
circulated draft appears once, in numbered daily issues whose numbers never change; each
member sees its languages' status; a member's Atom feed parses, cites each item's entry,
and is refused in a language that is not the member's; the API answers the same."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from cli_world import invoke, ok

from played_demo import PlayedDemo

ATOM = "{http://www.w3.org/2005/Atom}"
END = "1926-12-31"


@pytest.fixture(scope="module")
def demo(played_demo: PlayedDemo) -> str:
    return f"sqlite:///{played_demo.db}"


def items(db: str, *more: str) -> list[dict[str, object]]:
    found: list[dict[str, object]] = json.loads(
        ok(invoke("journal", "show", "--db", db, "--on", END, "--json", *more))
    )
    return found


def test_p8_every_published_act_and_circulated_draft_is_in_the_journal_once(demo: str) -> None:
    acts = json.loads(ok(invoke("motion", "list", "--db", demo, "--on", END, "--json")))
    published = sorted(a["id"] for a in acts if a["published_on"])
    journal = items(demo)
    assert sorted(i["subject"] for i in journal if i["kind"] == "act") == published
    circulated = [i["subject"] for i in journal if i["kind"] == "draft"]
    assert len(circulated) == len(set(circulated)) > 0
    for act in acts:
        if act["published_on"]:
            (item,) = [i for i in journal if i["kind"] == "act" and i["subject"] == act["id"]]
            assert item["day"] == act["published_on"]
    assert {"election", "sanction"} <= {str(i["kind"]) for i in journal}


def test_p18_issues_are_numbered_by_day_and_numbers_never_change(demo: str) -> None:
    journal = items(demo)
    days = sorted({str(i["day"]) for i in journal})
    for item in journal:
        issue, position = str(item["number"]).split(".")
        assert days[int(issue) - 1] == item["day"] and int(position) >= 1
    assert len({i["number"] for i in journal}) == len(journal)
    # An earlier day's view, a member's view and one issue keep the same numbers.
    earlier = items(demo, "--on", "1923-06-30")
    assert {(i["number"], i["sequence"]) for i in earlier} <= {
        (i["number"], i["sequence"]) for i in journal
    }
    georgia = items(demo, "--member", "georgia")
    assert {(i["number"], i["sequence"]) for i in georgia} <= {
        (i["number"], i["sequence"]) for i in journal
    }
    second = items(demo, "--issue", "2")
    assert second and {str(i["number"]).split(".")[0] for i in second} == {"2"}


def test_p14_a_members_view_shows_only_its_languages(demo: str) -> None:
    georgia = items(demo, "--member", "georgia")
    statuses = [i["languages"] for i in georgia if i["kind"] in ("act", "draft")]
    assert statuses and all(set(s) <= {"georgia"} for s in statuses)  # type: ignore[arg-type]
    assert any(s == {"georgia": {"ka": "version pending"}} for s in statuses)


def test_p14_a_members_atom_feed_cites_each_items_entry(demo: str, tmp_path: Path) -> None:
    out = tmp_path / "georgia-ka.atom"
    ok(invoke("journal", "feed", "georgia", "ka", "--db", demo, "--on", END, "--out", str(out)))
    feed = ET.fromstring(out.read_bytes())
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "ka"
    entries = feed.findall(f"{ATOM}entry")
    georgia = items(demo, "--member", "georgia")
    assert len(entries) == len(georgia)
    for entry, item in zip(entries, georgia, strict=True):
        assert entry.findtext(f"{ATOM}id", "").endswith(f":entry:{item['sequence']}")
        link = entry.find(f"{ATOM}link")
        assert link is not None and link.get("href", "").endswith(
            f"/api/v1/ledger/proof/{item['sequence']}"
        )


def test_p14_a_feed_in_a_language_not_the_members_is_refused(demo: str) -> None:
    result = invoke("journal", "feed", "georgia", "uk", "--db", demo, "--on", END)
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("refused (P14): uk is not one of georgia's official languages")


def test_the_api_serves_the_journal_and_the_feed(demo: str) -> None:
    from fastapi.testclient import TestClient

    from isonomia.web.app import create_app

    with TestClient(create_app(demo)) as client:
        answer = client.get("/api/v1/journal", params={"on": END, "member": "armenia"})
        assert answer.status_code == 200
        flat = [item for issue in answer.json() for item in issue["items"]]
        assert flat == items(demo, "--member", "armenia")
        feed = client.get("/api/v1/journal/armenia/hy.atom", params={"on": END})
        assert feed.status_code == 200
        assert feed.headers["content-type"].startswith("application/atom+xml")
        assert len(ET.fromstring(feed.content).findall(f"{ATOM}entry")) == len(flat)
        pdf = client.get("/api/v1/journal/1.pdf", params={"on": END})
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        wrong = client.get("/api/v1/journal/armenia/ka.atom", params={"on": END})
        assert 400 <= wrong.status_code < 500
        assert "P14" in wrong.text


def test_p14_the_journals_font_writes_every_script_the_members_use() -> None:
    from fontTools.ttLib import TTFont

    from isonomia.service.journal_pdf import FONT

    covered = TTFont(FONT).getBestCmap()
    for text in ("Союз Радянських", "საქართველო", "Հայաստան", "Azərbaycan", "Беларусь"):
        assert all(ord(c) in covered for c in text if not c.isspace()), text


def test_p8_an_issue_as_pdf_is_the_same_bytes_each_time(demo: str, tmp_path: Path) -> None:
    last = max(int(str(i["number"]).split(".")[0]) for i in items(demo))
    first, again = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for out in (first, again):
        ok(invoke("journal", "pdf", str(last), "--out", str(out), "--db", demo, "--on", END))
    assert first.read_bytes().startswith(b"%PDF") and first.read_bytes() == again.read_bytes()
    missing = invoke("journal", "pdf", str(last + 1), "--out", str(first), "--db", demo)
    assert missing.exit_code == 2
    assert missing.stderr.strip().splitlines() == [f"the journal has no issue {last + 1}"]


def test_p14_every_published_act_names_each_members_every_official_language(demo: str) -> None:
    acts = [i for i in items(demo) if i["kind"] == "act"]
    assert acts
    for item in acts:
        present = json.loads(
            ok(invoke("members", "--db", demo, "--on", str(item["day"]), "--json"))
        )
        official = {m["id"]: set(m["languages"]) for m in present if m["status"] != "seceded"}
        languages = item["languages"]
        assert isinstance(languages, dict)
        assert {m: set(v) for m, v in languages.items()} == official, item["subject"]
        assert all(
            s in {"certified", "version pending", "waived"}
            for v in languages.values()
            for s in v.values()
        )
