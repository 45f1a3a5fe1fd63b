"""The worked example's episode about national languages (P14): members write their own
language rules; an act of the union council takes effect in each member only once its
versions there are certified; a railway appointment in Ukraine without Ukrainian is refused;
the compliance report before and after Georgia certifies its version."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from isonomia.cli.demo_steps import Step, _do, _refused, _vote
from isonomia.cli.i18n import said_in
from isonomia.service import (
    AdoptLanguageRules,
    AssignStaff,
    CertifyVersion,
    ConveneSession,
    Federation,
    PublishAct,
    Refused,
    SendCorrespondence,
    SubmitVersion,
    WaiveVersions,
    actors,
    queries,
)

RULES_DAY = date(1925, 6, 1)
COUNCIL_DAY = date(1925, 6, 8)  # a Monday, the union council's weekday
GEORGIAN_DAY = date(1925, 6, 13)
ACT = "uc-railway-signals"
#: The versions certified at once, and the council of a member whose language each is.
AT_ONCE = {
    "ru": "rsfsr",
    "uk": "ukraine",
    "be": "belorussia",
    "pl": "belorussia",
    "yi": "belorussia",
}


def languages(federation: Federation) -> Iterator[Step]:
    """Members' own language rules, versions of an act, a refused appointment (P14)."""
    yield from own_rules(federation)
    yield from act_in_versions(federation)
    yield from staff_without_ukrainian(federation)
    yield from georgian_version(federation)
    yield from letter_in_russian(federation)


def own_rules(federation: Federation) -> Iterator[Step]:
    """Ukraine and Georgia adopt their own language rules; the union council cannot (P14)."""
    _do(
        federation,
        AdoptLanguageRules,
        actors.council("ukraine"),
        RULES_DAY,
        member="ukraine",
        correspondence=["uk", "ru"],
        bilingual_documents=["railway timetables"],
        staff=["uk"],
    )
    _do(
        federation,
        AdoptLanguageRules,
        actors.council("georgia"),
        RULES_DAY,
        member="georgia",
        correspondence=["ka"],
        staff=["ka"],
    )
    refused = _refused(
        federation,
        AdoptLanguageRules,
        actors.organ("union-council"),
        RULES_DAY,
        member="georgia",
        correspondence=["ru"],
    )
    yield Step(
        "Ukraine and Georgia write their own language rules (P14)",
        [
            "Ukraine: letters in Ukrainian and Russian; the union's staff there speak Ukrainian",
            "Georgia: letters in Georgian; the union's staff there speak Georgian",
        ],
        refused=refused,
    )


def act_in_versions(federation: Federation) -> Iterator[Step]:
    """An act of the union council is in force at once in the three members whose versions
    are certified that day (P14)."""
    _do(
        federation,
        ConveneSession,
        actors.SECRETARIAT,
        COUNCIL_DAY,
        session="uc-1925-06-08",
        organ="union-council",
        held_on=COUNCIL_DAY,
    )
    reason = _vote(
        federation,
        ACT,
        "union-council",
        "uc-1925-06-08",
        COUNCIL_DAY,
        title="Uniform railway signals",
        text="Railway signals are uniform across the union.",
        field="railways",
        kind="decision",
        force="mandatory",
    )
    _do(federation, PublishAct, actors.SECRETARIAT, COUNCIL_DAY, act=ACT)
    for language, member in AT_ONCE.items():
        _certify(federation, language, member, COUNCIL_DAY)
    yield Step(
        f"The union council adopts {ACT}; it takes effect member by member (P14)",
        [f"{ACT}: {reason}", *_status_lines(federation, COUNCIL_DAY)],
    )
    yield Step("The compliance report on that day", _report_lines(federation, COUNCIL_DAY))


def staff_without_ukrainian(federation: Federation) -> Iterator[Step]:
    """Narkomput's new clerk in Ukraine must speak Ukrainian (P14)."""
    refused = _refused(
        federation,
        AssignStaff,
        actors.organ("narkomput"),
        COUNCIL_DAY,
        department="narkomput",
        member="ukraine",
        person="narkomput-clerk-2-ukraine",
        languages=["ru"],
    )
    yield Step("A railway clerk without Ukrainian is appointed in Ukraine", refused=refused)


def georgian_version(federation: Federation) -> Iterator[Step]:
    """Georgia certifies its version days later: only then is the act in force there."""
    _certify(federation, "ka", "georgia", GEORGIAN_DAY)
    _do(
        federation,
        WaiveVersions,
        actors.council("armenia"),
        GEORGIAN_DAY,
        act=ACT,
        member="armenia",
    )
    yield Step(
        f"Georgia's council certifies the Georgian version on {GEORGIAN_DAY}; "
        "Armenia's council waives its version",
        [
            *_status_lines(federation, GEORGIAN_DAY),
            "the compliance report on that day:",
            *_report_lines(federation, GEORGIAN_DAY),
        ],
    )


def letter_in_russian(federation: Federation) -> Iterator[Step]:
    """A letter to Georgia's institutions without Georgian is refused, and said in Georgian."""
    try:
        _do(
            federation,
            SendCorrespondence,
            actors.organ("union-council"),
            GEORGIAN_DAY,
            organ="union-council",
            member="georgia",
            versions={"ru": "О единой сигнализации на железных дорогах."},
        )
    except Refused as refused:
        yield Step(
            "The union council writes to Georgia in Russian only",
            [f"in Georgian (--lang ka): {said_in('ka', refused.refusal)}"],
            refused=refused.line(),
        )
        return
    raise AssertionError("a letter without Georgian was recorded")


def _certify(federation: Federation, language: str, member: str, day: date) -> None:
    text = f"[{language}] Railway signals are uniform across the union."
    _do(federation, SubmitVersion, actors.SECRETARIAT, day, act=ACT, language=language, text=text)
    _do(federation, CertifyVersion, actors.council(member), day, act=ACT, language=language)


def _status_lines(federation: Federation, on: date) -> list[str]:
    return [f"  {r.member}: {r.status}" for r in queries.act_status(federation, ACT, on) or []]


def _report_lines(federation: Federation, on: date) -> list[str]:
    """The report's lines about this act and the members' rules; earlier acts, whose
    versions this example never submits, are only counted."""
    gaps = queries.language_report(federation, on)
    shown = [g for g in gaps if g.kind in ("staff", "correspondence") or g.subject == ACT]
    lines = [
        f"  {g.member} {g.language or '-'}: {g.kind} {g.subject} since {g.since} ({g.days} days)"
        for g in shown
    ]
    return [*lines, f"  and {len(gaps) - len(shown)} lines about earlier acts"]
