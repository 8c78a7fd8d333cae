"""Good packages: pack, import, show in the library, upgrade (records kept), refuse same or
older versions, remove; folders import too; leftovers of a crash are tidied."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import CONTENT, ModuleFactory
from tests.packages.conftest import PackageFactory, Site, manifest_text
from vrlearn.modules.library import scan_library
from vrlearn.packages import (
    ImportCancelled,
    PackageError,
    import_module,
    installed_versions,
    pack_module,
    remove_module,
)
from vrlearn.packages.checksums import CHECKSUMS_NAME, parse_checksums
from vrlearn.packages.install import recover_leftovers
from vrlearn.records import RecordsStore


def test_pack_import_and_the_library_shows_it(site: Site, make_package: PackageFactory) -> None:
    package = make_package("heart-rehab", "1.2.0", title="Heart rehab")
    result = import_module(package, site.modules_dir)
    assert (result.module_id, result.version, result.title) == (
        "heart-rehab",
        "1.2.0",
        "Heart rehab",
    )
    assert result.folder == site.modules_dir / "heart-rehab"
    assert result.replaced_version is None
    library = scan_library([site.modules_dir])
    assert [(m.id, m.version) for m in library.modules] == [("heart-rehab", "1.2.0")]
    assert not library.broken
    assert site.leftovers() == []
    assert installed_versions([site.modules_dir]) == {"heart-rehab": "1.2.0"}


def test_a_package_lists_every_file_with_its_checksum(make_package: PackageFactory) -> None:
    with zipfile.ZipFile(make_package()) as archive:
        names = archive.namelist()
        digests, problems = parse_checksums(archive.read(CHECKSUMS_NAME))
    assert not problems
    assert names[-1] == CHECKSUMS_NAME and "module.toml" in names
    assert sorted(digests) == sorted(set(names) - {CHECKSUMS_NAME})


def test_packing_twice_gives_the_same_bytes(make_module: ModuleFactory, tmp_path: Path) -> None:
    folder = make_module()
    first = pack_module(folder, tmp_path / "first.vrmod").read_bytes()
    os.utime(folder / "pages" / "one.md", (1_000_000, 1_000_000))  # dates do not matter
    assert pack_module(folder, tmp_path / "second.vrmod").read_bytes() == first


def test_pack_refuses_a_broken_module(make_module: ModuleFactory, tmp_path: Path) -> None:
    folder = make_module()
    text = (folder / "module.toml").read_text(encoding="utf-8")
    (folder / "module.toml").write_text(text.replace('title = "A test module"', "title = 3"))
    with pytest.raises(PackageError) as refused:
        pack_module(folder, tmp_path / "out.vrmod")
    assert any(p.startswith("module.toml:4: title:") for p in refused.value.problems)
    assert not list(tmp_path.glob("*.vrmod")) and not list(tmp_path.glob(".out.vrmod*"))


def test_pack_leaves_out_hidden_files_and_refuses_links(
    make_module: ModuleFactory, tmp_path: Path
) -> None:
    folder = make_module()
    (folder / ".git").mkdir()
    (folder / ".git" / "config").write_text("x")
    (folder / ".DS_Store").write_bytes(b"x")
    with zipfile.ZipFile(pack_module(folder, tmp_path / "a.vrmod")) as archive:
        assert not [name for name in archive.namelist() if "/." in "/" + name]
    (folder / "pages" / "link.md").symlink_to("/etc/passwd")
    with pytest.raises(PackageError, match="symbolic link"):
        pack_module(folder, tmp_path / "b.vrmod")


def test_the_sample_modules_pack_and_import(site: Site, tmp_path: Path) -> None:
    for name in ("vr-essentials", "assessing-work"):
        package = pack_module(CONTENT / name, tmp_path / f"{name}.vrmod")
        result = import_module(package, site.modules_dir)
        assert result.module_id == name
    library = scan_library([site.modules_dir])
    assert sorted(m.id for m in library.modules) == ["assessing-work", "vr-essentials"]


def test_upgrade_keeps_progress_and_certificates(
    installed: Site, make_package: PackageFactory, tmp_path: Path
) -> None:
    records = tmp_path / "records"
    with RecordsStore.open(records) as store:
        learner = store.save_learner("Zoë Ŵyn Łukasiewicz", "Occupational therapist")
        store.mark_page_viewed(learner.learner_id, "test-module", "page-one")
        envelope = {"payload": {"module": "test-module"}, "signature": "x"}
        store.add_certificate(learner.learner_id, "VRL-TEST-0001", "test-module", "1.0.0", envelope)
    result = import_module(make_package("test-module", "1.1.0"), installed.modules_dir)
    assert result.replaced_version == "1.0.0"
    assert scan_library([installed.modules_dir]).modules[0].version == "1.1.0"
    remove_module("test-module", installed.modules_dir)
    assert scan_library([installed.modules_dir]).modules == ()
    with RecordsStore.open(records) as store:
        assert store.viewed_items(learner.learner_id, "test-module") == {"page-one"}
        (certificate,) = store.certificates()
        assert certificate["module_id"] == "test-module"
        assert certificate["envelope"] == envelope
    assert installed.leftovers() == []


@pytest.mark.parametrize(
    ("version", "message"),
    [("1.0.0", "is already installed"), ("0.9.0", "which is newer than 0.9.0")],
)
def test_same_or_older_version_is_refused(
    installed: Site, make_package: PackageFactory, version: str, message: str
) -> None:
    before = installed.snapshot()
    with pytest.raises(PackageError, match=message):
        import_module(make_package("test-module", version), installed.modules_dir)
    assert installed.snapshot() == before


def test_an_installed_version_is_refused_before_decompressing(
    installed: Site, make_package: PackageFactory
) -> None:
    package = make_package("test-module", "1.0.0", pages={"media/clip.bin": os.urandom(2_000_000)})
    seen: list[int] = []
    with pytest.raises(PackageError, match="A test module 1.0.0 is already installed"):
        import_module(package, installed.modules_dir, progress=lambda done, _t: seen.append(done))
    assert seen == []  # not a byte was extracted
    assert installed.leftovers() == []


def test_a_bundled_module_of_the_same_or_newer_version_wins(
    site: Site, make_module: ModuleFactory, make_package: PackageFactory, tmp_path: Path
) -> None:
    bundled = tmp_path / "bundled"
    make_module("test-module", manifest=manifest_text("test-module", "1.1.0"), parent=bundled)
    for version in ("1.0.0", "1.1.0"):
        with pytest.raises(PackageError, match="bundled"):
            import_module(
                make_package("test-module", version), site.modules_dir, bundled_dirs=[bundled]
            )
    result = import_module(
        make_package("test-module", "1.2.0"), site.modules_dir, bundled_dirs=[bundled]
    )
    assert result.replaced_version is None
    library = scan_library([bundled, site.modules_dir])
    assert [(m.version, m.folder) for m in library.modules] == [("1.2.0", result.folder)]


def test_a_module_folder_imports_and_links_are_refused(
    site: Site, make_module: ModuleFactory
) -> None:
    folder = make_module("folder-module")
    result = import_module(folder, site.modules_dir)
    assert (result.folder / "pages" / "one.md").read_text() == (folder / "pages/one.md").read_text()
    remove_module("folder-module", site.modules_dir)
    (folder / "pages" / "escape.md").symlink_to("/etc/hostname")
    with pytest.raises(PackageError, match="symbolic link"):
        import_module(folder, site.modules_dir)
    assert site.leftovers() == [] and not (site.modules_dir / "folder-module").exists()


def test_remove_only_what_is_installed(installed: Site) -> None:
    with pytest.raises(PackageError, match="No module 'other-module' is installed"):
        remove_module("other-module", installed.modules_dir)
    with pytest.raises(PackageError, match="not a module id"):
        remove_module("../data", installed.modules_dir)
    assert (
        remove_module("test-module", installed.modules_dir) == installed.modules_dir / "test-module"
    )
    assert list(installed.modules_dir.iterdir()) == []


def test_progress_reaches_the_total_and_cancel_leaves_nothing(
    installed: Site, make_package: PackageFactory
) -> None:
    big = {"media/clip.bin": os.urandom(3_000_000)}  # three 1 MiB chunks at least
    package = make_package("test-module", "2.0.0", pages=big)
    before = installed.snapshot()
    calls = 0

    def cancel() -> bool:
        nonlocal calls
        calls += 1
        return calls > 2

    with pytest.raises(ImportCancelled):
        import_module(package, installed.modules_dir, cancelled=cancel)
    assert installed.snapshot() == before
    seen: list[tuple[int, int]] = []
    import_module(package, installed.modules_dir, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] >= 3_000_000
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_leftovers_of_a_crash_are_tidied(installed: Site, make_package: PackageFactory) -> None:
    modules = installed.modules_dir
    (modules / ".staging-999999999-dead").mkdir()
    (modules / ".staging-999999999-dead" / "half.md").write_text("half")
    # a crash between the two renames of an upgrade: the old version aside, the new one absent
    os.rename(modules / "test-module", modules / ".old-999999999-beef-test-module")
    assert recover_leftovers(modules) == ["put back test-module", "removed .staging-999999999-dead"]
    assert installed.leftovers() == []
    assert scan_library([modules]).modules[0].id == "test-module"
    # both copies present: the one aside is the stale one; the next import tidies it
    shutil.copytree(modules / "test-module", modules / ".old-999999999-cafe-test-module")
    import_module(make_package("other-module"), modules)
    assert installed.leftovers() == []


def test_a_failed_rename_puts_the_old_version_back(
    installed: Site, make_package: PackageFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = installed.snapshot()
    real_rename = os.rename

    def failing(source: str | Path, target: str | Path) -> None:
        if Path(source).name.startswith(".staging-"):
            raise OSError(28, "No space left on device")
        real_rename(source, target)

    monkeypatch.setattr(os, "rename", failing)
    with pytest.raises(PackageError, match="No space left"):
        import_module(make_package("test-module", "3.0.0"), installed.modules_dir)
    assert installed.snapshot() == before


def test_importing_does_not_load_qt(installed: Site, make_package: PackageFactory) -> None:
    package = make_package("test-module", "1.5.0")
    code = (
        "import sys; from pathlib import Path; from vrlearn.packages import import_module; "
        f"import_module(Path({str(package)!r}), Path({str(installed.modules_dir)!r})); "
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_an_unpacked_package_folder_is_checked_against_its_checksums(
    site: Site, make_package: PackageFactory, tmp_path: Path
) -> None:
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(make_package("unpacked-module")) as archive:
        archive.extractall(unpacked)  # a trusted package made above
    (unpacked / "pages" / "two.md").write_text("# Two\n\nEdited after packing.\n")
    with pytest.raises(PackageError, match="pages/two.md: does not match its checksum"):
        import_module(unpacked, site.modules_dir)
    (unpacked / CHECKSUMS_NAME).unlink()  # a plain module folder: no checksums to check
    result = import_module(unpacked, site.modules_dir)
    assert (result.folder / "pages" / "two.md").read_text().endswith("Edited after packing.\n")
    assert not (result.folder / CHECKSUMS_NAME).exists()
