"""An audit against a kept checkpoint names the exact first entry that differs (P18), on
both databases, whatever was done to the record behind isonomia's back: an entry edited,
deleted, moved, inserted, written over in place, or the record cut short, each time with
the whole chain re-hashed so that it verifies again."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from isonomia.ledger.chain import NewEntry
from isonomia.service import Federation, Keyring, Transparency, provide_key
from tlog_world import forge, founded

Change = Callable[[list[NewEntry]], list[NewEntry]]


@pytest.fixture
def federation(database_url: str, keyring: Keyring) -> Iterator[Federation]:
    federation = founded(database_url, keyring)
    yield federation
    federation.close()


def _kept(federation: Federation, keyring: Keyring, path: Path) -> Path:
    path.write_text(Transparency(federation).make_checkpoint(keyring).note)
    return path


def _edited(at: int) -> Change:
    def change(entries: list[NewEntry]) -> list[NewEntry]:
        entries[at - 1] = replace(entries[at - 1], command_id="forged")
        return entries

    return change


def _deleted(at: int) -> Change:
    return lambda entries: entries[: at - 1] + entries[at:]


def _swapped(at: int) -> Change:
    def change(entries: list[NewEntry]) -> list[NewEntry]:
        entries[at - 1], entries[at] = entries[at], entries[at - 1]
        return entries

    return change


def _inserted(at: int) -> Change:
    return lambda entries: [
        *entries[: at - 1],
        replace(entries[at - 1], command_id="inserted"),
        *entries[at - 1 :],
    ]


def _audit(url: str, kept: Path) -> str | None:
    reopened = Federation(url)
    try:
        return Transparency(reopened).audit_against(kept)
    finally:
        reopened.close()


@pytest.mark.parametrize(
    ("change", "in_place"),
    [
        pytest.param(_edited, False, id="edit"),
        pytest.param(_deleted, False, id="delete"),
        pytest.param(_swapped, False, id="reorder"),
        pytest.param(_inserted, False, id="insert"),
        pytest.param(_edited, True, id="insert-or-replace"),
    ],
)
@pytest.mark.parametrize("at", [10, 16, 21])
def test_p18_audit_names_the_exact_entry_a_rehashed_forgery_changed(
    database_url: str,
    federation: Federation,
    keyring: Keyring,
    tmp_path: Path,
    change: Callable[[int], Change],
    in_place: bool,
    at: int,
) -> None:
    kept = _kept(federation, keyring, tmp_path / "kept.note")
    forge(database_url, change(at), in_place=in_place)
    assert Federation(database_url).verify_ledger().ok  # the chain alone does not show it
    problem = _audit(database_url, kept)
    assert problem is not None
    assert problem.endswith(f"the first entry that differs is entry {at}"), problem


@pytest.mark.parametrize("cut", [1, 5])
def test_p18_audit_names_the_first_entry_a_truncation_removed(
    database_url: str, federation: Federation, keyring: Keyring, tmp_path: Path, cut: int
) -> None:
    size = federation.ledger_length()
    kept = _kept(federation, keyring, tmp_path / "kept.note")
    forge(database_url, lambda entries: entries[:-cut])
    problem = _audit(database_url, kept)
    assert problem is not None
    assert problem.endswith(f"entry {size - cut + 1} and after are gone"), problem


def test_p18_audit_of_an_untouched_record_finds_nothing_even_after_it_grew(
    database_url: str, federation: Federation, keyring: Keyring, tmp_path: Path
) -> None:
    kept = _kept(federation, keyring, tmp_path / "kept.note")
    provide_key(federation, keyring, "council:rsfsr", "rsfsr", federation.clock())
    assert _audit(database_url, kept) is None


def test_p18_with_the_node_table_gone_too_the_stored_checkpoints_bound_the_entry(
    database_url: str, federation: Federation, keyring: Keyring, tmp_path: Path
) -> None:
    earlier = Transparency(federation).make_checkpoint(keyring).size
    provide_key(federation, keyring, "council:rsfsr", "rsfsr", federation.clock())
    kept = _kept(federation, keyring, tmp_path / "kept.note")
    later = federation.ledger_length()
    forge(database_url, _edited(earlier + 1))
    engine = sa.create_engine(database_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM merkle_node")
    engine.dispose()
    problem = _audit(database_url, kept)
    assert problem is not None
    assert problem.endswith(f"is an entry from {earlier + 1} to {later}"), problem
