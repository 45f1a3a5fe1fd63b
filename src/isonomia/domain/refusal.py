"""Refusals: the value the rules return when a command breaks a principle.

A refusal may carry a message id and its parameters (`Refusal.of`), so an interface can say
it in the user's language from the gettext catalogs; `reason` is always the English text.
Message ids are marked with `N_` for `pybabel extract -k N_`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from isonomia.charter.languages import language_name


def N_(msgid: str) -> str:
    """Mark a message id for the catalogs; it is translated where it is shown."""
    return msgid


@dataclass(frozen=True)
class Refusal:
    """A command refused, with the principle (P1–P18) it would break and why."""

    principle: str
    reason: str
    #: The catalog's message id of `reason`, with named `{fields}`, when it has one.
    msgid: str | None = None
    #: The values of the message's fields. A field named `languages` holds comma-separated
    #: language tags, shown by their names; one named `who` or `held` is itself a message id.
    params: tuple[tuple[str, str], ...] = ()
    #: Whether it refuses who acts (the signature, or an actor the table of who may issue
    #: each command excludes) rather than what the act asks; set where that is decided.
    of_actor: bool = field(default=False, compare=False)

    def by_actor(self) -> Refusal:
        """This refusal, marked as one of who acts."""
        return replace(self, of_actor=True)

    @classmethod
    def of(cls, principle: str, msgid: str, /, **params: object) -> Refusal:
        """A refusal said by a catalog message; its English reason filled in here. Each
        value is kept as text (a date as its ISO form, shown in the reader's locale)."""
        values = {name: str(value) for name, value in params.items()}
        kept = tuple(sorted(values.items()))
        if "languages" in values:
            values["languages"] = _english_names(values["languages"])
        return cls(principle, msgid.format(**values), msgid, kept)

    def __str__(self) -> str:
        return f"refused ({self.principle}): {self.reason}"


def _english_names(tags: str) -> str:
    return ", ".join(f"{language_name(tag)} ({tag})" for tag in tags.split(",") if tag)
