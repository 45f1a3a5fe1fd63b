"""Readers of ballot files: plain text, PrefLib (.soc .soi .toc .toi .cat) and BLT.

The only module of ``isonomia.voting`` that touches files; each reader takes text, and
``read_ballots`` takes a path and picks the reader by extension.

Plain text: one group a line, ``COUNT: A > B = C > D`` (``>`` separates tiers, ``=`` ties
within a tier; a line without ``COUNT:`` counts once). Lines starting with ``#`` are
comments, except ``# candidate: NAME`` lines, which declare the candidates in order;
otherwise candidates are numbered in order of first appearance.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from isonomia.voting.ballots import Ballots, Ranking
from isonomia.voting.errors import VotingError

PREFLIB_EXTENSIONS = (".soc", ".soi", ".toc", ".toi", ".cat")


@dataclass(frozen=True, eq=False)
class Election:
    ballots: Ballots
    seats: int | None = None
    title: str | None = None


def parse_text(text: str) -> Election:
    """Ballots from the plain text format."""
    declared: list[str] = []
    rows: list[tuple[list[list[str]], int]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            m = re.match(r"#\s*candidate\s*:\s*(.+)$", line, re.IGNORECASE)
            if m:
                declared.append(m.group(1).strip())
            continue
        count = 1
        m = re.match(r"(\d+)\s*:(.*)$", line)
        if m:
            count, line = int(m.group(1)), m.group(2)
        tiers = [[n.strip() for n in tier.split("=")] for tier in line.split(">")]
        if any(not name for tier in tiers for name in tier):
            raise VotingError(f"line {number}: empty candidate name")
        rows.append((tiers, count))
    index = {name: i for i, name in enumerate(declared)}
    if len(index) != len(declared):
        raise VotingError("a candidate is declared twice")
    fixed = bool(declared)
    groups: list[tuple[Ranking, int]] = []
    for tiers, count in rows:
        ranking: list[tuple[int, ...]] = []
        for tier in tiers:
            ids = []
            for name in tier:
                if name not in index:
                    if fixed:
                        raise VotingError(f"unknown candidate {name!r} (not declared)")
                    index[name] = len(index)
                ids.append(index[name])
            ranking.append(tuple(ids))
        groups.append((tuple(ranking), count))
    names = sorted(index, key=index.__getitem__)
    if not names:
        raise VotingError("no candidates and no ballots in the file")
    return Election(Ballots.from_rankings(names, groups))


def _preflib_header(lines: list[str]) -> tuple[dict[int, str], str | None, int]:
    names: dict[int, str] = {}
    title = None
    start = 0
    for i, line in enumerate(lines):
        if not line.startswith("#"):
            start = i
            break
        m = re.match(r"#\s*ALTERNATIVE NAME (\d+)\s*:\s*(.*)$", line)
        if m:
            names[int(m.group(1))] = m.group(2).strip()
        m = re.match(r"#\s*TITLE\s*:\s*(.*)$", line)
        if m:
            title = m.group(1).strip()
    else:
        start = len(lines)
    if not names:
        raise VotingError("PrefLib file without ALTERNATIVE NAME lines")
    return names, title, start


def parse_preflib(text: str, *, categorical: bool = False) -> Election:
    """Ballots from a PrefLib file; ``{...}`` groups tied alternatives into one tier."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    names, title, start = _preflib_header(lines)
    ids = sorted(names)
    if ids != list(range(1, len(ids) + 1)):
        raise VotingError("PrefLib alternatives must be numbered 1..m")
    candidates = [names[i] for i in ids]
    data = lines[start:]
    if not any("{" in line for line in data):
        fast = _fast_strict(candidates, data)
        if fast is not None:
            return Election(fast, title=title)
    groups: list[tuple[Ranking, int]] = []
    for line in data:
        head, sep, body = line.partition(":")
        if not sep or not head.strip().isdigit():
            raise VotingError(f"bad PrefLib line: {line[:60]!r}")
        tiers: list[tuple[int, ...]] = []
        for m in re.finditer(r"\{([^}]*)\}|(\d+)", body):
            members = m.group(1) if m.group(1) is not None else m.group(2)
            tier = tuple(int(x) - 1 for x in members.split(",") if x.strip())
            if tier:
                tiers.append(tier)
            if categorical:
                break  # the first category is the approval set
        groups.append((tuple(tiers), int(head)))
    return Election(Ballots.from_rankings(candidates, groups), title=title)


def _fast_strict(candidates: list[str], data: list[str]) -> Ballots | None:
    """Vectorised parse of strict orders that all have the same length (e.g. .soc)."""
    if not data:
        return None
    width = data[0].count(",")
    if any(line.count(",") != width for line in data):
        return None
    try:
        flat = np.array(",".join(data).replace(":", ",").split(","), dtype=np.int64)
    except ValueError as exc:
        raise VotingError(f"bad PrefLib data: {exc}") from exc
    table = flat.reshape(len(data), width + 2)
    return Ballots.from_orders(candidates, table[:, 1:] - 1, table[:, 0])


def parse_blt(text: str) -> Election:
    """Ballots from a BLT file (candidates, seats, ballots, names, title)."""
    tokens = shlex.split(text, comments=True, posix=True)
    try:
        n, seats = int(tokens[0]), int(tokens[1])
        pos = 2
        withdrawn: set[int] = set()
        while tokens[pos].startswith("-"):
            withdrawn.add(-int(tokens[pos]) - 1)
            pos += 1
        groups: list[tuple[Ranking, int]] = []
        while tokens[pos] != "0":
            weight = int(tokens[pos])
            pos += 1
            ranking: list[tuple[int, ...]] = []
            while tokens[pos] != "0":
                tier = tuple(int(x) - 1 for x in tokens[pos].split("="))
                tier = tuple(c for c in tier if c not in withdrawn)
                if tier:
                    ranking.append(tier)
                pos += 1
            pos += 1
            groups.append((tuple(ranking), weight))
        pos += 1
        names = tokens[pos : pos + n]
        title = tokens[pos + n] if len(tokens) > pos + n else None
    except (IndexError, ValueError) as exc:
        raise VotingError(f"bad BLT file: {exc}") from exc
    if len(names) != n:
        raise VotingError("BLT file names fewer candidates than it declares")
    return Election(Ballots.from_rankings(names, groups), seats=seats, title=title)


def read_ballots(path: str | Path) -> Election:
    """Read a ballot file, choosing the format by its extension."""
    p = Path(path)
    suffix = p.suffix.lower()
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise VotingError(f"cannot read ballot file {p.name}: {exc}") from exc
    if suffix in PREFLIB_EXTENSIONS:
        return parse_preflib(text, categorical=suffix == ".cat")
    if suffix == ".blt":
        return parse_blt(text)
    if suffix == ".txt":
        return parse_text(text)
    raise VotingError(f"unknown ballot file type {suffix!r} (use .txt, .blt or a PrefLib file)")
