"""Readers of ballot files: plain text, PrefLib (.soc .soi .toc .toi .cat) and BLT.

The only module of ``isonomia.voting`` that touches files; each reader takes text, and
``read_ballots`` takes a path and picks the reader by extension.

Plain text, line by line (blank lines are skipped)::

    comment     = "#" any text                       (ignored)
    declaration = "#" "candidate" ":" NAME           (declares a candidate, in order)
    ballot      = [COUNT ":"] NAME { (">" | "=") NAME }
    COUNT       = a positive whole number in ASCII digits: no sign, no decimal point
    NAME        = any text without ":", ">" or "=", spaces around it trimmed

``>`` separates tiers, most preferred first; ``=`` ties names within a tier; a ballot
without a count counts once. Since a name cannot contain ":", a line with ":" must start
with a count: ``-1: A`` and ``2.5: B > A`` are errors, not candidates named "-1: A".
When any candidate is declared, the candidates are exactly the declared ones and any
other name is an error; otherwise they are numbered in order of first appearance. A
line that is one name containing spaces, with no count and not declared (``garbage
line``), is an error rather than a one-candidate ballot: such a ballot is written
``1: garbage line`` or its name declared. Every malformed line is an error naming its
line number (``ballot_lines``).

PrefLib: ``# ALTERNATIVE NAME i: NAME`` lines declare the alternatives 1..m; each data
line is ``COUNT: a,b,{c,d},...`` with alternatives among 1..m. BLT declares its
candidates by number and names them at the end.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from itertools import compress, repeat
from pathlib import Path

import numpy as np
import numpy.typing as npt

from isonomia.voting.ballot_lines import blt_ballots, preflib_groups, text_ballots
from isonomia.voting.ballots import Ballots
from isonomia.voting.errors import VotingError

#: anything but digits, separators and spaces sends a PrefLib file to the line reader
_NOT_STRICT = re.compile(r"[^0-9,:\s]")

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
    return Election(text_ballots(text))


def _text_body(text: str) -> tuple[list[str], list[str]] | None:
    """The ballot lines (comments and blank lines dropped) and the declared names."""
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
    if any(c in name for name in declared for c in ":>="):
        return None
    return lines, declared


def _padded(ids: npt.NDArray[np.int64], lengths: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Rows of ``lengths[r]`` consecutive ids, padded with -1 to the longest row."""
    rows, width = len(lengths), int(lengths.max())
    if bool(np.all(lengths == width)):
        return ids.reshape(rows, width)
    orders = np.full((rows, width), -1, dtype=np.int64)
    line_of = np.repeat(np.arange(rows), lengths)
    offset = np.arange(len(ids)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    orders[line_of, offset] = ids
    return orders


def _fast_text(text: str) -> Election | None:
    """Plain text of strict rankings (no ``=``), read with whole-list operations.

    Returns None when the text needs the line-by-line reader (ties, odd lines, unknown
    or empty names); that reader then also reports the errors.
    """
    body = _text_body(text)
    if body is None:
        return None
    lines, declared = body
    colons = np.fromiter(map(str.count, lines, repeat(":")), dtype=np.int64, count=len(lines))
    if np.any(colons != 1):
        return None  # lines without a count, or names with colons
    arrows = np.fromiter(map(str.count, lines, repeat(">")), dtype=np.int64, count=len(lines))
    blob = "\n".join(lines).replace(" > ", ">").replace(": ", ":")
    if "=" in blob:
        return None  # ties
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
    if not all(h.isascii() and h.isdigit() for h in heads):
        return None
    counts = np.array(heads, dtype=np.int64)
    names_mask = np.ones(len(tokens), dtype=bool)
    names_mask[starts] = False
    tokens = list(compress(tokens, names_mask.tolist()))
    index = {name: i for i, name in enumerate(declared or dict.fromkeys(tokens))}
    if "" in index or int(counts.min()) < 1 or int(lengths.max()) > len(index):
        return None
    try:
        ids = np.fromiter(map(index.__getitem__, tokens), dtype=np.int64, count=len(tokens))
        names = sorted(index, key=index.__getitem__)
        return Election(Ballots.from_orders(names, _padded(ids, lengths), counts))
    except (KeyError, VotingError):
        return None  # an unknown name, or a name twice on a line: the line reader says where


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
    groups = preflib_groups(data_lines, header_end + 1, len(candidates), categorical)
    return Election(Ballots.from_rankings(candidates, groups), title=title)


def _fast_strict(candidates: list[str], lines: list[str]) -> Ballots | None:
    """Vectorised parse of strict orders (``count: a,b,c`` lines, as in .soc and .soi).

    Returns None when some line does not have that shape; the line-by-line reader then
    reads the file (and reports the faulty line).
    """
    if not lines:
        return None
    blob = "\n".join(lines)
    if _NOT_STRICT.search(blob):
        return None  # ties, comments, signs, letters: the line reader decides
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
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # numpy warns, and stops, at an empty item
            numbers = np.fromstring(blob.replace(":", ",").replace("\n", ","), np.int64, sep=",")
    except (ValueError, DeprecationWarning):
        return None
    if len(numbers) != int(lengths.sum()) + len(lines):
        return None
    if int(lengths.max()) > len(candidates):
        return None
    width = int(lengths.max())
    if bool(np.all(lengths == width)):
        table = numbers.reshape(len(lines), width + 1)
        counts, listed = table[:, 0], table[:, 1:]
    else:
        starts = np.zeros(len(lines), dtype=np.int64)
        np.cumsum(lengths[:-1] + 1, out=starts[1:])
        counts, listed = numbers[starts], np.delete(numbers, starts)
    if int(counts.min()) < 1 or int(listed.min()) < 1 or int(listed.max()) > len(candidates):
        return None  # the line reader names the line
    orders = listed - 1 if listed.ndim == 2 else _padded(listed - 1, lengths)
    try:
        return Ballots.from_orders(candidates, orders, counts)
    except VotingError:
        return None


def parse_blt(text: str) -> Election:
    """Ballots from a BLT file (candidates, seats, ballots, names, title)."""
    ballots, seats, title = blt_ballots(text)
    return Election(ballots, seats=seats, title=title)


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
