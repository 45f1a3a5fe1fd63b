"""The service: commands recorded through the one pipeline, over a unit of work, a clock and
a signer that `bootstrap` gives it.

    execute(command) ─► sign with the actor's key ─► submit(envelope)
    submit(envelope) ─► [unit of work: append lock] ─► clock ─► derive ─► append ─► commit
                        (with the commands other threads submit meanwhile: `group`)

Nothing here knows SQL: over `SqlUnitOfWork` it is the union's database (the `Federation`
handle adds what only a database has: its schema, verification, exports); over the tests'
`FakeUnitOfWork` it is the same pipeline on lists, with a fixed clock.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from isonomia.charter.load import charter_from_data
from isonomia.charter.model import Charter
from isonomia.domain import AdoptCharter, Command, FederationState
from isonomia.domain.refusal import N_
from isonomia.domain.sealing import SEALED_FIELDS
from isonomia.ledger.envelope import Binding
from isonomia.rules.record import log_origin
from isonomia.service import provisioning, sealing
from isonomia.service.building import check_signed
from isonomia.service.clock import Clock
from isonomia.service.errors import BadRequest, NotInitialized
from isonomia.service.group import GroupCommit
from isonomia.service.keyring import Keyring, Signer, envelope_of
from isonomia.service.pipeline import Recorded
from isonomia.service.principals import union_principals
from isonomia.service.submission import submit_all
from isonomia.service.unit_of_work import UnitOfWork

__all__ = ["Service"]

C = TypeVar("C", bound=Command)


class Service:
    """Record commands and read the state, over the unit of work it is given."""

    def __init__(self, uow: UnitOfWork, clock: Clock, signer: Signer | None = None) -> None:
        self.uow = uow
        #: The service's clock: the time every entry of a live union is recorded at, read
        #: once a command, inside the append lock.
        self.clock = clock
        #: Who signs commands run through `execute` when no signer is given: a keyring that
        #: plays every part, for worked examples and tests. Interfaces pass the person's own.
        self.signer = signer
        #: Commands submitted by several threads at once are recorded together (`group`).
        self.group: GroupCommit[Mapping[str, Any], Recorded] = GroupCommit(self._submit_all)

    def adopt(
        self,
        command: AdoptCharter,
        keyring: Keyring,
        before: Callable[[], None] | None = None,
    ) -> Recorded:
        """Record the charter as the first entry, with the union's first keys made in
        `keyring` (the secretariat, the inspection, the log, each organ's presiding officer
        and each founding member's congress); `before` runs once the keys are made."""
        charter = charter_from_data(command.charter)
        principals = union_principals(charter)
        taken = [p for p in principals if keyring.path(p).exists()]
        if taken:
            raise BadRequest.of(
                N_("{path} exists already: keys are never overwritten"), path=keyring.path(taken[0])
            )
        keys = keyring.create_all(principals)
        offices = {p: k for p, k in keys.items() if not p.startswith("congress:")}
        if before is not None:
            before()
        return self.execute(command.model_copy(update={"keys": offices}), keyring)

    def submit(self, envelope: Mapping[str, Any]) -> Recorded:
        """Record a signed command (authenticate, authorize, decide, append), or raise
        `Refused` naming the principle, with nothing written."""
        check_signed(envelope.get("command") if isinstance(envelope, Mapping) else None)
        return self.group.submit(envelope)

    def _submit_all(
        self, take: Callable[[], Sequence[Mapping[str, Any]]]
    ) -> list[Recorded | Exception]:
        return submit_all(self.uow, take, self.clock)

    def execute(self, command: Command, signer: Signer | None = None) -> Recorded:
        """Sign `command` with its actor's key from `signer` (or this service's own signer),
        and submit it."""
        chosen = signer or self.signer
        if chosen is None:
            raise BadRequest.of(
                N_("{command} must be signed by {actor}"),
                command=type(command).__name__,
                actor=command.actor,
            )
        command = self.sealed(command, chosen)
        recorded = self.submit(self.sign(provisioning.brought_key(command, chosen), chosen))
        if isinstance(getattr(command, "case", None), str):
            grant = sealing.grant_for(self.state(), command, chosen)
            if grant is not None:  # the readers it entitles receive the sealed case's key
                self.submit(self.sign(grant, chosen))
        return recorded

    def sealed(self, command: C, signer: Signer) -> C:
        """`command` with its case texts sealed where its case is sealed (P17), as the
        signer's keys allow; unchanged otherwise (`service.sealing`)."""
        if type(command).__name__ not in SEALED_FIELDS:
            return command
        return sealing.seal_command(self.state(), command, signer)

    def sign(self, command: Command, signer: Signer) -> dict[str, Any]:
        """The signed envelope of `command`, to submit now, later or elsewhere."""
        key = provisioning.key_for(self, command, signer)
        return envelope_of(command, key, self.binding(command))

    def binding(self, command: Command | None = None) -> Binding:
        """What an envelope signed now for this union names: the union (its log's origin
        and its charter entry's hash) and the head of the record as it stands."""
        if isinstance(command, AdoptCharter):
            union = command.charter.get("union") or {}
            return Binding(log_origin(str(union.get("id", ""))), None)
        with self.uow.reading() as record:
            size = record.size()
            first = record.first_entry()
            head = record.hash_at(size) if size else None
        if first is None or head is None:
            raise NotInitialized.of(N_("this database has no charter: run `isonomia init`"))
        # Entry 1 records the charter's signed command (or, unsigned, its adoption).
        adopted = first.payload.get("command", first.payload)
        union_id = str(adopted.get("charter", {}).get("union", {}).get("id", ""))
        return Binding(log_origin(union_id), first.hash, (size, head))

    def state(self) -> FederationState:
        with self.uow.reading() as record:
            return record.state()

    def charter(self) -> Charter:
        charter = self.state().charter
        if charter is None:
            raise NotInitialized.of(N_("this database has no charter: run `isonomia init`"))
        return charter
