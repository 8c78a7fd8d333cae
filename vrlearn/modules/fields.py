"""Typed reading of manifest fields: each reader records a Problem instead of raising."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from vrlearn.modules.model import Problem
from vrlearn.modules.toml_lines import FieldLines

_TYPE_NAMES = {str: "text", int: "a whole number", bool: "true or false", list: "a list"}


class FieldReader:
    """Reads fields out of parsed TOML and collects every problem with its line."""

    def __init__(self, path: Path, lines: FieldLines) -> None:
        self.path = path
        self.lines = lines
        self.problems: list[Problem] = []

    def report(self, field: str, message: str, line: int | None = None) -> None:
        number = line if line is not None else self.lines.line_of(field)
        self.problems.append(Problem(self.path, number, field, message))

    def unknown_keys(self, table: Mapping[str, Any], allowed: set[str], prefix: str) -> None:
        for key in table:
            if key not in allowed:
                field = f"{prefix}.{key}" if prefix else key
                self.report(field, f"unknown field (allowed: {', '.join(sorted(allowed))})")

    def text(
        self,
        table: Mapping[str, Any],
        key: str,
        prefix: str,
        *,
        required: bool = True,
        max_length: int = 500,
        pattern: re.Pattern[str] | None = None,
        pattern_help: str = "",
    ) -> str:
        field = f"{prefix}.{key}" if prefix else key
        if key not in table:
            if required:
                self.report(field, "missing (required)")
            return ""
        value = table[key]
        if not isinstance(value, str):
            self.report(field, f"must be text, not {_describe(value)}")
            return ""
        value = value.strip()
        if required and not value:
            self.report(field, "must not be empty")
        elif len(value) > max_length:
            self.report(field, f"is {len(value)} characters long; at most {max_length} allowed")
        elif pattern is not None and value and not pattern.fullmatch(value):
            self.report(field, f"{value!r} is not valid: {pattern_help}")
        return value

    def integer(self, table: Mapping[str, Any], key: str, prefix: str, low: int, high: int) -> int:
        field = f"{prefix}.{key}" if prefix else key
        if key not in table:
            self.report(field, "missing (required)")
            return low
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.report(field, f"must be a whole number, not {_describe(value)}")
            return low
        if not low <= value <= high:
            self.report(field, f"{value} is out of range ({low}-{high})")
        return value

    def flag(self, table: Mapping[str, Any], key: str, prefix: str, default: bool) -> bool:
        if key not in table:
            return default
        value = table[key]
        if not isinstance(value, bool):
            field = f"{prefix}.{key}" if prefix else key
            self.report(field, f"must be true or false, not {_describe(value)}")
            return default
        return value

    def text_list(
        self, table: Mapping[str, Any], key: str, prefix: str, *, min_items: int = 1
    ) -> tuple[str, ...]:
        field = f"{prefix}.{key}" if prefix else key
        value = table.get(key)
        if value is None:
            self.report(field, "missing (required)")
            return ()
        if not isinstance(value, list):
            self.report(field, f"must be a list of text, not {_describe(value)}")
            return ()
        texts: list[str] = []
        for index, entry in enumerate(value):
            if not isinstance(entry, str) or not entry.strip():
                self.report(f"{field}[{index}]", "must be non-empty text")
            else:
                texts.append(entry.strip())
        if len(value) < min_items:
            self.report(field, f"needs at least {min_items} entry")
        return tuple(texts)

    def tables(
        self, table: Mapping[str, Any], key: str, prefix: str, *, min_items: int = 1
    ) -> list[tuple[str, dict[str, Any]]]:
        """An array of tables, as (field path, table) pairs."""
        field = f"{prefix}.{key}" if prefix else key
        value = table.get(key)
        if value is None:
            if min_items:
                self.report(field, "missing (required)")
            return []
        if not isinstance(value, list):
            self.report(field, f"must be a list of tables ([[{key}]]), not {_describe(value)}")
            return []
        found: list[tuple[str, dict[str, Any]]] = []
        for index, entry in enumerate(value):
            if isinstance(entry, dict):
                found.append((f"{field}[{index}]", entry))
            else:
                self.report(f"{field}[{index}]", f"must be a table, not {_describe(entry)}")
        if len(value) < min_items:
            self.report(field, f"needs at least {min_items} entry")
        return found


def _describe(value: Any) -> str:
    for kind, name in _TYPE_NAMES.items():
        if type(value) is kind:
            return name
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, float):
        return "a decimal number"
    return type(value).__name__
