"""The union's official journal (P8, P14, P18): every published act, circulated draft,
election result, sanction and charter amendment, in numbered issues, one a day with something
in it. Issue numbers count the days with items from the first, so they never change as the
record grows. Each item cites its ledger entry (its inclusion proof is that entry's) and,
for an act or a draft, each member's official languages with "certified" or "version
pending" as the record stands on the day asked about."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from isonomia.domain.refusal import N_
from isonomia.service.federation import Federation
from isonomia.service.queries.languages import LanguageBook, language_book
from isonomia.service.queries.organs import members_on_day
from isonomia.store.projections.journal import journal_view
from isonomia.store.projections.motions import act_view

CERTIFIED = N_("certified")
PENDING = N_("version pending")
WAIVED = N_("waived")
#: What each kind of item publishes, as the interfaces say it.
KINDS = {
    "act": N_("act published"),
    "draft": N_("draft circulated"),
    "election": N_("election result"),
    "sanction": N_("sanction in effect"),
    "amendment": N_("charter amendment adopted"),
    "amendment in effect": N_("charter amendment in effect"),
}


@dataclass(frozen=True)
class JournalItem:
    #: "issue.item", e.g. "12.3".
    number: str
    day: str
    sequence: int
    kind: str
    subject: str
    organ: str | None
    title: str
    #: The members it is addressed to; empty: every member.
    addressees: list[str]
    #: The field of the act, draft or amendment it publishes (None for the others).
    field: str | None
    #: Each member concerned → each of its official languages → certified, version pending
    #: or waived; empty for items that are names and dates (elections, sanctions).
    languages: dict[str, dict[str, str]]


@dataclass(frozen=True)
class JournalIssue:
    number: int
    day: str
    items: list[JournalItem]


def _numbers(conn: Connection) -> dict[str, int]:
    days = conn.execute(sa.select(journal_view.c.day).distinct().order_by(journal_view.c.day))
    return {str(day): number for number, (day,) in enumerate(days, start=1)}


def _act_languages(book: LanguageBook, act: str, present: list[str]) -> dict[str, dict[str, str]]:
    """Each member present on the act's publication → its languages' status on the book's
    day: the journal says which versions a member still awaits, not only which it had."""
    found: dict[str, dict[str, str]] = {}
    for member in present:
        record = book.members.get(member)
        if record is None:
            continue
        waived = (act, member) in book.waivers
        found[member] = {
            language: WAIVED
            if waived
            else CERTIFIED
            if (act, language, member) in book.certified
            else PENDING
            for language in json.loads(record.languages)
        }
    return found


def _draft_languages(text: str | None) -> dict[str, dict[str, str]]:
    recipients: dict[str, dict[str, str]] = json.loads(text or "{}")
    return {
        member: {lang: CERTIFIED if what == "version" else PENDING for lang, what in langs.items()}
        for member, langs in recipients.items()
    }


def _languages(
    row: Any, book: LanguageBook, present: dict[str, list[str]], member: str | None
) -> dict[str, dict[str, str]]:
    """An item's languages, for every member concerned or only `member`."""
    if row.kind == "act":
        found = _act_languages(book, row.subject, present[row.day])
    elif row.kind == "draft":
        found = _draft_languages(row.languages)
    else:
        found = {}
    return found if member is None else {m: v for m, v in found.items() if m == member}


def journal(
    federation: Federation,
    on: date,
    member: str | None = None,
    since: date | None = None,
    number: int | None = None,
    field: str | None = None,
) -> list[JournalIssue]:
    """The journal's issues up to `on` (from `since`, or only issue `number`), newest last;
    with `member`, only the items addressed to it or to every member, and its languages;
    with `field`, only the acts, drafts and amendments in that field."""
    day = on.isoformat()
    j = journal_view.c
    query = sa.select(journal_view).where(j.day <= day).order_by(j.day, j.sequence)
    if since is not None:
        query = query.where(j.day >= since.isoformat())
    with federation.db.reading() as conn:
        numbers = _numbers(conn)
        rows = [r for r in conn.execute(query) if number is None or numbers[r.day] == number]
        acts = sorted({str(r.subject) for r in rows if r.kind == "act"})
        book = language_book(conn, on, acts)
        fields = {
            str(r.id): str(r.field)
            for r in conn.execute(sa.select(act_view.c.id, act_view.c.field))
        }
        days = sorted({str(r.day) for r in rows if r.kind == "act"})
        present = {d: [m for m, _ in members_on_day(conn, date.fromisoformat(d))] for d in days}
    issues: dict[str, list[JournalItem]] = {}
    counted: dict[str, int] = {}
    for r in rows:
        # An item's number counts every item of its day, shown or not, so it never changes.
        counted[r.day] = counted.get(r.day, 0) + 1
        addressees = list(json.loads(r.addressees))
        if member is not None and addressees and member not in addressees:
            continue
        of_field = fields.get(str(r.subject)) if r.kind in ("act", "draft", "amendment") else None
        if field is not None and of_field != field:
            continue
        languages = _languages(r, book, present, member)
        items = issues.setdefault(str(r.day), [])
        items.append(
            JournalItem(
                f"{numbers[r.day]}.{counted[r.day]}",
                str(r.day),
                int(r.sequence),
                str(r.kind),
                str(r.subject),
                r.organ,
                str(r.title),
                addressees,
                of_field,
                languages,
            )
        )
    return [JournalIssue(numbers[d], d, items) for d, items in issues.items()]
