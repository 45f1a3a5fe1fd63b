"""Read tables of national languages (P14): members' rules, certifiers, versions of acts,
the certifications counted for each member, waivers and the union's correspondence.

A certification counts only for the members whose designated certifier made it
(`certification_view`, one row per act, language and member): which members those are is
asked of `domain.standing.certified_for`, over the members and certifiers as the read tables
hold them when the certification is recorded, as the state's evolver asks it of the fold."""

from __future__ import annotations

import json

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from isonomia.domain import (
    AmendmentAdopted,
    AppealRuled,
    CertifierDesignated,
    CorrespondenceSent,
    LanguageRulesAdopted,
    OriginalFiled,
    VersionCertified,
    VersionSubmitted,
    VersionsWaived,
)
from isonomia.domain.standing import certified_for
from isonomia.store.projections.membership import member_view
from isonomia.store.projections.registry import ID, D, iso, projects, read_table
from isonomia.store.tables import metadata

LANG = sa.String(35)

language_rules_view = read_table(
    sa.Table(
        "language_rules_view",
        metadata,
        sa.Column("member", ID, primary_key=True),
        sa.Column("correspondence", sa.Text(), nullable=False),  # JSON list
        sa.Column("bilingual_documents", sa.Text(), nullable=False),  # JSON list
        sa.Column("staff", sa.Text(), nullable=False),  # JSON list
        sa.Column("adopted_on", D, nullable=False),
    )
)

certifier_view = read_table(
    sa.Table(
        "certifier_view",
        metadata,
        sa.Column("member", ID, primary_key=True),
        sa.Column("language", LANG, primary_key=True),
        sa.Column("principal", sa.Text(), nullable=False),
        sa.Column("designated_on", D, nullable=False),
    )
)

version_view = read_table(
    sa.Table(
        "version_view",
        metadata,
        sa.Column("act", ID, primary_key=True),
        sa.Column("language", LANG, primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("submitted_by", sa.Text(), nullable=False),
        sa.Column("submitted_on", D, nullable=False),
        sa.Column("certified_by", sa.Text()),
        sa.Column("certified_on", D),
        sa.Column("needs_review", sa.Boolean(), nullable=False),
    )
)

certification_view = read_table(
    sa.Table(
        "certification_view",
        metadata,
        sa.Column("act", ID, primary_key=True),
        sa.Column("language", LANG, primary_key=True),
        sa.Column("member", ID, primary_key=True),
        sa.Column("certified_by", sa.Text(), nullable=False),
        sa.Column("certified_on", D, nullable=False),
        sa.Column("needs_review", sa.Boolean(), nullable=False),
    )
)

waiver_view = read_table(
    sa.Table(
        "waiver_view",
        metadata,
        sa.Column("act", ID, primary_key=True),
        sa.Column("member", ID, primary_key=True),
        sa.Column("waived_on", D, nullable=False),
    )
)

correspondence_view = read_table(
    sa.Table(
        "correspondence_view",
        metadata,
        sa.Column("sequence", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("organ", ID, nullable=False),
        sa.Column("member", ID, nullable=False),
        sa.Column("languages", sa.Text(), nullable=False),  # JSON list
        sa.Column("sent_on", D, nullable=False),
    )
)

original_view = read_table(
    sa.Table(
        "original_view",
        metadata,
        sa.Column("of_command", sa.Text(), primary_key=True),
        sa.Column("language", LANG, primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("filed_by", sa.Text(), nullable=False),
        sa.Column("filed_on", D, nullable=False),
    )
)


@projects(LanguageRulesAdopted)
def _rules(conn: Connection, sequence: int, event: LanguageRulesAdopted) -> None:
    conn.execute(sa.delete(language_rules_view).where(language_rules_view.c.member == event.member))
    conn.execute(
        language_rules_view.insert(),
        dict(
            member=event.member,
            correspondence=json.dumps(event.correspondence),
            bilingual_documents=json.dumps(event.bilingual_documents),
            staff=json.dumps(event.staff),
            adopted_on=iso(event.adopted_on),
        ),
    )


@projects(CertifierDesignated)
def _designated(conn: Connection, sequence: int, event: CertifierDesignated) -> None:
    c = certifier_view.c
    conn.execute(
        sa.delete(certifier_view).where(c.member == event.member, c.language == event.language)
    )
    conn.execute(
        certifier_view.insert(),
        dict(
            member=event.member,
            language=event.language,
            principal=event.principal,
            designated_on=iso(event.designated_on),
        ),
    )


@projects(VersionSubmitted)
def _submitted(conn: Connection, sequence: int, event: VersionSubmitted) -> None:
    c, x = version_view.c, certification_view.c
    conn.execute(sa.delete(version_view).where(c.act == event.act, c.language == event.language))
    # A new text in the language is certified anew, for every member (P14).
    conn.execute(
        sa.delete(certification_view).where(x.act == event.act, x.language == event.language)
    )
    conn.execute(
        version_view.insert(),
        dict(
            act=event.act,
            language=event.language,
            text=event.text,
            submitted_by=event.submitted_by,
            submitted_on=iso(event.submitted_on),
            needs_review=False,
        ),
    )


@projects(VersionCertified)
def _certified(conn: Connection, sequence: int, event: VersionCertified) -> None:
    c = version_view.c
    conn.execute(
        sa.update(version_view)
        .where(c.act == event.act, c.language == event.language)
        .values(
            certified_by=event.certified_by,
            certified_on=iso(event.certified_on),
            needs_review=False,
        )
    )
    x = certification_view.c
    for member in _members_certified_by(conn, event.certified_by, event.language):
        conn.execute(
            sa.delete(certification_view).where(
                x.act == event.act, x.language == event.language, x.member == member
            )
        )
        conn.execute(
            certification_view.insert(),
            dict(
                act=event.act,
                language=event.language,
                member=member,
                certified_by=event.certified_by,
                certified_on=iso(event.certified_on),
                needs_review=False,
            ),
        )


def _members_certified_by(conn: Connection, principal: str, language: str) -> list[str]:
    """The members for which `principal` certifies `language` versions now (P14)."""
    m = member_view.c
    rows = conn.execute(
        sa.select(m.id, m.languages).where(m.joined_on.is_not(None)).order_by(m.id, m.membership)
    ).all()
    languages_of = {str(r.id): json.loads(r.languages) for r in rows}  # the latest of each
    c = certifier_view.c
    designated = {
        (str(r.member), str(r.language)): str(r.principal)
        for r in conn.execute(sa.select(certifier_view).where(c.language == language))
    }
    return certified_for(principal, language, languages_of, designated)


@projects(VersionsWaived)
def _waived(conn: Connection, sequence: int, event: VersionsWaived) -> None:
    conn.execute(
        waiver_view.insert(),
        dict(act=event.act, member=event.member, waived_on=iso(event.waived_on)),
    )


@projects(CorrespondenceSent)
def _sent(conn: Connection, sequence: int, event: CorrespondenceSent) -> None:
    conn.execute(
        correspondence_view.insert(),
        dict(
            sequence=sequence,
            organ=event.organ,
            member=event.member,
            languages=json.dumps(event.languages),
            sent_on=iso(event.sent_on),
        ),
    )


def _to_review(conn: Connection, act: str) -> None:
    c = version_view.c
    conn.execute(
        sa.update(version_view)
        .where(c.act == act, c.certified_on.is_not(None))
        .values(needs_review=True)
    )
    conn.execute(
        sa.update(certification_view)
        .where(certification_view.c.act == act)
        .values(needs_review=True)
    )


@projects(AmendmentAdopted)
def _amended(conn: Connection, sequence: int, event: AmendmentAdopted) -> None:
    _to_review(conn, event.motion)


@projects(AppealRuled)
def _ruled(conn: Connection, sequence: int, event: AppealRuled) -> None:
    if event.ruling == "amend":
        _to_review(conn, event.act)


@projects(OriginalFiled)
def _original(conn: Connection, sequence: int, event: OriginalFiled) -> None:
    c = original_view.c
    conn.execute(
        sa.delete(original_view).where(
            c.of_command == event.of_command, c.language == event.language
        )
    )
    conn.execute(
        original_view.insert(),
        dict(
            of_command=event.of_command,
            language=event.language,
            text=event.text,
            filed_by=event.filed_by,
            filed_on=iso(event.filed_on),
        ),
    )
