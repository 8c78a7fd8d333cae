"""The standard proxy settings are honoured: the catalogue and the package are fetched through
the proxy named by `http_proxy`, and not for hosts named in `no_proxy`."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.catalogue.conftest import package_like
from tests.catalogue.loopback import LoopbackServer, Route
from vrlearn.catalogue import CatalogueError, download_package, fetch_catalogue

FEED = "http://catalogue.example.invalid/vrlearn/catalogue.json"


@pytest.fixture
def proxy(server: LoopbackServer, monkeypatch: pytest.MonkeyPatch) -> LoopbackServer:
    """The loopback server as a proxy: it answers requests for absolute URLs of another host."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy",
                 "ALL_PROXY", "no_proxy", "NO_PROXY"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", server.url(""))
    return server


def test_feed_and_package_come_through_the_proxy(proxy: LoopbackServer, tmp_path: Path) -> None:
    body = package_like(300_000)
    digest = hashlib.sha256(body).hexdigest()
    entry = {"id": "stroke-basics", "version": "1.0.0", "title": "Stroke basics",
             "size": len(body), "sha256": digest, "url": "p.vrmod"}  # fmt: skip
    proxy.routes[FEED] = Route(body=json.dumps({"format": 1, "modules": [entry]}).encode())
    proxy.routes["http://catalogue.example.invalid/vrlearn/p.vrmod"] = Route(body=body)
    (found,) = fetch_catalogue(FEED, tmp_path / "cache.json").entries
    assert download_package(found, tmp_path / "downloads").read_bytes() == body
    assert [request.path for request in proxy.requests] == [
        FEED, "http://catalogue.example.invalid/vrlearn/p.vrmod",
    ]  # fmt: skip


def test_no_proxy_hosts_are_fetched_directly(
    proxy: LoopbackServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy.routes[FEED] = Route(body=b'{"format": 1, "modules": []}')
    monkeypatch.setenv("no_proxy", "example.invalid")
    with pytest.raises(CatalogueError, match="server's name could not be found"):
        fetch_catalogue(FEED, tmp_path / "cache.json", timeout=5)
    assert proxy.requests == []
