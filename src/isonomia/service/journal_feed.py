"""The journal as an Atom feed (RFC 4287) for one member in one of its official languages
(P8, P14): each item an entry citing its ledger entry, with the member's version status in
that language ("version pending" where its certified version is missing). Built with
feedgen; the interface words come from the catalogs when the language has one."""

from __future__ import annotations

from datetime import UTC, date, datetime

from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]

from isonomia.catalogs import SHIPPED, catalog
from isonomia.domain.refusal import N_, Refusal
from isonomia.service.errors import Refused
from isonomia.service.federation import Federation
from isonomia.service.queries.journal import KINDS, JournalItem, journal
from isonomia.service.queries.membership import members
from isonomia.service.queries.union import charter


def _midnight(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), tzinfo=UTC)


def _summary(item: JournalItem, member: str, language: str, say: object) -> str:
    gettext = getattr(say, "gettext")  # noqa: B009 - NullTranslations and GNUTranslations
    status = item.languages.get(member, {}).get(language)
    lines = [f"{gettext(KINDS.get(item.kind, item.kind))}: {item.subject}"]
    if item.organ:
        lines.append(item.organ)
    if status is not None:
        lines.append(f"{language}: {gettext(status)}")
    lines.append(f"{gettext(N_('ledger entry'))} {item.sequence}")
    return "\n".join(lines)


def journal_feed(
    federation: Federation, member: str, language: str, on: date, base_url: str
) -> bytes:
    """The Atom feed of the journal's items for `member`, in `language`, up to `on`."""
    row = next((m for m in members(federation, on) if m.id == member), None)
    if row is None:
        raise Refused(
            Refusal.of("P1", N_("{member} is not a member on {day}"), member=member, day=on)
        )
    if language not in row.languages:
        raise Refused(
            Refusal.of(
                "P14",
                N_("{language} is not one of {member}'s official languages ({languages})"),
                language=language,
                member=member,
                languages=", ".join(row.languages),
            )
        )
    # A language without a shipped catalog reads the interface's words in English.
    say = catalog(language if language in SHIPPED else "en")
    base = base_url.rstrip("/")
    union = charter(federation).union
    feed = FeedGenerator()
    feed.id(f"urn:isonomia:{union.id}:journal:{member}:{language}")
    feed.title(f"{union.name}: {say.gettext(N_('official journal'))} ({member}, {language})")
    feed.language(language)
    feed.link(href=f"{base}/api/v1/journal/{member}/{language}.atom", rel="self")
    issues = journal(federation, on, member)
    items = [item for issue in issues for item in issue.items]
    feed.updated(_midnight(items[-1].day) if items else _midnight(on.isoformat()))
    for item in items:
        entry = feed.add_entry(order="append")
        entry.id(f"urn:isonomia:{union.id}:entry:{item.sequence}")
        entry.title(f"{item.number} {item.title}")
        entry.updated(_midnight(item.day))
        entry.link(href=f"{base}/api/v1/ledger/proof/{item.sequence}", rel="related")
        entry.content(_summary(item, member, language, say), type="text")
    body: bytes = feed.atom_str(pretty=True)
    return body
