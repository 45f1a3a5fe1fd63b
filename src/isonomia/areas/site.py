"""The union's own pages and its web server: the union, a member, an act, a delegate's ballot,
the power audit, the ledger.
"""

from isonomia.areas import Area, Navigation

AREA = Area(
    name="site",
    order=170,
    cli=("isonomia.cli.serve", "isonomia.cli.web_accounts"),
    web=(
        "isonomia.web.pages",
        "isonomia.web.pages_acting",
        "isonomia.web.pages_device",
        "isonomia.web.pages_keys",
    ),
    navigation=(
        Navigation("/", "Union", 0),
        Navigation("/appeals", "Appeals", 10),
        Navigation("/vote", "Vote", 30),
        Navigation("/audit", "Power audit", 40),
        Navigation("/ledger", "Ledger", 50),
    ),
)
