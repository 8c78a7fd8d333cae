"""The library scan: good modules load, broken ones are kept with their reason, ids stay unique."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import ModuleFactory
from vrlearn.modules.library import scan_library
from vrlearn.modules.progress import module_progress
from vrlearn.modules.toml_lines import FieldLines


def test_broken_module_is_listed_with_its_reason(
    make_module: ModuleFactory, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    make_module("good-module", parent=content)
    broken = make_module("broken-module", parent=content)
    (broken / "module.toml").write_text("id = [unclosed\n", encoding="utf-8")
    library = scan_library([content, tmp_path / "does-not-exist"])
    assert [m.id for m in library.modules] == ["good-module"]
    (entry,) = library.broken
    assert entry.folder == broken
    assert entry.reason.startswith("toml: not valid TOML")


def test_duplicate_module_id_marks_the_second_copy(
    make_module: ModuleFactory, tmp_path: Path
) -> None:
    first = make_module("same-id", parent=tmp_path / "a")
    shutil.copytree(first, tmp_path / "a" / "same-id-copy")  # same content folder
    library = scan_library([tmp_path / "a"])
    assert len(library.modules) == 1
    assert "duplicate module id 'same-id'" in library.broken[0].reason


def test_progress_labels(make_module: ModuleFactory, tmp_path: Path) -> None:
    library = scan_library([tmp_path]) if make_module() else None
    assert library is not None
    module = library.modules[0]
    assert module_progress(module, frozenset()).label == "Not started"
    assert module_progress(module, frozenset({"page-one"})).label == "50 %"
    done = module_progress(module, frozenset({"page-one", "page-two"}))
    assert done.completed and done.label == "Completed"


def test_field_lines_follow_nested_arrays_of_tables() -> None:
    lines = FieldLines(
        'id = "x"\n[[lessons]]\nid = "a"\n[[lessons.items]]\nfile = "1"\n'
        '[[lessons]]\nid = "b"\n[[lessons.items]]\nfile = "2"\n[[lessons.items]]\nfile = "3"\n'
    )
    assert lines.line_of("id") == 1
    assert lines.line_of("lessons[1].id") == 7
    assert lines.line_of("lessons[1].items[1].file") == 11
    assert lines.line_of("lessons[1].items[1].title") == 10
    assert lines.line_of("nowhere") == 1
