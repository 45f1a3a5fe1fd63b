"""A charter amendment's changes, merged over the charter's settings (P10, P12).

The changes are a fragment of a charter (as TOML or JSON) merged over the charter's data:
a table merges key by key; a list of tables that each have an `id` (decision rules, organs)
merges item by item, by id, adding the items with new ids and removing those given
`remove = true`; any other value (a number, a text, a list such as the notice periods or
the national questions) replaces the old one. The result is validated as a whole charter.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from isonomia.charter.checks import N_, Problem
from isonomia.charter.load import CharterInvalid, charter_from_data
from isonomia.charter.model import Charter

__all__ = ["FIXED", "amended", "charter_data", "merged"]

#: Parts of the charter an amendment of its settings does not change: the union's identity
#: (its id binds every signature, P18), the founding members (a fact of the founding: members
#: join and leave by their own decisions, P1–P3) and the register of competences (changed by
#: an amendment's competence changes, with its history, P10).
FIXED = ("charter_version", "union", "members", "competences")


def charter_data(charter: Charter) -> dict[str, Any]:
    """The charter's settings as data, as a charter file would give them."""
    return charter.model_dump(mode="json", exclude_none=True)


def _identified(value: object) -> bool:
    return isinstance(value, list) and all(
        isinstance(item, Mapping) and isinstance(item.get("id"), str) for item in value
    )


def _merged_list(old: list[Any], new: list[Any]) -> list[Any]:
    items = {item["id"]: dict(item) for item in old}
    order = [item["id"] for item in old]
    for change in new:
        key = change["id"]
        if change.get("remove") is True:
            items.pop(key, None)
            continue
        if key in items:
            items[key] = merged(items[key], change)
        else:
            items[key] = dict(change)
            order.append(key)
    return [items[key] for key in order if key in items]


def merged(base: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """`changes` merged over `base` (see the module's docstring)."""
    result = dict(base)
    for key, value in changes.items():
        old = result.get(key)
        if isinstance(old, Mapping) and isinstance(value, Mapping):
            result[key] = merged(old, value)
        elif old and _identified(old) and value and _identified(value):
            result[key] = _merged_list(old, value)
        else:
            result[key] = value
    return result


def amended(
    charter: Charter, changes: Mapping[str, Any], members: Iterable[str] = ()
) -> tuple[Charter, dict[str, Any]]:
    """The charter with `changes` merged over it, and its data; raise `CharterInvalid` when
    the changes touch what they may not (`FIXED`) or the result is no valid charter. Members
    that joined after the founding (`members`) may be named where a charter names members."""
    fixed = [key for key in changes if key in FIXED]
    if fixed:
        raise CharterInvalid(
            [
                Problem.of(
                    key,
                    N_(
                        "is not changed by an amendment of the charter's settings: the union's "
                        "identity and founding members stay, members join and leave by their "
                        "own decisions, and fields of competence change by competence changes"
                    ),
                )
                for key in fixed
            ]
        )
    data = merged(charter_data(charter), changes)
    return charter_from_data(data, members=members), data
