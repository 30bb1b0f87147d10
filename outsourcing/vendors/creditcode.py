"""The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters with a check character.

Characters come from 0-9 and the capital letters except I, O, Z, S, V; the 18th is computed from the
first 17 with weights 3^i mod 31.
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    total = sum(ALPHABET.index(ch) * weight for ch, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalise(code: str) -> str:
    return (code or "").strip().upper()


def is_valid(code: str) -> bool:
    code = normalise(code)
    if len(code) != 18 or any(ch not in ALPHABET for ch in code):
        return False
    return check_character(code[:17]) == code[17]


def with_check_character(first17: str) -> str:
    """Complete 17 characters into a valid code (used by demo data and tests)."""
    return first17 + check_character(first17)
