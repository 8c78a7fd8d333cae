"""The module catalogue: a JSON feed of module packages, and resumable, verified downloads.

No Qt here; everything is safe to call from a worker thread::

    catalogue = fetch_catalogue(url, paths.catalogue_cache)     # or load_cached_catalogue(...)
    status = entry_status(entry, installed_versions, __version__)
    result = download_and_install(entry, paths, progress=..., stop=pause_event)

Modules: `feed` (the format, checked entry by entry), `fetch` and `cache` (online, offline),
`status`, `partial` (the `.part` files kept for resuming), `download` (the way in: one download
of a file at a time) and `transfer` (HTTP Range, resuming, SHA-256) with `response_checks`,
`stop_watch` (pausing a blocked read) and `download_messages` (what the learner reads),
`connection` (urllib3 with the system's proxies and trust store), `install`, `sizes`.
The HTTP client is imported only when a fetch or download starts, and each name here only
when it is first used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vrlearn.catalogue.cache import load_cached_catalogue
    from vrlearn.catalogue.download import DownloadError, DownloadStopped, download_package
    from vrlearn.catalogue.feed import Catalogue, CatalogueEntry, CatalogueError
    from vrlearn.catalogue.fetch import fetch_catalogue
    from vrlearn.catalogue.install import download_and_install
    from vrlearn.catalogue.partial import discard_partial, partial_size
    from vrlearn.catalogue.sizes import disk_size, free_space, megabytes
    from vrlearn.catalogue.status import EntryStatus, entry_status, status_text

# Each name is imported from its module on first use, so `from vrlearn.catalogue.sizes import
# megabytes` (or one name from here) does not load the feed, download and install code.
_MODULE_OF = {
    "load_cached_catalogue": "cache",
    "DownloadError": "download",
    "DownloadStopped": "download",
    "download_package": "download",
    "Catalogue": "feed",
    "CatalogueEntry": "feed",
    "CatalogueError": "feed",
    "fetch_catalogue": "fetch",
    "download_and_install": "install",
    "discard_partial": "partial",
    "partial_size": "partial",
    "disk_size": "sizes",
    "free_space": "sizes",
    "megabytes": "sizes",
    "EntryStatus": "status",
    "entry_status": "status",
    "status_text": "status",
}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'vrlearn.catalogue' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"vrlearn.catalogue.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "Catalogue",
    "CatalogueEntry",
    "CatalogueError",
    "DownloadError",
    "DownloadStopped",
    "EntryStatus",
    "discard_partial",
    "disk_size",
    "download_and_install",
    "download_package",
    "entry_status",
    "fetch_catalogue",
    "free_space",
    "load_cached_catalogue",
    "megabytes",
    "partial_size",
    "status_text",
]
