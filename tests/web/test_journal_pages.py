"""The official journal on the web (P8, P14): its issues newest first, one issue by number,
a member's feeds in its languages, each item linked to its entry's proof; an issue that is
not there is a page saying so (404), in the page's language."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from builders import command
from isonomia.domain import DraftMotion, actors
from isonomia.domain.procedure import CirculateDraft
from isonomia.service import Federation
from isonomia.web.app import create_app


def _circulate(union: Federation) -> None:
    day = date(1923, 1, 10)
    union.execute(
        command(
            DraftMotion,
            actors.SECRETARIAT,
            day,
            motion="m1",
            organ="union-council",
            title="Uniform railway signals",
            text="Railway signals are uniform across the union.",
            field="railways",
            kind="decision",
            force="mandatory",
        )
    )
    union.execute(command(CirculateDraft, actors.SECRETARIAT, day, motion="m1"))


def test_p8_the_journal_page_shows_a_circulated_draft_with_its_entry(union: Federation) -> None:
    _circulate(union)
    with TestClient(create_app(union.db.url)) as client:
        page = client.get("/journal", params={"on": "1923-02-01", "member": "georgia"})
        assert page.status_code == 200
        assert "Uniform railway signals" in page.text
        assert "/api/v1/journal/georgia/ka.atom" in page.text
        assert "/api/v1/ledger/proof/" in page.text and "/api/v1/journal/1.pdf" in page.text
        one = client.get("/journal/1", params={"on": "1923-02-01"})
        assert one.status_code == 200 and "Uniform railway signals" in one.text
        missing = client.get("/journal/7", headers={"accept": "text/html"})
        assert missing.status_code == 404 and "no issue 7" in missing.text
        ukrainian = client.get("/journal", params={"on": "1923-02-01", "lang": "uk"})
        assert "Офіційний вісник" in ukrainian.text
