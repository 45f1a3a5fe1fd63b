"""Where a member's institutions receive the union's notices (P8, P14): an email address and
a webhook URL per institution and language, registered by the member's own council. The
notices themselves (journal items and reminders) are sent by the service from a durable
outbox, outside any command's transaction: the record holds only where to send."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pydantic import Field

from isonomia.charter.model import LanguageTag, Slug
from isonomia.domain.base import Command, Event, evolves

if TYPE_CHECKING:
    from isonomia.domain.state import FederationState

__all__ = ["NoticeAddressRegistered", "RegisterNoticeAddress"]


class RegisterNoticeAddress(Command):
    """Where one of a member's institutions receives the union's notices, in one of the
    member's official languages; a later registration of the same institution and language
    replaces it, and one with neither address stops its notices (P8, P14)."""

    member: Slug = Field(description="The member whose institution it is.")
    institution: Slug = Field(description="The institution (e.g. council, congress, ministry).")
    language: LanguageTag = Field(description="One of the member's official languages.")
    email: str | None = Field(
        default=None,
        max_length=254,
        pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
        description="The email address notices go to.",
    )
    webhook: str | None = Field(
        default=None,
        max_length=2000,
        pattern=r"^https?://[^\s]+$",
        description="The URL notices are posted to, signed with Ed25519.",
    )


class NoticeAddressRegistered(Event):
    member: str
    institution: str
    language: str
    email: str | None
    webhook: str | None
    registered_on: date


@evolves(NoticeAddressRegistered)
def _registered(state: FederationState, event: NoticeAddressRegistered) -> FederationState:
    """No rule reads where notices go: the read table keeps it, the state does not."""
    return state
