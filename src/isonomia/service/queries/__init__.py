"""Queries over the read tables, in modules each area declares (`isonomia.areas`), for
interfaces: plain functions an area's CLI and pages import (nothing registers itself, so
nothing is loaded here); the built-in areas' names are exported here too."""

from __future__ import annotations

from isonomia.service.queries import inspection
from isonomia.service.queries.appeals import AppealRow, appeals
from isonomia.service.queries.competences import CompetenceRow, competence_history, competences
from isonomia.service.queries.conferences import conference_organs
from isonomia.service.queries.departments import DepartmentRow, departments
from isonomia.service.queries.directives import ComplianceRow, directives_for
from isonomia.service.queries.languages import (
    LanguageGap,
    MemberActStatus,
    act_in_force_in,
    act_status,
    language_report,
)
from isonomia.service.queries.membership import MemberRow, members
from isonomia.service.queries.motions import ActDetail, ActRow, act_detail, acts
from isonomia.service.queries.offices import OfficeHolderRow, offices_report
from isonomia.service.queries.organs import (
    OrganRow,
    SessionRow,
    clock,
    deciding_organ,
    founded_on,
    organs,
    sessions,
    union_council,
)
from isonomia.service.queries.presidency import PresidencyRow, presidency_rows
from isonomia.service.queries.principals import KeyRow, keys

__all__ = [
    "ActDetail",
    "ActRow",
    "AppealRow",
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
    "SessionRow",
    "act_detail",
    "act_in_force_in",
    "act_status",
    "acts",
    "appeals",
    "clock",
    "competence_history",
    "competences",
    "conference_organs",
    "deciding_organ",
    "departments",
    "directives_for",
    "founded_on",
    "inspection",
    "keys",
    "language_report",
    "members",
    "offices_report",
    "organs",
    "presidency_rows",
    "sessions",
    "union_council",
]
