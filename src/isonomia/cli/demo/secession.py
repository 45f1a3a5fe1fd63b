"""The story's episodes about secession (P3, P18): Georgia's congress signs its decision at
home and no union organ can stop or take it; the secession takes effect by itself at the
end of the notice period; the remaining councils co-sign a checkpoint of the log; Georgia's
export verifies offline against what it pinned, and the whole ledger re-derives from its
signed commands. Dates follow the historical congresses; the secession of 1926 is the
example's hypothesis, there to show P3 at work."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from functools import partial

from isonomia.cli.demo.support import Step, Story
from isonomia.service import (
    DecideSecession,
    ObstructSecession,
    Settle,
    Transparency,
    actors,
    at_day,
    held_log_key,
    held_witness_keys,
    make,
    new_command_id,
    provide_key,
    queries,
    read_envelope,
    verify_export_file,
    write_envelope,
)

DECIDED_ON = date(1926, 3, 1)
OBSTRUCTED_ON = date(1926, 3, 8)
EXPORT = "georgia-export.json"


def _leaves_on(story: Story) -> date:
    """Georgia's last day, which its decision and the charter's notice period fixed."""
    leaves_on = queries.leaves_on(story.federation, "georgia")
    assert leaves_on is not None
    return leaves_on


def signed_at_home(story: Story) -> Iterator[Step]:
    """Georgia's congress signs its decision at home; the secretariat only carries the file."""
    decision = make(
        DecideSecession,
        command_id=new_command_id(),
        actor=actors.congress("georgia"),
        at=at_day(DECIDED_ON),
        member="georgia",
        decided_on=DECIDED_ON,
    )
    path = story.folder / "georgia-secession.signed.json"
    write_envelope(path, story.federation.sign(decision, story.keyring))
    recorded = story.federation.submit(read_envelope(path))
    signed = next(e for e in recorded.entries if e.event_type == "CommandSigned")
    yield Step(
        "Georgia's congress signs its decision at home; the secretariat submits the file",
        [
            f"{path.name}: signed by {signed.payload['principal']} "
            f"with key {signed.payload['key_id']}",
            f"recorded as entries {recorded.entries[0].sequence}–{recorded.entries[-1].sequence}",
        ],
    )


def secession_decided(story: Story) -> Iterator[Step]:
    """Georgia has decided to secede, and no union organ can stop it or decide another
    member's secession for it (P3)."""
    notice = queries.charter(story.federation).secession.notice_days
    yield Step(
        f"Georgia's own congress decides to secede on {DECIDED_ON} (P3)",
        [f"the charter's notice period is {notice} days: it takes effect on {_leaves_on(story)}"],
    )
    council, day = actors.organ("union-council"), OBSTRUCTED_ON
    for action in ("block", "delay"):
        refused = story.refused(ObstructSecession, council, day, member="georgia", action=action)
        yield Step(f"The union council tries to {action} the secession", refused=refused)
    refused = story.refused(DecideSecession, council, day, member="armenia", decided_on=day)
    yield Step("The union council tries to decide Armenia's secession for it", refused=refused)


def secession_takes_effect(story: Story) -> Iterator[Step]:
    """At the end of the notice period the secession takes effect by itself (P3)."""
    leaves_on = _leaves_on(story)
    outcome = story.federation.execute(
        make(Settle, command_id=new_command_id(), actor=actors.SECRETARIAT, at=at_day(leaves_on))
    )
    yield Step(
        f"On {leaves_on} the secession takes effect by itself, at the end of the notice period",
        [f"ledger entry {e.sequence}: {e.event_type} (actor: {e.actor})" for e in outcome.entries],
        table="members",
        on=leaves_on,
    )
    yield Step("Georgia drops out of the rotation", table="presidency", on=leaves_on)


def checkpoint_cosigned(story: Story) -> Iterator[Step]:
    """The log signs the tree of every entry; each remaining member's council checks it
    extends what it saw and co-signs it (P18)."""
    federation, keyring, on = story.federation, story.keyring, _leaves_on(story)
    log = Transparency(federation)
    remaining = queries.members_on(story.federation, on)
    for member in remaining:
        if keyring.key_for(actors.council(member)) is None:
            provide_key(federation, keyring, actors.council(member), member, at_day(on))
    log.make_checkpoint(keyring)
    for member in remaining:
        key = keyring.key_for(actors.council(member))
        assert key is not None
        head = log.witness(key, story.folder / f"witness-{member}.json")
    yield Step(
        "The log signs a checkpoint of the ledger; every remaining member's council co-signs it",
        [f"checkpoint of {head.size} entries, root {head.root[:16]}…", *head.cosigners],
    )


def georgia_export(story: Story) -> Iterator[Step]:
    """Georgia's complete export verifies offline against the keys it pinned; without a pin
    it vouches only for itself, and an altered copy fails (P3, P18)."""
    federation, keyring, leaves_on = story.federation, story.keyring, _leaves_on(story)
    export = story.folder / EXPORT
    full = federation.export_member("georgia", export, at=at_day(leaves_on))
    # What Georgia pins, never what the export carries: the log's verifier key and the
    # remaining councils' witness keys, from the keys this example's bodies hold.
    councils = [actors.council(m) for m in queries.members_on(story.federation, leaves_on)]
    witnesses = story.folder / "witness-keys.txt"
    witnesses.write_text("\n".join(held_witness_keys(keyring, councils)) + "\n", encoding="utf-8")
    required = len(councils) // 2 + 1
    pinned = partial(
        verify_export_file,
        log_key=held_log_key(keyring, federation),
        witness_keys=witnesses,
        require_cosigners=required,
    )
    check = pinned(export)
    yield Step(
        "Georgia takes a complete, verifiable export of its records",
        [
            f"{export.name}: {full} entries in full, every other entry as a hash link",
            f"Georgia pins the log's verifier key and {len(councils)} councils' witness keys "
            f"({witnesses.name}); at least {required} must have co-signed",
            f"isonomia verify-export {export.name} --log-key VKEY --witness-keys "
            f"{witnesses.name} --require-cosigners {required}",
            f"verified offline, with no database: {check.report.describe()}",
            f"each full entry proved in the checkpoint of {check.size} entries, co-signed by "
            f"{', '.join(check.cosigners)}",
        ],
    )
    unpinned = verify_export_file(export)
    said = unpinned.report.describe()
    if unpinned.report.ok and not unpinned.anchored:
        said = "not anchored: the export vouches for itself (exit code 3)"
    yield Step("Checked against nothing Georgia pinned, the same file proves nothing", [said])
    tampered = story.folder / "georgia-export-tampered.json"
    doc = json.loads(export.read_text(encoding="utf-8"))
    for entry in doc["entries"]:
        if entry.get("event_type") == "SecessionDecided":
            entry["payload"]["effective_on"] = "1927-01-01"
            break
    tampered.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    bad = pinned(tampered)
    yield Step(
        "A copy whose secession date was altered is rejected",
        [f"{tampered.name}: {bad.report.describe()}"],
    )


def ledger_verified(story: Story) -> Iterator[Step]:
    """`ledger verify`: every entry re-derived from a signed command (P18)."""
    yield Step(
        "The whole ledger verifies, every entry re-derived from a signed command",
        story.verified_lines(),
    )
