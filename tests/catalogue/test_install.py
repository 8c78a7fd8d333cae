"""Download and install a real package from the loopback server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.catalogue.conftest import EntryFactory
from vrlearn.catalogue import download_and_install, partial_size
from vrlearn.packages import PackageError
from vrlearn.paths import AppPaths


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths.create(tmp_path / "data", (tmp_path / "bundled", tmp_path / "data" / "modules"))


def test_download_and_install_installs_and_removes_the_download(
    serve: EntryFactory, vrmod: Callable[..., bytes], paths: AppPaths
) -> None:
    package = vrmod("stroke-basics", title="Stroke basics")
    entry = serve("/stroke-basics.vrmod", package)
    seen: list[tuple[int, int]] = []
    result = download_and_install(entry, paths, progress=lambda d, t: seen.append((d, t)))
    assert (result.module_id, result.version, result.replaced_version) == (
        "stroke-basics", "1.0.0", None,
    )  # fmt: skip
    assert result.folder == paths.modules_dir / "stroke-basics"
    assert (result.folder / "module.toml").is_file()
    assert seen[-1] == (len(package), len(package))
    assert list(paths.downloads_dir.iterdir()) == []
    assert partial_size(entry, paths.downloads_dir) == 0


def test_a_package_the_importer_refuses_is_kept_for_a_second_look(
    serve: EntryFactory, paths: AppPaths, tmp_path: Path
) -> None:
    import zipfile

    bogus = tmp_path / "bogus.zip"
    with zipfile.ZipFile(bogus, "w") as archive:
        archive.writestr("readme.txt", "not a module")
    entry = serve("/bogus.vrmod", bogus.read_bytes())
    with pytest.raises(PackageError):
        download_and_install(entry, paths)
    assert not (paths.modules_dir / entry.id).exists()
    kept = paths.downloads_dir / f"{entry.id}-{entry.version}.vrmod"
    assert kept.read_bytes() == bogus.read_bytes()
    assert partial_size(entry, paths.downloads_dir) == entry.size
