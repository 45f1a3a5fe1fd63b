"""How the inspection's cases and complaints are printed for people (P17)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from isonomia.cli.output import plain, visible

if TYPE_CHECKING:
    from isonomia.service import queries


def describe_cases(rows: list[queries.inspection.CaseRow]) -> None:
    if not rows:
        plain.print("no cases")
    for r in rows:
        if r.kind is None:
            plain.print(visible(f"{r.id}: {r.status}"))
            continue
        judges = ", ".join(r.commission or []) or "not drawn yet"
        plain.print(
            visible(f"{r.id}: {r.status} — {r.kind}, opened {r.opened_on}, round {r.round}; ")
            + visible(f"commission: {judges}")
        )


def describe_case(d: queries.inspection.CaseDetail) -> None:
    r = d.row
    plain.print(Text.assemble((visible(r.id), "bold"), visible(f" — {r.kind}: {r.status}")))
    plain.print(visible(f"  opened {r.opened_on}, round {r.round}; summary: {d.summary}"))
    plain.print(visible(f"  complainant: {d.complainant}; accused: {', '.join(d.accused)}"))
    plain.print(visible(f"  witnesses: {', '.join(d.witnesses) or 'none'}"))
    plain.print(visible(f"  defender: {d.defender or 'none named'}"))
    plain.print(visible(f"  commission: {', '.join(r.commission or []) or 'not drawn yet'}"))
    if d.seed:
        plain.print(visible(f"  drawn with seed {d.seed}"))
    for person, reason in d.recused:
        plain.print(visible(f"  recused: {person} ({reason})"))
    for sha, name, size, by, on in d.evidence:
        plain.print(visible(f"  evidence {sha}: {name}, {size} bytes, added by {by} on {on}"))
    for fid, round_, by, sanction, signed, final, earlier, text in d.findings:
        state = f"final on {final}" if final else "awaiting signatures"
        plain.print(visible(f"  findings {fid} (round {round_}, by {by}): {text}"))
        plain.print(visible(f"    sanction: {sanction}; signed by {signed}; {state}"))
        if earlier:
            plain.print(visible(f"    builds on: {earlier}"))


def describe_complaints(rows: list[queries.inspection.ComplaintRow]) -> None:
    if not rows:
        plain.print("no complaints")
    for r in rows:
        plain.print(
            visible(
                f"{r.id}: to {r.official} from {r.addressed_by}, {r.addressed_on}, "
                f"answer due {r.answer_due}: {r.status}"
            )
        )
