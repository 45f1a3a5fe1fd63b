"""Admission (P2, P4): a candidate whose own congress decided to join is admitted by a motion
of the organ the charter names (`[accession] decided_by`), counted from the votes its
delegations cast themselves, by the charter's accession rule.

`ProposeAdmission` drafts that motion; it is tabled, voted and counted like any other, and
its count records `MemberAdmitted` or `AdmissionRejected` beside the motion's outcome. The
candidacy keeps the motion drafted on it, so one decision to join has one motion."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from pydantic import Field

from isonomia.charter.model import Slug
from isonomia.domain.base import Command, evolves
from isonomia.domain.motions import MotionDrafted
from isonomia.domain.persistent import put

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState

__all__ = ["ADMISSION_FIELD", "ProposeAdmission"]

#: The field an admission motion is recorded in: it is the union's decision on its own
#: membership, not an act in a field of competence (P2, P10).
ADMISSION_FIELD = "accession"


class ProposeAdmission(Command):
    """Move the admitting organ to admit a candidate: draft its admission motion (P2, P4)."""

    motion: Slug = Field(description="An id for the admission motion.")
    candidate: Slug = Field(description="The candidate's id.")


@evolves(MotionDrafted)
def _admission_drafted(state: FederationState, event: MotionDrafted) -> FederationState:
    candidacy = state.candidates.get(event.admission) if event.admission else None
    if candidacy is None or event.admission is None:
        return state
    linked = replace(candidacy, motion=event.motion)
    return replace(state, candidates=put(state.candidates, event.admission, linked))
