"""Pure decisions: `decide(state, command) -> list[Event] | Refusal`, one module per area."""

from isonomia.rules.decide import decide, due_events

__all__ = ["decide", "due_events"]
