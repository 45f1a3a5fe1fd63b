"""Who a reader proves to be (P17, P18): the principal of a key the register knows.

Authentication, as the rules decide it: a key proves its principal only while registered and
unrevoked, and a person's key only when the council of the person's home registered it
(`rules.capacity.proves_in_own_name`). It reads the record's state, as the rules do, and not
the read tables: who a key proves is the rules' answer, not a published fact.
"""

from __future__ import annotations

from pathlib import Path

from isonomia.domain.refusal import N_
from isonomia.rules.capacity import proves_in_own_name
from isonomia.service.errors import BadRequest
from isonomia.service.federation import Federation
from isonomia.service.keyring import KeyFile
from isonomia.service.queries.inspection import PUBLIC

__all__ = ["viewer_of_key"]


def viewer_of_key(federation: Federation, key_file: str | Path | None) -> str:
    """The principal whose registered, unrevoked key is in `key_file`; ``public`` without
    one. A key the register does not know proves nothing and is refused."""
    if key_file is None:
        return PUBLIC

    key_id = KeyFile(key_file).key_id
    state = federation.state()
    record = state.keys.get(key_id)
    if record is None or not record.valid():
        raise BadRequest.of(
            N_("key {key_id} is not in the key register: it proves no reader"), key_id=key_id
        )
    if not proves_in_own_name(state, record):
        raise BadRequest.of(
            N_(
                "key {key_id} was registered by {member}'s council for {principal}, who answers "
                "to another member: it proves no reader (P4)"
            ),
            key_id=key_id,
            member=record.for_member,
            principal=record.principal,
        )
    return record.principal
