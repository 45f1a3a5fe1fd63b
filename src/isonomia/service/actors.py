"""Who acts, for interfaces: re-exported from the domain."""

from isonomia.domain.actors import SECRETARIAT, congress, council, organ, person

__all__ = ["SECRETARIAT", "congress", "council", "organ", "person"]
