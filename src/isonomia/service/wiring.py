"""The one place the service is wired (Cosmic Python's `bootstrap`): a unit of work, a clock
and a keyring in, the service out. The CLI, the web, the worked example and the tests each
build theirs here.

- `bootstrap(url)`: the union's database (SQLite by default, PostgreSQL by URL), the
  process's clock (`isonomia.service.clock`: the system's, or the tests' fixed one), no
  keyring (each person signs with their own key).
- `bootstrap(uow=FakeUnitOfWork(), clock=FixedClock(...), keyring=...)`: the same pipeline
  on lists, for tests of the service's behaviour with no database.
"""

from __future__ import annotations

from typing import overload

from isonomia.service.clock import Clock, current_clock, now
from isonomia.service.federation import Federation
from isonomia.service.keyring import Signer
from isonomia.service.recording import Service
from isonomia.service.unit_of_work import UnitOfWork

__all__ = ["bootstrap"]


@overload
def bootstrap(
    url: str | None = None,
    *,
    uow: None = None,
    clock: Clock | None = None,
    keyring: Signer | None = None,
) -> Federation: ...


@overload
def bootstrap(
    url: None = None,
    *,
    uow: UnitOfWork,
    clock: Clock | None = None,
    keyring: Signer | None = None,
) -> Service: ...


def bootstrap(
    url: str | None = None,
    *,
    uow: UnitOfWork | None = None,
    clock: Clock | None = None,
    keyring: Signer | None = None,
) -> Service:
    """The service over `uow`, or, with none, over the union's database at `url`."""
    if uow is not None:
        return Service(uow, clock or current_clock(), keyring)
    return Federation(url, clock or now, keyring)
