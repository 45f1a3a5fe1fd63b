"""The application: the one face interfaces (CLI, API, web) use.

It runs commands through the one pipeline and answers queries. Interfaces import from this
package only; `isonomia.service.audit` and `isonomia.service.voting` are the two heavier
modules (numpy, and matplotlib for plots), imported by the commands that need them so that
the others start quickly. A test checks `__all__`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from isonomia.service.facade import lazy_exports

if TYPE_CHECKING:
    from isonomia.charter import Charter
    from isonomia.domain import (
        COMMAND_TYPES,
        AdoptCharter,
        AdoptLanguageRules,
        AppointDelegate,
        Appointment,
        AppointOfficial,
        AppointRepresentative,
        AssignStaff,
        BindResolution,
        Candidate,
        CastVote,
        CertifyVersion,
        Command,
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
        FoundingDecision,
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
        Ruling,
        SendCorrespondence,
        SetCompetence,
        Settle,
        SubmitVersion,
        TableMotion,
        WaiveVersions,
        WithdrawSecession,
        actors,
    )
    from isonomia.domain.inputs import Unfit, fit, unfit, unfit_in
    from isonomia.ledger.envelope import EnvelopeError, read_envelope, write_envelope
    from isonomia.rules.inspection_lot import commitment_of as draw_commitment
    from isonomia.rules.secret_ballots import ballot_commitment
    from isonomia.service import notices, queries, sealing
    from isonomia.service.accounts import (
        ROLES,
        SESSION_LIFETIME,
        SIGNING_ROLES,
        Account,
        Accounts,
        Challenge,
        Forbidden,
        TooManyAttempts,
        Unauthenticated,
    )
    from isonomia.service.ballot_secrets import (
        BallotSecret,
        ballot_secret_path,
        check_secret_choices,
        keeping_ballot_secret,
        read_ballot_secret,
    )
    from isonomia.service.building import make, new_command_id, refuse_unfit
    from isonomia.service.checkpoint_timer import CheckpointTimer
    from isonomia.service.clock import at_day, now, parse_day
    from isonomia.service.demo_accounts import (
        DemoAccount,
        accounts_file,
        add_demo_accounts,
        read_demo_accounts,
    )
    from isonomia.service.errors import (
        INPUT_ERRORS,
        BadRequest,
        CharterRejected,
        ExportRefused,
        NotInitialized,
        Refused,
        ServiceError,
        Unavailable,
        unavailable,
    )
    from isonomia.service.federation import EXPORT_FORMAT, Federation
    from isonomia.service.journal_feed import journal_feed
    from isonomia.service.journal_pdf import journal_pdf
    from isonomia.service.keyring import KeyFile, Keyring, Signer, new_key_file
    from isonomia.service.member_export import ExportCheck, ProvedPart, verify_export_file
    from isonomia.service.node import Node, NodeReport, follow
    from isonomia.service.node_copy import (
        ALARM_EXIT,
        NodeAlarmed,
        NodeStatus,
        node_checkpoint,
        node_export,
        node_status,
    )
    from isonomia.service.pins import (
        held_log_key,
        held_witness_keys,
        witness_verifier_keys,
    )
    from isonomia.service.pipeline import CALENDAR, Recorded, recorded_at
    from isonomia.service.principals import authority_for
    from isonomia.service.provisioning import founding_decisions, own_key, provide_key
    from isonomia.service.queries import (
        ActDetail,
        ActRow,
        AppealRow,
        CompetenceRow,
        ComplianceRow,
        DepartmentRow,
        KeyRow,
        LanguageGap,
        MemberActStatus,
        MemberRow,
        OfficeHolderRow,
        OrganRow,
        PresidencyRow,
        PresidingRow,
        SanctionRow,
        SessionRow,
    )
    from isonomia.service.readers import viewer_of_key
    from isonomia.service.recording import Service
    from isonomia.service.remote_signing import (
        Prepared,
        prepare,
    )
    from isonomia.service.resources import EXAMPLES, example_charter
    from isonomia.service.snapshot_audit import SNAPSHOT_DIFFERS
    from isonomia.service.translation import SHIPPED, Translator, negotiate, translator
    from isonomia.service.transparency import Head, Transparency, log_verifier_keys
    from isonomia.service.verification import RecordReport, verify_record
    from isonomia.service.wiring import bootstrap
    from isonomia.service.witnessing import (
        member_statement,
        receive_cosignature,
        received_cosignatures,
    )

__all__ = [
    "ALARM_EXIT",
    "CALENDAR",
    "COMMAND_TYPES",
    "EXAMPLES",
    "EXPORT_FORMAT",
    "INPUT_ERRORS",
    "ROLES",
    "SESSION_LIFETIME",
    "SHIPPED",
    "SIGNING_ROLES",
    "SNAPSHOT_DIFFERS",
    "Account",
    "Accounts",
    "ActDetail",
    "ActRow",
    "AdoptCharter",
    "AdoptLanguageRules",
    "AppealRow",
    "AppointDelegate",
    "AppointOfficial",
    "AppointRepresentative",
    "Appointment",
    "AssignStaff",
    "BadRequest",
    "BallotSecret",
    "BindResolution",
    "Candidate",
    "CastVote",
    "CertifyVersion",
    "Challenge",
    "Charter",
    "CharterRejected",
    "CheckpointTimer",
    "Command",
    "CompetenceRow",
    "ComplianceRow",
    "ConsentToDepartment",
    "ConveneSession",
    "CountVotes",
    "DecideAccession",
    "DecideSecession",
    "DemoAccount",
    "DepartmentRow",
    "DesignateCertifier",
    "DraftMotion",
    "EnvelopeError",
    "ExportCheck",
    "ExportRefused",
    "Federation",
    "FederationState",
    "FileAppeal",
    "FileOriginal",
    "Forbidden",
    "FoundUnion",
    "FoundingDecision",
    "GiveInstructions",
    "Head",
    "KeyFile",
    "KeyRow",
    "Keyring",
    "LanguageGap",
    "MemberActStatus",
    "MemberRow",
    "Node",
    "NodeAlarmed",
    "NodeReport",
    "NodeStatus",
    "NotInitialized",
    "ObstructSecession",
    "OfficeHolderRow",
    "OrganRow",
    "Prepared",
    "PresidencyRow",
    "PresidingRow",
    "ProposeAdmission",
    "ProposeAmendment",
    "ProposeDepartment",
    "ProvedPart",
    "PublishAct",
    "RecallDelegate",
    "RecordReport",
    "Recorded",
    "Refused",
    "RegisterKey",
    "RemoveOfficial",
    "ReportCompliance",
    "RequestInstructions",
    "RevokeKey",
    "Ruling",
    "SanctionRow",
    "SendCorrespondence",
    "Service",
    "ServiceError",
    "SessionRow",
    "SetCompetence",
    "Settle",
    "Signer",
    "SubmitVersion",
    "TableMotion",
    "TooManyAttempts",
    "Translator",
    "Transparency",
    "Unauthenticated",
    "Unavailable",
    "Unfit",
    "WaiveVersions",
    "WithdrawSecession",
    "accounts_file",
    "actors",
    "add_demo_accounts",
    "at_day",
    "authority_for",
    "ballot_commitment",
    "ballot_secret_path",
    "bootstrap",
    "check_secret_choices",
    "draw_commitment",
    "example_charter",
    "fit",
    "follow",
    "founding_decisions",
    "held_log_key",
    "held_witness_keys",
    "journal_feed",
    "journal_pdf",
    "keeping_ballot_secret",
    "log_verifier_keys",
    "make",
    "member_statement",
    "negotiate",
    "new_command_id",
    "new_key_file",
    "node_checkpoint",
    "node_export",
    "node_status",
    "notices",
    "now",
    "own_key",
    "parse_day",
    "prepare",
    "provide_key",
    "queries",
    "read_ballot_secret",
    "read_demo_accounts",
    "read_envelope",
    "receive_cosignature",
    "received_cosignatures",
    "recorded_at",
    "refuse_unfit",
    "sealing",
    "translator",
    "unavailable",
    "unfit",
    "unfit_in",
    "verify_export_file",
    "verify_record",
    "viewer_of_key",
    "witness_verifier_keys",
    "write_envelope",
]

# each name is imported on first use, from the module named above (see facade)
__getattr__, __dir__ = lazy_exports(__name__)
