"""The last good catalogue, kept on disk for offline use (`DATA/cache/catalogue.json`).

    {"cache_format": 1, "feed_url": "...", "fetched_at": "2026-11-26T12:00:00+00:00",
     "feed": {...the feed as it was received...}}

The feed is stored as received and checked again when it is loaded, so the offline list is
exactly what the online one was. A cache that cannot be read is only a lost speed-up: loading
gives None and logs a warning, never an error.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from vrlearn.catalogue.feed import MAX_FEED_BYTES, Catalogue, CatalogueError, parse_feed

__all__ = ["load_cached_catalogue", "save_cached_catalogue"]

log = logging.getLogger(__name__)

CACHE_FORMAT = 1


def save_cached_catalogue(cache_file: Path, feed_url: str, fetched_at: datetime, feed: Any) -> None:
    """Keep `feed` (the decoded JSON of a usable feed) atomically; raises OSError."""
    from vrlearn.atomic_file import write_file_atomically

    record = {
        "cache_format": CACHE_FORMAT,
        "feed_url": feed_url,
        "fetched_at": fetched_at.astimezone(UTC).isoformat(),
        "feed": feed,
    }
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    write_file_atomically(cache_file, payload)


def load_cached_catalogue(cache_file: Path) -> Catalogue | None:
    """The catalogue last fetched, or None (no cache, or one that cannot be read: logged)."""
    try:
        with open(cache_file, "rb") as handle:
            payload = handle.read(2 * MAX_FEED_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as error:
        log.warning("The saved catalogue %s cannot be read: %s", cache_file, error)
        return None
    try:
        if len(payload) > 2 * MAX_FEED_BYTES:
            raise ValueError("the file is too big")
        record = json.loads(payload)
        if not isinstance(record, dict) or record.get("cache_format") != CACHE_FORMAT:
            raise ValueError("it is not a saved catalogue from this version of VR Learn")
        feed_url = record["feed_url"]
        if not isinstance(feed_url, str):
            raise ValueError("feed_url is not text")
        fetched_at = datetime.fromisoformat(record["fetched_at"])
        if fetched_at.tzinfo is None:
            raise ValueError("fetched_at has no time zone")
        return parse_feed(record["feed"], feed_url, fetched_at.astimezone(UTC))
    except (ValueError, KeyError, TypeError, RecursionError, CatalogueError) as error:
        log.warning("The saved catalogue %s is damaged and is ignored: %s", cache_file, error)
        return None
