"""Worked example charters shipped with isonomia (also at the repository's examples/)."""
