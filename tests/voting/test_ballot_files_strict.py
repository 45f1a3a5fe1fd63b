"""Malformed ballot lines are errors naming their line; candidates are the declared ones."""

from __future__ import annotations

import pytest

from isonomia.voting import ballot_files
from isonomia.voting.ballot_files import parse_blt, parse_preflib, parse_text
from isonomia.voting.errors import VotingError

HEADER = "# ALTERNATIVE NAME 1: x\n# ALTERNATIVE NAME 2: y\n# ALTERNATIVE NAME 3: z\n"


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("3: A > B\n-1: A\n", 2, "positive whole number, got '-1'"),
        ("3: A > B\n2.5: B > A\n", 2, "positive whole number, got '2.5'"),
        ("3: A > B\n0: B\n", 2, "positive whole number, got '0'"),
        ("A > B\ngarbage line\n", 2, "'garbage line' is not a ballot"),
        ("1: A > B: C\n", 1, "may not contain ':'"),
        ("1: A > B > A\n", 1, "ranked twice"),
        ("# candidate: A\n# candidate: B\n2: A > B\n1: A > C\n", 4, "unknown candidate 'C'"),
        ("# candidate: A\n# candidate: A\n1: A\n", 2, "declared twice"),
    ],
)
def test_malformed_plain_text_lines_are_errors_naming_the_line(text, line, reason):
    with pytest.raises(VotingError, match=rf"^line {line}: .*{reason}"):
        parse_text(text)


def test_counts_in_plain_text_never_become_candidate_names():
    with pytest.raises(VotingError, match=r"^line 2: "):
        parse_text("3: A > B\n-1: A\n2.5: B > A\n")
    ballots = parse_text("3: A > B\n2: B > A\n").ballots
    assert ballots.candidates == ("A", "B") and ballots.total == 5


def test_a_single_name_with_spaces_is_a_ballot_when_counted_or_declared():
    assert parse_text("1: garbage line\n").ballots.candidates == ("garbage line",)
    declared = parse_text("# candidate: Ann Lee\n# candidate: Bo\nAnn Lee\nBo > Ann Lee\n")
    assert declared.ballots.total == 2
    assert parse_text("A\nB > A\n").ballots.candidates == ("A", "B")


def test_well_formed_lines_in_the_vectorised_reader_still_fail_on_a_zero_count():
    text = "# candidate: A\n# candidate: B\n" + "3: A > B\n" * 5 + "0: B > A\n"
    with pytest.raises(VotingError, match=r"^line 8: "):
        parse_text(text)


@pytest.mark.parametrize(
    ("body", "line", "reason"),
    [
        ("2: 1,2\n5: 1,x\n", 5, "'x' is not an alternative"),
        ("2: 1,2\n5: 1,4\n", 5, "'4' is not an alternative"),
        ("2: 1,2,\n", 4, "alternative is missing"),
        ("2: 1,,2\n", 4, "alternative is missing"),
        ("2: 1,2,1\n", 4, "listed twice"),
        ("-2: 1,2\n", 4, "positive whole number"),
        ("2 1,2\n", 4, "no ':'"),
        ("2: 1,{2,3\n", 4, "without"),
        ("2: 1 2\n", 4, "'1 2' is not an alternative"),
    ],
)
def test_malformed_preflib_lines_are_errors_naming_the_line(body, line, reason):
    with pytest.raises(VotingError, match=rf"^line {line}: .*{reason}"):
        parse_preflib(HEADER + body)


def test_preflib_line_with_a_bad_alternative_is_not_silently_shortened():
    # the vectorised reader must hand such a file to the line reader, not drop the "x"
    assert ballot_files._fast_strict(["x", "y", "z"], ["5: 1,x"]) is None
    assert ballot_files._fast_strict(["x", "y", "z"], ["5: 1,9"]) is None


def test_preflib_candidates_are_the_declared_alternatives():
    election = parse_preflib(HEADER + "2: 1,{2,3}\n1: 3\n")
    assert election.ballots.candidates == ("x", "y", "z")


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ('3 2\n4 1 2 0\n3 4 0\n0\n"A" "B" "C"\n', 3, "candidate number must be"),
        ('3 2\n4 1 2 0\n3 x 0\n0\n"A" "B" "C"\n', 3, "got 'x'"),
        ('3 2\n4 1 2\n3 3 0\n0\n"A" "B" "C"\n', 2, "does not end with 0"),
        ('3 2\n4 1 1 0\n0\n"A" "B" "C"\n', 2, "listed twice"),
        ('3 2\n4 1 0\n0\n"A" "B"\n', 4, "3 candidate names expected"),
        ('3 2\n4 1 0\n0\n"A" "B" "C"\n"T"\nextra\n', 6, "after the title"),
        ('3 2\n4 1 0\n0\n"A" "B" "C\n', 4, "No closing quotation"),
    ],
)
def test_malformed_blt_lines_are_errors_naming_the_line(text, line, reason):
    with pytest.raises(VotingError, match=rf"^line {line}: .*{reason}"):
        parse_blt(text)
