"""An area's own slice of the state, reached through a typed accessor.

An area that keeps records the built-in state does not (a union budget, say) declares a
frozen dataclass for them, with defaults for an empty union, and its evolvers change it
with `with_slice`; its rules read it with `slice_of(state, Budget)`. The slices live in one
persistent map of the state, keyed by the class's qualified name, so an area is added
without a field in `FederationState`, and the snapshots keep it like any other part.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from isonomia.domain.base import revise
from isonomia.domain.persistent import put

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState

__all__ = ["slice_key", "slice_of", "with_slice"]

S = TypeVar("S")


def slice_key(kind: type[Any]) -> str:
    """Where a slice of `kind` is kept in the state: its class's qualified name."""
    return f"{kind.__module__}.{kind.__qualname__}"


def slice_of(state: FederationState, kind: type[S]) -> S:
    """The area's slice of `state`; the empty one (`kind()`) until an event made it."""
    found = state.slices.get(slice_key(kind))
    return found if found is not None else kind()


def with_slice(state: FederationState, value: Any) -> FederationState:
    """`state` with the area's slice replaced by `value`."""
    return revise(state, slices=put(state.slices, slice_key(type(value)), value))
