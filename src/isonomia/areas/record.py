"""The record (P18): verifying and showing the ledger, its transparency log, exports,
rebuilding the read tables.
"""

from isonomia.areas import Area

AREA = Area(
    name="record",
    order=130,
    cli=("isonomia.cli.ledger", "isonomia.cli.node"),
)
