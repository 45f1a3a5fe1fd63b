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
from itertools import compress, repeat
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
    fast = _fast_text(text)
    if fast is not None:
        return fast
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


def _fast_text(text: str) -> Election | None:
    """Plain text of strict rankings (no ``=``), read with whole-list operations.

    Returns None when the text needs the line-by-line reader (ties, odd lines, unknown
    or empty names); that reader then also reports the errors.
    """
    if "=" in text:
        return None
    lines = text.split("\n")
    if text.count("#") < 10_000:
        hashed = sorted({text.count("\n", 0, m.start()) for m in re.finditer("#", text)})
    else:
        hashed = [i for i, line in enumerate(lines) if "#" in line]
    declared: list[str] = []
    comment = set()
    for i in hashed:
        line = lines[i].strip()
        if line.startswith("#"):
            comment.add(i)
            m = re.match(r"#\s*candidate\s*:\s*(.+)$", line, re.IGNORECASE)
            if m:
                declared.append(m.group(1).strip())
    if comment:
        first = max(comment) + 1
        if comment == set(range(first)):
            lines = lines[first:]  # the usual case: comments at the top only
        else:
            lines = [line for i, line in enumerate(lines) if i not in comment]
    while lines and not lines[-1].strip():
        lines.pop()
    if "" in lines or any(line.isspace() for line in lines):
        lines = [line for line in lines if line.strip()]
    if not lines or len(set(declared)) != len(declared):
        return None
    colons = np.fromiter(map(str.count, lines, repeat(":")), dtype=np.int64, count=len(lines))
    if np.any(colons != 1):
        return None  # lines without a count, or names with colons
    arrows = np.fromiter(map(str.count, lines, repeat(">")), dtype=np.int64, count=len(lines))
    blob = "\n".join(lines).replace(" > ", ">").replace(": ", ":")
    tokens = blob.replace(":", ">").replace("\n", ">").split(">")
    if (
        any(ws in blob for ws in (" >", "> ", " :", ": ", " \n", "\n ", "\t", "\r"))
        or blob[:1].isspace()
        or blob[-1:].isspace()
    ):
        tokens = list(map(str.strip, tokens))
    lengths = arrows + 1
    starts = np.zeros(len(lines), dtype=np.int64)
    np.cumsum(lengths[:-1] + 1, out=starts[1:])
    heads = [tokens[i] for i in starts.tolist()]
    if not all(h.isdigit() for h in heads):
        return None
    counts = np.array(heads, dtype=np.int64)
    names_mask = np.ones(len(tokens), dtype=bool)
    names_mask[starts] = False
    tokens = list(compress(tokens, names_mask.tolist()))
    index = {name: i for i, name in enumerate(declared)}
    if not declared:
        index = {name: i for i, name in enumerate(dict.fromkeys(tokens))}
    if "" in index:
        return None
    try:
        ids = np.fromiter(map(index.__getitem__, tokens), dtype=np.int64, count=len(tokens))
    except KeyError:
        return None
    width = int(lengths.max())
    if width > len(index):
        return None
    if bool(np.all(lengths == width)):
        orders = ids.reshape(len(lines), width)
    else:
        orders = np.full((len(lines), width), -1, dtype=np.int64)
        line_of = np.repeat(np.arange(len(lines)), lengths)
        offset = np.arange(len(ids)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        orders[line_of, offset] = ids
    names = sorted(index, key=index.__getitem__)
    return Election(Ballots.from_orders(names, orders, counts))


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
    raw_lines = text.split("\n")
    header_end = len(raw_lines)
    for i, raw in enumerate(raw_lines):
        if raw.strip() and not raw.lstrip().startswith("#"):
            header_end = i
            break
    header = [line.strip() for line in raw_lines[:header_end] if line.strip()]
    names, title, _ = _preflib_header(header)
    ids = sorted(names)
    if ids != list(range(1, len(ids) + 1)):
        raise VotingError("PrefLib alternatives must be numbered 1..m")
    candidates = [names[i] for i in ids]
    data_lines = raw_lines[header_end:]
    if not categorical:
        fast = _fast_strict(candidates, data_lines)
        if fast is not None:
            return Election(fast, title=title)
    groups: list[tuple[Ranking, int]] = []
    for raw in data_lines:
        line = raw.strip()
        if not line:
            continue
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


def _fast_strict(candidates: list[str], lines: list[str]) -> Ballots | None:
    """Vectorised parse of strict orders (``count: a,b,c`` lines, as in .soc and .soi).

    Returns None when some line does not have that shape; the line-by-line reader then
    reads the file (and reports the faulty line).
    """
    if not lines:
        return None
    blob = "\n".join(lines)
    if "{" in blob or "-" in blob or "#" in blob:
        return None
    colons = np.fromiter(map(str.count, lines, repeat(":")), dtype=np.int64, count=len(lines))
    commas = np.fromiter(map(str.count, lines, repeat(",")), dtype=np.int64, count=len(lines))
    if np.any(colons > 1):
        return None
    blank = colons == 0
    if np.any(blank):
        if any(lines[i].strip() for i in np.flatnonzero(blank).tolist()):
            return None
        keep = ~blank
        lines = [line for line, k in zip(lines, keep.tolist(), strict=True) if k]
        commas = commas[keep]
        blob = "\n".join(lines)
    if not lines:
        return None
    # a line without commas must still name one alternative after its colon
    single = np.flatnonzero(commas == 0).tolist()
    if any(not lines[i].partition(":")[2].strip() for i in single):
        return None
    lengths = commas + 1  # alternatives a line
    try:
        numbers = np.fromstring(blob.replace(":", ",").replace("\n", ","), np.int64, sep=",")
    except ValueError:
        return None
    if len(numbers) != int(lengths.sum()) + len(lines):
        return None
    width = int(lengths.max())
    if width > len(candidates):
        return None
    if bool(np.all(lengths == width)):
        table = numbers.reshape(len(lines), width + 1)
        counts, listed = table[:, 0], table[:, 1:]
        if int(listed.min()) < 1:
            raise VotingError("PrefLib alternatives must be numbered 1..m")
        orders = listed - 1
    else:
        starts = np.zeros(len(lines), dtype=np.int64)
        np.cumsum(lengths[:-1] + 1, out=starts[1:])
        counts = numbers[starts]
        listed = np.delete(numbers, starts)
        if int(listed.min()) < 1:
            raise VotingError("PrefLib alternatives must be numbered 1..m")
        orders = np.full((len(lines), width), -1, dtype=np.int64)
        line_of = np.repeat(np.arange(len(lines)), lengths)
        offset = np.arange(len(line_of)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        orders[line_of, offset] = listed - 1
    return Ballots.from_orders(candidates, orders, counts)


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
