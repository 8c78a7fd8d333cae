"""The learner's settings (`DATA/settings.json`): today only the catalogue's address.

    {"catalogue_url": "https://example.org/vrlearn/catalogue.json"}

Reading never fails: a missing file gives the defaults, an unreadable or broken one gives the
defaults plus a `notice` the GUI can show. Keys this version does not know are kept when the
settings are saved, so an older VR Learn does not erase what a newer one wrote. Saving is
atomic (temp file, fsync, rename).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from vrlearn.atomic_file import write_file_atomically

__all__ = ["Settings", "load_settings", "save_settings"]

log = logging.getLogger(__name__)

MAX_SETTINGS_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """What the learner has set. `notice` says why the file on disk was not used (if it was not)."""

    catalogue_url: str | None = None
    extra: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), compare=False)
    notice: str | None = field(default=None, compare=False)

    def with_catalogue_url(self, url: str | None) -> Settings:
        """A copy with `url` as the catalogue address (None: no catalogue)."""
        if url is not None:
            problem = catalogue_url_problem(url)
            if problem:
                raise ValueError(problem)
        return replace(self, catalogue_url=url, notice=None)


def catalogue_url_problem(url: str) -> str | None:
    """Why `url` cannot be a catalogue address, or None when it can."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"{url!r} is not a web address (it must start with https:// or http://)"
    return None


def load_settings(path: Path) -> Settings:
    """The settings in `path`; defaults (with a notice) when the file is missing parts or broken."""
    try:
        with open(path, "rb") as handle:
            payload = handle.read(MAX_SETTINGS_BYTES + 1)
    except FileNotFoundError:
        return Settings()
    except OSError as error:
        return _defaults(f"Your settings could not be read ({error.strerror or error}), "
                         f"so the defaults are used.")  # fmt: skip
    if len(payload) > MAX_SETTINGS_BYTES:
        return _defaults(f"Your settings file {path} is too big to be settings, "
                         f"so the defaults are used.")  # fmt: skip
    try:
        data = json.loads(payload)
    except (ValueError, RecursionError) as error:
        where = ""
        if isinstance(error, json.JSONDecodeError):
            where = f" (line {error.lineno}, column {error.colno}: {error.msg})"
        return _defaults(f"Your settings file {path} is damaged{where}, so the defaults are used. "
                         f"Saving your settings will replace it.")  # fmt: skip
    if not isinstance(data, dict):
        return _defaults(f"Your settings file {path} is damaged (it is not a JSON object), "
                         f"so the defaults are used.")  # fmt: skip
    extra = {key: value for key, value in data.items() if key != "catalogue_url"}
    url = data.get("catalogue_url")
    notice = None
    if url is not None and (not isinstance(url, str) or catalogue_url_problem(url)):
        notice = (f"The catalogue address in {path} is not a web address ({url!r}), "
                  f"so no catalogue is set.")  # fmt: skip
        log.warning(notice)
        url = None
    return Settings(url, MappingProxyType(extra), notice)


def save_settings(path: Path, settings: Settings) -> None:
    """Write `settings` (and the keys kept from the file) atomically; raises OSError."""
    data = dict(settings.extra)
    data["catalogue_url"] = settings.catalogue_url
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_file_atomically(path, text.encode("utf-8"))


def _defaults(notice: str) -> Settings:
    log.warning(notice)
    return Settings(notice=notice)
