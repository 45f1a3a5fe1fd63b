"""Queries over the read tables, in modules each area declares (`isonomia.areas`), for
interfaces: plain functions an area's CLI and pages import (nothing registers itself, so
nothing is loaded here); the built-in areas' names are exported here too."""

from __future__ import annotations

from typing import TYPE_CHECKING

from isonomia.service.facade import lazy_exports

if TYPE_CHECKING:
    from isonomia.service.queries import (
        budget,
        deadlines,
        elections,
        inspection,
        journal,
        procedure,
        seats,
    )
    from isonomia.service.queries.appeals import AppealRow, appeals
    from isonomia.service.queries.ballots import CastVoteEntry, votes_cast
    from isonomia.service.queries.competences import CompetenceRow, competence_history, competences
    from isonomia.service.queries.conferences import conference_organs
    from isonomia.service.queries.departments import DepartmentRow, departments
    from isonomia.service.queries.directives import ComplianceRow, directives_for
    from isonomia.service.queries.languages import (
        LanguageGap,
        MemberActStatus,
        VersionRow,
        act_in_force_in,
        act_status,
        language_report,
        versions,
    )
    from isonomia.service.queries.membership import MemberRow, leaves_on, members
    from isonomia.service.queries.motions import (
        ActDetail,
        ActRow,
        act_detail,
        act_history,
        act_in_force,
        acts,
    )
    from isonomia.service.queries.offices import (
        OfficeHolderRow,
        SanctionRow,
        offices_report,
        sanctions,
    )
    from isonomia.service.queries.organs import (
        OrganRow,
        SessionRow,
        members_on,
        organs,
        session,
        sessions,
    )
    from isonomia.service.queries.presidency import (
        PresidencyRow,
        PresidingRow,
        organ_of_motion,
        presidency_rows,
        presiding,
        procedural_signer,
    )
    from isonomia.service.queries.principals import KeyRow, key_holder, keys
    from isonomia.service.queries.union import (
        charter,
        clock,
        deciding_organ,
        founded_on,
        union_council,
    )

__all__ = [
    "ActDetail",
    "ActRow",
    "AppealRow",
    "CastVoteEntry",
    "CompetenceRow",
    "ComplianceRow",
    "DepartmentRow",
    "KeyRow",
    "LanguageGap",
    "MemberActStatus",
    "MemberRow",
    "OfficeHolderRow",
    "OrganRow",
    "PresidencyRow",
    "PresidingRow",
    "SanctionRow",
    "SessionRow",
    "VersionRow",
    "act_detail",
    "act_history",
    "act_in_force",
    "act_in_force_in",
    "act_status",
    "acts",
    "appeals",
    "budget",
    "charter",
    "clock",
    "competence_history",
    "competences",
    "conference_organs",
    "deadlines",
    "deciding_organ",
    "departments",
    "directives_for",
    "elections",
    "founded_on",
    "inspection",
    "journal",
    "key_holder",
    "keys",
    "language_report",
    "leaves_on",
    "members",
    "members_on",
    "offices_report",
    "organ_of_motion",
    "organs",
    "presidency_rows",
    "presiding",
    "procedural_signer",
    "procedure",
    "sanctions",
    "seats",
    "session",
    "sessions",
    "union_council",
    "versions",
    "votes_cast",
]

# each name is imported on first use, from the module named above (see facade)
__getattr__, __dir__ = lazy_exports(__name__)
