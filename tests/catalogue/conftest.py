"""Fixtures for the catalogue tests: a loopback HTTP server, package bytes, entries, a tmpfs."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.catalogue.loopback import LoopbackServer, Route
from tests.conftest import ModuleFactory
from vrlearn.catalogue import CatalogueEntry

EntryFactory = Callable[..., CatalogueEntry]


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as running:
        yield running


def package_like(size: int, seed: int = 1) -> bytes:
    """Bytes that start like a zip (the download only checks the signature and the hash)."""
    noise = random.Random(seed).randbytes(size - 4)
    return b"PK\x03\x04" + noise


@pytest.fixture
def body() -> bytes:
    return package_like(3 * 1024 * 1024 + 123)


@pytest.fixture
def serve(server: LoopbackServer) -> EntryFactory:
    """Serve `body` at `path` (with Route options) and return the catalogue entry for it;
    `size=` and `sha256=` override what the entry claims."""

    def make(
        path: str,
        body: bytes,
        *,
        size: int | None = None,
        sha256: str | None = None,
        module_id: str = "stroke-basics",
        version: str = "1.0.0",
        **route: object,
    ) -> CatalogueEntry:
        server.routes[path] = Route(body=body, **route)  # type: ignore[arg-type]
        return CatalogueEntry(
            id=module_id,
            version=version,
            title="Stroke basics",
            summary="",
            size=len(body) if size is None else size,
            sha256=sha256 or hashlib.sha256(body).hexdigest(),
            url=server.url(path),
            min_app_version="0.1.0",
        )

    return make


@pytest.fixture
def vrmod(make_module: ModuleFactory, tmp_path: Path) -> Callable[..., bytes]:
    """A real package of a valid module: `vrmod(module_id, title=..., page_kb=...)` → its bytes
    (`page_kb`: a second page of about that many KB of words, to make the package bigger)."""
    from vrlearn.packages import pack_module

    def make(
        module_id: str = "stroke-basics", *, title: str = "Stroke basics", page_kb: int = 0
    ) -> bytes:
        words = random.Random(module_id).choices(["arm", "leg", "walk", "task", "goal"], k=1000)
        pages = {"pages/two.md": "# Two\n\n" + " ".join(words * page_kb)} if page_kb else None
        folder = make_module(module_id, title=title, pages=pages, parent=tmp_path / "authoring")
        output = tmp_path / "packed" / f"{module_id}.vrmod"
        output.parent.mkdir(exist_ok=True)
        return pack_module(folder, output).read_bytes()

    return make
