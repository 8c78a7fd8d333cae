"""Canonical JSON: the exact bytes a certificate signature covers.

`canonical_json(value)` is `json.dumps` with sorted keys, no spaces, no ASCII escaping, encoded
as UTF-8. For it to give the same bytes on every computer the values are restricted to what JSON
represents exactly: objects with string keys, arrays, strings, whole numbers, booleans and null.
Floating-point numbers are refused (a score is a whole percent, times are whole minutes), as are
strings with lone surrogates (they cannot be encoded as UTF-8).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["CanonicalError", "canonical_json", "check_canonical_value"]


class CanonicalError(ValueError):
    """A value that has no canonical JSON form."""


def check_canonical_value(value: Any, where: str = "record") -> None:
    """Raise CanonicalError if `value` holds anything but JSON objects, arrays, strings, whole
    numbers, booleans and null."""
    if value is None or isinstance(value, bool | int):
        return
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise CanonicalError(f"{where}: text that cannot be written as UTF-8") from exc
        return
    if isinstance(value, float):
        raise CanonicalError(f"{where}: {value!r} is not a whole number")
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                raise CanonicalError(f"{where}: the key {key!r} is not text")
            check_canonical_value(item, f"{where}.{key}")
        return
    if isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        for index, item in enumerate(value):
            check_canonical_value(item, f"{where}[{index}]")
        return
    raise CanonicalError(f"{where}: {type(value).__name__} values cannot be signed")


def canonical_json(value: Any) -> bytes:
    """The canonical UTF-8 JSON bytes of `value` (see the module docstring)."""
    check_canonical_value(value)
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")
