"""No database can break the command line: every command, on every kind of bad database,
prints one line saying what is wrong and what to do, and exits 1 (2 for a bad argument).

The commands are found by walking the Typer application, so a new command is covered the
day it is added.
"""

from __future__ import annotations

import gc
import hashlib
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
import typer.main
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

import isonomia.store.db
from isonomia.cli.main import app

runner = CliRunner()

#: A valid value for each required parameter, by name (commands check them before the db).
VALUES = {
    "on": "1923-01-01",
    "decision": "rsfsr:1922-12-26",
    "member": "georgia",
    "candidate": "karelia",
    "name": "Karelia",
    "congress": "Congress of Soviets",
    "population": "100000",
    "population_year": "1922",
    "population_source": "census",
    "language": "fi",
    "accepts": "military",
    "organ": "union-cec",
    "person": "someone",
    "session": "s1",
    "motion": "m1",
    "title": "A title",
    "field": "military",
    "kind": "decision",
    "force": "advisory",
    "amendment": "a1",
    "text": "text",
    "act": "m1",
    "vote": "yes",
    "appeal": "ap1",
    "ground": "a ground",
    "directive": "d1",
    "question": "a question",
    "instructions": "do it",
    "department": "dep1",
    "sequence": "1",
    "old_size": "1",
    "term": "1",
    "actor": "council:georgia",
    "version": "ka=text",
    "versions": "ka=text",
}
OVERRIDES = {
    ("competences set", "kind"): "joint",
    ("case file", "kind"): "violence",
    ("case commit", "commitment"): "0" * 64,
    ("case reveal", "value"): "0" * 64,
    **{("election call", f): "1923-02-01" for f in ("nominations_close", "ballots_open")},
    **{("election call", f): "1923-03-01" for f in ("ballots_close", "term_from")},
    # An elector or a candidate signs as a person: the option takes the person's id.
    ("election ballot", "actor"): "someone",
    ("election consent", "actor"): "someone",
    ("election reveal", "actor"): "someone",
    ("journal pdf", "issue"): "1",
    **{(c, "year"): "1923" for c in ("budget propose", "budget adopt", "budget call")},
    **{
        (c, "year"): "1923"
        for c in ("budget pay", "budget spend", "budget transfer", "budget income")
    },
    **{
        (c, "amount"): "1.00"
        for c in ("budget pay", "budget spend", "budget transfer", "budget income")
    },
    ("budget propose", "lines"): "administration=1.00",
    ("budget call", "due_on"): "1923-12-31",
}

#: Commands that only read: they neither take the write lock nor migrate.
READS = {
    "members",
    "journal show",
    "journal feed",
    "journal pdf",
    "notices queue",
    "notices send",
    "notices status",
    "deadlines",
    "budget show",
    "accounts",
    "accounts export",
    "presidency",
    "directives",
    "member export",
    "organ list",
    "organ presiding",
    "session list",
    "motion list",
    "motion show",
    "motion notice",
    "appeal list",
    "department list",
    "conference resolutions",
    "competences show",
    "competences history",
    "ledger verify",
    "ledger show",
    "audit",
    "keys list",
    "ledger head",
    "ledger prove",
    "ledger consistency",
    "ledger audit",
    "ledger feed",
    "ledger verifier-keys",
    "languages report",
    "act status",
    "offices report",
    "case list",
    "case show",
    "complaint list",
    "person sanctions",
    "web account list",
    "election show",
    "organ seats",
}
CREATES = {"init", "demo"}
#: Commands whose minimal arguments are refused before the database is written: a missing
#: file, a principal no body may register a key for, a witness without its key, an account
#: proving a key file that is not there, a key grant for a case that is not sealed, a secret
#: ballot revealed with none kept.
ARGUMENT_FIRST = {
    "election reveal",
    "submit",
    "case grant",
    "keys register",
    "keys revoke",
    "ledger witness",
    "case evidence",
    "web account bind",
    "web token create",
}
#: Commands that do not return while they work (the server, a node following the union):
#: tried in tests/web and tests/cli/test_node_processes.py.
RUNS = {"serve", "node follow"}
#: Commands whose --db is a member's node copy, not a union's database: a missing or foreign
#: copy is said in one line ("no node database at ..."), not in the words this sweep expects.
NODE_COPIES = {"node status", "node export"}


def commands(out: Path) -> Iterator[tuple[str, list[str]]]:
    """Every CLI command that opens a database, with minimal valid arguments."""

    def walk(command, path: list[str]) -> Iterator[tuple[str, list[str]]]:
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for name, sub in subcommands.items():
                yield from walk(sub, [*path, name])
            return
        if not any(p.name == "db" for p in command.params):
            return
        key = " ".join(path)
        if key in RUNS or key in NODE_COPIES:
            return
        args = list(path)
        for param in command.params:
            if not param.required:
                continue
            value = OVERRIDES.get((key, param.name), VALUES.get(param.name, "x"))
            value = str(out / "export.json") if param.name == "out" else value
            args += [value] if param.param_type_name == "argument" else [param.opts[0], value]
        yield key, args

    yield from walk(typer.main.get_command(app), [])


def run_all(db: str, out: Path) -> dict[str, tuple[int, list[str]]]:
    outcomes: dict[str, tuple[int, list[str]]] = {}
    for key, args in commands(out):
        result = runner.invoke(app, [*args, "--db", db])
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            key,
            result.exception,
        )
        text = result.stdout + result.stderr
        assert "Traceback" not in text, (key, text)
        outcomes[key] = (result.exit_code, result.stderr.strip().splitlines())
    assert len(outcomes) > 40
    return outcomes


def assert_one_line_each(outcomes, expected) -> None:
    for key, (code, lines) in outcomes.items():
        want_code, want_text = expected(key)
        assert code == want_code, (key, code, lines)
        assert len(lines) == 1, (key, lines)
        assert want_text in lines[0], (key, lines[0])


@pytest.mark.parametrize("url", ["mysql://x/y", "foo://bar"])
def test_an_unsupported_database_url_is_a_bad_argument_for_every_command(
    url: str, tmp_path: Path
) -> None:
    outcomes = run_all(url, tmp_path)
    assert_one_line_each(
        outcomes,
        lambda key: (2, "is a URL" if key == "demo" else f"unsupported database '{url[:3]}"),
    )


def test_no_server_listening_is_one_line_and_exit_1(tmp_path: Path) -> None:
    outcomes = run_all("postgresql://postgres@127.0.0.1:1/isonomia", tmp_path)
    assert_one_line_each(
        outcomes, lambda key: (2, "is a URL") if key == "demo" else (1, "cannot connect to")
    )


def test_no_line_shows_the_url_or_password_of_a_dead_server(tmp_path: Path) -> None:
    secret = "s3cret-pw"
    outcomes = run_all(
        f"postgresql://isonomia:{secret}@127.0.0.1:1/union?sslmode=disable", tmp_path
    )
    assert_one_line_each(
        outcomes,
        lambda key: (
            (2, "is a URL") if key == "demo" else (1, "cannot connect to 127.0.0.1:1/union")
        ),
    )
    for key, (_code, lines) in outcomes.items():
        if key != "demo":  # the demo refuses any URL, quoting what it was given
            for hidden in (secret, "isonomia:", "://", "sslmode"):
                assert hidden not in lines[0], (key, lines[0])


def test_a_password_given_as_a_url_option_is_never_shown(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["members", "--db", "postgresql://isonomia@127.0.0.1:1/union?password=s3cret-pw"]
    )
    assert result.exit_code == 1 and "s3cret" not in result.output
    assert "cannot connect to 127.0.0.1:1/union" in result.stderr


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://isonomia:s3cret-pw@127.0.0.1:notaport/union",
        "postgresql+asyncpg://isonomia:s3cret-pw@127.0.0.1/union",
    ],
)
def test_a_url_that_cannot_be_used_is_a_bad_argument_without_its_password(url: str) -> None:
    for command in (["members"], ["init"]):
        result = runner.invoke(app, [*command, "--db", url])
        assert result.exit_code == 2, result.output
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.output and "s3cret" not in result.output


def test_a_missing_postgresql_database_is_one_line_and_exit_1(
    postgres_admin_url: str, tmp_path: Path
) -> None:
    url = make_url(postgres_admin_url).set(database="isonomia_no_such_database")
    outcomes = run_all(url.render_as_string(hide_password=False), tmp_path)
    assert_one_line_each(
        outcomes,
        lambda key: (2, "is a URL") if key == "demo" else (1, "does not exist"),
    )


def not_a_union(key: str) -> tuple[int, str]:
    if key == "init":
        return 2, "is not empty"
    if key == "demo":
        return 2, "already exists"
    return 1, "is not an isonomia database"


def test_a_text_file_is_named_and_left_untouched_by_every_command(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("my notes\n", encoding="utf-8")
    assert_one_line_each(run_all(str(path), tmp_path), not_a_union)
    assert path.read_text(encoding="utf-8") == "my notes\n"


def test_a_foreign_sqlite_file_with_a_ledger_table_is_named_and_left_untouched(
    tmp_path: Path,
) -> None:
    path = tmp_path / "accounts.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE ledger (id INTEGER PRIMARY KEY, amount REAL)")
    conn.execute("INSERT INTO ledger (amount) VALUES (12.5)")
    conn.commit()
    conn.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    assert_one_line_each(run_all(str(path), tmp_path), not_a_union)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


@pytest.fixture
def union_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    assert (
        runner.invoke(
            app, ["init", "--db", "coop.db", "--clock", "simulated", "--at", "1922-12-30"]
        ).exit_code
        == 0
    )
    found = ["found", "--db", "coop.db", "--on", "1922-12-30"]
    for member in ("rsfsr", "ukraine", "belorussia", "georgia", "armenia", "azerbaijan"):
        found += ["--decision", f"{member}:1922-12-13"]
    assert runner.invoke(app, found).exit_code == 0
    return "coop.db"


def test_a_plain_path_is_a_sqlite_file(union_file: str) -> None:
    result = runner.invoke(app, ["members", "--db", union_file, "--on", "1923-01-01"])
    assert result.exit_code == 0 and "georgia" in result.stdout
    assert not Path("sqlite:").exists()


def test_while_a_writer_holds_the_lock_reads_answer_and_writes_say_it_is_busy(
    union_file: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(isonomia.store.db, "SQLITE_BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(union_file, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        outcomes = run_all(union_file, tmp_path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    for key, (code, lines) in outcomes.items():
        if key in READS:
            assert code in (0, 2), (key, lines)  # 2: a query the union cannot answer
            assert not any("busy" in line for line in lines), key
        elif key in CREATES or key in ARGUMENT_FIRST:
            assert code == 2 and len(lines) == 1, (key, lines)
        else:
            assert code == 1 and len(lines) == 1 and "is busy" in lines[0], (key, lines)


def test_reads_never_migrate_an_old_schema_and_the_next_write_does(union_file: str) -> None:
    from alembic import command

    from isonomia.store.db import Database, alembic_config

    database = Database(union_file)
    with database.writing() as conn:
        command.downgrade(alembic_config(conn), "-1")  # one migration behind the code
    database.dispose()

    def revision() -> str:
        with sqlite3.connect(union_file) as conn:
            return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])

    behind = revision()
    # A read that needs no new table answers; one that does says how to upgrade, in one line.
    result = runner.invoke(app, ["presidency", "--db", union_file, "--on", "1923-01-01"])
    assert result.exit_code == 0 and "rsfsr" in result.stdout
    result = runner.invoke(app, ["members", "--db", union_file, "--on", "1923-01-01"])
    assert result.exit_code in (0, 1) and "Traceback" not in result.output
    if result.exit_code == 1:
        assert len(result.stderr.strip().splitlines()) == 1 and "rebuild" in result.stderr
    assert revision() == behind
    assert runner.invoke(app, ["settle", "--db", union_file, "--at", "1923-01-02"]).exit_code == 0
    assert revision() != behind


def digest(path: Path) -> str:
    """The union's bytes with its write-ahead log folded in: a connection left by an earlier
    command may fold it at any moment, which changes the file but not what it holds."""
    gc.collect()
    folding = sqlite3.connect(path)
    folding.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    folding.close()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_demo_never_replaces_an_existing_union(union_file: str) -> None:
    before = digest(Path(union_file))
    result = runner.invoke(app, ["demo", "--db", union_file])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "coop.db already exists: the demo plays only on a new file; remove it or give another --db"
    )
    assert digest(Path(union_file)) == before


def test_demo_leaves_no_temporary_folder_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    result = runner.invoke(app, ["demo", "--db", str(tmp_path / "demo.db")])
    assert result.exit_code == 0, result.stderr
    assert list(scratch.iterdir()) == []


def test_init_never_writes_into_a_database_that_holds_other_tables(database_url: str) -> None:
    engine = sa.create_engine(isonomia.store.db.resolve_url(database_url))
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE notes (body TEXT)"))
        result = runner.invoke(app, ["init", "--db", database_url])
        assert result.exit_code == 2
        assert len(result.stderr.strip().splitlines()) == 1
        assert "is not empty" in result.stderr
        assert sa.inspect(engine).get_table_names() == ["notes"]
    finally:
        engine.dispose()
