"""`isonomia.service` is the one face of the application for interfaces."""

from __future__ import annotations

import ast
from pathlib import Path

import isonomia.service as service

CLI = Path(__file__).resolve().parents[2] / "src" / "isonomia" / "cli"
#: The two heavier service modules, imported by the commands that need them.
HEAVY = {"isonomia.service.audit", "isonomia.service.voting"}
#: Modules beside the layers that any interface may use: the areas' declarations (their
#: names and navigation), the message catalogs, and the offline verifier the CLI runs as is.
BESIDE = {"isonomia", "isonomia.areas", "isonomia.catalogs", "isonomia.verify_cli"}


def test_every_exported_name_exists_once() -> None:
    missing = [name for name in service.__all__ if not hasattr(service, name)]
    assert not missing
    assert len(set(service.__all__)) == len(service.__all__)


def test_the_cli_imports_isonomia_only_through_the_service() -> None:
    offenders = []
    for path in sorted(CLI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                module = node.module
                allowed = (
                    module == "isonomia.service"
                    or module in HEAVY
                    or module in BESIDE
                    or module.startswith("isonomia.cli")
                    or not module.startswith("isonomia")
                )
                if not allowed:
                    offenders.append(f"{path.relative_to(CLI)}:{node.lineno} {module}")
    assert not offenders, f"the CLI reaches past the service: {offenders}"
