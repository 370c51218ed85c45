"""Password hashing with argon2id (argon2-cffi's defaults: RFC 9106's low-memory profile).

A password exists only as the argument of these functions: never stored, logged or audited."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()
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
