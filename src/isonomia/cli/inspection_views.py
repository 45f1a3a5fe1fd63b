"""How the inspection's cases and complaints are printed for people (P17)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from isonomia.cli.i18n import N_, _
from isonomia.cli.output import plain, visible

if TYPE_CHECKING:
    from isonomia.service import queries


def describe_cases(rows: list[queries.inspection.CaseRow]) -> None:
    if not rows:
        plain.print(_("no cases"))
    for r in rows:
        if r.kind is None:
            plain.print(visible(f"{r.id}: {r.status}"))
            continue
        judges = ", ".join(r.commission or []) or _("not drawn yet")
        opened = _(
            "{case}: {status} — {kind}, opened {opened}, round {round}; ",
            case=r.id,
            status=r.status,
            kind=r.kind,
            opened=r.opened_on,
            round=r.round,
        )
        plain.print(visible(opened) + visible(_("commission: {judges}", judges=judges)))


def describe_case(d: queries.inspection.CaseDetail) -> None:
    r = d.row
    plain.print(Text.assemble((visible(r.id), "bold"), visible(f" — {r.kind}: {r.status}")))
    _line(
        N_("opened {opened}, round {round}; summary: {summary}"),
        opened=r.opened_on,
        round=r.round,
        summary=d.summary,
    )
    _line(
        N_("complainant: {complainant}; accused: {accused}"),
        complainant=d.complainant,
        accused=", ".join(d.accused),
    )
    _line(N_("witnesses: {witnesses}"), witnesses=", ".join(d.witnesses) or _("none"))
    _line(N_("defender: {defender}"), defender=d.defender or _("none named"))
    _line(N_("commission: {judges}"), judges=", ".join(r.commission or []) or _("not drawn yet"))
    if d.seed:
        _line(N_("drawn with seed {seed}"), seed=d.seed)
    for person, reason in d.recused:
        _line(N_("recused: {person} ({reason})"), person=person, reason=reason)
    _describe_draw(d)
    _describe_connivers(d)
    for sha, name, size, by, on in d.evidence:
        _line(
            N_("evidence {sha256}: {file}, {size} bytes, added by {by} on {on}"),
            sha256=sha,
            file=name,
            size=size,
            by=by,
            on=on,
        )
    for fid, round_, by, sanction, signed, final, earlier, text in d.findings:
        state = _("final on {on}", on=final) if final else _("awaiting signatures")
        _line(
            N_("findings {findings} (round {round}, by {by}): {text}"),
            findings=fid,
            round=round_,
            by=by,
            text=text,
        )
        _line(
            N_("sanction: {sanction}; signed by {signed}; {state}"),
            depth=2,
            sanction=sanction,
            signed=signed,
            state=state,
        )
        if earlier:
            _line(N_("builds on: {earlier}"), depth=2, earlier=earlier)


def _describe_connivers(d: queries.inspection.CaseDetail) -> None:
    """The officials named as having known and not acted, their defenders and sanctions."""
    for person, evidence, by, on, defender, sanctions in d.connivers:
        _line(
            N_("conniver: {person}, named by {by} on {on} on evidence {evidence}"),
            person=person,
            by=by,
            on=on,
            evidence=evidence,
        )
        _line(
            N_("defender: {defender}; sanctions: {sanctions}"),
            depth=2,
            defender=defender or _("none named"),
            sanctions=sanctions or _("none"),
        )


def _describe_draw(d: queries.inspection.CaseDetail) -> None:
    """Who committed to the round's draw and revealed or stayed silent; the challenges."""
    for principal, committed, revealed, silent in d.draw:
        shown = _("revealed on {on}", on=revealed) if revealed else _("not revealed")
        if silent:
            shown = _("silent: its share dropped from the seed")
        _line(
            N_("committed to the draw: {principal} on {on}; {shown}"),
            principal=principal,
            on=committed,
            shown=shown,
        )
    for cid, round_, party, person, grounds, on, rulings, outcome in d.challenges:
        _line(
            N_("challenge {challenge} (round {round}) by {party} of {person} on {on}: {grounds}"),
            challenge=cid,
            round=round_,
            party=party,
            person=person,
            on=on,
            grounds=grounds,
        )
        _line(
            N_("{outcome}; rulings: {rulings}"),
            depth=2,
            outcome=outcome,
            rulings=rulings or _("none yet"),
        )


def _line(msgid: str, depth: int = 1, **values: object) -> None:
    """One indented line of a case, in the chosen language."""
    plain.print(visible("  " * depth + _(msgid, **values)))


def describe_complaints(rows: list[queries.inspection.ComplaintRow]) -> None:
    if not rows:
        plain.print(_("no complaints"))
    for r in rows:
        plain.print(
            visible(
                _(
                    "{complaint}: to {official} from {by}, {on}, answer due {due}: {status}",
                    complaint=r.id,
                    official=r.official,
                    by=r.addressed_by,
                    on=r.addressed_on,
                    due=r.answer_due,
                    status=r.status,
                )
            )
        )
