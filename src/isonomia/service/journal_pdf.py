"""One issue of the official journal as a PDF (P8, P14): each item with its number, what it
publishes, the entry it cites, and for an act each language version the record holds, with
each member's languages still awaiting a certified one. Laid out with fpdf2 in DejaVu Sans
(shipped in `isonomia/fonts`), which covers Latin, Cyrillic, Georgian and Armenian."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import sqlalchemy as sa

from isonomia.domain.refusal import N_
from isonomia.service.errors import BadRequest
from isonomia.service.federation import Federation
from isonomia.service.queries.journal import KINDS, PENDING, JournalItem, journal
from isonomia.service.queries.union import charter
from isonomia.store.projections.languages import version_view

FONT = Path(__file__).resolve().parents[1] / "fonts" / "DejaVuSans.ttf"


def _versions(federation: Federation, acts: list[str]) -> dict[str, list[tuple[str, str]]]:
    query = (
        sa.select(version_view.c.act, version_view.c.language, version_view.c.text)
        .where(version_view.c.act.in_(acts))
        .order_by(version_view.c.act, version_view.c.language)
    )
    found: dict[str, list[tuple[str, str]]] = {}
    with federation.db.reading() as conn:
        for row in conn.execute(query):
            found.setdefault(str(row.act), []).append((str(row.language), str(row.text)))
    return found


def _pending(item: JournalItem) -> str:
    return "; ".join(
        f"{member}: {', '.join(sorted(lang for lang, s in langs.items() if s == PENDING))}"
        for member, langs in sorted(item.languages.items())
        if PENDING in langs.values()
    )


def journal_pdf(federation: Federation, number: int, on: date) -> bytes:
    """Issue `number` of the journal, as the record stands on `on`, as PDF bytes."""
    from fpdf import FPDF  # the PDF library is loaded only by the command that needs it

    issues = journal(federation, on, number=number)
    if not issues:
        raise BadRequest.of(N_("the journal has no issue {number}"), number=number)
    issue = issues[0]
    versions = _versions(federation, [i.subject for i in issue.items if i.kind == "act"])
    pdf = FPDF(format="A4")
    pdf.set_title(f"{charter(federation).union.name}: {issue.number}")
    # Dated by its issue's day, not the clock: the same issue always gives the same bytes.
    pdf.set_creation_date(datetime.combine(date.fromisoformat(issue.day), time(), tzinfo=UTC))
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.add_page()
    pdf.set_font("DejaVu", size=16)
    pdf.multi_cell(0, 8, charter(federation).union.name, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=12)
    pdf.cell(0, 8, f"No. {issue.number}, {issue.day}", new_x="LMARGIN", new_y="NEXT")
    for item in issue.items:
        pdf.ln(3)
        pdf.set_font("DejaVu", size=11)
        pdf.multi_cell(0, 6, f"{item.number}  {item.title}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", size=9)
        lines = [f"{KINDS.get(item.kind, item.kind)}: {item.subject}"]
        lines += [f"organ: {item.organ}"] if item.organ else []
        lines.append(f"ledger entry {item.sequence}")
        lines += [f"{lang}: {text}" for lang, text in versions.get(item.subject, [])]
        lines += [f"version pending: {pending}"] if (pending := _pending(item)) else []
        for line in lines:
            pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
