"""The library: every module folder found in the content folders, loaded or marked broken.

Scanning reads each `module.toml` and checks that item files exist; the deeper page checks run in
`vrlearn validate` and when a page is opened. With an index file, unchanged modules come from the
cache (see library_index), so start-up stays quick with hundreds of modules.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from vrlearn.modules.library_index import LibraryIndex
from vrlearn.modules.model import MANIFEST_NAME, BrokenModule, Module, Problem


@dataclass(frozen=True)
class Library:
    """The modules that can be opened, and the folders that could not be loaded."""

    modules: tuple[Module, ...]
    broken: tuple[BrokenModule, ...]

    def find(self, module_id: str) -> Module | None:
        return next((module for module in self.modules if module.id == module_id), None)


def module_folders(content_dir: Path) -> list[Path]:
    """Sub-folders of a content folder, in name order; hidden folders are skipped."""
    try:
        with os.scandir(content_dir) as entries:  # no stat per entry, unlike Path.iterdir
            names = [e.name for e in entries if not e.name.startswith(".") and e.is_dir()]
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [content_dir / name for name in sorted(names)]


def load_modules(
    folders: Iterable[Path],
    load: Callable[[Path], Module | BrokenModule] | None = None,
    *,
    resolve_versions: bool = True,
) -> Library:
    """Load each folder; one module id is shown once.

    The same id in different content folders (e.g. bundled `content/` and the installed
    modules folder): the higher version is shown and the lower one hidden (not broken); with
    equal versions the later folder wins (the installed one, as `AppPaths` lists it last).
    A second folder with an id already seen in the same content folder is marked broken, and so
    is every repeated id when `resolve_versions` is False (for checking folders one by one).
    """
    from vrlearn.modules.versions import parse_version

    if load is None:
        from vrlearn.modules.manifest import load_module

        load = load_module
    shown: list[Module] = []
    broken: list[BrokenModule] = []
    seen: dict[str, tuple[int, Path]] = {}  # module id -> its place in `shown`, its folder
    for folder in folders:
        loaded = load(folder)
        if isinstance(loaded, BrokenModule):
            broken.append(loaded)
            continue
        if loaded.id not in seen:
            seen[loaded.id] = (len(shown), folder)
            shown.append(loaded)
            continue
        place, other_folder = seen[loaded.id]
        if other_folder.parent == folder.parent or not resolve_versions:
            manifest = folder / MANIFEST_NAME
            message = f"duplicate module id {loaded.id!r} (also in {other_folder})"
            problem = Problem(manifest, 1, "id", message)
            broken.append(BrokenModule(folder, (problem,), loaded.id, loaded.title))
        elif parse_version(loaded.version) >= parse_version(shown[place].version):
            seen[loaded.id] = (place, folder)
            shown[place] = loaded
    return Library(tuple(shown), tuple(broken))


def scan_library(content_dirs: Iterable[Path], index_file: Path | None = None) -> Library:
    """Every module in the given content folders (folders that do not exist are skipped)."""
    index = LibraryIndex(index_file)
    folders = [folder for directory in content_dirs for folder in module_folders(directory)]
    library = load_modules(folders, index.load)
    index.save()
    return library
