"""The library: every module folder found in the content folders, loaded or marked broken.

Scanning reads each `module.toml` and checks that item files exist; the deeper page checks run in
`vrlearn validate` and when a page is opened. With an index file, unchanged modules come from the
cache (see library_index), so start-up stays quick with hundreds of modules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from vrlearn.modules.library_index import LibraryIndex
from vrlearn.modules.model import MANIFEST_NAME, BrokenModule, Module, Problem


@dataclass(frozen=True)
class Library:
    modules: tuple[Module, ...]
    broken: tuple[BrokenModule, ...]

    def find(self, module_id: str) -> Module | None:
        return next((module for module in self.modules if module.id == module_id), None)


def module_folders(content_dir: Path) -> list[Path]:
    """Sub-folders of a content folder, in name order; hidden folders are skipped."""
    try:
        entries = sorted(content_dir.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [entry for entry in entries if entry.is_dir() and not entry.name.startswith(".")]


def load_modules(
    folders: Iterable[Path], load: Callable[[Path], Module | BrokenModule] | None = None
) -> Library:
    """Load each folder; a second folder with an id already seen is marked broken."""
    if load is None:
        from vrlearn.modules.manifest import load_module

        load = load_module
    modules: list[Module] = []
    broken: list[BrokenModule] = []
    seen: dict[str, Path] = {}
    for folder in folders:
        loaded = load(folder)
        if isinstance(loaded, BrokenModule):
            broken.append(loaded)
        elif loaded.id in seen:
            manifest = folder / MANIFEST_NAME
            message = f"duplicate module id {loaded.id!r} (also in {seen[loaded.id]})"
            problem = Problem(manifest, 1, "id", message)
            broken.append(BrokenModule(folder, (problem,), loaded.id, loaded.title))
        else:
            seen[loaded.id] = folder
            modules.append(loaded)
    return Library(tuple(modules), tuple(broken))


def scan_library(content_dirs: Iterable[Path], index_file: Path | None = None) -> Library:
    """Every module in the given content folders (folders that do not exist are skipped)."""
    index = LibraryIndex(index_file)
    folders = [folder for directory in content_dirs for folder in module_folders(directory)]
    library = load_modules(folders, index.load)
    index.save()
    return library
