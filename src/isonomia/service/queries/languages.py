"""Queries of national languages (P14): where each act is in force, and every gap.

Whether an act is in force in one member is a per-member fact: the act is in force in the
union and its versions in all the member's official languages are certified, or the member
waived them. Waivers and correspondence come from the read tables; the certification of
versions is read from the record's state, as of any day.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from isonomia.domain import FederationState
from isonomia.domain.languages import awaiting, in_force_in, staff_gaps
from isonomia.service.federation import Federation
from isonomia.store.projections.languages import (
    correspondence_view,
    language_rules_view,
    waiver_view,
)


@dataclass(frozen=True)
class MemberActStatus:
    """Where one act stands in one member on a day (P14)."""

    member: str
    in_force: bool
    #: The member's official languages still without a certified version.
    awaiting: list[str]
    waived_on: str | None
    status: str


@dataclass(frozen=True)
class LanguageGap:
    """One line of the compliance report (P14)."""

    member: str
    language: str
    kind: str  # awaiting version, needs review, correspondence, staff, waiver
    subject: str
    since: str
    days: int


def act_in_force_in(federation: Federation, act_id: str, member: str, on: date) -> bool:
    """Whether a union act is in force in one member on a day (P14)."""
    return in_force_in(federation.state(), act_id, member, on)


def _status(state: FederationState, act_id: str, member: str, on: date) -> MemberActStatus:
    waived = state.languages.waivers.get((act_id, member))
    waived_on = waived.isoformat() if waived is not None and waived <= on else None
    missing = awaiting(state, act_id, member, on)
    if not state.in_force(act_id, on):
        status = "not in force in the union"
    elif missing:
        status = "adopted, awaiting " + ", ".join(missing)
    else:
        status = "in force" + (" (versions waived)" if waived_on else "")
    return MemberActStatus(
        member, state.in_force(act_id, on) and not missing, missing, waived_on, status
    )


def act_status(federation: Federation, act_id: str, on: date) -> list[MemberActStatus] | None:
    """Each member's standing of one act on a day, in the rotation's order; None when the
    record has no such act."""
    state = federation.state()
    if act_id not in state.acts:
        return None
    return [_status(state, act_id, m.id, on) for m in state.members_on(on)]


def _version_gaps(state: FederationState, on: date) -> list[LanguageGap]:
    gaps: list[LanguageGap] = []
    for act in sorted(state.acts.values(), key=lambda a: a.id):
        if not state.in_force(act.id, on) or act.in_force_on is None:
            continue
        for record in state.members_on(on):
            for language in awaiting(state, act.id, record.id, on):
                version = state.languages.versions.get((act.id, language))
                kind = "needs review" if version and version.needs_review else "awaiting version"
                since = max(act.in_force_on, record.joined_on)
                gaps.append(
                    LanguageGap(
                        record.id, language, kind, act.id, since.isoformat(), (on - since).days
                    )
                )
    return gaps


def _staff_gaps(state: FederationState, on: date) -> list[LanguageGap]:
    """People serving joint departments without a language the member's rules require."""
    gaps: list[LanguageGap] = []
    for record in state.members_on(on):
        rules = state.languages.rules.get(record.id)
        if rules is None or rules.adopted_on > on:
            continue
        for person, missing in staff_gaps(state, record.id).items():
            since = rules.adopted_on
            gaps.extend(
                LanguageGap(record.id, x, "staff", person, since.isoformat(), (on - since).days)
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
    state = federation.state()
    gaps = _version_gaps(state, on) + _staff_gaps(state, on) + _ledger_gaps(federation, on)
    return sorted(gaps, key=lambda g: (g.member, g.language, g.kind, g.subject))
