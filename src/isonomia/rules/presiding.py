"""The presidency presides (P5): who signs an organ's procedural acts on a day.

Where the charter has the presiding delegate sign (`[presidency] presides = "delegate"`), a
procedural act of an organ whose presidency rotates (convening, tabling, circulating,
counting, publishing: `ProceduralAct`) is accepted only from the presiding member's
presiding delegate of the act's day: the delegate its council designated for the term
(`DesignatePresidingDelegate`) while that delegate sits for it there, or else its
longest-sitting delegate in the organ. The secretariat and the organ's own key sign only
the acts the charter leaves to the secretariat (`secretariat_acts`). A member whose
secession takes effect mid-term stops presiding that day (`rules.presidency`), and the
signing power passes with the presidency to the next member.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from isonomia.charter.model import Presidency, ProceduralAct
from isonomia.domain import (
    Command,
    ConveneSession,
    CountVotes,
    FederationState,
    PublishAct,
    TableMotion,
    actors,
)
from isonomia.domain.presidency import (
    DesignatePresidingDelegate,
    PresidingDelegateDesignated,
    presiding_book,
)
from isonomia.domain.procedure import CirculateDraft
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.presidency import BeyondCalendar, Tenure, presiding_on, tenures
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who, council_organ, organ_of_act, own_council, procedural

__all__ = [
    "delegate_signs",
    "presided",
    "presiding_delegate",
    "presiding_refusal",
    "rotates",
]


def delegate_signs(state: FederationState, organ: str | None, act: ProceduralAct) -> bool:
    """Whether `act` in `organ` is the presiding delegate's to sign (P5), not the
    secretariat's or the organ's own key's."""
    charter = state.charter
    if charter is None or organ is None:
        return False
    presidency = charter.presidency
    return (
        presidency.presides == "delegate"
        and rotates(presidency, organ, council_organ(state))
        and act not in presidency.secretariat_acts
    )


def rotates(presidency: Presidency, organ: str, council: str) -> bool:
    """Whether `organ`'s presidency rotates (`council`: the union council's id): the organs
    `[presidency] organs` names, or else the union council alone."""
    return organ in presidency.organs if presidency.organs else organ == council


def _tenure(state: FederationState, day: date) -> Tenure | None:
    try:
        return presiding_on(state, day)
    except BeyondCalendar:
        return None


def presiding_delegate(
    state: FederationState, organ: str, day: date
) -> tuple[Tenure | None, str | None]:
    """The presidency on `day`, and the principal (``person:ID``) of the presiding member's
    presiding delegate in `organ` that day: its designated delegate for the term while
    sitting for it there (designated before that day), else its delegate sitting there that
    was appointed first; None
    when no member presides or none of its delegates sits in the organ."""
    tenure = _tenure(state, day)
    if tenure is None:
        return None, None
    member = tenure.member
    chosen = presiding_book(state).designated_on(organ, tenure.term + 1, member, day)
    if chosen is not None and state.sits_for(chosen, member, organ, day):
        return tenure, actors.person(chosen)
    for number in state.delegations_by_seat.get((organ, member), ()):
        delegation = state.delegation_log[number]
        if delegation.sits(day):
            return tenure, actors.person(delegation.person)
    return tenure, None


#: Each procedural command, the act the charter names it by, and how it names its organ.
PROCEDURAL: dict[type[Command], tuple[ProceduralAct, Callable[[FederationState, Any], str | None]]]
PROCEDURAL = {
    ConveneSession: ("convene", lambda s, c: c.organ),
    TableMotion: ("table", lambda s, c: organ_of_act(s, c.motion)),
    CirculateDraft: ("circulate", lambda s, c: organ_of_act(s, c.motion)),
    CountVotes: ("count", lambda s, c: organ_of_act(s, c.motion)),
    PublishAct: ("publish", lambda s, c: organ_of_act(s, c.act)),
}


def presides_for(state: FederationState, command: Command) -> str | None:
    """The member a person's procedural act is signed for: the member presiding that day,
    where the charter has its presiding delegate sign the act and the person is that
    delegate (P5); else None."""
    found = PROCEDURAL.get(type(command))
    if found is None:
        return None
    act, organ_of = found
    organ = organ_of(state, command)
    if organ is None or not delegate_signs(state, organ, act):
        return None
    tenure, delegate = presiding_delegate(state, organ, command.day)
    if tenure is None or delegate != command.actor:
        return None
    return tenure.member


def presiding_refusal(
    state: FederationState, actor: str, organ: str, day: date, act: ProceduralAct
) -> Refusal:
    """Why `actor` may not sign `act` in `organ` on `day`: who presides that day (P5)."""
    tenure, delegate = presiding_delegate(state, organ, day)
    if tenure is None:
        return Refusal.of(
            "P5",
            N_("no member presides over {organ} on {day}: no one signs its '{act}'"),
            organ=organ,
            day=day,
            act=act,
        )
    if delegate is None:
        return Refusal.of(
            "P5",
            N_(
                "{member} presides over {organ} on {day} and has no delegate sitting there: "
                "no one signs its '{act}'"
            ),
            member=tenure.member,
            organ=organ,
            day=day,
            act=act,
        )
    return Refusal.of(
        "P5",
        N_(
            "{member} presides over {organ} on {day}: its '{act}' is signed by {delegate}, "
            "not by {actor}"
        ),
        member=tenure.member,
        organ=organ,
        day=day,
        act=act,
        delegate=delegate,
        actor=actor,
    )


def presided(
    act: ProceduralAct,
    description: str,
    organ_of: Callable[[FederationState, Any], str | None],
    others: Callable[[FederationState, Any], bool],
) -> Who:
    """Who signs a procedural act: `others` (the secretariat, the organ's presiding officers,
    whoever else the act admits; a refusal names P4), except where the charter has the
    presiding delegate sign it: then the presiding delegate of the act's day, and of
    `others` only those who are not procedure's (a member's council tabling its own
    motion); a refusal names P5 and who presides that day."""

    def allows(state: FederationState, command: Any) -> bool:
        organ = organ_of(state, command)
        if not delegate_signs(state, organ, act):
            return others(state, command)
        assert organ is not None
        if command.actor in procedural(state, organ):
            return False
        if command.actor == presiding_delegate(state, organ, command.day)[1]:
            return True
        return others(state, command)

    def explain(state: FederationState, command: Any) -> Refusal | None:
        organ = organ_of(state, command)
        if not delegate_signs(state, organ, act):
            return None
        assert organ is not None
        return presiding_refusal(state, command.actor, organ, command.day, act)

    return Who("P4", description, allows, explain=explain)


def _term_refusal(state: FederationState, command: DesignatePresidingDelegate) -> Refusal | None:
    """Why `command.member` cannot designate for `command.term`: it does not preside then
    on the calendar as it stands, or the term is over (P5)."""
    index = command.term - 1
    try:
        for tenure in tenures(state):
            if tenure.term > index:
                break
            if tenure.term == index and tenure.member == command.member:
                if tenure.end <= command.day:
                    return Refusal.of(
                        "P5",
                        N_("{member}'s presidency in term {term} ended on {end}"),
                        member=command.member,
                        term=command.term,
                        end=tenure.end,
                    )
                return None
    except BeyondCalendar:
        pass
    return Refusal.of(
        "P5",
        N_("{member} does not preside in term {term}"),
        member=command.member,
        term=command.term,
    )


@decides(
    DesignatePresidingDelegate, who=own_council("P5", N_("the presiding member's own council"))
)
def designate_presiding_delegate(
    state: FederationState, command: DesignatePresidingDelegate
) -> Decision:
    charter = state.charter
    if charter is None or state.founded_on is None:
        return Refusal.of("P1", N_("the union is not founded yet"))
    if charter.organ(command.organ) is None:
        return Refusal.of("P4", N_("the charter has no organ '{organ_id}'"), organ_id=command.organ)
    presidency = charter.presidency
    if presidency.presides != "delegate" or not rotates(
        presidency, command.organ, council_organ(state)
    ):
        return Refusal.of(
            "P5",
            N_("the charter has no presiding delegate sign {organ}'s procedure"),
            organ=command.organ,
        )
    problem = _term_refusal(state, command)
    if problem is not None:
        return problem
    if not state.sits_for(command.person, command.member, command.organ, command.day):
        return Refusal.of(
            "P4",
            N_("{person} does not sit for {member} in {organ} on {day}"),
            person=command.person,
            member=command.member,
            organ=command.organ,
            day=command.day,
        )
    return [
        PresidingDelegateDesignated(
            member=command.member,
            organ=command.organ,
            person=command.person,
            term=command.term,
            designated_on=command.day,
        )
    ]
