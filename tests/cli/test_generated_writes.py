"""The CLI's write commands are built from the command models (`cli/generated.py`): every
command has one, its options' help is the model's field descriptions, and a refusal is one
line naming the principle, exit 2. Only commands whose shape is not their model's fields are
written by hand, and this test names them."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import typer
from cli_world import founded, invoke

from isonomia.cli import main
from isonomia.cli.writes import NOT_OFFERED, Write
from isonomia.service import COMMAND_TYPES

#: The commands still written by hand, and why (see each module).
BY_HAND = {
    "AdoptCharter": "init",  # the charter file, the union's first keys and its clock
    "FoundUnion": "found",  # each founding member's decision, signed by its own congress
    "DecideAccession": "accession decide",  # the candidate's terms and its congress's key
    "AddEvidence": "case evidence",  # a file hashed and kept; `get` reads it back
    # Sealed at rest: the public key is derived from the signer's own signing key, and the
    # case's key unwrapped with it and wrapped to each new reader, on the signer's machine.
    "RegisterSealingKey": "case sealing-key",
    "GrantCaseKey": "case grant",
    # One command line for an open or a secret ballot, as the election asks; a secret one
    # keeps its nonce beside the elector's key, and the reveal reads it back from there.
    "CastBallot": "election ballot",
    "CommitBallot": "election ballot",
    "RevealBallot": "election reveal",
}


def _writes() -> list[Write]:
    return [write for area in main.AREAS for write in getattr(area, "WRITES", ())]


@functools.cache
def _cli() -> Any:
    return typer.main.get_command(main.app)


def _command(path: str) -> Any:
    command: Any = _cli()
    for word in path.split():
        command = getattr(command, "commands", {}).get(word)
        assert command is not None, f"no CLI command {path!r}"
    return command


def test_every_command_model_has_a_cli_command_generated_or_written_by_hand() -> None:
    generated = {write.command: write.path for write in _writes()}
    assert not set(generated) & set(BY_HAND)
    missing = sorted(set(COMMAND_TYPES) - set(generated) - set(BY_HAND))
    assert not missing, f"commands with no CLI command: {missing}"
    for path in [*generated.values(), *BY_HAND.values()]:
        _command(path)
    assert len(generated) == len(COMMAND_TYPES) - len(BY_HAND)


def test_a_generated_command_offers_each_field_with_its_description_as_help() -> None:
    for write in _writes():
        model = COMMAND_TYPES[write.command]
        params = {param.name: param for param in _command(write.path).params}
        for name, info in model.model_fields.items():
            if name in NOT_OFFERED:
                continue
            assert name in params, f"{write.path}: no parameter for {name}"
            if name in write.helps or name in write.arguments:
                continue
            shown = getattr(params[name], "help", "") or ""
            description = (info.description or "").rstrip(".")
            assert description and shown.startswith(description), (write.path, name, shown)


def test_a_field_description_is_the_help_of_its_option_and_its_argument() -> None:
    appeal = invoke("appeal", "file", "--help")
    assert appeal.exit_code == 0
    text = " ".join(appeal.stdout.split())
    assert "The executive decision appealed." in text and "An id for the appeal." in text
    bound = " ".join(invoke("conference", "bind", "--help").stdout.split())
    assert "The force it would be given: advisory, mandatory, conditional." in bound


def test_a_generated_command_refused_by_the_rules_is_one_line_naming_the_principle_exit_2(
    tmp_path: Path,
) -> None:
    url = founded(tmp_path)
    at = ("--at", "2026-02-01", "--db", url)
    result = invoke("competences", "set", "military", "joint", *at)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("refused (P10): "), lines
    assert "Traceback" not in result.output
    bound = invoke("conference", "bind", "some-act", *at)
    lines = bound.stderr.strip().splitlines()
    assert bound.exit_code == 2 and len(lines) == 1 and lines[0].startswith("refused (P"), lines


def test_bad_input_to_a_generated_command_is_one_line_exit_2(tmp_path: Path) -> None:
    url = founded(tmp_path)
    result = invoke("languages", "send", "o", "m", "--version", "no-equals", "--db", url)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == ["--version takes KEY=VALUE, not 'no-equals'"]
    dated = invoke("organ", "delegate", "o", "--member", "m", "--person", "p", "--term-from", "x")
    assert dated.exit_code == 2 and len(dated.stderr.strip().splitlines()) == 1
