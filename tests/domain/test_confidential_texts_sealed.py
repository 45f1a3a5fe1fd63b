"""Which case entries a member's council may read whole (P17, P18): only those whose every
confidential text is a sealed text of its own field (`confidential_texts_sealed`), in the
event or in the signed command's envelope; a clear text in any one field, a text sealed as
another field, a malformed sealed text or an entry of an unexpected form keeps it sealed."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from isonomia.domain.sealing import (
    SEALED_EVENT_FIELDS,
    SEALED_FIELDS,
    confidential_texts_sealed,
    sealed_field,
    upheld_recusal,
)


def sealed(field: str, body: bytes = bytes(range(40))) -> str:
    """A sealed text of `field` as the record keeps it (a nonce, a ciphertext and a tag)."""
    return f"sealed:v1:{field}:{base64.b64encode(body).decode()}"


def envelope(command_type: str, **command: Any) -> dict[str, Any]:
    """A `CommandSigned` payload of `command_type`, as the ledger keeps it."""
    return {"command_type": command_type, "command": {"case": "case-1", **command}}


RECUSED_BY_MEMBERSHIP = ["person:insp-rsfsr-1", "member of rsfsr, the accused's member"]
CLEAR_GROUNDS = upheld_recusal("challenge-1", "person:kabakhidze", "he is the accused's friend")
SEALED_GROUNDS = upheld_recusal("challenge-1", "person:kabakhidze", sealed("grounds"))

#: (event type, payload, whether a council reads it whole).
TABLE: list[tuple[str, Any, bool]] = [
    ("ComplaintFiled", {"case": "case-1", "summary": sealed("summary")}, True),
    ("ComplaintFiled", {"case": "case-1", "summary": "struck the delegate"}, False),
    ("ComplaintFiled", {"case": "case-1", "summary": sealed("text")}, False),  # another field's
    ("ComplaintFiled", {"case": "case-1", "summary": "sealed:v1:summary:c2hvcnQ="}, False),
    ("ComplaintFiled", {"case": "case-1"}, False),  # the text missing
    ("ComplaintFiled", None, False),
    ("EvidenceAdded", {"case": "case-1", "filename": sealed("filename")}, True),
    ("EvidenceAdded", {"case": "case-1", "filename": "photo.jpg"}, False),
    ("FindingsProposed", {"text": sealed("text"), "sanction": "reprimand"}, True),
    ("FindingsProposed", {"text": "he struck him", "sanction": "reprimand"}, False),
    ("CaseReopened", {"reason": "new witnesses"}, False),
    ("CommissionerChallenged", {"grounds": sealed("grounds")}, True),
    ("CommissionerChallenged", {"grounds": "a friend of the accused"}, False),
    ("DefenderNamed", {"case": "case-1", "defender": "okudzhava"}, True),  # holds no text
    ("CaseKeyGranted", {"case": "case-1", "keys": [["inspection", "ab", "cd"]]}, True),
    ("CommissionDrawn", {"case": "case-1", "recused": [RECUSED_BY_MEMBERSHIP]}, True),
    ("CommissionDrawn", {"recused": [RECUSED_BY_MEMBERSHIP, ["x", SEALED_GROUNDS]]}, True),
    ("CommissionDrawn", {"recused": [RECUSED_BY_MEMBERSHIP, ["x", CLEAR_GROUNDS]]}, False),
    ("CommissionDrawn", {"case": "case-1"}, False),  # not the form it has
    ("CommandSigned", envelope("FileComplaint", summary=sealed("summary"), keys=["k"]), True),
    ("CommandSigned", envelope("FileComplaint", summary="struck the delegate"), False),
    ("CommandSigned", envelope("AddEvidence", filename="photo.jpg", sha256="00"), False),
    ("CommandSigned", envelope("AddEvidence", filename=sealed("filename")), True),
    ("CommandSigned", envelope("ReopenCase", reason=sealed("summary")), False),
    ("CommandSigned", envelope("DrawCommission"), True),  # its command holds no text
    ("CommandSigned", envelope("GrantCaseKey", keys=["inspection=ab:cd"]), True),
    ("CommandSigned", {"command_type": "FileComplaint"}, False),  # no command in it
    ("CommandSigned", {"command_type": "FileComplaint", "command": "summary"}, False),
]


@pytest.mark.parametrize(("event_type", "payload", "whole"), TABLE)
def test_p17_a_council_reads_a_case_entry_whole_only_when_its_texts_are_all_sealed(
    event_type: str, payload: Any, whole: bool
) -> None:
    assert confidential_texts_sealed(event_type, payload) is whole


FIELDS = [(e, f) for e, fields in SEALED_EVENT_FIELDS.items() for f in fields]
COMMAND_FIELDS = [(c, f) for c, fields in SEALED_FIELDS.items() for f in fields]


@given(where=st.sampled_from(FIELDS), text=st.text(max_size=80))
def test_p17_any_text_that_is_not_sealed_as_its_field_keeps_an_event_sealed(
    where: tuple[str, str], text: str
) -> None:
    event_type, field = where
    expected = sealed_field(text) == field
    assert confidential_texts_sealed(event_type, {"case": "c", field: text}) is expected


@given(
    where=st.sampled_from(COMMAND_FIELDS),
    text=st.text(max_size=80),
    body=st.binary(min_size=28, max_size=60),
)
def test_p17_a_signed_command_is_read_whole_only_with_its_text_sealed_as_its_field(
    where: tuple[str, str], text: str, body: bytes
) -> None:
    command_type, field = where
    clear = envelope(command_type, **{field: text})
    assert confidential_texts_sealed("CommandSigned", clear) is (sealed_field(text) == field)
    assert confidential_texts_sealed(
        "CommandSigned", envelope(command_type, **{field: sealed(field, body)})
    )


def test_p17_every_event_text_a_sealed_command_carries_is_checked() -> None:
    """The fields checked in events are those the commands seal (none forgotten)."""
    assert {f for fields in SEALED_EVENT_FIELDS.values() for f in fields} == {
        f for fields in SEALED_FIELDS.values() for f in fields
    }
