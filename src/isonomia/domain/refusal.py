"""Refusals: the value the rules return when a command breaks a principle."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Refusal:
    """A command refused, with the principle (P1–P18) it would break and why."""

    principle: str
    reason: str

    def __str__(self) -> str:
        return f"refused ({self.principle}): {self.reason}"
