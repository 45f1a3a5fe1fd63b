"""The worked example: the 1922 union's story played as signed commands."""

from isonomia.areas import Area

AREA = Area(
    name="demo",
    order=160,
    cli=("isonomia.cli.demo",),
)
