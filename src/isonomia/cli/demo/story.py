"""The worked example as a story: the 1922 union from its founding to a secession, told as
an ordered list of episodes, each a small function that runs commands through the same
pipeline as every other command and yields the steps an interface prints.

Dates follow the historical congresses of 1922 and the accession of 1925; the secession of
Georgia in 1926 is this example's hypothesis, there to show P3 at work. To change the story,
change `EPISODES`: each episode plays on what the ones before it recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from isonomia.cli.demo import (
    acts,
    amendments,
    budget,
    delegations,
    elections,
    fields,
    inspection,
    journal,
    languages,
    membership,
    offices,
    procedure,
    removal,
    secession,
    secret_ballot,
    signatures,
    web_vote,
)
from isonomia.cli.demo.support import Episode, Step, Story
from isonomia.service import Federation

__all__ = ["EPISODES", "play"]

EPISODES: list[Episode] = [
    Episode("The charter adopted as the record's first entry", membership.adoption),
    Episode("Founding by formal unification; the presidency (P1, P5)", membership.founding),
    Episode("Who holds power under the charter (P12, P13)", membership.power_audit),
    Episode("Delegations to the union organs (P4)", acts.delegations),
    Episode("The presidency presides (P5)", procedure.presidency_presides),
    Episode("An executive decision on railway tariffs", acts.tariff_decision),
    Episode(
        "The official journal; a reminder before a window closes (P8, P14)",
        journal.journal_and_reminder,
    ),
    Episode("An appeal that leaves the decision in force (P6)", acts.tariff_appeal),
    Episode("The ruling on the appeal amends the decision (P5, P6)", acts.appeal_ruling),
    Episode("A conditional directive and an urgent case (P8)", acts.conditional_directive),
    Episode("The urgent case reviewed (P8)", acts.urgent_review),
    Episode("Amendments of a voting rule circulated (P10, P13)", amendments.amendments_circulated),
    Episode("A joint department by consent of every council (P7)", fields.joint_department),
    Episode("The department made operational (P7)", fields.operational_department),
    Episode("Culture stays with the members (P11)", fields.culture_stays_with_members),
    Episode("A conference resolution stays advisory (P9)", fields.conference_stays_advisory),
    Episode("An amendment adopted, one refused (P10, P12)", amendments.amendment_adopted),
    Episode("The 1923 budget proposed, each share shown (P4, P12)", budget.budget_proposed),
    Episode("The budget adopted; contributions; equalisation (P4, P12)", budget.budget_adopted),
    Episode("Uzbekistan decides to join on its own terms (P2)", membership.accession_decided),
    Episode("The delegations vote on the admission (P2, P4, P5)", membership.admission_vote),
    Episode("The joint department in the new member (P7)", membership.narkomput_in_uzbekistan),
    Episode("Members write their own language rules (P14)", languages.own_rules),
    Episode("An act in force member by member, by versions (P14)", languages.act_in_versions),
    Episode("Staff without the member's language (P14)", languages.staff_without_ukrainian),
    Episode("A version certified later (P14)", languages.georgian_version),
    Episode("A letter without the member's language (P14)", languages.letter_in_russian),
    Episode("Offices up to the charter's limit (P15)", offices.up_to_the_limit),
    Episode("The report of concentration (P15)", offices.concentration_report),
    Episode("A draft sent to every member before the vote (P4)", procedure.draft_circulated),
    Episode("A vote before the notice has run (P4)", procedure.vote_too_early),
    Episode("A vote delayed at a concerned member's request (P12)", procedure.postponed),
    Episode("A national question vetoed (P12)", procedure.national_question_vetoed),
    Episode("An act outside a member's terms of accession (P2)", membership.terms_bind),
    Episode("The inspection staffed by the members' councils (P16)", inspection.staffed),
    Episode("A complaint; the parties commit to the lot (P17)", inspection.complaint),
    Episode("The values revealed; a commission drawn by lot (P17)", inspection.drawn),
    Episode("A party challenges a commissioner (P17)", inspection.challenged),
    Episode("Pressure on the complainant and the case, refused (P16, P17)", inspection.pressure),
    Episode("Findings that reject provocation (P17)", inspection.findings),
    Episode("The removed official's vote refused (P17)", removal.vote_refused),
    Episode("No office during the removal's bar (P17)", removal.reappointment_refused),
    Episode("The case reopened and completed (P17)", inspection.reopened),
    Episode("The union council calls an election to the inspection (P4)", elections.called),
    Episode("The inspection's college elected by STV, one per member (P4, P15)", elections.counted),
    Episode("A secret ballot: commitments in the period (P4)", secret_ballot.committed),
    Episode("A secret ballot: the reveals after it (P4)", secret_ballot.revealed),
    Episode("A secret ballot: the count of the revealed ballots (P4)", secret_ballot.counted),
    Episode("Seats in the joint conference by the census (P4, P12)", delegations.seats),
    Episode("A proxy within a delegation, none across members (P4)", delegations.proxies),
    Episode("A delegation of several splits its vote (P4, P12)", delegations.split_vote),
    Episode("Forged signatures (P3, P18)", signatures.forgeries),
    Episode("A delegate voting for another member (P4)", signatures.wrong_delegate),
    Episode("A backdated act in a live union (P18)", signatures.backdated_in_a_live_union),
    Episode("A secession signed at home (P3)", secession.signed_at_home),
    Episode("A secession no union organ can stop (P3)", secession.secession_decided),
    Episode("The secession takes effect by itself (P3, P5)", secession.secession_takes_effect),
    Episode("A checkpoint co-signed by the remaining councils", secession.checkpoint_cosigned),
    Episode("The member's export, verified offline (P3, P18)", secession.georgia_export),
    Episode("A vote left open for the web pages (P4, P18)", web_vote.open_ballot),
    Episode("The whole ledger re-derived from signed commands (P18)", secession.ledger_verified),
]


def play(federation: Federation, folder: Path) -> Iterator[Step]:
    """Play every episode, in order, on an empty union; `folder` receives the story's files
    (the signed secession, the witnessed checkpoints, Georgia's export)."""
    story = Story(federation, folder)
    for episode in EPISODES:
        yield from episode.play(story)
