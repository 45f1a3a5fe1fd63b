"""The story's episode about the official journal and notices (issue 26, P8, P14): the
railway tariffs published in the journal's first issue with each member's languages, the
issue laid out as a PDF and Georgia's feed in Georgian; Georgia's council registers where it
receives notices, and is reminded before the appeal window on the tariffs closes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from isonomia.cli.demo.support import Step, Story
from isonomia.service import actors, at_day, journal_feed, journal_pdf, notices, queries

PUBLISHED = date(1923, 1, 10)
#: Fourteen days before the appeal window on the tariffs closes (30 days from publication).
REMINDED = date(1923, 1, 26)


def journal_and_reminder(story: Story) -> Iterator[Step]:
    """The first issue of the journal, its PDF and a feed; a reminder queued for Georgia."""
    (issue,) = queries.journal.journal(story.federation, PUBLISHED, number=1)
    lines = []
    for item in issue.items:
        statuses = [
            (m, lang, s) for m, langs in item.languages.items() for lang, s in langs.items()
        ]
        pending = sorted(f"{m}: {lang}" for m, lang, s in statuses if s == queries.journal.PENDING)
        lines.append(f"no. {item.number} {item.kind}: {item.title} (entry {item.sequence})")
        lines.append(f"  versions pending: {', '.join(pending) or 'none'}")
    pdf = story.folder / f"journal-{issue.number}.pdf"
    pdf.write_bytes(journal_pdf(story.federation, issue.number, PUBLISHED))
    feed = story.folder / "journal-georgia-ka.atom"
    feed.write_bytes(
        journal_feed(story.federation, "georgia", "ka", PUBLISHED, "http://127.0.0.1:8000")
    )
    lines.append(f"the issue as PDF: {pdf.name}; Georgia's feed in Georgian: {feed.name}")
    yield Step(f"The official journal, no. {issue.number} of {issue.day} (P8, P14)", lines)

    story.do(
        "RegisterNoticeAddress",
        actors.council("georgia"),
        PUBLISHED,
        member="georgia",
        institution="council",
        language="ka",
        email="council@gov.ge.example",
    )
    wrong = story.refused(
        "RegisterNoticeAddress",
        actors.council("georgia"),
        PUBLISHED,
        member="georgia",
        institution="council",
        language="ru",
        email="council@gov.ge.example",
    )
    due = queries.deadlines.reminders(story.federation, REMINDED, "georgia")
    notices.queue(story.federation, REMINDED, at_day(REMINDED))
    queued = [r for r in notices.outbox(story.federation) if r.member == "georgia"]
    yield Step(
        "Georgia's council is reminded before the appeal window closes (P6, P14)",
        [f"{r.due_on}: {r.kind}: {r.subject} ({r.days_left} days left)" for r in due]
        + [
            f"queued for {r.target}: {r.key.split(':')[0]} (sent by `isonomia notices send`)"
            for r in queued
        ],
        refused=wrong,
        on=REMINDED,
    )
