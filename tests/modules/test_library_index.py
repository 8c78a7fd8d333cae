"""The library index: unchanged modules come from the cache, any change goes back to a full load."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import ModuleFactory
from vrlearn.modules.library import scan_library


def test_cached_scan_equals_a_fresh_scan(make_module: ModuleFactory, tmp_path: Path) -> None:
    content = tmp_path / "content"
    make_module("one-module", parent=content)
    make_module("two-module", parent=content)
    index = tmp_path / "cache" / "index.json"
    fresh = scan_library([content])
    first = scan_library([content], index)
    assert index.is_file()
    second = scan_library([content], index)
    assert fresh == first == second


def test_edited_manifest_is_read_again(make_module: ModuleFactory, tmp_path: Path) -> None:
    folder = make_module("one-module", parent=tmp_path / "content")
    index = tmp_path / "index.json"
    scan_library([tmp_path / "content"], index)
    manifest = folder / "module.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("A test module", "Renamed"), encoding="utf-8"
    )
    os.utime(manifest, ns=(1, 1))  # even with an old time stamp, the size differs
    (module,) = scan_library([tmp_path / "content"], index).modules
    assert module.title == "Renamed"


def test_deleted_page_marks_the_module_broken(make_module: ModuleFactory, tmp_path: Path) -> None:
    folder = make_module("one-module", parent=tmp_path / "content")
    index = tmp_path / "index.json"
    scan_library([tmp_path / "content"], index)
    (folder / "pages" / "two.md").unlink()
    library = scan_library([tmp_path / "content"], index)
    assert not library.modules
    assert "page file not found: pages/two.md" in library.broken[0].reason


def test_damaged_index_is_ignored_and_rebuilt(make_module: ModuleFactory, tmp_path: Path) -> None:
    make_module("one-module", parent=tmp_path / "content")
    index = tmp_path / "index.json"
    for damage in [b"{not json", b"\x00\xff", b'{"version": 1, "entries": {"x": 5}}', b"[]"]:
        index.write_bytes(damage)
        library = scan_library([tmp_path / "content"], index)
        assert [m.id for m in library.modules] == ["one-module"]
    assert index.read_bytes().startswith(b'{"version":2')


def test_second_scan_is_served_from_the_index(make_module: ModuleFactory, tmp_path: Path) -> None:
    from vrlearn.modules.library_index import LibraryIndex

    folder = make_module("one-module", parent=tmp_path / "content")
    index_file = tmp_path / "index.json"
    scan_library([tmp_path / "content"], index_file)
    index = LibraryIndex(index_file)
    index.load(folder)
    assert (index.hits, index.misses) == (1, 0)
