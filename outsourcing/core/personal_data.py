"""Personal data at rest (WRK-2): encrypted with MultiFernet (AES-128-CBC + HMAC-SHA256, from `cryptography`),
searchable by exact value through a keyed hash (HMAC-SHA256), shown masked.

Keys come from settings: PERSONAL_DATA_KEYS (the first encrypts, every key decrypts, so a new key can be
put first and old values re-encrypted: `manage.py rotate_personal_data_keys`), PERSONAL_DATA_HASH_KEY
(never rotated casually: changing it breaks exact-match search until every hash is recomputed, which the
rotation command also does).
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("PERSONAL_DATA_KEYS must be set (Fernet keys, comma-separated).")
    return MultiFernet([Fernet(key.encode() if isinstance(key, str) else key) for key in keys])


def _keys() -> tuple[str, ...]:
    return tuple(settings.PERSONAL_DATA_KEYS)


def normalise(value: str) -> str:
    """What is encrypted and hashed: full-width characters folded, spaces dropped, letters upper-case."""
    return unicodedata.normalize("NFKC", value or "").replace(" ", "").strip().upper()


def encrypt(value: str) -> str:
    """The ciphertext (URL-safe text) of a normalised value; "" stays ""."""
    value = normalise(value)
    return _fernet(_keys()).encrypt(value.encode()).decode() if value else ""


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet(_keys()).decrypt(token.encode()).decode()
    except InvalidToken as exc:  # a value encrypted with a key no longer configured
        raise ImproperlyConfigured("A personal-data value cannot be decrypted with the configured keys.") from exc


def rotate(token: str) -> str:
    """Re-encrypt a value with the first (current) key."""
    return _fernet(_keys()).rotate(token.encode()).decode() if token else ""


def search_hash(value: str) -> str:
    """The keyed hash of a normalised value: equal values, equal hashes; nothing to reverse without the key."""
    value = normalise(value)
    if not value:
        return ""
    key = settings.PERSONAL_DATA_HASH_KEY
    if not key:
        raise ImproperlyConfigured("PERSONAL_DATA_HASH_KEY must be set.")
    return hmac.new(key.encode(), value.encode(), hashlib.sha256).hexdigest()


def mask(value: str, *, keep_start: int = 4, keep_end: int = 4) -> str:
    """1101**********1234: the first and last few characters, the rest hidden."""
    value = normalise(value)
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def mask_phone(value: str) -> str:
    """138****5678"""
    return mask(value, keep_start=3, keep_end=4)


def new_key() -> str:
    return Fernet.generate_key().decode()


def configuration_errors() -> list[str]:
    """What is wrong with the keys, for the system check that stops a server from starting without them."""
    problems = []
    if not settings.PERSONAL_DATA_KEYS:
        problems.append("PERSONAL_DATA_KEYS is not set (Fernet keys, comma-separated; the first encrypts).")
    for key in settings.PERSONAL_DATA_KEYS:
        try:
            Fernet(key.encode() if isinstance(key, str) else key)
        except (ValueError, TypeError):
            problems.append("A key in PERSONAL_DATA_KEYS is not a Fernet key (manage.py rotate_personal_data_keys "
                            "--new-key makes one).")  # fmt: skip
    if len(settings.PERSONAL_DATA_HASH_KEY or "") < 32:
        problems.append("PERSONAL_DATA_HASH_KEY must be set to a secret of at least 32 characters.")
    return problems
