"""CLI of the union's budget (issue 26): proposing and adopting the annual budget, calling
contributions, recording payments, spending under a line, equalisation transfers;
`isonomia budget show`, `isonomia accounts` and `isonomia accounts export --beancount FILE`."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

from isonomia.cli.common import Db, open_federation, table
from isonomia.cli.formats import Csv, Json, field_names, print_csv, print_json
from isonomia.cli.generated import add_writes
from isonomia.cli.i18n import N_, _
from isonomia.cli.output import fail, plain, refusals_exit
from isonomia.cli.writes import COUNCIL, SECRETARIAT, Write, commands_of
from isonomia.service import queries

budget_app = typer.Typer(
    help="The union's budget: contributions, spending, equalisation (P3, P4, P12).",
    no_args_is_help=True,
)
accounts_app = typer.Typer(
    help="The union's accounts, a double-entry ledger of the budget's acts.",
    invoke_without_command=True,
)

#: The area's write commands, generated from their models (`cli/generated.py`).
WRITES = (
    Write(
        "RecordIncomeFigure",
        "budget income",
        N_("{member}'s income figure for {year} recorded: {amount}"),
        COUNCIL,
        help="A member's own council records its income figure for a year, with its source; "
        "the contribution formula uses the latest one instead of the charter's.",
        arguments=("member", "year", "amount"),
    ),
    Write(
        "ProposeBudget",
        "budget propose",
        N_("budget of {year} proposed under motion {motion}"),
        SECRETARIAT,
        help="Propose a fiscal year's budget under a drafted budget motion, its lines as "
        "--line LINE=AMOUNT: each member's share is computed and recorded before the vote.",
        arguments=("year", "motion"),
        options={"lines": "--line"},
    ),
    Write(
        "AdoptBudget",
        "budget adopt",
        N_("budget of {year} adopted"),
        SECRETARIAT,
        help="Adopt the proposed budget once its motion was adopted by the budget rule (P4).",
        arguments=("year",),
    ),
    Write(
        "CallContributions",
        "budget call",
        N_("contributions of {year} called, due {due_on}"),
        SECRETARIAT,
        help="Call the members' contributions to an adopted budget; a member that has left "
        "by the due day owes none of it (P3).",
        arguments=("year",),
    ),
    Write(
        "RecordPayment",
        "budget pay",
        N_("{member} paid {amount} towards {year} (ref. {reference})"),
        SECRETARIAT,
        help="Record a member's payment received towards its contribution.",
        arguments=("year", "member", "amount"),
    ),
    Write(
        "SpendUnderLine",
        "budget spend",
        N_("{amount} spent under {line} of {year}"),
        SECRETARIAT,
        help="Spend under a line of an adopted budget; refused beyond what it has left (P4).",
        arguments=("year", "line", "amount"),
    ),
    Write(
        "MakeEqualisationTransfer",
        "budget transfer",
        N_("equalisation of {amount} to {member} from {year}'s budget"),
        SECRETARIAT,
        help="Transfer from the equalisation line to a member below the charter's threshold "
        "of income per head, up to its entitlement (P12).",
        arguments=("year", "member", "amount"),
    ),
)
#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = commands_of(WRITES)


def _money(amount: Decimal) -> str:
    return f"{amount:,}"


def _print_budget(view: queries.budget.BudgetView) -> None:
    """The budget's lines and each member's share, paid and owed."""
    status = (
        _("adopted on {day}", day=view.adopted_on)
        if view.adopted_on
        else _("proposed, not adopted")
    )
    plain.print(
        _(
            "Budget {year} ({currency}), motion {motion} in {organ}: {status}",
            year=view.year,
            currency=view.currency,
            motion=view.motion,
            organ=view.organ,
            status=status,
        ),
        markup=False,
        highlight=False,
    )
    rows = [
        [line.line, _money(line.amount), _money(line.spent), _money(line.remaining)]
        for line in view.lines
    ]
    rows.append([_("total"), _money(view.total), "", ""])
    plain.print(table(_("Lines"), [_("line"), _("amount"), _("spent"), _("remaining")], rows))
    plain.print(
        table(
            _("Shares"),
            [
                _("member"),
                _("share"),
                _("charged"),
                _("paid"),
                _("cancelled (P3)"),
                _("owed"),
                _("equalisation"),
                _("received"),
            ],
            [
                [
                    s.member,
                    _money(s.share),
                    _money(s.charged),
                    _money(s.paid),
                    _money(s.cancelled),
                    _money(s.owed),
                    _money(s.equalisation),
                    _money(s.transferred),
                ]
                for s in view.shares
            ],
        )
    )


@budget_app.command("show")
@refusals_exit
def budget_show(
    year: Annotated[
        int | None, typer.Option("--year", help="The fiscal year (default: the latest).")
    ] = None,
    db: Db = None,
    as_json: Json = False,
    as_csv: Csv = False,
) -> None:
    """A fiscal year's budget: its lines, spent and remaining; each member's share, what it
    was charged, paid and owes, and its equalisation (`--csv`: the members' shares)."""
    federation = open_federation(db)
    view = queries.budget.budget(federation, year)
    if view is None:
        raise fail(
            _("no budget has been proposed")
            if year is None
            else _("no budget of {year}", year=year)
        )
    if as_json:
        print_json(view)
        return
    if as_csv:
        print_csv(view.shares, field_names(queries.budget.ShareRow))
        return
    _print_budget(view)
    figures = queries.budget.income_figures(federation)
    if figures:
        plain.print(
            table(
                _("Income figures recorded by the members' councils"),
                [_("member"), _("year"), _("amount"), _("source")],
                [[f.member, str(f.year), _money(f.amount), f.source] for f in figures],
            )
        )


@accounts_app.callback()
@refusals_exit
def accounts(
    ctx: typer.Context,
    member: Annotated[
        str | None, typer.Option("--member", help="Only this member's accounts.")
    ] = None,
    db: Db = None,
    as_json: Json = False,
) -> None:
    """The accounts' balances and postings (a member's: its receivable, contributions and
    equalisation)."""
    if ctx.invoked_subcommand is not None:
        return
    federation = open_federation(db)
    rows = queries.budget.postings(federation, member)
    balances = queries.budget.balances(federation, member)
    if as_json:
        print_json({"balances": {k: str(v) for k, v in balances.items()}, "postings": rows})
        return
    plain.print(
        table(
            _("Balances"),
            [_("account"), _("balance")],
            [[a, _money(b)] for a, b in balances.items()],
        )
    )
    plain.print(
        table(
            _("Postings"),
            [_("entry"), _("day"), _("account"), _("amount"), _("what")],
            [
                [str(p.sequence), p.booked_on, p.account, _money(p.amount), p.narration]
                for p in rows
            ],
        )
    )


@accounts_app.command("export")
@refusals_exit
def accounts_export(
    beancount: Annotated[
        Path, typer.Option("--beancount", help="Write the accounts as Beancount text to FILE.")
    ],
    db: Db = None,
) -> None:
    """Export the accounts in Beancount's format, for an accountant's tools."""
    federation = open_federation(db)
    charter = queries.charter(federation)
    if charter.budget is None:
        raise fail(_("the charter keeps no budget"))
    text = queries.budget.beancount(federation, charter.budget.currency, charter.union.name)
    beancount.write_text(text, encoding="utf-8")
    plain.print(_("accounts written to {file}", file=str(beancount)), markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI (`isonomia budget ...`, `isonomia accounts`)."""
    add_writes(app, {"budget": budget_app}, WRITES)
    app.add_typer(budget_app, name="budget")
    app.add_typer(accounts_app, name="accounts")
