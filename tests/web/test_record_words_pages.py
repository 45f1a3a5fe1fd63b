"""The record's words on the pages, in the member's language (P14): every page of the demo's
union, drawn in Ukrainian and in Georgian, shows no English word of the record's own
vocabularies (stages, kinds, forces, standings, statuses, rulings, sanctions, votes) nor of
its phrases (history lines, recusal reasons, the audit's breaches, where an act stands).

The list of English words is made from those vocabularies and phrases themselves
(`domain.phrases`), so a new stage is checked as soon as the record can write it; a test
checks that every value of the domain's enumerations is in a vocabulary. What a page marks
`translate="no"` (a title, a text, a ground: the record's own text) is left out, as is the
page's head. The pages only say the words in the other languages once the catalogs hold
their translations (`tests/docs/test_catalogs.py` fails on any entry left untranslated).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from isonomia.domain import inspection, inspection_book, motions, standing
from isonomia.domain.phrases import PHRASES, RECORD_WORDS
from isonomia.service import Federation, queries
from isonomia.service.record_words import ENGLISH_WORDS, parts_of, record_words
from isonomia.web.app import create_app
from isonomia.web.page_support import CSRF_COOKIE
from played_demo import PlayedDemo

HTML = {"accept": "text/html"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
#: Words of the phrases too short or too common to say a page left the record's words
#: in English (an id or a name holds them as well).
COMMON = {
    "the",
    "by",
    "on",
    "of",
    "in",
    "a",
    "an",
    "be",
    "its",
    "with",
    "this",
    "from",
    "for",
    "to",
}


def _english_words() -> set[str]:
    """Every word of the record's vocabularies, and every word the phrases write."""
    found = set(ENGLISH_WORDS)
    for msgid in PHRASES:
        for literal, _, _, _ in string.Formatter().parse(msgid):
            found |= {w for w in re.findall(r"[a-z][a-z'-]*[a-z]", literal) if w not in COMMON}
    return found


ENGLISH = _english_words()
ANY_ENGLISH = re.compile(
    r"(?<![\w:-])("
    + "|".join(sorted(map(re.escape, ENGLISH), key=len, reverse=True))
    + r")(?![\w:-])"
)


class _Shown(HTMLParser):
    """The text a page shows in its body, without what it marks `translate="no"`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.kept: list[str] = []
        self._stack: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        hidden = tag in ("head", "script", "style") or ("translate", "no") in attrs
        self._stack.append(hidden or bool(self._stack and self._stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self._stack and self._stack[-1]):
            self.kept.append(data)


def shown_text(page: str) -> str:
    parser = _Shown()
    parser.feed(page)
    return " ".join(parser.kept)


@pytest.fixture(scope="module")
def demo(
    tmp_path_factory: pytest.TempPathFactory, played_demo: PlayedDemo
) -> Iterator[tuple[TestClient, Path]]:
    db = played_demo.copy_to(tmp_path_factory.mktemp("words")).db
    with TestClient(create_app(f"sqlite:///{db}")) as client:
        yield client, db


def _sign_in(client: TestClient, db: Path, name: str) -> None:
    """Sign in with one of the demo's accounts (its password is written beside the db)."""
    accounts = (Path(f"{db}.web-accounts")).read_text().splitlines()
    password = next(line.split("\t")[2] for line in accounts if line.split("\t")[0] == name)
    client.get("/login")
    token = client.cookies.get(CSRF_COOKIE)
    answer = client.post(
        "/login",
        data={"name": name, "password": password, "csrf": token},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text


def every_page(federation: Federation, day: date) -> list[str]:
    """Every page of the site, each page with a path part once for each thing it names."""
    members = [m.id for m in queries.members(federation, day)]
    issues = [issue.number for issue in queries.journal.journal(federation, day, None)]
    return [
        "/",
        "/appeals",
        "/vote",
        "/audit",
        "/ledger",
        "/login",
        "/device",
        "/keys",
        "/cases",
        "/journal",
        "/budget",
        *(f"/members/{m}" for m in members),
        *(f"/budget/{m}" for m in members),
        *(f"/acts/{a.id}" for a in queries.acts(federation, day)),
        *(f"/cases/{c.id}" for c in queries.inspection.cases(federation, "inspection")),
        *(f"/journal/{n}" for n in issues),
    ]


def _leftovers(text: str) -> list[str]:
    return sorted({m.group(1) for m in ANY_ENGLISH.finditer(text)})


@pytest.mark.parametrize("language", ["uk", "ka"])
def test_p14_no_page_leaves_a_record_word_in_english(
    demo: tuple[TestClient, Path], language: str
) -> None:
    client, db = demo
    _sign_in(client, db, "inspection")  # sees every case whole
    federation: Federation = client.app.state.federation  # type: ignore[attr-defined]
    pages = every_page(federation, date(1926, 12, 31))
    assert len(pages) > 40
    english: dict[str, list[str]] = {}
    for path in pages:
        answer = client.get(path, params={"lang": language}, headers=HTML)
        assert answer.status_code == 200, path
        left = _leftovers(shown_text(answer.text))
        if left:
            english[path] = left
    token = client.cookies.get(CSRF_COOKIE)
    verified = client.post(f"/ledger/verify?lang={language}", data={"csrf": token}, headers=HTML)
    assert verified.status_code == 200
    if left := _leftovers(shown_text(verified.text)):
        english["/ledger/verify"] = left
    assert not english, f"English record words on the {language} pages: {english}"


def test_every_value_of_the_domains_vocabularies_is_a_record_word() -> None:
    enumerated = {
        "stage": {s.value for s in motions.Stage},
        "kind": {k.value for k in motions.ActKind},
        "force": {f.value for f in motions.Force},
        "standing": {s.value for s in standing.Standing},
        "complaint": {k.value for k in inspection.ComplaintKind},
        "case": {inspection_book.DRAWING, inspection_book.OPEN, inspection_book.DECIDED},
        "sanction": {
            inspection.REMOVAL,
            inspection.SUSPENSION,
            inspection.TRANSFER,
            inspection.REPRIMAND,
            inspection.NO_SANCTION,
        },
    }
    for vocabulary, values in enumerated.items():
        assert values <= set(RECORD_WORDS[vocabulary]), vocabulary


def test_every_history_line_of_the_demo_is_said_from_its_parts(
    demo: tuple[TestClient, Path],
) -> None:
    """No history line is left as English text: each is found again as the phrase it was
    written from, so its words are the catalog's."""
    client, _ = demo
    federation: Federation = client.app.state.federation  # type: ignore[attr-defined]
    day = date(1926, 12, 31)
    lines = [
        what
        for act in queries.acts(federation, day)
        for _, what in queries.act_history(federation, act.id)
    ]
    assert lines
    assert not [what for what in lines if not _said_whole(what)]


def _said_whole(text: str) -> bool:
    """Whether a phrase, and the phrases in its parts (a count's reason), are all found."""
    found = parts_of(text)
    if found is None:
        return False
    return all(_said_whole(part) for name, part in found[1].items() if name in ("reason", "detail"))


def test_a_phrase_is_said_with_its_parts_and_its_day_in_the_locale() -> None:
    words = record_words("uk")
    said = words.phrase("published; in force from 1923-01-10")
    assert "1923-01-10" not in said and "1923" in said
    english = record_words("en")
    assert english.phrase("published; in force from 1923-01-10") == (
        "published; in force from 1923-01-10"
    )
    assert english.phrase("tabled for session s1; voting closes on 1923-01-11") == (
        "tabled for session s1; voting closes on 1923-01-11"
    )
    assert parts_of("tabled for session s1; voting closes on 1923-01-11") == (
        "tabled for session {session}; voting closes on {closes}",
        {"session": "s1", "closes": "1923-01-11"},
    )
    assert english.word("a title of the record") == "a title of the record"


def test_the_api_keeps_the_records_english_words(demo: tuple[TestClient, Path]) -> None:
    client, _ = demo
    act = client.get("/api/v1/acts/sto-tariffs", params={"lang": "uk"}).json()
    assert act["row"]["stage"] == "published" and act["row"]["force"] == "mandatory"
    assert any(what.startswith("drafted by ") for _, what in act["history"])
