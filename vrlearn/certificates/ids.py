"""Certificate ids: 80 random bits, written for people as `VRL-7K3M-9Q2X-PT4D-H8WE`.

Sixteen characters of Crockford's base32 (digits and capital letters without I, L, O and U) give
5 bits each, so 80 bits from the operating system's random source. Crockford's alphabet was
chosen because it survives being read aloud, typed, or copied from a printout: when an id is
looked up, lower case is accepted, I and L are read as 1, O as 0, and spaces and dashes are
ignored (`normalise_certificate_id`).
"""

from __future__ import annotations

import re
import secrets

__all__ = [
    "ALPHABET",
    "ID_BITS",
    "PREFIX",
    "is_certificate_id",
    "new_certificate_id",
    "normalise_certificate_id",
]

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
PREFIX = "VRL"
GROUPS = 4
GROUP_LENGTH = 4
ID_BITS = GROUPS * GROUP_LENGTH * 5  # 80

_ID_SHAPE = re.compile(rf"{PREFIX}(-[{ALPHABET}]{{{GROUP_LENGTH}}}){{{GROUPS}}}")
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0"})


def new_certificate_id() -> str:
    """A fresh random id such as `VRL-7K3M-9Q2X-PT4D-H8WE` (80 bits)."""
    number = secrets.randbits(ID_BITS)
    chars = []
    for _ in range(GROUPS * GROUP_LENGTH):
        chars.append(ALPHABET[number & 31])
        number >>= 5
    text = "".join(reversed(chars))
    groups = [text[i : i + GROUP_LENGTH] for i in range(0, len(text), GROUP_LENGTH)]
    return "-".join([PREFIX, *groups])


def is_certificate_id(text: str) -> bool:
    """True for an id exactly in the written form (`VRL-` and four groups of four)."""
    return _ID_SHAPE.fullmatch(text) is not None


def normalise_certificate_id(text: str) -> str | None:
    """The written form of an id typed or copied by a person, or None if it cannot be one.

    Case, spaces and dashes do not matter, the `VRL` prefix may be left out, and the letters
    I, L and O are read as the digits 1, 1 and 0.
    """
    compact = re.sub(r"[\s\-]+", "", text).upper()
    if compact.startswith(PREFIX):
        compact = compact[len(PREFIX) :]
    compact = compact.translate(_READ_AS)
    if len(compact) != GROUPS * GROUP_LENGTH or any(ch not in ALPHABET for ch in compact):
        return None
    groups = [compact[i : i + GROUP_LENGTH] for i in range(0, len(compact), GROUP_LENGTH)]
    return "-".join([PREFIX, *groups])
