"""The one exception type of the voting engine."""

from __future__ import annotations


class VotingError(ValueError):
    """Bad input to the voting engine (weights, quotas, ballots, votes); the message says why."""
