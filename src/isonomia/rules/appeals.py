"""Non-suspensive appeals (P6): a member appeals an executive decision to the union council.

The decision stays in force meanwhile, unless the charter makes its field suspensive.
The council rules (upholds, amends or annuls) by a motion: see `motions.py`.
An appeal is dated between the act's publication and the day it is recorded. Each member
appeals once on a ground: another member may appeal on the same ground, and a ground is
compared after normalising case, spacing and punctuation.
"""

from __future__ import annotations

import unicodedata

from isonomia.charter.model import Charter, OrganKind
from isonomia.domain import Act, AppealFiled, FederationState, FileAppeal, actors
from isonomia.domain.dates import add_days
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.organs import founded, speaks_for
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import Who, council_organ, sits


def _ground(text: str) -> str:
    """A ground as compared: case, spacing and punctuation do not make a new one."""
    kept = (
        ch if not unicodedata.category(ch).startswith(("P", "S")) else " "
        for ch in unicodedata.normalize("NFKC", text).casefold()
    )
    return " ".join("".join(kept).split())


@decides(
    FileAppeal,
    who=Who(
        "P6",
        "the member's own council or a delegate sitting for it",
        lambda s, c: (
            c.actor == actors.council(c.member) or sits(s, c.actor, council_organ(s), c.member)
        ),
        decider_explains=True,
    ),
)
def file_appeal(state: FederationState, command: FileAppeal) -> Decision:
    charter = founded(state)
    if isinstance(charter, Refusal):
        return charter
    council = charter.council_organ().id
    if not state.is_member(command.member, command.day):
        return Refusal.of(
            "P6", N_("{member} is not a member; only members appeal"), member=command.member
        )
    if not speaks_for(state, command.actor, command.member, council, command.day):
        return Refusal.of(
            "P6",
            N_(
                "an appeal is filed by {member}'s own council or delegation; {actor} cannot "
                "appeal for {member}"
            ),
            member=command.member,
            actor=command.actor,
        )
    if not _ground(command.ground):
        return Refusal.of("P6", N_("an appeal states its ground in words"))
    if command.appeal in state.appeals:
        return Refusal.of("P6", N_("there is already an appeal {appeal}"), appeal=command.appeal)
    act = state.acts.get(command.act)
    if act is None:
        return Refusal.of("P6", N_("there is no act {act}"), act=command.act)
    problem = _unappealable(state, charter, act, command)
    if problem is not None:
        return problem
    return [
        AppealFiled(
            appeal=command.appeal,
            act=act.id,
            member=command.member,
            ground=command.ground,
            filed_on=command.day,
            suspensive=act.field in charter.appeals.suspensive_fields,
        )
    ]


def _unappealable(
    state: FederationState, charter: Charter, act: Act, command: FileAppeal
) -> Refusal | None:
    """Why `act` cannot be appealed by this command, or None (P6)."""
    council = charter.council_organ().id
    if act.organ == council:
        return Refusal.of(
            "P6",
            N_(
                "{act} is an act of the union council itself; appeals go to the union "
                "council against executive decisions only"
            ),
            act=act.id,
        )
    if act.organ_kind != OrganKind.EXECUTIVE.value:
        return Refusal.of(
            "P6", N_("{act} is not an executive decision; only those are appealed"), act=act.id
        )
    if act.published_on is None or act.annulled_on is not None:
        return Refusal.of(
            "P6", N_("{act} is not a decision in force; there is nothing to appeal"), act=act.id
        )
    if command.day < act.published_on:
        return Refusal.of(
            "P6",
            N_(
                "{act} was published on {published_on}; an appeal dated {day} comes before "
                "there was anything to appeal"
            ),
            act=act.id,
            published_on=act.published_on,
            day=command.day,
        )
    deadline = add_days(act.published_on, charter.appeals.deadline_days)
    if command.day > deadline:
        return Refusal.of(
            "P6",
            N_(
                "the appeal deadline for {act} ({deadline_days} days from its publication) "
                "ran out on {deadline}"
            ),
            act=act.id,
            deadline_days=charter.appeals.deadline_days,
            deadline=deadline,
        )
    for earlier in state.appeals.values():
        same = earlier.act == act.id and earlier.member == command.member
        if same and _ground(earlier.ground) == _ground(command.ground):
            return Refusal.of(
                "P6",
                N_("{member} already appealed {act} on that ground ({earlier})"),
                member=command.member,
                act=act.id,
                earlier=earlier.id,
            )
    return None
