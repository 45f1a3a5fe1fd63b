"""Passwords hashed at argon2's smallest cost in the tests' own process.

At the cost the product uses (argon2id, 64 MiB, three passes) a hash or a check takes a
quarter of a second on a 2-core machine, and the tests make and check several hundred (every
sign-in, every web account the demo makes). A stored hash carries its parameters, so a check
follows whatever made the hash. Servers the tests start as processes keep the real cost, and
`PRODUCT_HASHER` is kept for the test that holds the product to it.
"""

from __future__ import annotations

from argon2 import PasswordHasher

from isonomia.service import login_throttle

PRODUCT_HASHER = login_throttle._hasher


def _cheapest() -> PasswordHasher:
    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def hash_cheaply() -> None:
    login_throttle._hasher = _cheapest
