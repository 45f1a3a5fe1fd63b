"""A toy area, to show that an area is added with new files only: a grove whose trees the
secretariat plants. Declared once; found through the entry point group `isonomia.areas`."""

from pathlib import Path

from isonomia.areas import Area, Navigation

HERE = Path(__file__).resolve().parent

AREA = Area(
    name="grove",
    order=200,
    domain=("grove.domain",),
    rules=("grove.rules",),
    projections=("grove.projections",),
    queries=("grove.queries",),
    cli=("grove.cli",),
    web=("grove.web",),
    navigation=(Navigation("/grove", "Grove", 60),),
    locale=HERE / "locale",
    catalog="grove",
    templates=HERE / "templates",
    migrations=HERE / "migrations",
    specs=HERE / "specs",
)
