"""Those who connived (P17): the commission may name, with the case's evidence, officials
who knew of the act and did not act. A named conniver becomes a party of the case: they see
it whole, name a defender of their own, commit to a reopened round's draw, challenge a
commissioner; and the findings may sanction them as they sanction the accused, once the
charter's days to name a defender have passed since they were named.

The rules are in `rules/connivance.py`; the records live in the case
(`domain/inspection_book.Case.connivers`) and its findings.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from pydantic import Field

from isonomia.charter.model import Slug
from isonomia.domain.base import Command, Event, evolves, revise
from isonomia.domain.inspection_book import Conniver, with_case
from isonomia.domain.persistent import put

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState


class NameConniver(Command):
    """A commission member names an official who knew and did not act, citing the case's
    evidence that shows it (P17)."""

    case: Slug = Field(description="The case.")
    person: Slug = Field(description="The official named as conniver.")
    evidence: list[str] = Field(
        default_factory=list,
        description="SHA-256 (hex) of each piece of the case's evidence showing it.",
    )


class ConniverNamed(Event):
    case: str
    round: int
    person: str
    evidence: list[str]
    named_by: str
    named_on: date


class ConniverDefenderNamed(Event):
    case: str
    conniver: str
    defender: str
    named_on: date


class ConniverSanctionsProposed(Event):
    """The sanction proposed findings put on each conniver they sanction, recorded beside
    the findings in the same derivation."""

    case: str
    findings: str
    #: [conniver, sanction] in the order given.
    sanctions: list[list[str]]


@evolves(ConniverNamed)
def _named(state: FederationState, event: ConniverNamed) -> FederationState:
    case = state.inspection.cases[event.case]
    conniver = Conniver(event.person, tuple(event.evidence), event.named_by, event.named_on)
    return with_case(state, event.case, connivers=(*case.connivers, conniver))


@evolves(ConniverDefenderNamed)
def _defender(state: FederationState, event: ConniverDefenderNamed) -> FederationState:
    case = state.inspection.cases[event.case]
    connivers = tuple(
        replace(c, defender=event.defender) if c.person == event.conniver else c
        for c in case.connivers
    )
    return with_case(state, event.case, connivers=connivers)


@evolves(ConniverSanctionsProposed)
def _sanctions(state: FederationState, event: ConniverSanctionsProposed) -> FederationState:
    book = state.inspection
    findings = replace(
        book.findings[event.findings],
        conniver_sanctions=tuple((p, s) for p, s in event.sanctions),
    )
    book = replace(book, findings=put(book.findings, event.findings, findings))
    return revise(state, inspection=book)
