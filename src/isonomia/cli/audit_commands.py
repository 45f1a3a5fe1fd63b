"""`isonomia audit`: the power audit of a charter, as tables, JSON or a chart (P12, P13)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from isonomia.cli.common import Db, On, day_of, open_federation
from isonomia.cli.i18n import N_, _, percent
from isonomia.cli.output import console, json_visible, refusals_exit

if TYPE_CHECKING:
    from isonomia.service.audit import Audit, RulePower


def _table(rule_power: RulePower, title: str) -> Table:
    table = Table(title=title, title_justify="left")
    for column in (
        N_("member"),
        N_("population"),
        N_("votes"),
        N_("equal"),
        N_("Banzhaf"),
        N_("Shapley–Shubik"),
        "",
    ):
        left = column in ("member", "")
        table.add_column(_(column) if column else "", justify="left" if left else "right")
    for m in rule_power.members:
        table.add_row(
            m.id,
            percent(m.population_share),
            percent(m.weight_share),
            percent(m.equal_share),
            f"{m.banzhaf:.3f}",
            f"{m.shapley_shubik:.3f}",
            "█" * round(10 * m.banzhaf),
        )
    return table


def _verdict(rule_power: RulePower) -> str:
    breaches = rule_power.breaches
    if rule_power.kind == "unanimity":
        return _("[green]unanimity[/]: every member can block, by design; none can pass alone")
    if not breaches:
        return _("[green]safeguards hold[/]: no member passes or blocks alone, none above the cap")
    return "\n".join(_("[red]breach (P12)[/]: {breach}", breach=b) for b in breaches)


def _print(result: Audit) -> None:
    for rule in result.rules:
        note = "" if rule.exact else " " + _("(populations in thousands)")
        title = _("Rule '{rule}': {kind}", rule=rule.rule, kind=rule.kind) + note
        console.print(_table(rule, title))
        console.print(_verdict(rule))
        console.print()
    hypothetical = result.population_majority
    console.print(_table(hypothetical, _("For comparison: simple majority by population")))
    console.print(_verdict(hypothetical))
    for question in result.national_questions:
        console.print()
        console.print(
            _(
                "National question ({what}, P12): each of {members} has a {protection} under "
                "rule '{rule}': it can block those acts alone",
                what=", ".join([*question.fields, *question.kinds]),
                members=", ".join(question.blocking) or "-",
                protection=question.protection,
                rule=question.rule,
            )
        )


@refusals_exit
def audit(
    charter: Annotated[
        Path | None,
        typer.Argument(help="Charter TOML file to audit (default: the live union at --db)."),
    ] = None,
    db: Db = None,
    on: On = None,
    before: Annotated[
        Path | None, typer.Option(help="The charter before an amendment, to compare.")
    ] = None,
    amendment: Annotated[
        str | None,
        typer.Option(
            help="A charter amendment in the record: the audit before and after it, on the "
            "union's members of the day (--on)."
        ),
    ] = None,
    plot_file: Annotated[
        Path | None, typer.Option("--plot", help="Write a bar chart (PNG) of the shares.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Who really holds power under each of a charter's decision rules (P12, P13).

    Without a charter file, the live union's rules on its members of the day (--on); with
    --amendment, the charter before and after a charter amendment in the record, on them.
    """
    from isonomia.service.audit import audit_amendment, audit_charter, audit_union, plot

    old: Audit | None = None
    if amendment is not None:
        old, result = audit_amendment(open_federation(db), amendment, day_of(on) if on else None)
    elif charter is None:
        result = audit_union(open_federation(db), day_of(on) if on else None)
    else:
        result = audit_charter(charter)
    if before is not None:
        old = audit_charter(before)
    if as_json:
        _print_json(result, old)
    else:
        if amendment is not None and old is not None:
            console.print(_("[bold]Power audit of {union}[/]", union=old.union) + "\n")
            _print(old)
        console.print(_("[bold]Power audit of {union}[/]", union=result.union) + "\n")
        _print(result)
        if old is not None:
            _print_changes(old, result)
    if plot_file is not None:
        console.print(_("chart: {file}", file=plot(result, plot_file)))
    if not result.sound:
        raise typer.Exit(1)


def _print_json(result: Audit, old: Audit | None) -> None:
    from isonomia.service.audit import changes

    data = result.as_json()
    if old is not None:
        data["before"] = old.as_json()
        data["changes"] = [
            {"rule": r, "member": m, "banzhaf_before": b, "banzhaf_after": a}
            for r, m, b, a in changes(old, result)
        ]
    print(json_visible(json.dumps(data, indent=2, ensure_ascii=False)))


def _print_changes(old: Audit, result: Audit) -> None:
    from isonomia.service.audit import changes

    table = Table(title=_("What the amendment changes"), title_justify="left")
    for column in (N_("rule"), N_("member"), N_("Banzhaf before"), N_("after"), N_("change")):
        table.add_column(_(column))
    for rule, member, b, a in changes(old, result):
        table.add_row(rule, member, f"{b:.3f}", f"{a:.3f}", f"{a - b:+.3f}")
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add `isonomia audit` to the CLI."""
    app.command("audit")(audit)
