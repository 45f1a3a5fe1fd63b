"""The two kinds of message, and the registries areas fill in.

- A `Command` is what a person or body asks for, in the imperative (`DecideSecession`). It
  carries who asks (`actor`), when (`at`, supplied by the caller: the rules never read the
  clock) and an id that the ledger records with the resulting events.
- An `Event` is what happened, in the past tense (`SecessionDecided`), as stored in the
  ledger. Each event type has a stable name (its class name) and a `schema_version`. When
  an event's shape changes, bump its version and register an upcaster that turns an old
  payload into the new shape; stored entries are never rewritten (P18).

Every concrete subclass registers itself by being defined; each area module then
registers how its events change the state with `@evolves`. The completeness test checks
that every event has an evolver (and, in the store, a projector).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
)

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState

__all__ = [
    "COMMAND_TYPES",
    "EVENT_TYPES",
    "EVOLVERS",
    "UPCASTERS",
    "Command",
    "Event",
    "UnknownEvent",
    "Upcaster",
    "Vote",
    "event_from_record",
    "evolves",
    "revise",
    "upcasts",
]

#: A member's vote on a motion, an amendment or an admission.
Vote = Literal["yes", "no", "abstain"]

#: Every command type, by name.
COMMAND_TYPES: dict[str, type[Command]] = {}
#: Every event type, by its stable name.
EVENT_TYPES: dict[str, type[Event]] = {}


class Command(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    command_id: str = Field(min_length=1)
    actor: str = Field(min_length=1)
    at: AwareDatetime
    #: The act an organ adopted by vote that this command carries out: what a decision the
    #: charter calls collegial cites when one office-holder signs it (P15). Left out of the
    #: command's JSON when absent, so commands signed before it existed read the same.
    under_act: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9-]{0,62}$")
    #: Fields added to a command after commands of its type were signed: left out of its
    #: JSON when empty (None, {} or []), so the commands signed before read the same.
    omitted_when_empty: ClassVar[tuple[str, ...]] = ()

    @model_serializer(mode="wrap")
    def _without_absent_citation(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if isinstance(data, dict):
            if data.get("under_act") is None:
                data.pop("under_act", None)
            for name in self.omitted_when_empty:
                if name in data and data[name] in (None, {}, []):
                    data.pop(name)
        return data

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.__name__.startswith("_"):
            COMMAND_TYPES[cls.__name__] = cls

    @property
    def day(self) -> date:
        return self.at.date()


class Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: ClassVar[int] = 1
    #: Whether every member's export carries this event (acts of the union as a whole).
    union_wide: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.__name__.startswith("_"):
            EVENT_TYPES[cls.__name__] = cls

    @classmethod
    def type_name(cls) -> str:
        return cls.__name__

    def subject(self) -> str | None:
        """The member (or candidate) the event is about, if any."""
        value = getattr(self, "member", None)
        return value if isinstance(value, str) else None

    def concerns(self, member_id: str) -> bool:
        """True when `member_id`'s export must carry this event (P3)."""
        return self.union_wide or self.subject() == member_id

    def payload(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


Evolver = Callable[["FederationState", Any], "FederationState"]
F = TypeVar("F", bound=Evolver)

#: Event type → the functions giving the state after one such event, applied in order:
#: the area that defines the event first, then any other area that keeps a record of it.
EVOLVERS: dict[type[Event], list[Evolver]] = {}


def evolves(*types: type[Event]) -> Callable[[F], F]:
    """Register the decorated function as an evolver of these event types."""

    def register(fn: F) -> F:
        for cls in types:
            EVOLVERS.setdefault(cls, []).append(fn)
        return fn

    return register


Upcaster = Callable[[dict[str, Any]], dict[str, Any]]

#: (event type, from version) → function giving the payload of version + 1.
UPCASTERS: dict[tuple[str, int], Upcaster] = {}


def upcasts(type_name: str, from_version: int) -> Callable[[Upcaster], Upcaster]:
    """Register the decorated function as the upcaster of one version of an event type."""

    def register(fn: Upcaster) -> Upcaster:
        UPCASTERS[(type_name, from_version)] = fn
        return fn

    return register


T = TypeVar("T")


def revise(record: T, **changes: Any) -> T:
    """A copy of a frozen dataclass with some fields changed: what `dataclasses.replace`
    does for records whose fields need no re-validation, without calling `__init__` (the
    state is revised several times an event, and its `__init__` sets 30 fields one by
    one)."""
    new = object.__new__(type(record))
    fields = new.__dict__
    fields.update(record.__dict__)
    fields.update(changes)
    return new


class UnknownEvent(ValueError):
    """A ledger entry whose type or version this code does not know."""


def event_from_record(type_name: str, version: int, payload: Mapping[str, Any]) -> Event:
    """Rebuild an event from a ledger entry, upcasting old versions."""
    cls = EVENT_TYPES.get(type_name)
    if cls is None:
        raise UnknownEvent(f"unknown event type {type_name!r}")
    data = dict(payload)
    while version < cls.schema_version:
        upcast = UPCASTERS.get((type_name, version))
        if upcast is None:
            raise UnknownEvent(f"no upcaster for {type_name} version {version}")
        data = upcast(data)
        version += 1
    if version != cls.schema_version:
        raise UnknownEvent(f"{type_name} version {version} is newer than this software")
    return cls.model_validate(data)
