"""The power audit (P12, P13): each member's voting power under the charter's rules."""

from isonomia.areas import Area

AREA = Area(
    name="audit",
    order=140,
    cli=("isonomia.cli.audit_commands",),
)
