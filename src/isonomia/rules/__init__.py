"""Pure decisions: `handle(state, command, today) -> Handled | Refusal`, one module per area.

Each area module registers its deciders with `@decides`; `pipeline.handle` lets the
calendar's events fall due and then decides.
"""

from isonomia.rules.pipeline import Handled, due_events, handle
from isonomia.rules.registry import DECIDERS, Decision, decide

__all__ = ["DECIDERS", "Decision", "Handled", "decide", "due_events", "handle"]
