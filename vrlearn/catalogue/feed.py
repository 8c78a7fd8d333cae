"""The catalogue feed: a JSON list of module packages, read defensively.

    {"format": 1,
     "modules": [{"id": "stroke-basics", "version": "1.2.0", "title": "Stroke basics",
                  "summary": "...", "size": 1234567, "sha256": "<64 hex digits>",
                  "url": "packages/stroke-basics-1.2.0.vrmod", "min_app_version": "0.1.0"}]}

A feed that cannot be used at all (not JSON, not an object, wrong format, no `modules` list)
raises CatalogueError naming the URL and the reason. An entry with a problem is skipped and
listed in `Catalogue.problems` as `modules[3].sha256: ...`; the rest of the feed still shows.
Unknown keys are ignored, so a later feed can add fields without breaking this version.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from vrlearn.modules.manifest import ID_PATTERN
from vrlearn.modules.versions import VERSION_PATTERN

__all__ = [
    "FEED_FORMAT",
    "MAX_FEED_BYTES",
    "MAX_PACKAGE_BYTES",
    "Catalogue",
    "CatalogueEntry",
    "CatalogueError",
    "parse_feed",
    "parse_feed_bytes",
    "too_big_message",
]

FEED_FORMAT = 1
MAX_FEED_BYTES = 5 * 1024 * 1024  # a feed of 10,000 entries is about 4 MB
MAX_ENTRIES = 10_000
MAX_PACKAGE_BYTES = 16 * 1024**3
MAX_TITLE = 200
MAX_SUMMARY = 2_000
MAX_URL = 2_000
SHA256_PATTERN = re.compile(r"[0-9a-fA-F]{64}")
DEFAULT_MIN_APP_VERSION = "0.0.0"


class CatalogueError(Exception):
    """The feed cannot be fetched or read; `str(error)` is a plain sentence naming the URL."""


@dataclass(frozen=True)
class CatalogueEntry:
    """One module package the catalogue offers."""

    id: str
    version: str
    title: str
    summary: str
    size: int  # bytes of the .vrmod file
    sha256: str  # lower-case hex
    url: str  # absolute http(s) URL (resolved against the feed URL)
    min_app_version: str


@dataclass(frozen=True)
class Catalogue:
    """A feed as read at `fetched_at` (UTC); entries with problems are left out and listed."""

    feed_url: str
    fetched_at: datetime
    entries: tuple[CatalogueEntry, ...]
    problems: tuple[str, ...]

    def entry(self, module_id: str) -> CatalogueEntry | None:
        """The entry for `module_id`, or None when the catalogue does not offer it."""
        return next((entry for entry in self.entries if entry.id == module_id), None)


def parse_feed_bytes(payload: bytes, feed_url: str, fetched_at: datetime) -> Catalogue:
    """Parse the raw bytes of a feed; CatalogueError when it is not usable JSON."""
    return parse_feed(decode_json(payload, feed_url), feed_url, fetched_at)


def decode_json(payload: bytes, feed_url: str) -> Any:
    """The JSON value in `payload`; CatalogueError naming the line and column when it is not."""
    if len(payload) > MAX_FEED_BYTES:
        raise CatalogueError(too_big_message(feed_url))
    try:
        return json.loads(payload, parse_constant=_no_constants)
    except json.JSONDecodeError as error:
        hint = " (it looks like a web page)" if _looks_like_html(payload) else ""
        raise CatalogueError(
            f"The catalogue at {feed_url} is not valid JSON{hint}: line {error.lineno}, "
            f"column {error.colno}: {error.msg}."
        ) from None
    except UnicodeDecodeError:
        raise CatalogueError(
            f"The catalogue at {feed_url} is not valid JSON: it is not UTF-8 text."
        ) from None
    except ValueError as error:  # NaN/Infinity, and numbers with too many digits
        raise CatalogueError(f"The catalogue at {feed_url} is not valid JSON: {error}.") from None
    except RecursionError:
        raise CatalogueError(
            f"The catalogue at {feed_url} is not valid JSON: it is nested too deeply."
        ) from None


def parse_feed(data: Any, feed_url: str, fetched_at: datetime) -> Catalogue:
    """Check a decoded feed; skip (and list) bad entries, refuse a feed that is wholly unusable."""
    if not isinstance(data, dict):
        raise CatalogueError(
            f"The catalogue at {feed_url} is not a catalogue: expected a JSON object with "
            f'"format" and "modules", found {_kind(data)}.'
        )
    feed_format = data.get("format")
    if feed_format != FEED_FORMAT or isinstance(feed_format, bool):
        if isinstance(feed_format, int) and not isinstance(feed_format, bool):
            if feed_format > FEED_FORMAT:
                raise CatalogueError(
                    f"The catalogue at {feed_url} uses format {feed_format}, which needs a newer "
                    f"VR Learn (this one reads format {FEED_FORMAT})."
                )
        shown = "missing" if "format" not in data else repr(feed_format)
        raise CatalogueError(
            f'The catalogue at {feed_url} has "format": {shown}; expected {FEED_FORMAT}.'
        )
    modules = data.get("modules")
    if not isinstance(modules, list):
        found = "missing" if "modules" not in data else f"is {_kind(modules)}"
        raise CatalogueError(
            f'The catalogue at {feed_url} has no list of modules ("modules" {found}).'
        )
    entries: list[CatalogueEntry] = []
    problems: list[str] = []
    first_seen: dict[str, int] = {}
    for index, raw in enumerate(modules):
        where = f"modules[{index}]"
        if index >= MAX_ENTRIES:
            problems.append(
                f"{where}: the catalogue lists more than {MAX_ENTRIES:,} modules; "
                f"the rest are left out"
            )
            break
        entry, problem = _entry(raw, where, feed_url)
        if entry is None:
            problems.append(problem)
            continue
        if entry.id in first_seen:
            problems.append(
                f"{where}.id: {entry.id!r} is listed again "
                f"(first at modules[{first_seen[entry.id]}]); this one is left out"
            )
            continue
        first_seen[entry.id] = index
        entries.append(entry)
    return Catalogue(feed_url, fetched_at, tuple(entries), tuple(problems))


def _entry(raw: Any, where: str, feed_url: str) -> tuple[CatalogueEntry | None, str]:
    if not isinstance(raw, dict):
        return None, f"{where}: expected an object, found {_kind(raw)}"
    try:
        module_id = _text(raw, "id", where, pattern=ID_PATTERN,
                          help_text="use 3-64 lower-case letters, digits and hyphens")  # fmt: skip
        version = _text(raw, "version", where, pattern=VERSION_PATTERN,
                        help_text="use MAJOR.MINOR.PATCH, e.g. 1.0.0")  # fmt: skip
        title = _text(raw, "title", where, max_length=MAX_TITLE)
        summary = _text(raw, "summary", where, max_length=MAX_SUMMARY, default="", empty_ok=True)
        size = _size(raw, where)
        sha256 = _text(raw, "sha256", where, pattern=SHA256_PATTERN,
                       help_text="expected 64 hexadecimal digits").lower()  # fmt: skip
        url = _url(raw, where, feed_url)
        min_app = _text(raw, "min_app_version", where, pattern=VERSION_PATTERN,
                        help_text="use MAJOR.MINOR.PATCH, e.g. 0.1.0",
                        default=DEFAULT_MIN_APP_VERSION)  # fmt: skip
    except _EntryProblem as problem:
        return None, str(problem)
    return CatalogueEntry(module_id, version, title, summary, size, sha256, url, min_app), ""


class _EntryProblem(Exception):
    pass


def _text(
    raw: Mapping[str, Any],
    key: str,
    where: str,
    *,
    pattern: re.Pattern[str] | None = None,
    help_text: str = "",
    max_length: int = 200,
    default: str | None = None,
    empty_ok: bool = False,
) -> str:
    if key not in raw:
        if default is not None:
            return default
        raise _EntryProblem(f"{where}.{key}: missing")
    value = raw[key]
    if not isinstance(value, str):
        raise _EntryProblem(f"{where}.{key}: expected text, found {_kind(value)}")
    value = value.strip()
    if not value and not empty_ok:
        raise _EntryProblem(f"{where}.{key}: empty")
    if len(value) > max_length:
        raise _EntryProblem(f"{where}.{key}: longer than {max_length} characters")
    if any(ord(char) < 32 and char not in "\n\t" for char in value):
        raise _EntryProblem(f"{where}.{key}: contains control characters")
    if pattern is not None and not pattern.fullmatch(value):
        raise _EntryProblem(f"{where}.{key}: {value[:80]!r} is not valid; {help_text}")
    return value


def _size(raw: Mapping[str, Any], where: str) -> int:
    if "size" not in raw:
        raise _EntryProblem(f"{where}.size: missing")
    value = raw["size"]
    if isinstance(value, bool) or not isinstance(value, int):
        raise _EntryProblem(f"{where}.size: expected a whole number of bytes, found {_kind(value)}")
    if value <= 0:
        raise _EntryProblem(f"{where}.size: must be more than 0 bytes")
    if value > MAX_PACKAGE_BYTES:
        raise _EntryProblem(
            f"{where}.size: {value:,} bytes is more than VR Learn accepts "
            f"({MAX_PACKAGE_BYTES // 1024**3} GB)"
        )
    return value


def _url(raw: Mapping[str, Any], where: str, feed_url: str) -> str:
    text = _text(raw, "url", where, max_length=MAX_URL)
    if any(char.isspace() for char in text):
        raise _EntryProblem(f"{where}.url: contains spaces")
    given = urlsplit(text)
    url = urljoin(feed_url, text)
    parts = urlsplit(url) if not given.scheme else given  # urljoin fills a missing host in
    if parts.scheme not in ("http", "https"):
        raise _EntryProblem(
            f"{where}.url: {text[:80]!r} is not a web address (only http:// and https:// work)"
        )
    if not parts.hostname:
        raise _EntryProblem(f"{where}.url: {text[:80]!r} has no server name")
    return url


def _kind(value: Any) -> str:
    kinds = {dict: "an object", list: "a list", str: "text", bool: "true/false", int: "a number",
             float: "a number", type(None): "null"}  # fmt: skip
    return kinds.get(type(value), type(value).__name__)


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _looks_like_html(payload: bytes) -> bool:
    head = payload[:512].lstrip().lower()
    return head.startswith((b"<!doctype", b"<html", b"<head", b"<body"))


def too_big_message(feed_url: str) -> str:
    return (
        f"The catalogue at {feed_url} is too big (more than {MAX_FEED_BYTES // 1024**2} MB); "
        f"it is probably not a catalogue."
    )
