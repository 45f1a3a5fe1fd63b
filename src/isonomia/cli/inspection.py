"""CLI of the inspection's cases (P16, P17): complaints filed with the inspection,
commissions drawn by lot, ties, defenders, evidence, findings, reopening, and the orders no
one may give it. Who reads a case proves it with `--key FILE`; without one, the public
reads. Complaints addressed to officials and organs' acts on persons are in
`isonomia.cli.complaints`."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Annotated

import typer

from isonomia.cli.common import At, Db, Reader, names, open_federation, record
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.i18n import N_, _
from isonomia.cli.inspection_views import describe_case, describe_cases
from isonomia.cli.output import plain, refusals_exit, visible

case_app = typer.Typer(
    help="Complaints and impartial investigations by the inspection (P16, P17).",
    no_args_is_help=True,
)
#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = {
    "FileComplaint": "case file",
    "DeclareTie": "case tie",
    "DrawCommission": "case draw",
    "NameDefender": "case defender",
    "AddEvidence": "case evidence",
    "ProposeFindings": "case findings",
    "SignFindings": "case sign",
    "ReopenCase": "case reopen",
    "ConsentToAction": "case consent",
    "DirectCase": "case direct",
    "PauseCase": "case pause",
    "CloseCase": "case close",
    "RestaffCommission": "case restaff",
}

Who = Annotated[
    str,
    typer.Option("--actor", help="Who acts (default: none; give the principal, e.g. person:NAME)."),
]


@case_app.command("file")
@refusals_exit
def case_file(
    case: Annotated[str, typer.Argument()],
    kind: Annotated[
        str,
        typer.Option(
            help="violence, insult-to-nationality, abuse-of-office or neglect-of-complaint."
        ),
    ],
    accused: Annotated[str, typer.Option(help="Accused persons, comma-separated.")],
    summary: Annotated[str, typer.Option()],
    actor: Who,
    witnesses: Annotated[str, typer.Option(help="Witnesses, comma-separated.")] = "",
    at: At = None,
    db: Db = None,
) -> None:
    """File a complaint: any registered principal opens a case against named persons."""
    open_federation(db)  # a database that cannot be used is said before a malformed kind
    record(
        db,
        "FileComplaint",
        actor,
        at,
        _("case {case} opened", case=case),
        case=case,
        kind=kind,
        accused=names(accused),
        witnesses=names(witnesses),
        summary=summary,
    )


@case_app.command("tie")
@refusals_exit
def case_tie(
    person: Annotated[str, typer.Argument()],
    tied_to: Annotated[str, typer.Option("--with", help="The person the tie is with.")],
    nature: Annotated[str, typer.Option(help="What the tie is (kin, work, debt…).")],
    at: At = None,
    db: Db = None,
) -> None:
    """A person declares a tie with another; it recuses them from that person's cases."""
    from isonomia.service import actors

    record(
        db,
        "DeclareTie",
        actors.person(person),
        at,
        _("{person} declared a tie with {tied_to}", person=person, tied_to=tied_to),
        person=person,
        tied_to=tied_to,
        nature=nature,
    )


@case_app.command("draw")
@refusals_exit
def case_draw(case: Annotated[str, typer.Argument()], at: At = None, db: Db = None) -> None:
    """The inspection draws the case's commission by lot; recusals are recorded (P17)."""
    record(
        db,
        "DrawCommission",
        "inspection",
        at,
        _("commission of {case} drawn", case=case),
        case=case,
    )


@case_app.command("defender")
@refusals_exit
def case_defender(
    case: Annotated[str, typer.Argument()],
    defender: Annotated[str, typer.Option()],
    actor: Who,
    at: At = None,
    db: Db = None,
) -> None:
    """The complainant names a defender, who sees the whole case."""
    record(
        db,
        "NameDefender",
        actor,
        at,
        _("{defender} defends in {case}", defender=defender, case=case),
        case=case,
        defender=defender,
    )


@case_app.command("evidence")
@refusals_exit
def case_evidence(
    action: Annotated[str, typer.Argument(help="add or get")],
    case: Annotated[str, typer.Argument()],
    what: Annotated[str, typer.Argument(help="add: the FILE; get: the evidence's SHA-256.")],
    actor: Annotated[
        str | None, typer.Option("--actor", help="Who adds it (default: none; required by add).")
    ] = None,
    at: At = None,
    db: Db = None,
) -> None:
    """`add CASE FILE --actor WHO`: record a file's hash and keep its bytes beside the
    ledger. `get CASE HASH --out FILE [--key FILE]`: write a kept file, for a reader who
    may see the case (P17)."""
    from isonomia.cli.signing import SIGNING, Signing
    from isonomia.service import BadRequest, queries, viewer_of_key

    q = queries.inspection

    federation = open_federation(db)
    if action == "get":
        signing = SIGNING.get() or Signing()
        if signing.out is None:
            raise BadRequest.of(N_("case evidence get needs --out FILE"))
        data = q.evidence_bytes(federation, case, what, viewer_of_key(federation, signing.key))
        signing.out.write_bytes(data)
        plain.print(
            visible(
                _(
                    "written: {file} ({size} bytes, sha256 {sha256})",
                    file=signing.out,
                    size=len(data),
                    sha256=what,
                )
            )
        )
        return
    if action != "add" or actor is None:
        raise BadRequest.of(N_("use `case evidence add CASE FILE --actor WHO` or `get CASE HASH`"))
    data = Path(what).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    record(
        db,
        "AddEvidence",
        actor,
        at,
        _("evidence {sha256} added to {case}", sha256=digest, case=case),
        case=case,
        sha256=digest,
        filename=Path(what).name,
        size=len(data),
    )
    q.keep_evidence(federation, case, data)


@case_app.command("findings")
@refusals_exit
def case_findings(
    case: Annotated[str, typer.Argument()],
    findings: Annotated[str, typer.Argument()],
    text: Annotated[str, typer.Option()],
    actor: Who,
    established: Annotated[
        bool, typer.Option("--established/--not-established", help="Is the act established?")
    ] = True,
    plea: Annotated[
        list[str] | None, typer.Option(help="A justification pleaded (repeat for several).")
    ] = None,
    at: At = None,
    db: Db = None,
) -> None:
    """A commission member proposes findings; the sanction follows from the rule."""
    record(
        db,
        "ProposeFindings",
        actor,
        at,
        _("findings {findings} proposed in {case}", findings=findings, case=case),
        case=case,
        findings=findings,
        text=text,
        established=established,
        justifications=plea or [],
    )


@case_app.command("sign")
@refusals_exit
def case_sign(
    case: Annotated[str, typer.Argument()],
    findings: Annotated[str, typer.Argument()],
    actor: Who,
    at: At = None,
    db: Db = None,
) -> None:
    """A commission member signs findings; a majority of the commission makes them final."""
    record(
        db,
        "SignFindings",
        actor,
        at,
        _("{actor} signed {findings}", actor=actor, findings=findings),
        case=case,
        findings=findings,
    )


@case_app.command("reopen")
@refusals_exit
def case_reopen(
    case: Annotated[str, typer.Argument()],
    reason: Annotated[str, typer.Option()],
    actor: Annotated[
        str, typer.Option("--actor", help="Who reopens (default: inspection; or the complainant).")
    ] = "inspection",
    at: At = None,
    db: Db = None,
) -> None:
    """Reopen a decided case; its new work links to the earlier findings."""
    record(
        db,
        "ReopenCase",
        actor,
        at,
        _("case {case} reopened", case=case),
        case=case,
        reason=reason,
    )


@case_app.command("consent")
@refusals_exit
def case_consent(
    case: Annotated[str, typer.Argument()],
    organ: Annotated[str, typer.Option()],
    person: Annotated[str, typer.Option()],
    at: At = None,
    db: Db = None,
) -> None:
    """The inspection consents to one organ acting on one protected person in a case."""
    record(
        db,
        "ConsentToAction",
        "inspection",
        at,
        _("inspection consents: {organ} may act on {person}", organ=organ, person=person),
        case=case,
        organ=organ,
        person=person,
    )


#: What an order would record, were it not refused (P16).
_ORDERED = {
    "direct": N_("direct {case}"),
    "pause": N_("pause {case}"),
    "close": N_("close {case}"),
    "restaff": N_("restaff {case}"),
}


def _order(name: str, verb: str) -> None:
    @case_app.command(verb)
    @refusals_exit
    def order(
        case: Annotated[str, typer.Argument()],
        actor: Who,
        instruction: Annotated[str, typer.Option(help="For `direct`: the instruction.")] = "-",
        persons: Annotated[str, typer.Option(help="For `restaff`: persons.")] = "",
        at: At = None,
        db: Db = None,
    ) -> None:
        extra: dict[str, object] = {}
        if name == "DirectCase":
            extra["instruction"] = instruction
        if name == "RestaffCommission":
            extra["persons"] = names(persons)
        record(db, name, actor, at, _(_ORDERED[verb], case=case), case=case, **extra)

    order.__doc__ = f"An order to {verb} a case: refused, no one directs the inspection (P16)."


for _name, _verb in (
    ("DirectCase", "direct"),
    ("PauseCase", "pause"),
    ("CloseCase", "close"),
    ("RestaffCommission", "restaff"),
):
    _order(_name, _verb)


@case_app.command("list")
@refusals_exit
def case_list(
    key: Reader = None, db: Db = None, as_json: Json = False, as_csv: Csv = False
) -> None:
    """Cases: whole for those who may see them; number and status for anyone else (P17)."""
    from isonomia.service import queries, viewer_of_key

    q = queries.inspection

    federation = open_federation(db)
    rows = q.cases(federation, viewer_of_key(federation, key))
    emit(rows, lambda: describe_cases(rows), as_json, as_csv, field_names(q.CaseRow))


@case_app.command("show")
@refusals_exit
def case_show(
    case: Annotated[str, typer.Argument()],
    key: Reader = None,
    db: Db = None,
    as_json: Json = False,
    as_csv: Csv = False,
) -> None:
    """One case, whole: only for its commission, parties, defender and the inspection (P17)."""
    from isonomia.cli.formats import print_csv, print_json
    from isonomia.service import queries, viewer_of_key

    q = queries.inspection

    federation = open_federation(db)
    detail = q.case_detail(federation, case, viewer_of_key(federation, key))
    if as_json:
        print_json(detail)
    elif as_csv:
        print_csv([detail], field_names(q.CaseDetail))
    else:
        describe_case(detail)


def register(app: typer.Typer) -> None:
    """Add `isonomia case` to the CLI."""
    app.add_typer(case_app, name="case")
