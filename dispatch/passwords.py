"""Operator passwords, hashed with scrypt (memory-hard, in the standard library).

A hash is stored self-describing, "scrypt$N$r$p$salt$key" (base64), so the
cost can rise later without breaking the passwords already set: a password
that verifies against an older cost is simply re-hashed at its next sign-in
(`needs_rehash`).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os

from dispatch.errors import InvalidInput

# N=2**14, r=8: 16 MiB and some 40 ms per try on a desk PC; a stolen
# database costs an attacker as much per guess. OWASP's scrypt floor is
# N=2**17 with r=8 for servers; a desk signs in a few times a shift, but
# the window's sign-in and the CLI must stay quick on old hardware.
COST_N, COST_R, COST_P = 2 ** 14, 8, 1
KEY_BYTES, SALT_BYTES = 32, 16
MIN_LENGTH = 8
MAX_LENGTH = 256  # scrypt hashes any length; a megabyte "password" is an attack


def check_acceptable(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise InvalidInput(f"a password needs at least {MIN_LENGTH} characters",
                           code="password.too_short", minimum=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise InvalidInput(f"a password may have at most {MAX_LENGTH} characters",
                           code="password.too_long", maximum=MAX_LENGTH)
    if password.strip() != password or not password.strip():
        raise InvalidInput("a password may not begin or end with a space",
                           code="password.spaces")


def hash_password(password: str) -> str:
    check_acceptable(password)
    salt = os.urandom(SALT_BYTES)
    key = _derive(password, salt, COST_N, COST_R, COST_P)
    return "$".join(["scrypt", str(COST_N), str(COST_R), str(COST_P),
                     _b64(salt), _b64(key)])


def verify_password(password: str, stored: str | None) -> bool:
    """True when `password` matches; False for anything else, a missing or
    malformed hash included (never an exception an attacker could time)."""
    if not stored or len(password) > MAX_LENGTH:
        return False
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(key)
        actual = _derive(password, base64.b64decode(salt), int(n), int(r), int(p),
                         len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def needs_rehash(stored: str) -> bool:
    try:
        _, n, r, p, _, _ = stored.split("$")
        return (int(n), int(r), int(p)) != (COST_N, COST_R, COST_P)
    except ValueError:
        return True


def _derive(password: str, salt: bytes, n: int, r: int, p: int,
            length: int = KEY_BYTES) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * 1024 * 1024, dklen=length)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
