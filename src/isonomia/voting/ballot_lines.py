"""Line-by-line readers of ballot files: every malformed line is an error with its number.

The vectorised readers in ``ballot_files`` handle the common, well-formed files; anything
they do not recognise comes here, which reads slowly and strictly. Each error names the
1-based line number and the reason (``VotingError``). The plain text grammar is in the
``ballot_files`` module docstring.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

from isonomia.voting.ballots import Ballots, Ranking
from isonomia.voting.errors import VotingError

_DECLARATION = re.compile(r"#\s*candidate\s*:(.*)$", re.IGNORECASE)


def _positive(text: str, number: int, what: str) -> int:
    head = text.strip()
    if not (head.isascii() and head.isdigit()) or int(head) == 0:
        raise VotingError(f"line {number}: {what} must be a positive whole number, got {head!r}")
    return int(head)


def _text_line(body: str, number: int) -> tuple[list[list[str]], int, bool]:
    """Tiers of names, the count, and whether the line carried an explicit count."""
    count, counted = 1, ":" in body
    if counted:
        head, _, body = body.partition(":")
        count = _positive(head, number, "the count before ':'")
        if ":" in body:
            raise VotingError(f"line {number}: a candidate name may not contain ':'")
    tiers = [[name.strip() for name in tier.split("=")] for tier in body.split(">")]
    if any(not name for tier in tiers for name in tier):
        raise VotingError(f"line {number}: empty candidate name")
    return tiers, count, counted


@dataclass
class _TextLines:
    declared: dict[str, int]
    rows: list[tuple[int, list[list[str]], int, bool]]


def _split_text(text: str) -> _TextLines:
    declared: dict[str, int] = {}
    rows: list[tuple[int, list[list[str]], int, bool]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            m = _DECLARATION.match(line)
            if m:
                name = m.group(1).strip()
                if not name or any(c in name for c in ":>="):
                    raise VotingError(f"line {number}: bad candidate name {name!r}")
                if name in declared:
                    raise VotingError(f"line {number}: candidate {name!r} is declared twice")
                declared[name] = len(declared)
            continue
        rows.append((number, *_text_line(line, number)))
    return _TextLines(declared, rows)


def text_ballots(text: str) -> Ballots:
    """Ballots from the plain text format, refusing any line that is not a ballot."""
    lines = _split_text(text)
    index = dict(lines.declared)
    fixed = bool(index)
    groups: list[tuple[Ranking, int]] = []
    for number, tiers, count, counted in lines.rows:
        single = tiers[0][0] if len(tiers) == 1 and len(tiers[0]) == 1 else None
        if single is not None and not counted and single not in index and " " in single:
            raise VotingError(
                f"line {number}: {single!r} is not a ballot: a single name with spaces needs "
                f"a count ('1: {single}') or a '# candidate:' line"
            )
        ranking: list[tuple[int, ...]] = []
        seen: set[str] = set()
        for tier in tiers:
            ids = []
            for name in tier:
                if name in seen:
                    raise VotingError(f"line {number}: candidate {name!r} is ranked twice")
                seen.add(name)
                if name not in index:
                    if fixed:
                        raise VotingError(
                            f"line {number}: unknown candidate {name!r} (not declared)"
                        )
                    index[name] = len(index)
                ids.append(index[name])
            ranking.append(tuple(ids))
        groups.append((tuple(ranking), count))
    if not index:
        raise VotingError("no candidates and no ballots in the file")
    return Ballots.from_rankings(sorted(index, key=index.__getitem__), groups)


def _alternative(token: str, number: int, m: int) -> int:
    text = token.strip()
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= m:
        raise VotingError(f"line {number}: {text!r} is not an alternative (1..{m})")
    return int(text) - 1


def _preflib_tiers(body: str, number: int, m: int) -> list[tuple[int, ...]]:
    """``a,{b,c},d`` as tiers; ``{}`` is an empty tier (an empty category in .cat)."""
    tiers: list[tuple[int, ...]] = []
    pos, end = 0, len(body)
    while True:
        while pos < end and body[pos].isspace():
            pos += 1
        if pos < end and body[pos] == "{":
            close = body.find("}", pos)
            if close < 0:
                raise VotingError(f"line {number}: '{{' without '}}'")
            inner = body[pos + 1 : close]
            items = [] if not inner.strip() else inner.split(",")
            tiers.append(tuple(_alternative(x, number, m) for x in items))
            pos = close + 1
        else:
            stop = body.find(",", pos)
            stop = end if stop < 0 else stop
            if not body[pos:stop].strip():
                raise VotingError(f"line {number}: an alternative is missing")
            tiers.append((_alternative(body[pos:stop], number, m),))
            pos = stop
        while pos < end and body[pos].isspace():
            pos += 1
        if pos == end:
            return tiers
        if body[pos] != ",":
            raise VotingError(f"line {number}: expected ',' at {body[pos:][:20]!r}")
        pos += 1


def preflib_groups(
    lines: list[str], first: int, m: int, categorical: bool
) -> list[tuple[Ranking, int]]:
    """``COUNT: a,b,{c,d}`` lines (the first being line ``first``) as ranking groups."""
    groups: list[tuple[Ranking, int]] = []
    for number, raw in enumerate(lines, start=first):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        head, sep, body = line.partition(":")
        if not sep:
            raise VotingError(f"line {number}: expected 'COUNT: a,b,c', found no ':'")
        count = _positive(head, number, "the count before ':'")
        tiers = _preflib_tiers(body, number, m)
        seen = [c for tier in tiers for c in tier]
        if len(seen) != len(set(seen)):
            raise VotingError(f"line {number}: an alternative is listed twice")
        if categorical:
            tiers = tiers[:1]  # the first category is the approval set
        groups.append((tuple(t for t in tiers if t), count))
    return groups


def _blt_tokens(text: str) -> list[tuple[str, int]]:
    tokens: list[tuple[str, int]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        try:
            tokens.extend((t, number) for t in shlex.split(raw, comments=True, posix=True))
        except ValueError as exc:
            raise VotingError(f"line {number}: {exc}") from exc
    return tokens


def _blt_int(token: tuple[str, int], what: str, low: int, high: int | None = None) -> int:
    text, number = token
    value = int(text) if re.fullmatch(r"-?\d+", text) else None
    if value is None or value < low or (high is not None and value > high):
        bounds = f"{low}..{high}" if high is not None else f"at least {low}"
        raise VotingError(f"line {number}: {what} must be a whole number {bounds}, got {text!r}")
    return value


def blt_ballots(text: str) -> tuple[Ballots, int, str | None]:
    """Ballots, seats and title from a BLT file (one ballot a line, ending in 0)."""
    tokens = _blt_tokens(text)
    tokens.append(("", (tokens[-1][1] if tokens else 0) + 1))  # end of file
    if len(tokens) < 3:
        raise VotingError("line 1: a BLT file starts with the number of candidates and seats")
    n = _blt_int(tokens[0], "the number of candidates", 1)
    seats = _blt_int(tokens[1], "the number of seats", 1, n)
    pos, withdrawn = 2, set()
    while tokens[pos][0].startswith("-"):
        withdrawn.add(-_blt_int(tokens[pos], "a withdrawn candidate", -n, -1) - 1)
        pos += 1
    groups: list[tuple[Ranking, int]] = []
    while tokens[pos][0] != "0":
        weight = _blt_int(tokens[pos], "a ballot weight", 1)
        line = tokens[pos][1]
        pos += 1
        ranking: list[tuple[int, ...]] = []
        while tokens[pos][0] != "0":
            if tokens[pos][1] != line:
                raise VotingError(f"line {line}: the ballot does not end with 0")
            tier = tuple(
                _blt_int((x, line), "a candidate number", 1, n) - 1
                for x in tokens[pos][0].split("=")
            )
            ranking.append(tuple(c for c in tier if c not in withdrawn))
            pos += 1
        listed = [c for tier in ranking for c in tier]
        if len(listed) != len(set(listed)):
            raise VotingError(f"line {line}: a candidate is listed twice")
        pos += 1
        groups.append((tuple(t for t in ranking if t), weight))
    named = [t for t in tokens[pos + 1 : pos + 1 + n] if t[0]]
    if len(named) != n:
        where = named[-1][1] if named else tokens[pos][1]
        raise VotingError(
            f"line {where}: {n} candidate names expected after the 0, found {len(named)}"
        )
    names = [t for t, _ in named]
    rest = [t for t in tokens[pos + 1 + n :] if t[0]]
    if len(rest) > 1:
        raise VotingError(f"line {rest[1][1]}: unexpected {rest[1][0]!r} after the title")
    title = rest[0][0] if rest else None
    return Ballots.from_rankings(names, groups), seats, title
