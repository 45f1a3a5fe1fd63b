"""The product hashes web passwords at argon2id's recommended cost (the tests use less)."""

from __future__ import annotations

from password_cost import PRODUCT_HASHER


def test_passwords_are_hashed_with_argon2id_at_its_recommended_cost() -> None:
    stored = PRODUCT_HASHER().hash("correct horse battery staple")
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert PRODUCT_HASHER().verify(stored, "correct horse battery staple")
