"""The charter: the federation's constitution as validated data, loaded from TOML."""

from isonomia.charter.checks import Problem
from isonomia.charter.languages import is_known_language_tag, language_name
from isonomia.charter.load import CharterInvalid, charter_from_data, load_charter, parse_charter
from isonomia.charter.model import (
    RESERVED_BY_DEFAULT,
    Accession,
    Amendments,
    Appeals,
    Charter,
    Competence,
    DecisionRule,
    FieldKind,
    Member,
    Organ,
    OrganKind,
    Presidency,
    RuleKind,
    Safeguards,
    Secession,
    UnionCouncil,
    UnionIdentity,
    WeightKind,
)

__all__ = [
    "RESERVED_BY_DEFAULT",
    "Accession",
    "Amendments",
    "Appeals",
    "Charter",
    "CharterInvalid",
    "Competence",
    "DecisionRule",
    "FieldKind",
    "Member",
    "Organ",
    "OrganKind",
    "Presidency",
    "Problem",
    "RuleKind",
    "Safeguards",
    "Secession",
    "UnionCouncil",
    "UnionIdentity",
    "WeightKind",
    "charter_from_data",
    "is_known_language_tag",
    "language_name",
    "load_charter",
    "parse_charter",
]
