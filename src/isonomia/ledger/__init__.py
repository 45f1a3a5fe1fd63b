"""The ledger, pure: canonical JSON, the hash chain, verification and members' exports."""

from isonomia.ledger.canonical import CanonicalizationError, canonical_json, parse_json
from isonomia.ledger.chain import (
    GENESIS_HASH,
    Entry,
    NewEntry,
    canonical_entry,
    entry_hash,
    link,
)
from isonomia.ledger.export import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    build_export,
    read_export,
    verify_export,
    write_export,
)
from isonomia.ledger.verify import ChainReport, ChainVerifier, verify_chain

__all__ = [
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "GENESIS_HASH",
    "CanonicalizationError",
    "ChainReport",
    "ChainVerifier",
    "Entry",
    "NewEntry",
    "build_export",
    "canonical_entry",
    "canonical_json",
    "entry_hash",
    "link",
    "parse_json",
    "read_export",
    "verify_chain",
    "verify_export",
    "write_export",
]
