"""The library shows one copy of each module id: across content folders the higher version
wins (an equal version: the later folder, i.e. the installed one); within one folder a second
copy is broken."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import ModuleFactory
from tests.packages.conftest import manifest_text
from vrlearn.modules.library import scan_library
from vrlearn.packages import installed_versions


def module(make: ModuleFactory, parent: Path, version: str, title: str = "A test module") -> Path:
    return make("same-id", manifest=manifest_text("same-id", version, title), parent=parent)


def test_the_higher_version_is_shown_and_the_lower_hidden(
    make_module: ModuleFactory, tmp_path: Path
) -> None:
    bundled, installed = tmp_path / "content", tmp_path / "modules"
    module(make_module, bundled, "1.0.0")
    newer = module(make_module, installed, "1.10.0")
    for order in ([bundled, installed], [installed, bundled]):
        library = scan_library(order)
        assert [(m.version, m.folder) for m in library.modules] == [("1.10.0", newer)]
        assert library.broken == ()
    assert installed_versions([bundled, installed]) == {"same-id": "1.10.0"}


def test_an_older_installed_copy_is_hidden_behind_the_bundled_one(
    make_module: ModuleFactory, tmp_path: Path
) -> None:
    bundled, installed = tmp_path / "content", tmp_path / "modules"
    shipped = module(make_module, bundled, "2.0.0")
    module(make_module, installed, "1.9.9")
    library = scan_library([bundled, installed])
    assert [m.folder for m in library.modules] == [shipped] and library.broken == ()


def test_equal_versions_show_the_later_folder(make_module: ModuleFactory, tmp_path: Path) -> None:
    bundled, installed = tmp_path / "content", tmp_path / "modules"
    module(make_module, bundled, "1.0.0", "Bundled copy")
    module(make_module, installed, "1.0.0", "Installed copy")
    library = scan_library([bundled, installed])
    assert [m.title for m in library.modules] == ["Installed copy"] and library.broken == ()


def test_a_duplicate_in_one_folder_stays_broken_whatever_its_version(
    make_module: ModuleFactory, tmp_path: Path
) -> None:
    installed = tmp_path / "modules"
    first = module(make_module, installed, "1.0.0")
    copy = installed / "same-id-copy"
    shutil.copytree(first, copy)
    text = (copy / "module.toml").read_text(encoding="utf-8")
    (copy / "module.toml").write_text(text.replace('"1.0.0"', '"2.0.0"'), encoding="utf-8")
    library = scan_library([installed])
    assert [m.version for m in library.modules] == ["1.0.0"]
    (broken,) = library.broken
    assert broken.folder == copy and "duplicate module id 'same-id'" in broken.reason


def test_other_modules_keep_their_order(make_module: ModuleFactory, tmp_path: Path) -> None:
    bundled, installed = tmp_path / "content", tmp_path / "modules"
    make_module("alpha-module", parent=bundled)
    module(make_module, bundled, "1.0.0")
    make_module("zulu-module", parent=bundled)
    module(make_module, installed, "1.1.0")
    library = scan_library([bundled, installed])
    assert [(m.id, m.version) for m in library.modules] == [
        ("alpha-module", "1.0.0"),
        ("same-id", "1.1.0"),
        ("zulu-module", "1.0.0"),
    ]


def test_without_version_resolution_every_repeat_is_broken(
    make_module: ModuleFactory, tmp_path: Path
) -> None:
    from vrlearn.modules.library import load_modules

    first = module(make_module, tmp_path / "content", "1.0.0")
    second = module(make_module, tmp_path / "modules", "2.0.0")
    library = load_modules([first, second], resolve_versions=False)
    assert [m.folder for m in library.modules] == [first]
    assert [b.folder for b in library.broken] == [second]
