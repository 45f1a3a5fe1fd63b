"""Conferences (P9): consultative bodies whose resolutions can never bind.

The area has one command, and the rules always refuse it; it records no event."""

from __future__ import annotations

from pydantic import Field

from isonomia.charter.model import Slug
from isonomia.domain.base import Command
from isonomia.domain.motions import Force


class BindResolution(Command):
    """Give an adopted act a binding force: refused for a conference resolution (P9)."""

    act: Slug = Field(description="The conference resolution.")
    force: Force = Field(description="The force it would be given.")
