"""Organs and acts through the one pipeline, on SQLite and PostgreSQL: the worked example,
read models, rebuilt projections, and the invariants over random histories (P6–P11)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from itertools import count
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acts_strategies import ACTIONS, Interpreter, check_invariants
from builders import MEMBERS_1922, delegate_id, example_1922, found, union_1922
from isonomia.cli.demo.story import play
from isonomia.domain import AppointDelegate, Command, actors
from isonomia.domain.languages import awaiting, in_force_in
from isonomia.domain.motions import Act, Stage
from isonomia.rules.presidency import calendar
from isonomia.service import (
    Federation,
    Keyring,
    Refused,
    at_day,
    new_command_id,
    queries,
)
from isonomia.store.projections import event_of
from isonomia.store.projections.departments import (
    department_member_view,
    department_staff_language_view,
    department_view,
)
from isonomia.store.projections.inspection import findings_view
from isonomia.store.projections.motions import act_history_view, act_stage_view, act_view


def test_the_worked_example_plays_and_its_read_models_rebuild_equal(
    database_url: str, tmp_path: Path, keyring: Keyring
) -> None:
    federation = Federation(database_url, signer=keyring)
    try:
        titles = [step.title for step in play(federation, tmp_path)]
        assert any("the decision stays in force (P6)" in t for t in titles)
        on = date(1923, 3, 10)
        [appeal] = queries.appeals(federation, on)
        assert (appeal.member, appeal.ruling, appeal.act_in_force) == ("georgia", "amend", True)
        statuses = {r.directive: r.status for r in queries.directives_for(federation, "azerbaijan")}
        assert statuses == {"snk-grain-fund": "carried out (urgent; upheld)"}
        [department] = queries.departments(federation, on)
        assert department.status == "operational" and not department.gaps
        [later] = queries.departments(federation, date(1925, 6, 1))
        assert later.status == "joint" and "uzbekistan" in later.gaps
        kinds = {r.field: r.kind for r in queries.competences(federation, on)}
        assert kinds["culture"] == "reserved" and kinds["railways"] == "joint"
        detail = queries.act_detail(federation, "sto-tariffs", on)
        assert detail is not None and detail.row.in_force
        assert any("appealed by georgia" in what for _, what in detail.history)
        assert_act_queries_agree_with_the_fold(
            federation, [date(1922, 12, 30) + timedelta(days=d) for d in range(0, 1200, 7)]
        )
        assert_other_queries_agree_with_the_fold(
            federation, [date(1922, 12, 30) + timedelta(days=d) for d in range(0, 1500, 30)]
        )
        with federation.db.reading() as conn:  # the tables the queries added are kept
            # (The example adds no evidence: its table is filled in test_inspection_service.)
            for table in (act_stage_view, act_history_view, findings_view):
                assert conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()
            staffed = sa.select(sa.func.count()).select_from(department_staff_language_view)
            assert conn.execute(staffed).scalar()
        replayed, equal = federation.rebuild_projections()  # and rebuilt the same
        assert equal and replayed == len(list(federation.entries()))
    finally:
        federation.close()


@pytest.fixture
def seated(database_url: str, keyring):
    federation = Federation(database_url, signer=keyring)
    federation.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
    federation.execute(found(union_1922(), signed_in=federation))
    for organ in ("union-council", "sto", "sovnarkom", "joint-conference"):
        for member in MEMBERS_1922:
            federation.execute(
                AppointDelegate(
                    command_id=new_command_id(),
                    actor=actors.council(member),
                    at=at_day(date(1922, 12, 31)),
                    organ=organ,
                    member=member,
                    person=delegate_id(member, organ),
                    term_from=date(1922, 12, 31),
                )
            )
    yield federation
    federation.close()


def _run(federation: Federation, command: Command) -> bool:
    try:
        federation.execute(command)
    except Refused:
        return False
    return True


def assert_read_tables_keep_the_invariants(federation: Federation, on: date) -> None:
    with federation.db.reading() as conn:
        acts = conn.execute(sa.select(act_view)).all()
        departments = conn.execute(sa.select(department_view)).all()
        per_member = conn.execute(sa.select(department_member_view)).all()
    for act in acts:
        if act.organ_kind == "conference":  # P9
            assert act.force == "advisory"
    kinds = {r.field: r.kind for r in queries.competences(federation, on)}
    for act in acts:  # P11: nothing binding in force in a reserved field
        live = act.in_force_on and act.in_force_on <= on.isoformat()
        ended = act.lapsed_on or act.annulled_on
        if live and not ended and act.force != "advisory" and act.kind != "charter-amendment":
            assert kinds.get(act.field) != "reserved", act
    for department in departments:  # P7
        if department.status == "operational":
            for row in per_member:
                if row.department == department.id and row.participates:
                    assert row.representative and json.loads(row.staff), row


def _stage_by_the_fold(act: Act, on: date) -> str:
    """An act's stage on a day as the queries once read it from the folded state."""
    if act.published_on is not None and act.published_on <= on:
        return Stage.PUBLISHED.value
    if act.adopted_on is not None and act.adopted_on <= on:
        return Stage.ADOPTED.value
    counted = [line.on for line in act.history if line.what.startswith("rejected")]
    if act.stage is Stage.REJECTED and counted and counted[-1] <= on:
        return Stage.REJECTED.value
    tabled = [line.on for line in act.history if line.what.startswith("tabled")]
    return Stage.TABLED.value if tabled and tabled[0] <= on else Stage.DRAFTED.value


def assert_act_queries_agree_with_the_fold(federation: Federation, days: list[date]) -> None:
    """The read tables of stages, history and votes answer as the folded state does."""
    state = federation.state()
    for on in days:
        listed = {row.id: row for row in queries.acts(federation, on)}
        assert set(listed) == {a.id for a in state.acts.values() if a.drafted_on <= on}
        for act in state.acts.values():
            detail = queries.act_detail(federation, act.id, on)
            if act.drafted_on > on:
                assert detail is None
                continue
            assert detail is not None
            stage = _stage_by_the_fold(act, on)
            assert listed[act.id].stage == detail.row.stage == stage, (act.id, on)
            history = [(h.on.isoformat(), h.what) for h in act.history if h.on <= on]
            assert detail.history == history
            cast = {
                (item or "motion", member)
                for item, ballots in act.votes.items()
                for member, ballot in ballots.items()
                if ballot.cast_on is None or ballot.cast_on <= on
            }
            shown = {(item, member) for item, member, _, _ in detail.votes}
            assert shown == (cast if stage != Stage.DRAFTED.value else set())


def assert_other_queries_agree_with_the_fold(federation: Federation, days: list[date]) -> None:
    """Languages, directives, departments, the presidency and the inspection's cases: the
    read tables answer as the folded state does (the rules' own functions over it)."""
    state = federation.state()
    for on in days:
        present = [m.id for m in state.members_on(on)]
        assert queries.members_on(federation, on) == present
        for act in state.acts.values():
            status = queries.act_status(federation, act.id, on)
            assert status is not None
            assert [s.member for s in status] == present
            for row in status:
                assert row.awaiting == awaiting(state, act.id, row.member, on)
                assert row.in_force == in_force_in(state, act.id, row.member, on)
            assert queries.act_in_force(federation, act.id, on) == state.in_force(act.id, on)
        if state.founded_on is not None:
            rows = queries.presidency_rows(federation, on, 3)
            assert [(r.term, r.member, r.start, r.end, r.acting) for r in rows] == [
                (t.term, t.member, t.start, t.end, t.acting) for t in calendar(state, on, 3)
            ]
        for department in queries.departments(federation, on):
            record = state.departments[department.id]
            if record.dissolved_on is not None and on < record.dissolved_on:
                record = replace(record, dissolved_on=None)  # as it stood on `on`
            if record.dissolved_on is not None:
                status = f"dissolved on {record.dissolved_on}: {record.dissolution}"
            elif record.created_on is None:
                status = "proposed"
            else:
                status = "operational" if record.operational(present) else "joint"
            assert department.status == status
            assert department.gaps == (record.gaps(present) if record.created_on else {})
            spoken: dict[str, set[str]] = {}
            for (where, member, _), languages in state.languages.staff.items():
                if where == department.id:
                    spoken.setdefault(member, set()).update(languages)
            assert department.languages == {m: sorted(x) for m, x in sorted(spoken.items())}
    for case in state.inspection.cases.values():
        detail = queries.inspection.case_detail(federation, case.id, actors.INSPECTION)
        assert detail.row.commission == list(case.commission)
        assert (detail.complainant, detail.accused, detail.summary, detail.defender) == (
            case.complainant,
            list(case.accused),
            case.summary,
            case.defender,
        )
        assert detail.seed == case.seed and detail.recused == [list(r) for r in case.recused]
        assert [e[0] for e in detail.evidence] == [e.sha256 for e in case.evidence]
        assert [f[0] for f in detail.findings] == list(case.findings)
        for row in detail.findings:
            findings = state.inspection.findings[row[0]]
            assert row[4] == ", ".join(findings.signatures)
            assert row[5] == (findings.final_on.isoformat() if findings.final_on else "")
        readers = queries.inspection.readers(federation)
        assert readers[case.id] == case.viewers()


_examples = count()


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(st.tuples(st.sampled_from(ACTIONS), st.integers(0, 10**6)), max_size=30))
def test_invariants_hold_on_the_database_over_random_histories(
    seated: Federation, steps: list[tuple[str, int]]
) -> None:
    n = next(_examples)
    start = date(1923, 1, 1) + timedelta(days=400 * n)
    Interpreter(seated.state, lambda c: _run(seated, c), start, prefix=f"x{n}-").play(steps)
    events = [event_of(entry) for entry in seated.entries()]
    check_invariants(events)
    assert_read_tables_keep_the_invariants(seated, start + timedelta(days=200))
    assert_act_queries_agree_with_the_fold(
        seated, [start + timedelta(days=d) for d in (-1, 0, 3, 10, 30, 90, 200)]
    )
    assert_other_queries_agree_with_the_fold(seated, [start + timedelta(days=d) for d in (0, 90)])
    _, equal = seated.rebuild_projections()
    assert equal
