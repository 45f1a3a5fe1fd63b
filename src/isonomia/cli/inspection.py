"""CLI of the inspection's cases (P16, P17): complaints filed with the inspection,
commissions drawn by lot, ties, defenders, evidence, findings, reopening, and the orders no
one may give it. Who reads a case proves it with `--key FILE`; without one, the public
reads. Complaints addressed to officials and organs' acts on persons are in
`isonomia.cli.complaints`."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Annotated, Any

import typer

from isonomia.cli import case_keys
from isonomia.cli.common import At, Db, Reader, actors, open_federation, record
from isonomia.cli.complaints import complaint_app, person_app
from isonomia.cli.formats import Csv, Json, emit, field_names
from isonomia.cli.generated import add_writes
from isonomia.cli.i18n import N_, _
from isonomia.cli.inspection_views import describe_case, describe_cases
from isonomia.cli.output import plain, refusals_exit, visible
from isonomia.cli.writes import GIVEN, Who, Write, commands_of

case_app = typer.Typer(
    help="Complaints and impartial investigations by the inspection (P16, P17).",
    no_args_is_help=True,
)
_INSPECTION = Who("Who acts (default: inspection).", "inspection")
_BY_ORGAN = Who("Who acts (default: the organ, organ:ORGAN).", lambda c: actors.organ(c["organ"]))


def _order(command: str, verb: str, what: str, **shape: Any) -> Write:
    """An order to the inspection about a case: refused, no one directs it (P16)."""
    return Write(
        command,
        f"case {verb}",
        what,
        GIVEN,
        help=f"An order to {verb} a case: refused, no one directs the inspection (P16).",
        arguments=("case",),
        **shape,
    )


#: The area's write commands, generated from their models (`cli/generated.py`); `case
#: evidence` is written by hand: it hashes a file, and reads one back.
WRITES = (
    Write(
        "FileComplaint",
        "case file",
        N_("case {case} opened"),
        GIVEN,
        help="File a complaint: any registered principal opens a case against named persons.",
        arguments=("case",),
        helps={
            "accused": "Accused persons, comma-separated.",
            "witnesses": "Witnesses, comma-separated.",
        },
        comma=("accused", "witnesses"),
        defaults={"witnesses": ""},
        open_first=True,
    ),
    Write(
        "DeclareTie",
        "case tie",
        N_("{person} declared a tie with {tied_to}"),
        Who(
            "Who acts (default: the person declaring it, person:NAME).",
            lambda c: actors.person(c["person"]),
        ),
        help="A person declares a tie with another; it recuses them from that person's cases.",
        arguments=("person",),
        options={"tied_to": "--with"},
    ),
    Write(
        "DrawCommission",
        "case draw",
        N_("commission of {case} drawn"),
        _INSPECTION,
        help=(
            "The inspection draws the case's commission by lot, once the charter's window "
            "for committing and revealing values has passed; recusals are recorded (P17)."
        ),
        arguments=("case",),
    ),
    Write(
        "CommitDrawValue",
        "case commit",
        N_("{actor} committed to the draw of {case}"),
        GIVEN,
        help=(
            "A party, a member's council it sits for, or the inspection commits to a random "
            "value for the draw: SHA-256 of 'value|case|principal', hex (P17)."
        ),
        arguments=("case",),
    ),
    Write(
        "RevealDrawValue",
        "case reveal",
        N_("{actor} revealed its value for the draw of {case}"),
        GIVEN,
        help="Reveal the value committed to, once the commitments close (P17).",
        arguments=("case",),
    ),
    Write(
        "ChallengeCommissioner",
        "case challenge",
        N_("{person} challenged in {case}"),
        GIVEN,
        help="A party challenges a drawn commissioner, once, with grounds (P17).",
        arguments=("case", "challenge"),
    ),
    Write(
        "RuleOnChallenge",
        "case rule",
        N_("{actor} ruled on challenge {challenge}"),
        GIVEN,
        help=(
            "An inspector neither challenged nor a party rules on a challenge; a majority of "
            "them decides, and an upheld challenge redraws the seat (P17)."
        ),
        arguments=("case", "challenge"),
        options={"upheld": "--upheld/--rejected"},
        helps={"upheld": "Uphold or reject the challenge (default: rejected)."},
        defaults={"upheld": False},
    ),
    Write(
        "NameDefender",
        "case defender",
        N_("{defender} defends in {case}"),
        GIVEN,
        help=(
            "The complainant, or a named conniver for themselves, names a defender, who sees "
            "the whole case."
        ),
        arguments=("case",),
    ),
    Write(
        "NameConniver",
        "case conniver",
        N_("{person} named as conniver in {case}"),
        GIVEN,
        help=(
            "A commission member names an official who knew and did not act, citing the "
            "case's evidence; they become a party of the case (P17)."
        ),
        arguments=("case", "person"),
        helps={"evidence": "SHA-256 of each piece of the case's evidence, comma-separated."},
        comma=("evidence",),
        defaults={"evidence": ""},
    ),
    Write(
        "ProposeFindings",
        "case findings",
        N_("findings {findings} proposed in {case}"),
        GIVEN,
        help="A commission member proposes findings; the sanction follows from the rule.",
        arguments=("case", "findings"),
        options={
            "established": "--established/--not-established",
            "justifications": "--plea",
            "connivers": "--conniver",
        },
        helps={
            "justifications": "A justification pleaded (repeat for several).",
            "connivers": "A named conniver and their sanction, PERSON=SANCTION (repeatable).",
        },
        defaults={"established": True},
    ),
    Write(
        "SignFindings",
        "case sign",
        N_("{actor} signed {findings}"),
        GIVEN,
        help="A commission member signs findings; a majority of the commission makes them final.",
        arguments=("case", "findings"),
    ),
    Write(
        "ReopenCase",
        "case reopen",
        N_("case {case} reopened"),
        Who("Who reopens (default: inspection; or the complainant).", "inspection"),
        help="Reopen a decided case; its new work links to the earlier findings.",
        arguments=("case",),
    ),
    Write(
        "ConsentToAction",
        "case consent",
        N_("inspection consents: {organ} may act on {person}"),
        _INSPECTION,
        help="The inspection consents to one organ acting on one protected person in a case.",
        arguments=("case",),
    ),
    _order("DirectCase", "direct", N_("direct {case}"), defaults={"instruction": "-"}),
    _order("PauseCase", "pause", N_("pause {case}")),
    _order("CloseCase", "close", N_("close {case}")),
    _order(
        "RestaffCommission",
        "restaff",
        N_("restaff {case}"),
        comma=("persons",),
        defaults={"persons": ""},
    ),
    Write(
        "AddressComplaint",
        "complaint address",
        N_("complaint {complaint} addressed to {official}"),
        Who("Who complains (default: none; give the principal)."),
        help="Address a complaint to an official, due an answer within the charter's days.",
        arguments=("complaint",),
    ),
    Write(
        "AnswerComplaint",
        "complaint answer",
        N_("complaint {complaint} answered"),
        Who("Who answers (default: none; the official, person:NAME)."),
        help="The official answers; an answer in time stops it being recorded as neglected.",
        arguments=("complaint",),
    ),
    Write(
        "TransferPerson",
        "person transfer",
        N_("{person} transferred to {to}"),
        _BY_ORGAN,
        help="An organ transfers a person; refused while they are protected in a case (P17).",
        arguments=("person",),
    ),
    Write(
        "SanctionPerson",
        "person sanction",
        N_("{person} sanctioned: {sanction}"),
        _BY_ORGAN,
        help="An organ sanctions a person; refused while they are protected in a case (P17).",
        arguments=("person",),
    ),
)
#: Each command of this area, and the CLI path that issues it (checked by a test).
COMMANDS: dict[str, str] = {
    **commands_of(WRITES),
    "AddEvidence": "case evidence",
    **case_keys.COMMANDS,
}


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
    from isonomia.cli.signing import SIGNING, Signing, signer_for
    from isonomia.service import COMMAND_TYPES, BadRequest, queries, sealing, viewer_of_key

    q = queries.inspection

    federation = open_federation(db)
    if action == "get":
        signing = SIGNING.get() or Signing()
        if signing.out is None:
            raise BadRequest.of(N_("case evidence get needs --out FILE"))
        viewer = viewer_of_key(federation, signing.key)
        data = q.evidence_bytes(federation, case, what, viewer)
        if signing.key is not None:  # a sealed case's file opens with the reader's key
            data = sealing.open_evidence(federation.state(), case, viewer, signing.key, data)
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
    state, signer = federation.state(), signer_for(federation)
    data = sealing.seal_evidence(state, case, actor, data, signer)  # as a sealed case keeps it
    digest = hashlib.sha256(data).hexdigest()
    record(
        db,
        COMMAND_TYPES["AddEvidence"],
        actor,
        at,
        _("evidence {sha256} added to {case}", sha256=digest, case=case),
        case=case,
        sha256=digest,
        filename=Path(what).name,
        size=len(data),
    )
    q.keep_evidence(federation, case, data)


@case_app.command("commitment")
def case_commitment(
    case: Annotated[str, typer.Argument()],
    principal: Annotated[str, typer.Option(help="Who will commit, e.g. person:NAME.")],
    value: Annotated[
        str | None,
        typer.Option(help="The value, 32 bytes in hex (default: a new random one)."),
    ] = None,
) -> None:
    """`commitment CASE --principal WHO [--value HEX]`: a value for a case's draw and the
    commitment to give `case commit` (SHA-256 of 'value|case|principal'); keep the value
    secret until the commitments close, then give it to `case reveal` (P17). Writes nothing."""
    import secrets

    from isonomia.service import draw_commitment

    chosen = value if value is not None else secrets.token_hex(32)
    plain.print(visible(_("value: {value}", value=chosen)))
    plain.print(
        visible(_("commitment: {commitment}", commitment=draw_commitment(chosen, case, principal)))
    )


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
    decrypt: Annotated[
        bool, typer.Option("--decrypt", help="Open the sealed texts with --key (P17).")
    ] = False,
    db: Db = None,
    as_json: Json = False,
    as_csv: Csv = False,
) -> None:
    """One case, whole: only for its commission, parties, defender and the inspection (P17).
    A sealed case's texts are shown sealed, or opened with the reader's key (`--decrypt`)."""
    from isonomia.cli.formats import print_csv, print_json
    from isonomia.service import BadRequest, queries, sealing, viewer_of_key

    q = queries.inspection

    if decrypt and key is None:
        raise BadRequest.of(N_("--decrypt needs --key FILE, the reader's own key"))
    federation = open_federation(db)
    viewer = viewer_of_key(federation, key)
    detail = q.case_detail(federation, case, viewer)
    if decrypt and key is not None:
        detail = sealing.open_case_texts(federation.state(), case, viewer, key, detail)
    if as_json:
        print_json(detail)
    elif as_csv:
        print_csv([detail], field_names(q.CaseDetail))
    else:
        describe_case(detail)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the CLI."""
    groups = {"case": case_app, "complaint": complaint_app, "person": person_app}
    add_writes(app, groups, WRITES)
    case_keys.register(case_app)
    app.add_typer(case_app, name="case")
    app.add_typer(complaint_app, name="complaint")
    app.add_typer(person_app, name="person")
