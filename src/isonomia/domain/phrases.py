"""The record's own words (P14): the closed vocabularies it writes (stages, kinds, forces,
standings, statuses, rulings, sanctions, votes) and the phrases it builds from parts
(history lines, recusal reasons), each a catalog message.

The record keeps these words in English, as the code is written; the interfaces show them in
the reader's language by looking them up here. A phrase is written with `fill` from its
message id and its parts, so an interface finds the parts again with the same message id
(`service.record_words`), never by guessing at the English. Pure: no storage, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "HISTORY",
    "N_",
    "PHRASES",
    "RECORD_WORDS",
    "RECUSALS",
    "fill",
]


def N_(msgid: str) -> str:
    """Mark a word or a phrase for the catalogs; it is translated where shown."""
    return msgid


#: The closed vocabularies of the record, each word as the record writes it. A test checks
#: that every value of the domain's enumerations is here, so a new one is marked at once.
RECORD_WORDS: Mapping[str, tuple[str, ...]] = {
    "stage": (N_("drafted"), N_("tabled"), N_("adopted"), N_("rejected"), N_("published")),
    "kind": (N_("decision"), N_("directive"), N_("resolution"), N_("charter-amendment")),
    "force": (N_("advisory"), N_("mandatory"), N_("conditional")),
    "standing": (
        N_("in force"),
        N_("pending"),
        N_("not binding"),
        N_("not in force in the union"),
    ),
    "membership": (
        N_("member"),
        N_("candidate"),
        N_("rejected"),
        N_("seceding"),
        N_("seceded"),
    ),
    "ruling": (N_("uphold"), N_("amend"), N_("annul")),
    "vote": (N_("yes"), N_("no"), N_("abstain"), N_("motion")),
    "complaint": (
        N_("violence"),
        N_("insult-to-nationality"),
        N_("abuse-of-office"),
        N_("neglect-of-complaint"),
    ),
    "case": (N_("awaiting-commission"), N_("open"), N_("decided")),
    "sanction": (
        N_("removal from office"),
        N_("suspension from office"),
        N_("transfer"),
        N_("reprimand"),
        N_("none"),
    ),
    "amendment": (N_("proposed"), N_("adopted"), N_("rejected")),
}

#: An act's history, line by line (the record's read tables and its folded state).
DRAFTED_BY = N_("drafted by {who}")
TABLED = N_("tabled for session {session}")
TABLED_CLOSING = N_("tabled for session {session}; voting closes on {closes}")
AMENDMENT_ADOPTED = N_("amendment {amendment} adopted")
AMENDMENT_REJECTED = N_("amendment {amendment} rejected")
COUNTED_ADOPTED = N_("adopted: {reason}")
COUNTED_REJECTED = N_("rejected: {reason}")
PUBLISHED = N_("published; in force from {day}")
LAPSED = N_("lapsed: {reason}")
SENT_BACK = N_("sent back until {day}: {reason}")
APPEALED_SUSPENDED = N_("appealed by {member} ({appeal}); suspended meanwhile")
APPEALED_IN_FORCE = N_("appealed by {member} ({appeal}); stays in force meanwhile")
#: A ruling on an appeal, by its outcome (P6).
RULED = {
    "uphold": N_("upheld by the union council on appeal {appeal} (motion {motion})"),
    "amend": N_("amended by the union council on appeal {appeal} (motion {motion})"),
    "annul": N_("annulled by the union council on appeal {appeal} (motion {motion})"),
}
HISTORY = (
    DRAFTED_BY,
    TABLED,
    TABLED_CLOSING,
    AMENDMENT_ADOPTED,
    AMENDMENT_REJECTED,
    COUNTED_ADOPTED,
    COUNTED_REJECTED,
    PUBLISHED,
    LAPSED,
    SENT_BACK,
    APPEALED_SUSPENDED,
    APPEALED_IN_FORCE,
    *RULED.values(),
)

#: Why a person is recused from a case's commission (P17).
INVOLVED = N_("involved in the case")
SITS_FOR_ACCUSED = N_("sits for {member}, the accused's member")
SITS_FOR_COMPLAINANT = N_("sits for {member}, the complainant's member")
DECLARED_TIE = N_("declared a tie with {person}")
EARLIER_COMMISSION = N_("sat on an earlier commission of this case")
RECUSALS = (INVOLVED, SITS_FOR_ACCUSED, SITS_FOR_COMPLAINANT, DECLARED_TIE, EARLIER_COMMISSION)

#: How a decision rule breaks the charter's safeguards (P12), as the power audit says it.
PASSES_ALONE = N_("{member} can pass decisions alone under rule '{rule}'")
BLOCKS_ALONE = N_("{member} can block decisions alone under rule '{rule}'")
ABOVE_CAP = N_(
    "{member} holds {share} of the voting power under rule '{rule}', above the charter's cap "
    "of {cap}"
)
NOT_AUDITED = N_("rule '{rule}' cannot be audited: {error}")
BREACHES = (PASSES_ALONE, BLOCKS_ALONE, ABOVE_CAP, NOT_AUDITED)

#: Where an act stands in a member (P2, P14), as `act status` says it.
AWAITING = N_("adopted, awaiting {awaited}")
AWAITED_FROM = N_("{languages} from {who}")
VERSIONS_WAIVED = N_("in force (versions waived)")
OUTSIDE_TERMS = N_("not binding: outside its terms of accession (P2)")
STANDINGS = (AWAITING, VERSIONS_WAIVED, OUTSIDE_TERMS)

#: Every phrase the record builds from parts.
PHRASES = (*HISTORY, *RECUSALS, *BREACHES, *STANDINGS)


def fill(msgid: str, **parts: object) -> str:
    """A phrase as the record writes it: its message id with its parts, in English."""
    return msgid.format(**{name: str(value) for name, value in parts.items()})
