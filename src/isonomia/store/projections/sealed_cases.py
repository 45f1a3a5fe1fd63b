"""Read side of sealed cases (P17): a key granted is a change of its case (its row notes the
entry); sealing keys registered are read from the state, not from a table."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from isonomia.domain.sealed_cases import CaseKeyGranted, SealingKeyRegistered
from isonomia.store.projections.inspection import set_case
from isonomia.store.projections.registry import projects


@projects(CaseKeyGranted)
def _granted(conn: Connection, sequence: int, event: CaseKeyGranted) -> None:
    set_case(conn, event.case, sequence)


@projects(SealingKeyRegistered)
def _registered(conn: Connection, sequence: int, event: SealingKeyRegistered) -> None:
    return None  # the record keeps it; the state holds it for the rules and the readers
