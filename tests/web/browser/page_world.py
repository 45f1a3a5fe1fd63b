"""The union the browser tests act in: the 1922 union with its delegates seated, the
Council of Labour and Defence's published tariff decision (appealable), and a second motion
tabled at its session (open to the vote); accounts with passwords for the people who sign
in, whose device keys the test registers as their councils would, and which then act for
them once the device's key proves it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from builders import example_1922, found, union_1922
from isonomia.cli.demo.acts import delegations, tariff_decision
from isonomia.cli.demo.support import Story
from isonomia.service import (
    Accounts,
    DraftMotion,
    Federation,
    Keyring,
    RegisterKey,
    TableMotion,
    at_day,
    make,
    new_command_id,
)

PASSWORD = "correct horse battery staple"
STO_DAY = date(1923, 1, 10)
#: Who signs in, as (account, principal, role).
PEOPLE = {
    "delegate": ("georgia-sto", "person:georgia-sto", "delegate"),
    "council": ("georgia-council", "council:georgia", "council-secretary"),
    "congress": ("georgia-congress", "congress:georgia", "executive"),
}
#: Who registers each principal's key (`rules.who.registrar`).
REGISTRAR = {
    "person:georgia-sto": ("council:georgia", "georgia"),
    "council:georgia": ("congress:georgia", None),
    "congress:georgia": ("congress:georgia", None),
}


def _do(federation: Federation, cls: type, actor: str, **fields: object) -> None:
    federation.execute(
        make(cls, command_id=new_command_id(), actor=actor, at=at_day(STO_DAY), **fields)
    )


def build_union(folder: Path, keyring: Keyring) -> Federation:
    """The union on a SQLite file in `folder`, its keys in `keyring`."""
    federation = Federation(f"sqlite:///{folder / 'union.db'}", signer=keyring)
    federation.initialize(example_1922(), clock="simulated", at=at_day(date(1922, 12, 30)))
    federation.execute(found(union_1922(), signed_in=federation))
    story = Story(federation, folder)
    for episode in (delegations, tariff_decision):
        for _ in episode(story):
            pass
    _do(
        federation,
        DraftMotion,
        "secretariat",
        motion="sto-timber",
        organ="sto",
        title="Timber quotas for the Karelian forests",
        text="Timber quotas are set by the Council of Labour and Defence each quarter.",
        field="railways",
        kind="decision",
        force="mandatory",
    )
    _do(federation, TableMotion, "secretariat", motion="sto-timber", session="sto-1923-01-10")
    accounts = Accounts(federation)
    for name, _principal, role in PEOPLE.values():
        accounts.add(name, role, PASSWORD)  # acting for nobody until its device's key proves
    return federation


def register_device_key(federation: Federation, principal: str, public_key: str) -> None:
    """The body that answers for `principal` registers the key its device made."""
    registrar, member = REGISTRAR[principal]
    _do(
        federation,
        RegisterKey,
        registrar,
        principal=principal,
        public_key=public_key,
        for_member=member,
    )
