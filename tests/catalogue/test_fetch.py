"""Fetching the feed from a loopback server, and the offline copy kept in the cache."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.catalogue.loopback import LoopbackServer, Route
from vrlearn.catalogue import CatalogueError, fetch_catalogue, load_cached_catalogue
from vrlearn.catalogue.feed import MAX_FEED_BYTES

SHA = "cd" * 32


def feed_bytes(*ids: str, extra: list[object] | None = None) -> bytes:
    modules: list[object] = [
        {"id": module_id, "version": "1.0.0", "title": module_id.title(), "size": 1000,
         "sha256": SHA, "url": f"{module_id}.vrmod"}
        for module_id in ids
    ]  # fmt: skip
    return json.dumps({"format": 1, "modules": modules + (extra or [])}).encode()


@pytest.fixture
def cache_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "cache" / "catalogue.json"


def test_fetch_reads_the_feed_and_keeps_it_for_offline_use(
    server: LoopbackServer, cache_file: Path
) -> None:
    server.routes["/feed/catalogue.json"] = Route(
        body=feed_bytes("stroke-basics", "return-to-work", extra=[{"id": "broken"}]),
        content_type="application/json",
    )
    url = server.url("/feed/catalogue.json")
    before = datetime.now(UTC)
    online = fetch_catalogue(url, cache_file)
    assert [e.id for e in online.entries] == ["stroke-basics", "return-to-work"]
    assert online.entries[0].url == server.url("/feed/stroke-basics.vrmod")
    assert online.problems == ("modules[2].version: missing",)
    assert before <= online.fetched_at <= datetime.now(UTC)
    assert server.requests[0].headers["User-Agent"].startswith("VR-Learn/")

    offline = load_cached_catalogue(cache_file)
    assert offline == online  # same entries, problems, URL and time
    assert not [p for p in cache_file.parent.iterdir() if p.name != "catalogue.json"]


def test_a_failed_fetch_leaves_the_last_good_cache_alone(
    server: LoopbackServer, cache_file: Path
) -> None:
    url = server.url("/catalogue.json")
    server.routes["/catalogue.json"] = Route(body=feed_bytes("stroke-basics"))
    good = fetch_catalogue(url, cache_file)
    saved = cache_file.read_bytes()
    server.routes["/catalogue.json"] = Route(body=b"<html>Sign in to the Wi-Fi</html>")
    with pytest.raises(CatalogueError, match="looks like a web page"):
        fetch_catalogue(url, cache_file)
    assert cache_file.read_bytes() == saved
    assert load_cached_catalogue(cache_file) == good


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        (Route(status=404), r"could not be fetched: the server answered 404 Not Found\."),
        (Route(status=500), r"the server answered 500 Internal Server Error\."),
        (Route(body=b"{}"), r'"format": missing'),
        (Route(body=b"x" * (MAX_FEED_BYTES + 1)), r"too big"),
        (Route(body=b"x" * (MAX_FEED_BYTES + 1), send_length=False), r"too big"),
    ],
)
def test_fetch_failures_name_the_url(
    server: LoopbackServer, cache_file: Path, route: Route, expected: str
) -> None:
    server.routes["/catalogue.json"] = route
    url = server.url("/catalogue.json")
    with pytest.raises(CatalogueError, match=expected) as info:
        fetch_catalogue(url, cache_file)
    assert url in str(info.value)
    assert not cache_file.exists()


def test_a_redirected_feed_is_followed(server: LoopbackServer, cache_file: Path) -> None:
    server.routes["/old.json"] = Route(redirect_to="/new/catalogue.json")
    server.routes["/new/catalogue.json"] = Route(body=feed_bytes("stroke-basics"))
    catalogue = fetch_catalogue(server.url("/old.json"), cache_file)
    assert len(catalogue.entries) == 1


def test_unreachable_and_not_web_addresses(cache_file: Path) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(CatalogueError, match="could not connect to the server .connection refused"):
        fetch_catalogue(f"http://127.0.0.1:{port}/catalogue.json", cache_file, timeout=5)
    with pytest.raises(CatalogueError, match="is not a web address"):
        fetch_catalogue("file:///etc/passwd", cache_file)


def test_no_cache_is_none(cache_file: Path) -> None:
    assert load_cached_catalogue(cache_file) is None


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"[]",
        b'{"cache_format": 1}',
        b'{"cache_format": 99, "feed_url": "http://x/", "fetched_at": "2026-01-01T00:00:00+00:00",'
        b' "feed": {"format": 1, "modules": []}}',
        b'{"cache_format": 1, "feed_url": "http://x/", "fetched_at": "yesterday",'
        b' "feed": {"format": 1, "modules": []}}',
        b'{"cache_format": 1, "feed_url": "http://x/", "fetched_at": "2026-01-01T00:00:00",'
        b' "feed": {"format": 1, "modules": []}}',
        b'{"cache_format": 1, "feed_url": 5, "fetched_at": "2026-01-01T00:00:00+00:00",'
        b' "feed": {"format": 1, "modules": []}}',
        b'{"cache_format": 1, "feed_url": "http://x/", "fetched_at": "2026-01-01T00:00:00+00:00",'
        b' "feed": {"format": 7}}',
        b"\x00\x01\x02 torn write",
    ],
)
def test_a_broken_cache_is_none_with_a_warning(
    cache_file: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    cache_file.parent.mkdir(parents=True)
    cache_file.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="vrlearn.catalogue.cache"):
        assert load_cached_catalogue(cache_file) is None
    assert any("saved catalogue" in record.getMessage() for record in caplog.records)


def test_an_unreadable_cache_is_none_with_a_warning(
    cache_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache_file.mkdir(parents=True)  # a folder where the file should be: reading fails
    with caplog.at_level(logging.WARNING, logger="vrlearn.catalogue.cache"):
        assert load_cached_catalogue(cache_file) is None
    assert any("cannot be read" in record.getMessage() for record in caplog.records)


def test_a_cache_that_cannot_be_written_does_not_stop_the_catalogue(
    server: LoopbackServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    server.routes["/catalogue.json"] = Route(body=feed_bytes("stroke-basics"))
    with caplog.at_level(logging.WARNING, logger="vrlearn.catalogue.fetch"):
        catalogue = fetch_catalogue(server.url("/catalogue.json"), blocker / "catalogue.json")
    assert len(catalogue.entries) == 1
    assert any("offline use" in record.getMessage() for record in caplog.records)
