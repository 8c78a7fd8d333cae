"""Fixtures for package tests: a data folder with one module installed, packages to import."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import MANIFEST, ModuleFactory
from vrlearn.packages import import_module, pack_module

Snapshot = dict[str, tuple[str, int, str]]


@dataclass(frozen=True)
class Site:
    """A temporary tree: `root` holds the data folder, the packages and a bystander file."""

    root: Path
    modules_dir: Path
    packages: Path

    def snapshot(self) -> Snapshot:
        """Every path under root: kind, size and content hash (files)."""
        found: Snapshot = {}
        for path in sorted(self.root.rglob("*")):
            key = path.relative_to(self.root).as_posix()
            if path.is_symlink():
                found[key] = ("link", 0, str(path.readlink()))
            elif path.is_dir():
                found[key] = ("dir", 0, "")
            else:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                found[key] = ("file", path.stat().st_size, digest)
        return found

    def leftovers(self) -> list[str]:
        return sorted(p.name for p in self.modules_dir.iterdir() if p.name.startswith("."))


@pytest.fixture
def site(tmp_path: Path) -> Site:
    root = tmp_path / "site"
    modules_dir = root / "data" / "modules"
    modules_dir.mkdir(parents=True)
    packages = root / "packages"
    packages.mkdir()
    (root / "bystander.txt").write_text("must not change\n", encoding="utf-8")
    return Site(root, modules_dir, packages)


def manifest_text(module_id: str, version: str = "1.0.0", title: str = "A test module") -> str:
    return MANIFEST.format(id=module_id, title=title).replace(
        'version = "1.0.0"', f'version = "{version}"'
    )


PackageFactory = Callable[..., Path]


@pytest.fixture
def make_package(make_module: ModuleFactory, tmp_path: Path) -> PackageFactory:
    """Pack a valid module (id, version, extra files) into a .vrmod; returns its path."""
    made = 0

    def make(
        module_id: str = "test-module",
        version: str = "1.0.0",
        *,
        title: str = "A test module",
        pages: dict[str, str | bytes] | None = None,
    ) -> Path:
        nonlocal made
        made += 1
        parent = tmp_path / f"authoring-{made}"
        folder = make_module(
            module_id, manifest=manifest_text(module_id, version, title), pages=pages, parent=parent
        )
        return pack_module(folder, tmp_path / f"{module_id}-{version}-{made}.vrmod")

    return make


@pytest.fixture
def installed(site: Site, make_package: PackageFactory) -> Site:
    """`site` with test-module 1.0.0 installed."""
    import_module(make_package("test-module", "1.0.0"), site.modules_dir)
    return site


def rewrite(
    package: Path,
    output: Path,
    *,
    change: Mapping[str, bytes | None] | None = None,
    prefix: str = "",
) -> Path:
    """A copy of `package` with entries replaced (bytes) or dropped (None), names prefixed."""
    change = change or {}
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            data = change.get(info.filename, source.read(info))
            if data is None:
                continue
            target.writestr(prefix + info.filename, data, zipfile.ZIP_DEFLATED)
    return output
