"""The inspection (P16) and impartial investigations (P17): complaints, commissions drawn
by lot with recusals, defenders, evidence by hash, signed findings, reopening, neglected
complaints, and the protection of complainants, witnesses and defenders from retaliation.

The inspection is an organ of persons that members' councils appoint; none of them holds an
executive office. No official or organ directs, pauses, closes or re-staffs a case: those
commands exist so that their refusal is recorded and tested (P16).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import ClassVar

from pydantic import Field

from isonomia.charter.model import Slug
from isonomia.domain.base import Command, Event

#: Sanctions findings carry (stored as these words in the record).
REMOVAL = "removal from office"
SUSPENSION = "suspension from office"
TRANSFER = "transfer"
REPRIMAND = "reprimand"
NO_SANCTION = "none"


class ComplaintKind(StrEnum):
    VIOLENCE = "violence"
    INSULT_TO_NATIONALITY = "insult-to-nationality"
    ABUSE_OF_OFFICE = "abuse-of-office"
    NEGLECT_OF_COMPLAINT = "neglect-of-complaint"


# -- commands -------------------------------------------------------------------------------


class FileComplaint(Command):
    """Any registered principal complains against named persons: a case opens (P17)."""

    case: Slug = Field(description="An id for the case.")
    kind: ComplaintKind = Field(description="The kind of complaint.")
    accused: list[Slug] = Field(min_length=1, description="Accused persons.")
    witnesses: list[Slug] = Field(default_factory=list, description="Witnesses.")
    summary: str = Field(min_length=1, description="What happened.")
    #: A sealed case's content key wrapped to each first reader (`domain.sealed_cases`).
    keys: list[str] = Field(
        default_factory=list,
        max_length=200,
        description="The case's key wrapped to a reader, PRINCIPAL=KEY_ID:BASE64 (HPKE).",
    )

    omitted_when_empty: ClassVar[tuple[str, ...]] = ("keys",)


class DeclareTie(Command):
    """A person declares a tie (kin, work, debt…) with another person: it recuses them (P17)."""

    person: Slug = Field(description="The person declaring the tie.")
    tied_to: Slug = Field(description="The person the tie is with.")
    nature: str = Field(min_length=1, description="What the tie is (kin, work, debt…).")


class DrawCommission(Command):
    """The inspection draws a case's commission by lot from its eligible persons (P17)."""

    case: Slug = Field(description="The case.")
    checkpoint: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9+/]+={0,2}$",
        max_length=20_000,
        description=(
            "When no value was revealed: a checkpoint of the log co-signed by a member's "
            "council after the window closed, as base64 of its signed note."
        ),
    )


class NameDefender(Command):
    """The complainant names a defender, who sees the whole case (P17)."""

    case: Slug = Field(description="The case.")
    defender: Slug = Field(description="The defender's id.")


class AddEvidence(Command):
    """Record a piece of evidence by its SHA-256; the bytes are kept beside the ledger."""

    case: Slug = Field(description="The case.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="The file's SHA-256, hex.")
    #: Up to 255 characters in clear; a sealed case's sealed name is longer.
    filename: str = Field(min_length=1, max_length=512, description="The file's name.")
    size: int = Field(ge=0, description="The file's size in bytes.")


class ProposeFindings(Command):
    """A commission member proposes the findings; the sanction follows from the rule."""

    case: Slug = Field(description="The case.")
    findings: Slug = Field(description="An id for the findings.")
    text: str = Field(min_length=1, description="The findings.")
    #: Whether the act complained of is established.
    established: bool = Field(description="Whether the act is established.")
    #: Justifications pleaded for the act (provocation and jest are no defence, P17).
    justifications: list[str] = Field(default_factory=list, description="A justification pleaded.")
    #: A sanction the rule allows for the kind, in place of its default (see `sanction_for`).
    sanction: str | None = Field(
        default=None,
        description=(
            "A sanction the kind allows in place of its default: 'suspension from office', "
            "'transfer' or 'reprimand'."
        ),
    )
    #: Each named conniver the findings sanction, as "PERSON=SANCTION" (`rules.connivance`).
    connivers: list[str] = Field(
        default_factory=list,
        description="A named conniver and their sanction, PERSON=SANCTION.",
    )

    omitted_when_empty: ClassVar[tuple[str, ...]] = ("connivers",)


class SignFindings(Command):
    """A commission member signs proposed findings; a majority makes them final (P17)."""

    case: Slug = Field(description="The case.")
    findings: Slug = Field(description="The findings signed.")


class ReopenCase(Command):
    """The inspection or the complainant reopens a decided case, to complete or correct it."""

    case: Slug = Field(description="The case.")
    reason: str = Field(min_length=1, description="Why it is reopened.")


class AddressComplaint(Command):
    """A complaint addressed to an official, to be answered within the charter's days."""

    complaint: Slug = Field(description="An id for the complaint.")
    official: Slug = Field(description="The official it is addressed to.")
    text: str = Field(min_length=1, description="The complaint.")


class AnswerComplaint(Command):
    """The official answers a complaint addressed to them."""

    complaint: Slug = Field(description="The complaint answered.")
    answer: str = Field(min_length=1, description="The answer.")


class DirectCase(Command):
    """An instruction to the inspection about a case: always refused (P16)."""

    case: Slug = Field(description="The case.")
    instruction: str = Field(min_length=1, description="The instruction.")


class PauseCase(Command):
    """An order to pause a case: always refused (P16)."""

    case: Slug = Field(description="The case.")


class CloseCase(Command):
    """An order to close a case without findings: always refused (P16)."""

    case: Slug = Field(description="The case.")


class RestaffCommission(Command):
    """An order to change a commission's persons: always refused (P16)."""

    case: Slug = Field(description="The case.")
    persons: list[Slug] = Field(default_factory=list, description="Persons.")


class TransferPerson(Command):
    """An organ transfers a person to another post (guarded against retaliation, P17)."""

    organ: Slug = Field(description="The organ.")
    person: Slug = Field(description="The person.")
    to: str = Field(min_length=1, description="The post or place transferred to.")


class SanctionPerson(Command):
    """An organ sanctions a person (guarded against retaliation, P17)."""

    organ: Slug = Field(description="The organ.")
    person: Slug = Field(description="The person.")
    sanction: str = Field(min_length=1, description="The sanction.")


class ConsentToAction(Command):
    """The inspection consents to one organ acting on one protected person in a case."""

    case: Slug = Field(description="The case.")
    organ: str = Field(min_length=1, description="The organ that may act.")
    person: Slug = Field(description="The protected person it may act on.")


# -- events ---------------------------------------------------------------------------------


class ComplaintFiled(Event):
    case: str
    kind: str
    complainant: str
    accused: list[str]
    witnesses: list[str]
    summary: str
    filed_on: date


class TieDeclared(Event):
    person: str
    tied_to: str
    nature: str
    declared_on: date


class CommissionDrawn(Event):
    case: str
    round: int
    #: The draw's seed (`rules.inspection_lot`): from the values the parties revealed, a
    #: co-signed checkpoint, or (no window in the charter) the record's signature digest.
    seed: str
    eligible: list[str]
    #: [person, reason] for everyone eligible but recused.
    recused: list[list[str]]
    commission: list[str]
    drawn_on: date


class DefenderNamed(Event):
    case: str
    defender: str
    named_on: date


class EvidenceAdded(Event):
    case: str
    sha256: str
    filename: str
    size: int
    added_by: str
    added_on: date


class FindingsProposed(Event):
    case: str
    findings: str
    round: int
    proposed_by: str
    text: str
    established: bool
    justifications: list[str]
    sanction: str
    #: The findings of earlier rounds this work builds on (a reopened case).
    earlier: list[str]
    proposed_on: date


class FindingsSigned(Event):
    case: str
    findings: str
    person: str
    signed_on: date
    #: Whether this signature makes a majority of the commission: the findings are final.
    final: bool


class CaseReopened(Event):
    case: str
    round: int
    reason: str
    by: str
    earlier: list[str]
    reopened_on: date


class ComplaintAddressed(Event):
    complaint: str
    official: str
    by: str
    text: str
    addressed_on: date
    answer_due: date


class ComplaintAnswered(Event):
    complaint: str
    official: str
    answer: str
    answered_on: date


class ComplaintNeglected(Event):
    """Due by the calendar: the official left the complaint unanswered past its deadline."""

    complaint: str
    official: str
    due_on: date


class PersonTransferred(Event):
    organ: str
    person: str
    to: str
    transferred_on: date


class PersonSanctioned(Event):
    organ: str
    person: str
    sanction: str
    sanctioned_on: date


class SanctionTookEffect(Event):
    """Final findings' sanction on one accused, in the derivation that made them final (P17):
    a removal ends every office the person holds from the day and bars them from office
    until `bar_until`; a suspension pauses them until `resumes_on`; a transfer or a
    reprimand is recorded on the person."""

    union_wide = True
    case: str
    findings: str
    person: str
    sanction: str
    effective_on: date
    resumes_on: date | None = None
    bar_until: date | None = None
    #: Each office it ended or paused: [office, organ, member ("" for a named office)].
    offices: list[list[str]] = Field(default_factory=list)


class ActionConsented(Event):
    case: str
    organ: str
    person: str
    consented_on: date
