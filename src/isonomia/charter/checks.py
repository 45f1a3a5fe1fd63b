"""Checks that relate one part of a charter to another.

They run on the raw TOML data, not on the validated model, so that they still report
their problems when some other part of the file is malformed: a person fixing a charter
should see every mistake in one go.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from isonomia.charter.model import RESERVED_BY_DEFAULT, OrganKind


def N_(msgid: str) -> str:
    """Mark a message id for the catalogs; it is translated where it is shown (P14)."""
    return msgid


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in a charter, at a path such as ``members[3].languages[0]``.

    `message` is English; a problem the checks word themselves also carries the catalog's
    message id and its fields, so an interface can say it in the reader's language."""

    path: str
    message: str
    msgid: str | None = field(default=None, compare=False)
    params: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @classmethod
    def of(cls, path: str, msgid: str, /, **params: object) -> Problem:
        values = {name: str(value) for name, value in params.items()}
        return cls(path, msgid.format(**values), msgid, tuple(sorted(values.items())))

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
                yield Problem.of(f"{key}[{i}].{id_key}", N_("'{value}' is used twice"), value=value)
            seen.add(value)


def cross_checks(data: Mapping[str, Any], joined: Iterable[str] = ()) -> list[Problem]:
    """Every problem that relates one part of the charter to another (an amended charter may
    name members that `joined` after the founding)."""
    problems = [*_duplicates(data, "members"), *_duplicates(data, "organs")]
    problems += _duplicates(data, "decision_rules")
    problems += _duplicates(data, "competences", "field")
    member_ids = _ids(data, "members")
    members, known = set(member_ids), set(member_ids) | set(joined)
    organ_ids = set(_ids(data, "organs"))
    rule_ids = set(_ids(data, "decision_rules"))

    union = data.get("union")
    if isinstance(union, Mapping) and union.get("id") in members:
        problems.append(
            Problem.of(
                "union.id",
                N_(
                    "'{id}' is a member's id: the union is its own body, no member is the union "
                    "(P1)"
                ),
                id=union["id"],
            )
        )

    problems += _presidency_problems(data, member_ids)
    problems += _organ_problems(data)

    for i, item in _items(data, "competences"):
        if item.get("field") in RESERVED_BY_DEFAULT and item.get("kind") == "joint":
            problems.append(
                Problem.of(
                    f"competences[{i}].kind",
                    N_(
                        "'{field}' belongs to the members (P11): the union may at most advise "
                        "there, so it cannot be a joint field"
                    ),
                    field=item["field"],
                )
            )

    accession = data.get("accession")
    if isinstance(accession, Mapping):
        rule = accession.get("decision_rule")
        if isinstance(rule, str) and rule not in rule_ids:
            problems.append(
                Problem.of("accession.decision_rule", N_("no decision rule '{rule}'"), rule=rule)
            )
        organ = accession.get("decided_by", "union-council")
        if isinstance(organ, str) and organ not in organ_ids:
            problems.append(
                Problem.of("accession.decided_by", N_("no organ '{organ}'"), organ=organ)
            )

    for i, rule in _items(data, "decision_rules"):
        problems += _rule_problems(f"decision_rules[{i}]", rule, members, known)
    problems += _act_problems(data, rule_ids)
    problems += _office_problems(data, organ_ids)
    problems += _procedure_problems(data, organ_ids, known, rule_ids)
    return sorted(problems)


def _election_problems(data: Mapping[str, Any], organ_ids: set[str]) -> Iterator[Problem]:
    """An election fills a named office, once, by an organ that exists; instant runoff
    elects one (issue 24, P15)."""
    offices = data.get("offices")
    named = set(_ids(offices, "named")) if isinstance(offices, Mapping) else set()
    seen: set[str] = set()
    for i, election in _items(data, "elections"):
        office = election.get("office")
        if isinstance(office, str) and office not in named:
            yield Problem.of(
                f"elections[{i}].office", N_("no named office '{office}'"), office=office
            )
        elif isinstance(office, str) and office in seen:
            yield Problem.of(f"elections[{i}].office", N_("'{value}' is used twice"), value=office)
        if isinstance(office, str):
            seen.add(office)
        organ = election.get("organ")
        if isinstance(organ, str) and organ not in organ_ids:
            yield Problem.of(f"elections[{i}].organ", N_("no organ '{organ}'"), organ=organ)
        seats = election.get("seats", 1)
        if election.get("method") == "irv" and isinstance(seats, int) and seats > 1:
            yield Problem.of(
                f"elections[{i}].seats",
                N_("instant runoff elects one; use stv for {seats}"),
                seats=seats,
            )


def _national_question_problems(
    procedure: Mapping[str, Any], members: set[str], rule_ids: set[str], fields: set[str]
) -> Iterator[Problem]:
    """A national question names fields, members and a rule that exist (P12)."""
    for i, question in _items(procedure, "national_questions"):
        path = f"procedure.national_questions[{i}]"
        listed = question.get("members")
        for j, member in enumerate(listed if isinstance(listed, list) else []):
            if isinstance(member, str) and member not in members:
                yield Problem.of(
                    f"{path}.members[{j}]", N_("'{member}' is not a member"), member=member
                )
        named = question.get("fields")
        for j, name in enumerate(named if isinstance(named, list) else []):
            if isinstance(name, str) and name not in fields:
                yield Problem.of(
                    f"{path}.fields[{j}]", N_("'{name}' is not a field of competence"), name=name
                )
        rule = question.get("then_rule")
        if isinstance(rule, str) and rule not in rule_ids:
            yield Problem.of(f"{path}.then_rule", N_("no decision rule '{rule}'"), rule=rule)


def _procedure_problems(
    data: Mapping[str, Any], organ_ids: set[str], members: set[str], rule_ids: set[str]
) -> Iterator[Problem]:
    """Notice names organs that exist, and an urgent notice is shorter; concerned members
    are members (P4, P12)."""
    procedure = data.get("procedure")
    if not isinstance(procedure, Mapping):
        return
    for i, notice in _items(procedure, "notice"):
        organ = notice.get("organ")
        if isinstance(organ, str) and organ not in organ_ids:
            yield Problem.of(f"procedure.notice[{i}].organ", N_("no organ '{organ}'"), organ=organ)
        days, urgent = notice.get("days"), notice.get("urgent_days")
        if isinstance(days, int) and isinstance(urgent, int) and urgent > days:
            yield Problem.of(
                f"procedure.notice[{i}].urgent_days",
                N_(
                    "an urgent notice of {urgent} days is no shorter than the notice of {days} (P4)"
                ),
                urgent=urgent,
                days=days,
            )
    fields = set(RESERVED_BY_DEFAULT) | set(_ids(data, "competences", "field"))
    yield from _national_question_problems(procedure, members, rule_ids, fields)
    postponement = procedure.get("postponement")
    if not isinstance(postponement, Mapping):
        return
    for i, concern in _items(postponement, "concerned"):
        listed = concern.get("members")
        for j, member in enumerate(listed if isinstance(listed, list) else []):
            if isinstance(member, str) and member not in members:
                yield Problem.of(
                    f"procedure.postponement.concerned[{i}].members[{j}]",
                    N_("'{member}' is not a member"),
                    member=member,
                )


def _act_problems(data: Mapping[str, Any], rule_ids: set[str]) -> Iterator[Problem]:
    """Organs' decision rules, the amendment rule and suspensive fields name what exists."""
    for i, organ in _items(data, "organs"):
        rule = organ.get("decision_rule")
        if isinstance(rule, str) and rule not in rule_ids:
            yield Problem.of(
                f"organs[{i}].decision_rule", N_("no decision rule '{rule}'"), rule=rule
            )
    amendments = data.get("amendments")
    if isinstance(amendments, Mapping):
        rule = amendments.get("decision_rule")
        if isinstance(rule, str) and rule not in rule_ids:
            yield Problem.of("amendments.decision_rule", N_("no decision rule '{rule}'"), rule=rule)
    appeals = data.get("appeals")
    fields = set(RESERVED_BY_DEFAULT) | set(_ids(data, "competences", "field"))
    if isinstance(appeals, Mapping) and isinstance(appeals.get("suspensive_fields"), list):
        for j, name in enumerate(appeals["suspensive_fields"]):
            if isinstance(name, str) and name not in fields:
                yield Problem.of(
                    f"appeals.suspensive_fields[{j}]",
                    N_("'{name}' is not a field of competence"),
                    name=name,
                )


def _presidency_problems(data: Mapping[str, Any], member_ids: list[str]) -> Iterator[Problem]:
    presidency = data.get("presidency")
    if not isinstance(presidency, Mapping):
        return
    months, days = presidency.get("term_months"), presidency.get("term_days")
    if (months is None) == (days is None):
        yield Problem.of("presidency", N_("give exactly one of term_months or term_days (P5)"))
    order = presidency.get("order")
    if not isinstance(order, list):
        return
    members = set(member_ids)
    unknown = False
    for j, member in enumerate(order):
        if isinstance(member, str) and member not in members:
            unknown = True
            yield Problem.of(
                f"presidency.order[{j}]", N_("'{member}' is not a member"), member=member
            )
    for member, count in Counter(m for m in order if isinstance(m, str)).items():
        if count > 1:
            yield Problem.of(
                "presidency.order",
                N_(
                    "'{member}' appears {count} times: no member presides twice before every "
                    "member has presided once (P5)"
                ),
                member=member,
                count=count,
            )
    yield from _rotating_organ_problems(data, presidency)
    placed = {m for m in order if isinstance(m, str)}
    missing = [m for m in member_ids if m not in placed]
    if missing and not unknown:  # a misspelt id is one mistake, reported once
        yield Problem.of(
            "presidency.order",
            N_("missing {missing}: every member takes its turn to preside (P5)"),
            missing=", ".join(missing),
        )


def _rotating_organ_problems(
    data: Mapping[str, Any], presidency: Mapping[str, Any]
) -> Iterator[Problem]:
    """The organs whose presidency rotates are organs of the charter that hold sessions."""
    organs = presidency.get("organs")
    if not isinstance(organs, list):
        return
    kinds = {o.get("id"): o.get("kind") for _, o in _items(data, "organs")}
    for j, organ in enumerate(organs):
        if not isinstance(organ, str):
            continue
        if organ not in kinds:
            yield Problem.of(
                f"presidency.organs[{j}]", N_("'{organ}' is not an organ"), organ=organ
            )
        elif kinds[organ] not in ("union-council", "presidium", "executive", "conference"):
            yield Problem.of(
                f"presidency.organs[{j}]",
                N_("'{organ}' holds no sessions: no presidency rotates there (P5)"),
                organ=organ,
            )


def _organ_problems(data: Mapping[str, Any]) -> Iterator[Problem]:
    organs = _items(data, "organs")
    councils = [i for i, organ in organs if organ.get("kind") == "union-council"]
    if organs and not councils:
        yield Problem.of("organs", N_("there must be one organ of kind 'union-council' (P4)"))
    for i in councils[1:]:
        yield Problem.of(f"organs[{i}].kind", N_("there can be only one union council (P4)"))


def _rule_problems(
    path: str, rule: Mapping[str, Any], members: set[str], known: set[str]
) -> Iterator[Problem]:
    kind = rule.get("kind")
    if kind == "qualified-majority" and rule.get("threshold") is None:
        yield Problem.of(f"{path}.threshold", N_("a qualified majority needs a threshold"))
    if kind == "double-majority":
        for key in ("members_share", "population_share"):
            if rule.get(key) is None:
                yield Problem.of(f"{path}.{key}", N_("a double majority needs this share"))
    weights = rule.get("custom_weights")
    if rule.get("weights") == "custom":
        if not isinstance(weights, Mapping) or not weights:
            yield Problem.of(
                f"{path}.custom_weights", N_("custom weights need a weight per member")
            )
        else:
            for member in sorted(members - set(weights)):
                yield Problem.of(
                    f"{path}.custom_weights", N_("no weight for member '{member}'"), member=member
                )
    if isinstance(weights, Mapping):
        for name in weights:
            if name not in known:
                yield Problem.of(
                    f"{path}.custom_weights.{name}", N_("'{name}' is not a member"), name=name
                )


#: What an exclusion names that the charter lacks, by the selector's kind (P15).
_UNKNOWN = {
    "office": N_("no office '{name}' (P15)"),
    "organ": N_("no organ '{name}' (P15)"),
    "kind": N_("no kind '{name}' (P15)"),
}


def _office_problems(data: Mapping[str, Any], organ_ids: set[str]) -> Iterator[Problem]:
    """Named offices belong to organs that exist; exclusions name what exists (P15); the
    offices filled by election are named offices."""
    yield from _election_problems(data, organ_ids)
    offices = data.get("offices")
    if not isinstance(offices, Mapping):
        return
    yield from (
        Problem(f"offices.{p.path}", p.message, p.msgid, p.params)
        for p in _duplicates(offices, "named")
    )
    for i, office in _items(offices, "named"):
        for key in ("organ", "appointed_by"):
            organ = office.get(key)
            if isinstance(organ, str) and organ not in organ_ids:
                yield Problem.of(f"offices.named[{i}].{key}", N_("no organ '{organ}'"), organ=organ)
        signs_as = str(office.get("signs_as", ""))
        if signs_as.startswith("organ:") and signs_as[6:] not in organ_ids:
            yield Problem.of(
                f"offices.named[{i}].signs_as", N_("no organ '{organ}'"), organ=signs_as[6:]
            )
    known = {
        "office": set(_ids(offices, "named")),
        "organ": organ_ids,
        "kind": {kind.value for kind in OrganKind},
    }
    groups = offices.get("exclusive")
    for i, group in enumerate(groups if isinstance(groups, list) else []):
        if not isinstance(group, list):
            continue
        if len(group) < 2:
            yield Problem.of(
                f"offices.exclusive[{i}]", N_("name at least two offices that exclude")
            )
        for j, selector in enumerate(group):
            kind, _, name = str(selector).partition(":")
            if kind in known and name not in known[kind]:
                yield Problem.of(f"offices.exclusive[{i}][{j}]", _UNKNOWN[kind], name=name)
