"""Queries of national languages (P14): where each act is in force, and every gap.

Whether an act is in force in one member is a per-member fact, said by the one pure function
`domain.standing.standing` (as the rules ask it of the folded state): the act is within the
member's terms of accession (P2), in force in the union, and its versions in all the member's
official languages are certified by the member's own certifier, or the member waived them.
Everything comes from the read tables: members' languages and terms, versions and the
certifications counted for each member, certifiers, waivers, correspondence, and the
languages of the union's staff.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain.standing import ActStanding, Certification, default_certifier, standing
from isonomia.service.federation import Federation
from isonomia.service.queries.motions import act_in_force_row, suspended_on
from isonomia.service.queries.organs import members_on_day
from isonomia.store.projections.departments import department_staff_language_view
from isonomia.store.projections.languages import (
    certification_view,
    certifier_view,
    correspondence_view,
    language_rules_view,
    version_view,
    waiver_view,
)
from isonomia.store.projections.membership import member_view
from isonomia.store.projections.motions import act_view


@dataclass(frozen=True)
class MemberActStatus:
    """Where one act stands in one member on a day (P2, P14)."""

    member: str
    in_force: bool
    #: The member's official languages still without a version its own certifier certified.
    awaiting: list[str]
    waived_on: str | None
    status: str
    #: "in force", "pending", "not binding" (outside its terms of accession, P2) or "not in
    #: force in the union".
    standing: str = ""
    #: Each language awaited → the member's certifier, who is to certify it.
    certifiers: dict[str, str] | None = None


@dataclass(frozen=True)
class LanguageGap:
    """One line of the compliance report (P14)."""

    member: str
    language: str
    kind: str  # awaiting version, needs review, correspondence, staff, waiver
    subject: str
    since: str
    days: int


@dataclass(frozen=True)
class VersionRow:
    """An act's version in one language (P14)."""

    language: str
    text: str
    certified_on: str | None
    needs_review: bool


def versions(federation: Federation, act_id: str) -> list[VersionRow]:
    """An act's versions in the members' languages, by language."""
    v = version_view.c
    query = sa.select(version_view).where(v.act == act_id).order_by(v.language)
    with federation.db.reading() as conn:
        return [
            VersionRow(r.language, r.text, r.certified_on, bool(r.needs_review))
            for r in conn.execute(query)
        ]


@dataclass(frozen=True)
class LanguageBook:
    """What the read tables know of languages and acts on a day, for the per-member answers:
    each member's latest membership (id → row), the certifications counted for each member,
    the certifiers designated, waivers, acts and suspensions."""

    day: str
    members: dict[str, sa.Row[Any]]
    present: list[str]
    versions: dict[tuple[str, str], sa.Row[Any]]
    #: (act, language, member) → the certification counted for that member.
    certified: dict[tuple[str, str, str], Certification]
    #: (member, language) → the certifier the member designated.
    certifiers: dict[tuple[str, str], str]
    waivers: dict[tuple[str, str], str]
    acts: dict[str, sa.Row[Any]]
    suspended: set[str]

    def in_force(self, act_id: str) -> bool:
        row = self.acts.get(act_id)
        return row is not None and act_in_force_row(
            row, date.fromisoformat(self.day), self.suspended
        )

    def standing(self, act_id: str, member: str) -> ActStanding:
        """Where the act stands in the member on the book's day (P2, P14)."""
        record, act = self.members.get(member), self.acts.get(act_id)
        on = date.fromisoformat(self.day)
        if record is None or act is None:
            return standing(
                member,
                on,
                in_force_in_union=self.in_force(act_id),
                field="",
                kind="",
                force="",
                accepted_fields=None,
                languages=(),
                certifiers={},
                certified={},
                waived_on=None,
            )
        languages = json.loads(record.languages)
        accepted = json.loads(record.accepted_fields) if record.accepted_fields else None
        waived = self.waivers.get((act_id, member))
        certified = {
            language: done
            for language in languages
            if (done := self.certified.get((act_id, language, member))) is not None
        }
        return standing(
            member,
            on,
            in_force_in_union=self.in_force(act_id),
            field=str(act.field),
            kind=str(act.kind),
            force=str(act.force),
            accepted_fields=accepted,
            languages=languages,
            certifiers={
                x: self.certifiers.get((member, x), default_certifier(member)) for x in languages
            },
            certified=certified,
            waived_on=date.fromisoformat(waived) if waived is not None else None,
        )

    def awaiting(self, act_id: str, member: str) -> list[str]:
        """The member's official languages in which the act has no version its own
        certifier certified on the day; none when the member waived them or the act is
        outside its terms (P2, P14)."""
        return self.standing(act_id, member).languages


def language_book(conn: Connection, on: date, acts: list[str] | None = None) -> LanguageBook:
    m = member_view.c
    admitted = conn.execute(
        sa.select(member_view).where(m.joined_on.is_not(None)).order_by(m.id, m.membership)
    ).all()
    act_query = sa.select(act_view)
    version_query = sa.select(version_view)
    certified_query = sa.select(certification_view)
    if acts is not None:
        act_query = act_query.where(act_view.c.id.in_(acts))
        version_query = version_query.where(version_view.c.act.in_(acts))
        certified_query = certified_query.where(certification_view.c.act.in_(acts))
    return LanguageBook(
        day=on.isoformat(),
        members={str(r.id): r for r in admitted},  # the latest membership of each
        present=[member for member, _ in members_on_day(conn, on)],
        versions={(str(v.act), str(v.language)): v for v in conn.execute(version_query)},
        certified={
            (str(c.act), str(c.language), str(c.member)): Certification(
                str(c.certified_by),
                date.fromisoformat(str(c.certified_on)),
                bool(c.needs_review),
            )
            for c in conn.execute(certified_query)
        },
        certifiers={
            (str(c.member), str(c.language)): str(c.principal)
            for c in conn.execute(sa.select(certifier_view))
        },
        waivers={
            (str(w.act), str(w.member)): str(w.waived_on)
            for w in conn.execute(sa.select(waiver_view))
        },
        acts={str(r.id): r for r in conn.execute(act_query)},
        suspended=suspended_on(conn, on),
    )


def act_in_force_in(federation: Federation, act_id: str, member: str, on: date) -> bool:
    """Whether a union act is in force in one member on a day (P2, P14)."""
    with federation.db.reading() as conn:
        book = language_book(conn, on, [act_id])
    return book.standing(act_id, member).in_force


def not_in_force(book: LanguageBook, act: str, member: str) -> str | None:
    """Why a union act owes nothing in one member on the book's day, or None (P2, P14)."""
    return book.standing(act, member).owes_nothing()


def _status(book: LanguageBook, act_id: str, member: str) -> MemberActStatus:
    found = book.standing(act_id, member)
    return MemberActStatus(
        member,
        found.in_force,
        found.languages,
        found.waived_on.isoformat() if found.waived_on else None,
        found.status,
        found.standing.value,
        {a.language: a.certifier for a in found.awaiting},
    )


def act_status(federation: Federation, act_id: str, on: date) -> list[MemberActStatus] | None:
    """Each member's standing of one act on a day, in the rotation's order; None when the
    record has no such act."""
    with federation.db.reading() as conn:
        book = language_book(conn, on, [act_id])
    if act_id not in book.acts:
        return None
    return [_status(book, act_id, member) for member in book.present]


def _version_gaps(book: LanguageBook, on: date) -> list[LanguageGap]:
    gaps: list[LanguageGap] = []
    for act_id in sorted(book.acts):
        in_force_on = book.acts[act_id].in_force_on
        if not book.in_force(act_id) or in_force_on is None:
            continue
        for member in book.present:
            joined_on = book.members[member].joined_on
            for awaited in book.standing(act_id, member).awaiting:
                language = awaited.language
                version = book.versions.get((act_id, language))
                review = awaited.needs_review or (version is not None and version.needs_review)
                kind = "needs review" if review else "awaiting version"
                since = date.fromisoformat(max(str(in_force_on), str(joined_on)))
                gaps.append(
                    LanguageGap(
                        member, language, kind, act_id, since.isoformat(), (on - since).days
                    )
                )
    return gaps


def _staff_gaps(conn: Connection, book: LanguageBook, on: date) -> list[LanguageGap]:
    """People serving joint departments without a language the member's rules require."""
    rules = {str(r.member): r for r in conn.execute(sa.select(language_rules_view))}
    serving = sorted(
        conn.execute(sa.select(department_staff_language_view)),
        key=lambda r: (r.department, r.member, r.person),
    )
    gaps: list[LanguageGap] = []
    for member in book.present:
        adopted = rules.get(member)
        if adopted is None or adopted.adopted_on > book.day:
            continue
        required = json.loads(adopted.staff)
        missing_of: dict[str, list[str]] = {}
        for r in serving:
            spoken = json.loads(r.languages)
            missing = [x for x in required if x not in spoken]
            if r.member == member and missing:
                missing_of[str(r.person)] = missing
        since = date.fromisoformat(adopted.adopted_on)
        for person, missing in missing_of.items():
            gaps.extend(
                LanguageGap(member, x, "staff", person, since.isoformat(), (on - since).days)
                for x in missing
            )
    return gaps


def _ledger_gaps(federation: Federation, on: date) -> list[LanguageGap]:
    """Waivers used, and letters sent without a language a member's rules now require."""
    day = on.isoformat()
    with federation.db.reading() as conn:
        waivers = conn.execute(sa.select(waiver_view).where(waiver_view.c.waived_on <= day)).all()
        rules = {
            r.member: json.loads(r.correspondence)
            for r in conn.execute(
                sa.select(language_rules_view).where(language_rules_view.c.adopted_on <= day)
            )
        }
        letters = conn.execute(
            sa.select(correspondence_view).where(correspondence_view.c.sent_on <= day)
        ).all()
    gaps = [
        LanguageGap(
            w.member, "", "waiver", w.act, w.waived_on, (on - date.fromisoformat(w.waived_on)).days
        )
        for w in waivers
    ]
    for letter in letters:
        carried = set(json.loads(letter.languages))
        for language in rules.get(letter.member, []):
            if language not in carried:
                since = date.fromisoformat(letter.sent_on)
                gaps.append(
                    LanguageGap(
                        letter.member,
                        language,
                        "correspondence",
                        f"letter {letter.sequence} from {letter.organ}",
                        letter.sent_on,
                        (on - since).days,
                    )
                )
    return gaps


def language_report(federation: Federation, on: date) -> list[LanguageGap]:
    """The compliance report (P14): per member and language, acts awaiting versions and for
    how many days, versions needing review, gaps in correspondence and in the languages
    of the union's staff, waivers used."""
    with federation.db.reading() as conn:
        book = language_book(conn, on)
        gaps = _version_gaps(book, on) + _staff_gaps(conn, book, on)
    gaps += _ledger_gaps(federation, on)
    return sorted(gaps, key=lambda g: (g.member, g.language, g.kind, g.subject))
