"""The large maps of a stored snapshot, kept in levels of buckets and read a bucket at a time.

A snapshot stores the small part of the state whole and each large map (`THRESHOLD`
entries or more) as a stack of levels, newest first. A level holds the entries set and the
keys deleted since the level below it, split by a stable hash of the key into buckets of
about `BUCKET_ENTRIES` entries, one row each. A key is looked up level by level, reading
one bucket of each at most; a process that loaded a snapshot reads only the buckets of the
keys its command asks for, whatever the length of the record.

A new snapshot of a map loaded from levels adds one level, holding only what changed since
(its cost follows the changes, not the map's size). While the newest level is at least an
eighth (`MERGE_FACTOR`) of the one below, the two are merged. A stack so holds two or three
levels, so a lookup reads two or three buckets (in one query), and the whole map is
rewritten each time it has grown by about an eighth: some nine writes of each entry over
its life, and one write in many thousands that takes as long as a snapshot of the whole map
did before. Levels no kept snapshot refers to are deleted.

Each level also keeps a Bloom filter of its keys (`isonomia.store.bloom`), read once with
the level's first lookup: most keys a command asks for are new (its own command id, a
person appointed for the first time), and the filter answers "not here" for them without
reading any bucket, so a write in a running process reads about as little at a million
entries as on a young union.

Levels are never changed once written and their ids are random, so a process may keep what
it read of them. A level deleted under a process (another one's snapshot replaced it) is
noticed before the process uses its state for a write (`missing`), and it then loads the
newest snapshot instead.
"""

from __future__ import annotations

import pickle
import secrets
import weakref
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from isonomia.domain.persistent import MISSING, LazyMap
from isonomia.store.bloom import make_filter, may_hold
from isonomia.store.tables import metadata

__all__ = [
    "BUCKET_ENTRIES",
    "THRESHOLD",
    "Level",
    "LevelStack",
    "StaleSnapshot",
    "missing",
    "stack_of",
    "state_level",
]

#: A map of at least this many entries is stored in levels, not in the snapshot's body.
THRESHOLD = 2_048
#: About this many entries a bucket: a lookup reads (and unpickles) one bucket a level.
BUCKET_ENTRIES = 64
#: The newest level is merged into the one below while it is at least this fraction of it.
MERGE_FACTOR = 8
#: A stack never holds more levels than this (the oldest are merged first).
MAX_LEVELS = 24
#: The bucket number of a level's filter row (`isonomia.store.bloom`).
FILTER_ROW = -1

state_level = sa.Table(
    "state_level",
    metadata,
    sa.Column("level", sa.String(32), primary_key=True),
    sa.Column("bucket", sa.Integer(), primary_key=True, autoincrement=False),
    sa.Column("entries", sa.LargeBinary(), nullable=False),
)

#: (entries set, keys deleted) of one bucket.
Bucket = tuple[dict[Any, Any], frozenset[Any]]
Loads = Callable[[bytes], Any]


class StaleSnapshot(RuntimeError):
    """A level this process's state refers to was deleted by a newer snapshot, or
    (``damaged``) holds what does not unpickle."""

    def __init__(self, message: str, damaged: bool = False) -> None:
        super().__init__(message)
        self.damaged = damaged


def bucket_of(key: Any, buckets: int) -> int:
    """The bucket of a key: a hash that is the same in every process (unlike ``hash``)."""
    return zlib.crc32(repr(key).encode("utf-8")) & (buckets - 1)


def buckets_for(count: int) -> int:
    """A power of two, about one bucket per `BUCKET_ENTRIES` entries."""
    wanted = max(1, -(-count // BUCKET_ENTRIES))
    return 1 << (wanted - 1).bit_length()


class _Reader:
    """Reads buckets of one database for levels loaded from it, on a connection of its own
    (a level read is committed data, so it need not join the caller's transaction)."""

    def __init__(self, engine: Engine, loads: Loads) -> None:
        self.engine = engine
        self.loads = loads

    def read(self, wanted: list[tuple[str, int]]) -> dict[tuple[str, int], Bucket]:
        """Buckets (level, number), in one query; a level deleted meanwhile is named."""
        query = sa.select(state_level.c.level, state_level.c.bucket, state_level.c.entries).where(
            sa.or_(
                *(sa.and_(state_level.c.level == lv, state_level.c.bucket == n) for lv, n in wanted)
            )
        )
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            rows = conn.execute(query).all()
        found = {(level, int(n)): self._loads(level, blob) for level, n, blob in rows}
        for level, number in wanted:
            if (level, number) not in found:
                raise StaleSnapshot(f"state level {level} is gone: a newer snapshot replaced it")
        return found

    def buckets(self, level: str) -> dict[int, Bucket]:
        """Every bucket of a level, in one query (for walking a whole map)."""
        query = sa.select(state_level.c.bucket, state_level.c.entries).where(
            state_level.c.level == level, state_level.c.bucket >= 0
        )
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            rows = conn.execute(query).all()
        return {int(number): self._loads(level, blob) for number, blob in rows}

    def _loads(self, level: str, blob: bytes) -> Bucket:
        try:
            found: Bucket = self.loads(blob)
        except Exception as error:
            raise StaleSnapshot(f"state level {level} is damaged", damaged=True) from error
        return found


_readers: weakref.WeakKeyDictionary[Engine, _Reader] = weakref.WeakKeyDictionary()
_levels: weakref.WeakValueDictionary[str, Level] = weakref.WeakValueDictionary()


class Level:
    """One written level: its id, bucket count and entry count, and the buckets read so far."""

    __slots__ = ("__weakref__", "bloom", "buckets", "count", "id", "read", "reader")

    def __init__(self, id: str, buckets: int, count: int, reader: _Reader | None) -> None:
        self.id = id
        self.buckets = buckets
        self.count = count
        self.reader = reader
        self.read: dict[int, Bucket] = {}
        #: The level's Bloom filter, once read (with its first lookup).
        self.bloom: bytes | None = None

    def may_hold(self, key: Any) -> bool:
        if self.bloom is None:
            if self.reader is None:
                raise StaleSnapshot(f"state level {self.id} was never stored")
            found: Any = self.reader.read([(self.id, FILTER_ROW)])[self.id, FILTER_ROW]
            self.bloom = found
        return may_hold(self.bloom, key)

    def bucket(self, number: int) -> Bucket:
        found = self.read.get(number)
        if found is None:
            if self.reader is None:
                raise StaleSnapshot(f"state level {self.id} was never stored")
            found = self.read[number] = self.reader.read([(self.id, number)])[self.id, number]
        return found

    def lookup(self, key: Any) -> Any:
        """The value, `MISSING` when the level deletes the key, or None when it is silent."""
        if not self.may_hold(key):
            return None
        return self.answer(self.bucket(bucket_of(key, self.buckets)), key)

    @staticmethod
    def answer(bucket: Bucket, key: Any) -> Any:
        live, dead = bucket
        if key in live:
            return (live[key],)
        return MISSING if key in dead else None

    def all(self) -> Iterator[Bucket]:
        if len(self.read) < self.buckets and self.reader is not None:
            for number, content in self.reader.buckets(self.id).items():
                self.read.setdefault(number, content)
        for number in range(self.buckets):
            yield self.bucket(number)

    def describe(self) -> tuple[str, int, int]:
        return self.id, self.buckets, self.count


class LevelStack:
    """The levels of one map, newest first: the `Shelf` of a `LazyMap`."""

    __slots__ = ("levels",)

    def __init__(self, levels: tuple[Level, ...]) -> None:
        self.levels = levels

    def lookup(self, key: Any) -> Any:
        self._fetch(key)
        for level in self.levels:
            found = level.lookup(key)
            if found is MISSING:
                return MISSING
            if found is not None:
                return found[0]
        return MISSING

    def _fetch(self, key: Any) -> None:
        """Read the filters not read yet, then the key's bucket of every level that may hold
        it and was not read yet: a query each, at most."""
        unread = [level for level in self.levels if level.bloom is None and level.reader]
        if len(unread) > 1:
            found: Any = unread[0].reader.read(  # type: ignore[union-attr]
                [(level.id, FILTER_ROW) for level in unread]
            )
            for level in unread:
                level.bloom = found[level.id, FILTER_ROW]
        wanted = [
            (level, bucket_of(key, level.buckets))
            for level in self.levels
            if level.reader is not None
            and level.may_hold(key)
            and bucket_of(key, level.buckets) not in level.read
        ]
        if len(wanted) > 1:
            found = wanted[0][0].reader.read([(level.id, n) for level, n in wanted])  # type: ignore[union-attr]
            for level, number in wanted:
                level.read[number] = found[level.id, number]

    def items(self) -> Iterator[tuple[Any, Any]]:
        seen: set[Any] = set()
        for level in self.levels:
            for live, dead in level.all():
                for key, value in live.items():
                    if key not in seen:
                        seen.add(key)
                        yield key, value
                seen.update(dead)


def stack_of(mapping: Mapping[Any, Any]) -> LevelStack | None:
    """The levels a map's entries are kept on, when it is one loaded from them."""
    if isinstance(mapping, LazyMap) and isinstance(mapping.shelf, LevelStack):
        return mapping.shelf
    return None


def _reader(engine: Engine, loads: Loads) -> _Reader:
    reader = _readers.get(engine)
    if reader is None:
        reader = _readers[engine] = _Reader(engine, loads)
    return reader


def loaded(conn: Connection, described: Iterable[tuple[str, int, int]], loads: Loads) -> LevelStack:
    """The stack a snapshot describes, sharing the levels this process already holds."""
    reader = _reader(conn.engine, loads)
    levels = []
    for id, buckets, count in described:
        level = _levels.get(id)
        if level is None:
            level = _levels[id] = Level(id, buckets, count, reader)
        levels.append(level)
    return LevelStack(tuple(levels))


class Writer:
    """Writes levels in one transaction (a snapshot being stored): new, merged, described."""

    def __init__(self, conn: Connection, dumps: Callable[[Any], bytes], loads: Loads) -> None:
        self.conn = conn
        self.dumps = dumps
        self.loads = loads
        self.written: list[str] = []

    def stack(self, mapping: Mapping[Any, Any]) -> LevelStack:
        """The levels that hold `mapping` once written: its old ones, with one more for its
        changes (merged as the module's docstring says), or one level with all of it."""
        old = stack_of(mapping)
        if old is None:
            return LevelStack((self._write(dict(mapping.items()), frozenset()),))
        assert isinstance(mapping, LazyMap)
        levels = old.levels
        if mapping.changes or mapping.removed:
            newest = self._write(dict(mapping.changes.items()), frozenset(mapping.removed))
            levels = (newest, *levels)
        while len(levels) >= 2 and (
            levels[0].count * MERGE_FACTOR >= levels[1].count or len(levels) > MAX_LEVELS
        ):
            levels = (self._merge(levels[0], levels[1], bottom=len(levels) == 2), *levels[2:])
        return LevelStack(levels)

    def _merge(self, newer: Level, older: Level, bottom: bool) -> Level:
        live: dict[Any, Any] = {}
        dead: set[Any] = set()
        for level in (older, newer):
            for bucket_live, bucket_dead in self._read_all(level):
                for key in bucket_dead:
                    live.pop(key, None)
                    dead.add(key)
                for key, value in bucket_live.items():
                    live[key] = value
                    dead.discard(key)
        return self._write(live, frozenset() if bottom else frozenset(dead))

    def _read_all(self, level: Level) -> Iterator[Bucket]:
        if len(level.read) == level.buckets:
            yield from level.all()
            return
        # On the writing connection: the level may have been written in this transaction.
        rows = self.conn.execute(
            sa.select(state_level.c.bucket, state_level.c.entries).where(
                state_level.c.level == level.id, state_level.c.bucket >= 0
            )
        )
        got = 0
        for _, blob in rows:
            got += 1
            yield self.loads(blob)
        if got != level.buckets:
            raise StaleSnapshot(f"state level {level.id} is incomplete")

    def _write(self, live: dict[Any, Any], dead: frozenset[Any]) -> Level:
        count = len(live) + len(dead)
        buckets = buckets_for(count)
        split: list[tuple[dict[Any, Any], set[Any]]] = [({}, set()) for _ in range(buckets)]
        for key, value in live.items():
            split[bucket_of(key, buckets)][0][key] = value
        for key in dead:
            split[bucket_of(key, buckets)][1].add(key)
        level = Level(secrets.token_hex(16), buckets, count, _reader(self.conn.engine, self.loads))
        rows = []
        for number, (bucket_live, bucket_dead) in enumerate(split):
            content: Bucket = (bucket_live, frozenset(bucket_dead))
            level.read[number] = content
            rows.append({"level": level.id, "bucket": number, "entries": self.dumps(content)})
        level.bloom = make_filter([*live, *dead])
        rows.append({"level": level.id, "bucket": FILTER_ROW, "entries": self.dumps(level.bloom)})
        for start in range(0, len(rows), 500):
            self.conn.execute(state_level.insert(), rows[start : start + 500])
        _levels[level.id] = level
        self.written.append(level.id)
        return level


def ids(stacks: Iterable[LevelStack]) -> set[str]:
    return {level.id for stack in stacks for level in stack.levels}


def missing(conn: Connection, wanted: set[str]) -> bool:
    """Whether any of these levels is no longer stored."""
    if not wanted:
        return False
    # A level's filter row stands for it: one index lookup a level, not its every bucket.
    found = conn.execute(
        sa.select(sa.func.count()).where(
            state_level.c.level.in_(sorted(wanted)), state_level.c.bucket == FILTER_ROW
        )
    ).scalar_one()
    return int(found) != len(wanted)


def keep_only(conn: Connection, kept: set[str]) -> None:
    """Delete every level but these."""
    query = sa.delete(state_level)
    if kept:
        query = query.where(state_level.c.level.not_in(sorted(kept)))
    conn.execute(query)


def plain_dumps(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
