"""Checks that relate one part of a charter to another.

They run on the raw TOML data, not on the validated model, so that they still report
their problems when some other part of the file is malformed: a person fixing a charter
should see every mistake in one go.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from isonomia.charter.model import RESERVED_BY_DEFAULT


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in a charter, at a path such as ``members[3].languages[0]``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def _items(data: Mapping[str, Any], key: str) -> list[tuple[int, Mapping[str, Any]]]:
    value = data.get(key)
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, Mapping)]


def _ids(data: Mapping[str, Any], key: str, id_key: str = "id") -> list[str]:
    return [item[id_key] for _, item in _items(data, key) if isinstance(item.get(id_key), str)]


def _duplicates(data: Mapping[str, Any], key: str, id_key: str = "id") -> Iterator[Problem]:
    seen: set[str] = set()
    for i, item in _items(data, key):
        value = item.get(id_key)
        if isinstance(value, str):
            if value in seen:
                yield Problem(f"{key}[{i}].{id_key}", f"{value!r} is used twice")
            seen.add(value)


def cross_checks(data: Mapping[str, Any]) -> list[Problem]:
    """Every problem that relates one part of the charter to another."""
    problems: list[Problem] = []
    problems += _duplicates(data, "members")
    problems += _duplicates(data, "organs")
    problems += _duplicates(data, "decision_rules")
    problems += _duplicates(data, "competences", "field")
    member_ids = _ids(data, "members")
    members = set(member_ids)
    organ_ids = set(_ids(data, "organs"))
    rule_ids = set(_ids(data, "decision_rules"))

    union = data.get("union")
    if isinstance(union, Mapping) and union.get("id") in members:
        problems.append(
            Problem(
                "union.id",
                f"{union['id']!r} is a member's id: the union is its own body, "
                "no member is the union (P1)",
            )
        )

    problems += _presidency_problems(data, member_ids)
    problems += _organ_problems(data)

    for i, item in _items(data, "competences"):
        if item.get("field") in RESERVED_BY_DEFAULT and item.get("kind") == "joint":
            problems.append(
                Problem(
                    f"competences[{i}].kind",
                    f"{item['field']!r} belongs to the members (P11): the union may at most "
                    "advise there, so it cannot be a joint field",
                )
            )

    accession = data.get("accession")
    if isinstance(accession, Mapping):
        rule = accession.get("decision_rule")
        if isinstance(rule, str) and rule not in rule_ids:
            problems.append(Problem("accession.decision_rule", f"no decision rule {rule!r}"))
        organ = accession.get("decided_by", "union-council")
        if isinstance(organ, str) and organ not in organ_ids:
            problems.append(Problem("accession.decided_by", f"no organ {organ!r}"))

    for i, rule in _items(data, "decision_rules"):
        problems += _rule_problems(f"decision_rules[{i}]", rule, members)
    problems += _act_problems(data, rule_ids)
    return sorted(problems)


def _act_problems(data: Mapping[str, Any], rule_ids: set[str]) -> Iterator[Problem]:
    """Organs' decision rules, the amendment rule and suspensive fields name what exists."""
    for i, organ in _items(data, "organs"):
        rule = organ.get("decision_rule")
        if isinstance(rule, str) and rule not in rule_ids:
            yield Problem(f"organs[{i}].decision_rule", f"no decision rule {rule!r}")
    amendments = data.get("amendments")
    if isinstance(amendments, Mapping):
        rule = amendments.get("decision_rule")
        if isinstance(rule, str) and rule not in rule_ids:
            yield Problem("amendments.decision_rule", f"no decision rule {rule!r}")
    appeals = data.get("appeals")
    fields = set(RESERVED_BY_DEFAULT) | set(_ids(data, "competences", "field"))
    if isinstance(appeals, Mapping) and isinstance(appeals.get("suspensive_fields"), list):
        for j, name in enumerate(appeals["suspensive_fields"]):
            if isinstance(name, str) and name not in fields:
                yield Problem(
                    f"appeals.suspensive_fields[{j}]", f"{name!r} is not a field of competence"
                )


def _presidency_problems(data: Mapping[str, Any], member_ids: list[str]) -> Iterator[Problem]:
    presidency = data.get("presidency")
    if not isinstance(presidency, Mapping):
        return
    months, days = presidency.get("term_months"), presidency.get("term_days")
    if (months is None) == (days is None):
        yield Problem("presidency", "give exactly one of term_months or term_days (P5)")
    order = presidency.get("order")
    if not isinstance(order, list):
        return
    members = set(member_ids)
    unknown = False
    for j, member in enumerate(order):
        if isinstance(member, str) and member not in members:
            unknown = True
            yield Problem(f"presidency.order[{j}]", f"{member!r} is not a member")
    for member, count in Counter(m for m in order if isinstance(m, str)).items():
        if count > 1:
            yield Problem(
                "presidency.order",
                f"{member!r} appears {count} times: no member presides twice before "
                "every member has presided once (P5)",
            )
    placed = {m for m in order if isinstance(m, str)}
    missing = [m for m in member_ids if m not in placed]
    if missing and not unknown:  # a misspelt id is one mistake, reported once
        yield Problem(
            "presidency.order",
            f"missing {', '.join(missing)}: every member takes its turn to preside (P5)",
        )


def _organ_problems(data: Mapping[str, Any]) -> Iterator[Problem]:
    organs = _items(data, "organs")
    councils = [i for i, organ in organs if organ.get("kind") == "union-council"]
    if organs and not councils:
        yield Problem("organs", "there must be one organ of kind 'union-council' (P4)")
    for i in councils[1:]:
        yield Problem(f"organs[{i}].kind", "there can be only one union council (P4)")


def _rule_problems(path: str, rule: Mapping[str, Any], members: set[str]) -> Iterator[Problem]:
    kind = rule.get("kind")
    if kind == "qualified-majority" and rule.get("threshold") is None:
        yield Problem(f"{path}.threshold", "a qualified majority needs a threshold")
    if kind == "double-majority":
        for key in ("members_share", "population_share"):
            if rule.get(key) is None:
                yield Problem(f"{path}.{key}", "a double majority needs this share")
    weights = rule.get("custom_weights")
    if rule.get("weights") == "custom":
        if not isinstance(weights, Mapping) or not weights:
            yield Problem(f"{path}.custom_weights", "custom weights need a weight per member")
        else:
            for member in sorted(members - set(weights)):
                yield Problem(f"{path}.custom_weights", f"no weight for member {member!r}")
    if isinstance(weights, Mapping):
        for name in weights:
            if name not in members:
                yield Problem(f"{path}.custom_weights.{name}", f"{name!r} is not a member")
