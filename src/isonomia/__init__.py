"""isonomia: governance of a voluntary federation of equal members."""

__version__ = "0.1.0"
