"""Find the line of a field in a TOML file, so problems can be reported as `path:line: field`.

`tomllib` gives values but no positions. Module manifests are written as plain tables and arrays of
tables, so a line scan that tracks the current table (with array indices) finds almost every key;
anything it cannot place falls back to the nearest enclosing table, or line 1.
"""

from __future__ import annotations

import re

_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+(?:\s*\.\s*[A-Za-z0-9_-]+)*)\s*=""")
_ARRAY_TABLE = re.compile(r"^\s*\[\[\s*([^\]]+?)\s*\]\]")
_TABLE = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]")
_TOML_ERROR_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


def _clean(part: str) -> str:
    return part.strip().strip("\"'")


class FieldLines:
    """Maps field paths such as `lessons[1].items[0].file` to 1-based line numbers."""

    def __init__(self, text: str) -> None:
        self._lines: dict[str, int] = {}
        counters: dict[str, int] = {}
        current = ""
        for number, raw in enumerate(text.splitlines(), start=1):
            if match := _ARRAY_TABLE.match(raw):
                current = self._array_table_path(match.group(1), counters)
                self._lines.setdefault(current, number)
            elif match := _TABLE.match(raw):
                current = ".".join(_clean(p) for p in match.group(1).split("."))
                self._lines.setdefault(current, number)
            elif match := _KEY.match(raw):
                key = ".".join(_clean(p) for p in match.group(1).split("."))
                self._lines.setdefault(f"{current}.{key}" if current else key, number)

    @staticmethod
    def _array_table_path(name: str, counters: dict[str, int]) -> str:
        parts = [_clean(p) for p in name.split(".")]
        path = ""
        for position, part in enumerate(parts):
            key = f"{path}.{part}" if path else part
            if position == len(parts) - 1:
                index = counters.get(key, 0)
                counters[key] = index + 1
            else:
                index = max(counters.get(key, 1) - 1, 0)
            path = f"{key}[{index}]"
        return path

    def line_of(self, field: str) -> int:
        """The line of `field`, or of the nearest enclosing field that has one, or 1."""
        candidate = field
        while candidate:
            if candidate in self._lines:
                return self._lines[candidate]
            cut = max(candidate.rfind("."), candidate.rfind("["))
            candidate = candidate[:cut] if cut > 0 else ""
        return 1


def toml_error_line(message: str) -> int:
    """The line number in a `tomllib.TOMLDecodeError` message, or 1."""
    match = _TOML_ERROR_POSITION.search(message)
    return int(match.group(1)) if match else 1


def strip_position(message: str) -> str:
    return _TOML_ERROR_POSITION.sub("", message).strip()
