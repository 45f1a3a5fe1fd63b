"""The voting engine's tools: tallies of ballot files, power indices of games, apportionment."""

from isonomia.areas import Area

AREA = Area(
    name="tallies",
    order=150,
    cli=("isonomia.cli.voting_commands",),
)
