"""URL-safe base64 without padding: how bytes travel in tokens, QR codes and envelopes.

Decoding is strict: only the URL-safe alphabet, and only the one canonical spelling of each byte
string (the unused low bits of the last character must be zero), so two different texts never
stand for the same signed bytes.
"""

from __future__ import annotations

import base64
import re

__all__ = ["b64decode", "b64encode"]

_ALPHABET = re.compile(r"[A-Za-z0-9_-]*")


def b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64decode(text: str) -> bytes:
    """The bytes of `text`; ValueError if it is not canonical URL-safe unpadded base64."""
    if not _ALPHABET.fullmatch(text) or len(text) % 4 == 1:
        raise ValueError("not URL-safe base64")
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if b64encode(data) != text:
        raise ValueError("not canonical base64")
    return data
