"""Who may issue each command: every command × every kind of principal (P1–P4, P6–P8).

For each command a representative instance is built in a founded union with delegations, an
adopted act and a directive; the table says exactly which kinds of principal may issue it.
Every other kind is refused, and the refusal names a principle.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from builders import command, founded_1922, pass_motion, seat_delegations
from isonomia.domain import (
    COMMAND_TYPES,
    AdoptCharter,
    AdoptLanguageRules,
    AppointDelegate,
    AppointOfficial,
    AppointRepresentative,
    AssignStaff,
    BindResolution,
    Candidate,
    CastVote,
    CertifyVersion,
    ConsentToDepartment,
    ConveneSession,
    CountVotes,
    DecideAccession,
    DecideSecession,
    DesignateCertifier,
    DraftMotion,
    FederationState,
    FileAppeal,
    FileOriginal,
    FoundUnion,
    GiveInstructions,
    ObstructSecession,
    ProposeAdmission,
    ProposeAmendment,
    ProposeDepartment,
    PublishAct,
    RecallDelegate,
    RegisterKey,
    RemoveOfficial,
    ReportCompliance,
    RequestInstructions,
    RevokeKey,
    SendCorrespondence,
    SetCompetence,
    Settle,
    SubmitVersion,
    TableMotion,
    WaiveVersions,
    WithdrawSecession,
    actors,
)
from isonomia.domain.budget import (
    AdoptBudget,
    CallContributions,
    MakeEqualisationTransfer,
    ProposeBudget,
    RecordIncomeFigure,
    RecordPayment,
    SpendUnderLine,
)
from isonomia.domain.connivance import NameConniver
from isonomia.domain.elections import (
    CallElection,
    CastBallot,
    ConsentToCandidacy,
    CountElection,
    NominateCandidate,
)
from isonomia.domain.inspection import (
    AddEvidence,
    AddressComplaint,
    AnswerComplaint,
    CloseCase,
    ConsentToAction,
    DeclareTie,
    DirectCase,
    DrawCommission,
    FileComplaint,
    NameDefender,
    PauseCase,
    ProposeFindings,
    ReopenCase,
    RestaffCommission,
    SanctionPerson,
    SignFindings,
    TransferPerson,
)
from isonomia.domain.inspection_lot import (
    ChallengeCommissioner,
    CommitDrawValue,
    RevealDrawValue,
    RuleOnChallenge,
)
from isonomia.domain.notices import RegisterNoticeAddress
from isonomia.domain.presidency import DesignatePresidingDelegate
from isonomia.domain.procedure import CirculateDraft, RequestPostponement
from isonomia.domain.sealed_cases import GrantCaseKey, RegisterSealingKey
from isonomia.domain.seats import GiveProxy, RevokeProxy, UpdateCensus
from isonomia.domain.secret_ballots import CommitBallot, RevealBallot
from isonomia.rules.authorization import authorize
from isonomia.rules.registry import WHO as RULES

DAY = date(1923, 1, 8)

#: One principal of each kind, from the point of view of member "georgia".
PRINCIPALS = {
    "own congress": actors.congress("georgia"),
    "own council": actors.council("georgia"),
    "other congress": actors.congress("armenia"),
    "other council": actors.council("armenia"),
    "own delegate": actors.person("georgia-union-council"),
    "other delegate": actors.person("armenia-union-council"),
    "secretariat": actors.SECRETARIAT,
    "the organ": actors.organ("union-council"),
    "another organ": actors.organ("sto"),
    "inspection": actors.INSPECTION,
    "a stranger": actors.person("stranger"),
}

CANDIDATE = Candidate(
    id="georgia",
    name="Georgia",
    congress="Congress",
    population=1,
    population_year=1923,
    population_source="census",
    languages=["ka"],
)

#: Command → (fields, the kinds of principal that may issue it).
CASES: dict[type[Any], tuple[dict[str, Any], set[str]]] = {
    AdoptCharter: ({"charter": {}}, {"secretariat"}),
    FoundUnion: ({"founded_on": DAY, "decisions": []}, {"secretariat"}),
    DecideSecession: ({"member": "georgia", "decided_on": DAY}, {"own congress"}),
    WithdrawSecession: ({"member": "georgia"}, {"own congress"}),
    ObstructSecession: (
        {"member": "georgia", "action": "block"},
        {"secretariat", "the organ", "another organ"},
    ),
    Settle: ({}, set(PRINCIPALS)),
    UpdateCensus: (
        {"member": "georgia", "population": 1, "population_year": 1930, "population_source": "c"},
        {"own council"},
    ),
    AppointOfficial: (
        {"office": "general-secretary", "person": "x", "act": "m1", "term_from": DAY},
        {"secretariat", "the organ"},
    ),
    RemoveOfficial: (
        {"office": "general-secretary", "person": "x", "act": "m1"},
        {"secretariat", "the organ"},
    ),
    # The inspection (P16, P17); commands about a case that does not exist are refused to
    # all, and orders about a case are left to their rule, which refuses them all.
    FileComplaint: (
        {"case": "c9", "kind": "violence", "accused": ["x"], "summary": "s"},
        set(PRINCIPALS),
    ),
    AddressComplaint: ({"complaint": "c9", "official": "x", "text": "t"}, set(PRINCIPALS)),
    DeclareTie: ({"person": "stranger", "tied_to": "x", "nature": "kin"}, {"a stranger"}),
    DrawCommission: ({"case": "c9"}, {"inspection"}),
    CommitDrawValue: ({"case": "c9", "commitment": "0" * 64}, set()),
    RevealDrawValue: ({"case": "c9", "value": "0" * 64}, set()),
    ConsentToAction: ({"case": "c9", "organ": "sto", "person": "x"}, {"inspection"}),
    NameDefender: ({"case": "c9", "defender": "x"}, set()),
    AddEvidence: ({"case": "c9", "sha256": "0" * 64, "filename": "f", "size": 1}, set()),
    ProposeFindings: (
        {"case": "c9", "findings": "f9", "text": "t", "established": True},
        set(),
    ),
    SignFindings: ({"case": "c9", "findings": "f9"}, set()),
    NameConniver: ({"case": "c9", "person": "x", "evidence": ["0" * 64]}, set()),
    # Sealed at rest: anyone registers its own sealing key; a key of a case that does not
    # exist is granted by no one.
    RegisterSealingKey: ({"public_key": "x25519:" + "A" * 43 + "="}, set(PRINCIPALS)),
    GrantCaseKey: ({"case": "c9", "keys": ["inspection=" + "0" * 32 + ":AAAA"]}, set()),
    ReopenCase: ({"case": "c9", "reason": "r"}, set()),
    AnswerComplaint: ({"complaint": "c9", "answer": "a"}, set()),
    DirectCase: ({"case": "c9", "instruction": "i"}, set(PRINCIPALS)),
    PauseCase: ({"case": "c9"}, set(PRINCIPALS)),
    CloseCase: ({"case": "c9"}, set(PRINCIPALS)),
    RestaffCommission: ({"case": "c9"}, set(PRINCIPALS)),
    TransferPerson: ({"organ": "sto", "person": "x", "to": "y"}, {"another organ"}),
    SanctionPerson: ({"organ": "sto", "person": "x", "sanction": "y"}, {"another organ"}),
    RecallDelegate: (
        {"organ": "union-council", "member": "georgia", "person": "x"},
        {"own council"},
    ),
    ConveneSession: (
        {"session": "s9", "organ": "union-council", "held_on": DAY},
        {"secretariat", "the organ"},
    ),
    DraftMotion: (
        {
            "motion": "m9",
            "organ": "union-council",
            "title": "t",
            "text": "t",
            "field": "railways",
            "kind": "decision",
            "force": "mandatory",
        },
        {
            "secretariat",
            "the organ",
            "own council",
            "other council",
            "own delegate",
            "other delegate",
        },
    ),
    ProposeAmendment: (
        {"motion": "m1", "amendment": "a9", "text": "t"},
        {
            "secretariat",
            "the organ",
            "own council",
            "other council",
            "own delegate",
            "other delegate",
        },
    ),
    # A member's council tables where it has a delegate sitting; the 1922 charter leaves
    # tabling to the councils, not to their delegates (`[motions] delegates_table`).
    TableMotion: (
        {"motion": "m1", "session": "s1"},
        {"secretariat", "the organ", "own council", "other council"},
    ),
    ProposeAdmission: (
        {"motion": "m9", "candidate": "uzbekistan"},
        {
            "secretariat",
            "the organ",
            "own council",
            "other council",
            "own delegate",
            "other delegate",
        },
    ),
    CountVotes: ({"motion": "m1"}, {"secretariat", "the organ"}),
    PublishAct: ({"act": "m1"}, {"secretariat", "the organ"}),
    CirculateDraft: ({"motion": "m1"}, {"secretariat", "the organ"}),
    DesignatePresidingDelegate: (
        {"member": "georgia", "organ": "union-council", "person": "x", "term": 1},
        {"own council"},
    ),
    RequestPostponement: ({"motion": "m1", "member": "georgia", "reason": "r"}, {"own council"}),
    CallElection: (
        {
            "election": "e9",
            "office": "general-secretary",
            "nominations_close": DAY,
            "ballots_open": DAY,
            "ballots_close": DAY,
            "term_from": DAY,
        },
        {"secretariat"},
    ),
    NominateCandidate: ({"election": "e9", "person": "x", "member": "georgia"}, {"own council"}),
    ConsentToCandidacy: ({"election": "e9", "person": "stranger"}, {"a stranger"}),
    # Any person passes the table; the decider then admits only the election's electors.
    CastBallot: (
        {"election": "e9", "choices": ["x"]},
        {"own delegate", "other delegate", "a stranger"},
    ),
    CountElection: ({"election": "e9"}, {"secretariat"}),
    CommitBallot: (
        {"election": "e9", "commitment": "0" * 64},
        {"own delegate", "other delegate", "a stranger"},
    ),
    RevealBallot: (
        {"election": "e9", "choices": ["x"], "nonce": "0" * 64},
        {"own delegate", "other delegate", "a stranger"},
    ),
    BindResolution: ({"act": "m1", "force": "mandatory"}, {"the organ", "another organ"}),
    RequestInstructions: (
        {"directive": "d1", "member": "georgia", "question": "q"},
        {"own council"},
    ),
    ReportCompliance: ({"directive": "d1", "member": "georgia"}, {"own council"}),
    GiveInstructions: (
        {"directive": "d1", "member": "georgia", "instructions": "i"},
        {"another organ"},
    ),
    ProposeDepartment: (
        {"department": "nkps", "name": "N", "field": "railways"},
        {"secretariat", "the organ", "own council", "other council"},
    ),
    ConsentToDepartment: ({"department": "nkps", "member": "georgia"}, {"own council"}),
    AppointRepresentative: (
        {"department": "nkps", "member": "georgia", "person": "x"},
        {"secretariat", "the organ"},
    ),
    AssignStaff: (
        {"department": "nkps", "member": "georgia", "person": "x"},
        {"secretariat", "the organ"},
    ),
    SetCompetence: ({"field": "railways", "kind": "reserved"}, set(PRINCIPALS)),
    RegisterKey: (
        {"principal": "council:georgia", "public_key": "ed25519:x"},
        {"own congress"},
    ),
    RevokeKey: ({"key_id": "0" * 32, "reason": "lost"}, set(PRINCIPALS)),
    AdoptLanguageRules: ({"member": "georgia", "staff": ["ka"]}, {"own council"}),
    DesignateCertifier: (
        {"member": "georgia", "language": "ka", "principal": "person:x"},
        {"own council"},
    ),
    WaiveVersions: ({"act": "m1", "member": "georgia"}, {"own council"}),
    SubmitVersion: (
        {"act": "m1", "language": "ka", "text": "t"},
        {"own council", "secretariat"},
    ),
    CertifyVersion: ({"act": "m1", "language": "ka"}, {"own council"}),
    # An unknown command: every principal passes the table, and the decider refuses it.
    FileOriginal: ({"of_command": "nothing", "language": "ka", "text": "t"}, set(PRINCIPALS)),
    SendCorrespondence: (
        {"organ": "union-council", "member": "georgia", "versions": {"ka": "t"}},
        {"secretariat", "the organ"},
    ),
    RegisterNoticeAddress: (
        {"member": "georgia", "institution": "council", "language": "ka", "email": "c@ge.example"},
        {"own council"},
    ),
    RecordIncomeFigure: (
        {"member": "georgia", "year": 1923, "amount": "1.00", "source": "census"},
        {"own council"},
    ),
    ProposeBudget: ({"year": 1923, "motion": "m1", "lines": {"a": "1.00"}}, {"secretariat"}),
    AdoptBudget: ({"year": 1923}, {"secretariat"}),
    CallContributions: ({"year": 1923, "due_on": DAY}, {"secretariat"}),
    RecordPayment: (
        {"year": 1923, "member": "georgia", "amount": "1.00", "reference": "r"},
        {"secretariat"},
    ),
    SpendUnderLine: (
        {"year": 1923, "line": "a", "amount": "1.00", "payee": "p", "reference": "r"},
        {"secretariat"},
    ),
    MakeEqualisationTransfer: (
        {"year": 1923, "member": "georgia", "amount": "1.00", "reference": "r"},
        {"secretariat"},
    ),
}
#: Commands whose decider checks the actor itself, with a more precise reason.
DECIDER_CHECKED: dict[type[Any], tuple[dict[str, Any], set[str]]] = {
    # A challenge of a commissioner and a ruling on it, in a case that does not exist.
    ChallengeCommissioner: (
        {"case": "c9", "challenge": "ch9", "person": "x", "grounds": "g"},
        set(),
    ),
    RuleOnChallenge: ({"case": "c9", "challenge": "ch9", "upheld": True}, set()),
    DecideAccession: (
        {"candidate": CANDIDATE, "decided_on": DAY, "accepts_fields": []},
        {"own congress"},
    ),
    AppointDelegate: (
        {"organ": "union-council", "member": "georgia", "person": "x", "term_from": DAY},
        {"own council"},
    ),
    CastVote: (
        {"motion": "m1", "member": "georgia", "vote": "yes"},
        {"own delegate"},
    ),
    FileAppeal: (
        {"appeal": "ap9", "act": "m1", "member": "georgia", "ground": "g"},
        {"own council", "own delegate"},
    ),
    GiveProxy: ({"organ": "union-council", "member": "georgia", "to": "x"}, {"own delegate"}),
    RevokeProxy: ({"organ": "union-council", "member": "georgia"}, {"own delegate"}),
}


@pytest.fixture(scope="module")
def union() -> FederationState:
    state = seat_delegations(founded_1922(), "union-council", date(1923, 1, 1))
    state = pass_motion(
        state,
        "m1",
        "s1",
        "union-council",
        date(1923, 1, 1),
        field="railways",
        kind="decision",
        force="mandatory",
    )
    state = seat_delegations(state, "sto", date(1923, 1, 1))
    return pass_motion(
        state,
        "d1",
        "s2",
        "sto",
        date(1923, 1, 2),
        field="railways",
        kind="directive",
        force="conditional",
    )


def test_every_command_is_in_the_table_and_in_this_test() -> None:
    assert set(RULES) == set(COMMAND_TYPES.values())
    assert set(CASES) | set(DECIDER_CHECKED) == set(COMMAND_TYPES.values())


@pytest.mark.parametrize("cls", sorted(CASES, key=lambda c: c.__name__), ids=lambda c: c.__name__)
@pytest.mark.parametrize("kind", sorted(PRINCIPALS))
def test_the_table_allows_exactly_the_principals_it_names(
    union: FederationState, cls: type[Any], kind: str
) -> None:
    fields, allowed = CASES[cls]
    refusal = authorize(union, command(cls, PRINCIPALS[kind], DAY, **fields))
    if kind in allowed:
        assert refusal is None, f"{kind} was refused {cls.__name__}: {refusal}"
    else:
        assert refusal is not None, f"{kind} may issue {cls.__name__}"
        assert refusal.principle.startswith("P")
        assert PRINCIPALS[kind] in refusal.reason


@pytest.mark.parametrize(
    "cls", sorted(DECIDER_CHECKED, key=lambda c: c.__name__), ids=lambda c: c.__name__
)
@pytest.mark.parametrize("kind", sorted(PRINCIPALS))
def test_the_decider_refuses_the_principals_the_table_leaves_to_it(
    union: FederationState, cls: type[Any], kind: str
) -> None:
    from isonomia.rules import handle

    fields, allowed = DECIDER_CHECKED[cls]
    assert RULES[cls].allows(union, command(cls, PRINCIPALS[kind], DAY, **fields)) == (
        kind in allowed
    )
    if kind not in allowed:
        result = handle(union, command(cls, PRINCIPALS[kind], DAY, **fields), DAY)
        assert not hasattr(result, "events"), f"{kind} may issue {cls.__name__}"
        assert result.principle in ("P2", "P4", "P6", "P16", "P17")
