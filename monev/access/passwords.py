"""Password hashing with argon2id, at OWASP's recommended parameters (Password Storage Cheat
Sheet: m = 19 MiB, t = 2, p = 1).

argon2-cffi's defaults (RFC 9106's low-memory profile: 64 MiB, t = 3, p = 4) cost this 2-core
server ~0,2 s of CPU and 64 MiB per sign-in: a Rakor room of 50 signing in together would spend
10 s of CPU and 3,2 GB on hashing alone. OWASP's parameters: ~0,04 s and 19 MiB each. Hashes made
with other parameters are verified as they are and re-hashed at the next sign-in (needs_rehash).

A password exists only as the argument of these functions: never stored, logged or audited."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

OWASP = {"memory_cost": 19 * 1024, "time_cost": 2, "parallelism": 1}  # KiB, passes, lanes
_hasher = PasswordHasher(**OWASP)
# verified against when the name is unknown, so an unknown name costs as long as a wrong password
_DUMMY_HASH = _hasher.hash("monev-tidak-ada-pengguna-ini")

MIN_LENGTH = 10


class WeakPassword(ValueError):
    pass


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"Kata sandi minimal {MIN_LENGTH} karakter.")
    if password.strip() != password:
        raise WeakPassword("Kata sandi tidak boleh diawali atau diakhiri spasi.")


def hash_password(password: str, *, check: bool = True) -> str:
    """The argon2id hash; `check=False` only to re-hash a password already accepted at sign-in."""
    if check:
        check_strength(password)
    return _hasher.hash(password)


def verify(password_hash: str | None, password: str) -> bool:
    """True when `password` matches; False for a mismatch, a missing or a malformed hash."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
