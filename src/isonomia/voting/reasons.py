"""Why a count came out as it did, as the record writes it: each reason a catalog message
with its parts (`fill`), so an interface says it in the reader's language from the same
message id (`service.record_words`). Pure."""

from __future__ import annotations

__all__ = ["N_", "REASONS", "fill"]


def N_(msgid: str) -> str:
    """Mark a reason for the catalogs; it is translated where shown."""
    return msgid


QUORUM_MEMBERS = N_("quorum not met: {present} of {members} members present, {needed} needed")
QUORUM_WEIGHT = N_("quorum not met: weight {present} present, {needed} needed")
SIMPLE_DETAIL = N_("yes {yes} against no {no} of weight cast")
SIMPLE = N_("simple majority: {detail}")
NO_MAJORITY = N_("no majority: {detail}")
QUALIFIED_DETAIL = N_("yes {yes} of total {total}, {needed} needed")
QUALIFIED = N_("qualified majority: {detail}")
SHORT = N_("short: {detail}")
DOUBLE_DETAIL = N_(
    "{members_yes}/{members} members ({members_needed} needed), population "
    "{population_yes}/{population} ({population_needed} needed)"
)
DOUBLE = N_("double majority: {detail}")
NO_BLOCKING = N_("passed: no blocking minority ({others} < {blocking} members); {detail}")
NO_DOUBLE = N_("no double majority: {detail}")
AGAINST = N_("not unanimous: against {members}")
SOME_DID_NOT = N_("not unanimous: some members did not vote yes")
NOBODY_YES = N_("not unanimous: nobody voted yes")
UNANIMOUS = N_("unanimous: {members} members yes")
VETOED = N_("vetoed by concerned member(s) {members}")
OBJECTED = N_("suspended by objection of concerned member(s) {members}")

#: Every reason a count writes.
REASONS = (
    QUORUM_MEMBERS,
    QUORUM_WEIGHT,
    SIMPLE_DETAIL,
    SIMPLE,
    NO_MAJORITY,
    QUALIFIED_DETAIL,
    QUALIFIED,
    SHORT,
    DOUBLE_DETAIL,
    DOUBLE,
    NO_BLOCKING,
    NO_DOUBLE,
    AGAINST,
    SOME_DID_NOT,
    NOBODY_YES,
    UNANIMOUS,
    VETOED,
    OBJECTED,
)


def fill(msgid: str, **parts: object) -> str:
    """A reason as the record writes it: its message id with its parts, in English."""
    return msgid.format(**{name: str(value) for name, value in parts.items()})
