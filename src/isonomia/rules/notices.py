"""Who says where a member's institutions receive notices, and the rule: the member's own
council, in one of the member's official languages (P8, P14)."""

from __future__ import annotations

from isonomia.domain import FederationState
from isonomia.domain.notices import NoticeAddressRegistered, RegisterNoticeAddress
from isonomia.domain.refusal import N_, Refusal
from isonomia.rules.registry import Decision, decides
from isonomia.rules.who import own_council


@decides(RegisterNoticeAddress, who=own_council("P14"))
def register_notice_address(state: FederationState, command: RegisterNoticeAddress) -> Decision:
    if not state.is_member(command.member, command.day):
        return Refusal.of(
            "P14",
            N_("{member} is not a member of the union on {day}"),
            member=command.member,
            day=str(command.day),
        )
    languages = state.members[command.member].languages
    if command.language not in languages:
        return Refusal.of(
            "P14",
            N_("{language} is not one of {member}'s official languages ({languages})"),
            language=command.language,
            member=command.member,
            languages=", ".join(languages),
        )
    return [
        NoticeAddressRegistered(
            member=command.member,
            institution=command.institution,
            language=command.language,
            email=command.email,
            webhook=command.webhook,
            registered_on=command.day,
        )
    ]
