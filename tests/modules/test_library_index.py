"""The library index: unchanged modules come from the cache, any change goes back to a full load."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ModuleFactory
from vrlearn.modules.library import scan_library
from vrlearn.modules.library_index import INDEX_VERSION, LibraryIndex


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
    assert index.read_bytes().startswith(b'{"version":%d' % INDEX_VERSION)


def test_second_scan_is_served_from_the_index(make_module: ModuleFactory, tmp_path: Path) -> None:
    folder = make_module("one-module", parent=tmp_path / "content")
    index_file = tmp_path / "index.json"
    scan_library([tmp_path / "content"], index_file)
    index = LibraryIndex(index_file)
    index.load(folder)
    assert (index.hits, index.misses) == (1, 0)


def test_indexed_module_reads_its_details_only_when_used(
    make_module: ModuleFactory, tmp_path: Path
) -> None:
    make_module("one-module", parent=tmp_path / "content")
    index = tmp_path / "index.json"
    (fresh,) = scan_library([tmp_path / "content"]).modules
    scan_library([tmp_path / "content"], index)
    (module,) = scan_library([tmp_path / "content"], index).modules
    assert "_details" in module.__dict__ and "lessons" not in module.__dict__
    assert (module.title, module.learning_outcomes) == (fresh.title, fresh.learning_outcomes)
    assert module.counted_total == len(fresh.counted_items()) == 2
    assert "lessons" not in module.__dict__  # what the library list shows needs no details
    assert module.lessons == fresh.lessons
    assert "_details" not in module.__dict__
    assert module == fresh and hash(module) == hash(fresh)
    assert module.references == fresh.references and module.completion == fresh.completion


def _index_and_details(index: Path) -> tuple[dict[str, Any], Path]:
    data = json.loads(index.read_text(encoding="utf-8"))
    return data, index.with_name(data["details"])


@pytest.mark.parametrize("damage", ["fields missing", "another module", "cut short"])
def test_damaged_details_are_read_from_the_manifest(
    make_module: ModuleFactory, tmp_path: Path, damage: str
) -> None:
    make_module("one-module", parent=tmp_path / "content")
    index = tmp_path / "index.json"
    scan_library([tmp_path / "content"], index)
    data, details_file = _index_and_details(index)
    (entry,) = data["entries"].values()
    offset, length = entry["at"]
    details = json.loads(details_file.read_bytes()[offset : offset + length])
    if damage == "fields missing":
        text = b'{"id": "one-module"}'  # valid JSON, but most fields are missing
    elif damage == "another module":
        details["id"] = "other-module"
        details["lessons"] = []
        text = json.dumps(details).encode()
    else:
        text = json.dumps(details).encode()[: length // 2]
    details_file.write_bytes(text)
    entry["at"] = [0, length]
    index.write_text(json.dumps(data), encoding="utf-8")
    (module,) = scan_library([tmp_path / "content"], index).modules
    assert [item.id for item in module.items] == ["page-one", "page-two"]


def test_index_without_its_details_file_is_rebuilt(
    make_module: ModuleFactory, tmp_path: Path
) -> None:
    folder = make_module("one-module", parent=tmp_path / "content")
    index_file = tmp_path / "cache" / "index.json"
    scan_library([tmp_path / "content"], index_file)
    _, details_file = _index_and_details(index_file)
    details_file.unlink()
    index = LibraryIndex(index_file)
    assert index.load(folder).id == "one-module"
    assert (index.hits, index.misses) == (0, 1)
    index.save()
    _, rebuilt = _index_and_details(index_file)
    assert rebuilt.is_file() and [p.name for p in index_file.parent.glob("*.details")] == [
        rebuilt.name
    ]


def test_saving_keeps_unchanged_details_and_removes_old_files(
    make_module: ModuleFactory, tmp_path: Path
) -> None:
    make_module("one-module", parent=tmp_path / "content")
    index = tmp_path / "cache" / "index.json"
    scan_library([tmp_path / "content"], index)
    _, first = _index_and_details(index)
    make_module("two-module", parent=tmp_path / "content")  # a change: the index is written again
    scan_library([tmp_path / "content"], index)
    _, second = _index_and_details(index)
    assert second != first and first.is_file()  # still readable by modules of that scan
    make_module("three-module", parent=tmp_path / "content")
    library = scan_library([tmp_path / "content"], index)
    _, third = _index_and_details(index)
    assert sorted(p.name for p in index.parent.glob("*.details")) == sorted(
        [second.name, third.name]
    )
    fresh = scan_library([tmp_path / "content"])
    assert scan_library([tmp_path / "content"], index) == library == fresh


def test_entry_whose_stamp_skips_the_manifest_is_not_used(
    make_module: ModuleFactory, tmp_path: Path
) -> None:
    folder = make_module("one-module", parent=tmp_path / "content")
    index_file = tmp_path / "index.json"
    scan_library([tmp_path / "content"], index_file)
    data = json.loads(index_file.read_text(encoding="utf-8"))
    (entry,) = data["entries"].values()
    entry["stamp"] = []  # nothing to compare: the module must be loaded again
    index_file.write_text(json.dumps(data), encoding="utf-8")
    index = LibraryIndex(index_file)
    assert index.load(folder).id == "one-module"
    assert (index.hits, index.misses) == (0, 1)
