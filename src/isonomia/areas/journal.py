"""The union's official journal (P8, P14, P18): numbered daily issues of every published act,
circulated draft, election result, sanction and amendment, in each member's languages, with
the entry each item cites; served on the CLI, the API and as Atom feeds."""

from isonomia.areas import Area, Navigation

AREA = Area(
    name="journal",
    order=119,
    projections=("isonomia.store.projections.journal",),
    queries=("isonomia.service.queries.journal",),
    cli=("isonomia.cli.journal",),
    web=("isonomia.web.pages_journal",),
    navigation=(Navigation("/journal", "Official journal", 25),),
)
