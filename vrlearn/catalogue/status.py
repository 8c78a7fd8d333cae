"""What a catalogue entry means for this laptop: available, installed, an update, or too new."""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping

from vrlearn.catalogue.feed import CatalogueEntry
from vrlearn.modules.versions import Version, parse_version

__all__ = ["EntryStatus", "entry_status", "status_text"]

_LEADING_VERSION = re.compile(r"\d+\.\d+\.\d+")


class EntryStatus(enum.Enum):
    """The state of one catalogue entry compared with the installed modules and this app."""

    AVAILABLE = "available"
    INSTALLED = "installed"
    UPDATE = "update available"
    NEEDS_NEWER_APP = "needs a newer VR Learn"

    @property
    def label(self) -> str:
        return self.value


def entry_status(
    entry: CatalogueEntry, installed: Mapping[str, str], app_version: str
) -> EntryStatus:
    """`installed` maps module id → installed version (what the library shows).

    An entry at or below the installed version is INSTALLED (even when it would need a newer
    app); otherwise an entry this app is too old for is NEEDS_NEWER_APP.
    """
    have = installed.get(entry.id)
    offered = parse_version(entry.version)
    if have is not None:
        have_version = _lenient(have)
        if have_version is not None and have_version >= offered:
            return EntryStatus.INSTALLED
    app = _lenient(app_version)
    if app is not None and parse_version(entry.min_app_version) > app:
        return EntryStatus.NEEDS_NEWER_APP
    return EntryStatus.AVAILABLE if have is None else EntryStatus.UPDATE


def status_text(entry: CatalogueEntry, status: EntryStatus) -> str:
    """The status as shown to the learner: "needs VR Learn 0.3.0" names the version."""
    if status is EntryStatus.NEEDS_NEWER_APP:
        return f"needs VR Learn {entry.min_app_version}"
    return status.label


def _lenient(text: str) -> Version | None:
    """A version from text such as "0.2.0" or "0.2.0.dev1"; None when there is none."""
    match = _LEADING_VERSION.match(text.strip())
    if match is None:
        return None
    try:
        return parse_version(match.group())
    except ValueError:
        return None
