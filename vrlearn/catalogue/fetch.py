"""Fetching the catalogue feed over HTTP, and keeping the last good one for offline use."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from vrlearn.catalogue.cache import save_cached_catalogue
from vrlearn.catalogue.feed import (
    MAX_FEED_BYTES,
    Catalogue,
    CatalogueError,
    decode_json,
    parse_feed,
    too_big_message,
)

__all__ = ["fetch_catalogue"]

log = logging.getLogger(__name__)

CHUNK = 64 * 1024


def fetch_catalogue(feed_url: str, cache_file: Path, *, timeout: float = 20.0) -> Catalogue:
    """Download and check the feed at `feed_url`; keep it in `cache_file` when it is usable.

    Raises CatalogueError (a plain sentence naming the URL) when the feed cannot be fetched or
    is wholly unusable; the cache is then left as it was.
    """
    parts = urlsplit(feed_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CatalogueError(
            f"{feed_url!r} is not a web address: a catalogue address starts with https:// "
            f"or http://."
        )
    payload = _get(feed_url, timeout)
    fetched_at = datetime.now(UTC)
    data = decode_json(payload, feed_url)
    catalogue = parse_feed(data, feed_url, fetched_at)
    try:
        save_cached_catalogue(cache_file, feed_url, fetched_at, data)
    except OSError as error:  # the catalogue still shows; only offline use is lost
        log.warning("The catalogue could not be saved for offline use in %s: %s", cache_file, error)
    for problem in catalogue.problems:
        log.info("Catalogue %s: left out %s", feed_url, problem)
    return catalogue


def _get(feed_url: str, timeout: float) -> bytes:
    import urllib3

    from vrlearn.catalogue.connection import USER_AGENT, client_for, describe_failure

    client = client_for(feed_url)
    try:
        response = client.request(
            "GET",
            feed_url,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            timeout=urllib3.Timeout(connect=timeout, read=timeout),
            retries=urllib3.Retry(
                total=2, connect=2, read=0, status=0, redirect=5, backoff_factor=0.3
            ),  # fmt: skip
            preload_content=False,
        )
    except urllib3.exceptions.HTTPError as error:
        raise CatalogueError(
            f"The catalogue at {feed_url} could not be fetched: {describe_failure(error)}."
        ) from None
    try:
        if response.status != 200:
            raise CatalogueError(
                f"The catalogue at {feed_url} could not be fetched: the server answered "
                f"{response.status} {response.reason or ''}".rstrip()
                + "."
            )
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > MAX_FEED_BYTES:
            raise CatalogueError(too_big_message(feed_url))
        chunks: list[bytes] = []
        received = 0
        while chunk := response.read(CHUNK):
            received += len(chunk)
            if received > MAX_FEED_BYTES:
                raise CatalogueError(too_big_message(feed_url))
            chunks.append(chunk)
        return b"".join(chunks)
    except urllib3.exceptions.HTTPError as error:
        raise CatalogueError(
            f"The catalogue at {feed_url} could not be fetched: {describe_failure(error)}."
        ) from None
    finally:
        response.release_conn()
        client.clear()
