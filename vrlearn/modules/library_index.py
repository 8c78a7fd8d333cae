"""A cache of loaded manifests, so start-up does not re-parse hundreds of unchanged modules.

Each entry keeps the module as loaded plus the size and modification time of its manifest and of
every file its items use (pages, quizzes, videos with their caption files and posters). An entry
is used only while all of those still match, so an edited, deleted or replaced file always sends
the module back through the full `load_module` checks. The cache is a
plain JSON file in the data folder; if it is missing, damaged or from another version it is
ignored and rebuilt. It never decides what is safe to show: pages are checked again when read.

An entry holds what the library list needs (`summary`: title, summary, duration, learning
outcomes, how many items count). The rest of each module (its lessons, references, …) is kept as
JSON text in a second file beside the index (`library-index-<token>.details`), at the offset and
length the entry gives: start-up builds each module from its summary (`Module.deferred`) and reads
its details only when something uses them (opening the module, its quizzes' results, a
certificate). Details that cannot be read are taken from the module's manifest instead.
"""

from __future__ import annotations

import json
import logging
import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vrlearn.modules.model import MANIFEST_NAME, BrokenModule, Module

if TYPE_CHECKING:
    from vrlearn.modules.contents import Item

log = logging.getLogger(__name__)

INDEX_VERSION = 4  # 2: video items (their captions and poster are stamped too); 4: summaries
Stamp = list[list[Any]]


def _stamp(module_folder: Path, files: list[str]) -> Stamp | None:
    stamp: Stamp = []
    base = f"{module_folder}{os.sep}"  # plain concatenation: os.path.join costs more than stat
    for name in files:
        try:
            info = os.stat(base + name)
        except OSError:
            return None
        stamp.append([name, info.st_size, info.st_mtime_ns])
    return stamp


def _files(module: Module) -> list[str]:
    return [MANIFEST_NAME, *(name for item in module.items for name in item.files)]


def _item_to_json(item: Item) -> list[Any]:
    video = item.video
    spec = None
    if video is not None:
        captions = [[c.language, c.label, c.file] for c in video.captions]
        spec = {"captions": captions, "poster": video.poster, "coverage": video.required_coverage}
    return [item.type, item.id, item.title, item.file, item.required, spec]


def _item_from_json(data: list[Any]) -> Item:
    from vrlearn.modules.contents import CaptionSpec, Item, VideoSpec  # only for details

    kind, item_id, title, file, required, spec = data
    if kind not in ("page", "video", "quiz"):
        raise ValueError(f"unknown item type {kind!r}")
    video = None
    if spec is not None:
        video = VideoSpec(
            captions=tuple(
                CaptionSpec(str(lang), str(label), str(f)) for lang, label, f in spec["captions"]
            ),  # fmt: skip
            poster=str(spec["poster"]),
            required_coverage=int(spec["coverage"]),
        )
    return Item(kind, str(item_id), str(title), str(file), bool(required), video)


def module_to_json(module: Module) -> dict[str, Any]:
    return {
        "id": module.id,
        "version": module.version,
        "title": module.title,
        "summary": module.summary,
        "audience": list(module.audience),
        "estimated_minutes": module.estimated_minutes,
        "language": module.language,
        "licence": module.licence,
        "authors": [[a.name, a.role] for a in module.authors],
        "references": [[r.id, r.citation, r.url] for r in module.references],
        "learning_outcomes": list(module.learning_outcomes),
        "lessons": [
            [
                lesson.id,
                lesson.title,
                [_item_to_json(i) for i in lesson.items],
            ]
            for lesson in module.lessons
        ],
        "completion": module.completion.pages,
    }


def module_from_json(folder: Path, data: dict[str, Any]) -> Module:
    from vrlearn.modules.contents import Author, CompletionRule, Lesson, Reference  # see contents

    return Module(
        folder=folder,
        id=str(data["id"]),
        version=str(data["version"]),
        title=str(data["title"]),
        summary=str(data["summary"]),
        audience=tuple(str(a) for a in data["audience"]),
        estimated_minutes=int(data["estimated_minutes"]),
        language=str(data["language"]),
        licence=str(data["licence"]),
        authors=tuple(Author(str(n), str(r)) for n, r in data["authors"]),
        references=tuple(Reference(str(i), str(c), str(u)) for i, c, u in data["references"]),
        learning_outcomes=tuple(str(o) for o in data["learning_outcomes"]),
        lessons=tuple(
            Lesson(
                str(lid),
                str(title),
                tuple(_item_from_json(item) for item in items),
            )
            for lid, title, items in data["lessons"]
        ),  # fmt: skip
        completion=CompletionRule("required" if data["completion"] == "required" else "all"),
    )


def _summary(module: Module) -> dict[str, Any]:
    return {
        "id": module.id,
        "version": module.version,
        "title": module.title,
        "summary": module.summary,
        "estimated_minutes": module.estimated_minutes,
        "learning_outcomes": list(module.learning_outcomes),
        "counted": len(module.counted_items()),
    }


def _details_text(module: Module) -> bytes:
    return json.dumps(module_to_json(module), separators=(",", ":")).encode("utf-8")


def _module_from_entry(folder: Path, entry: dict[str, Any], details_file: Path) -> Module:
    """The module from its summary; the details are read when first used."""
    summary = entry["summary"]
    offset, length = (int(number) for number in entry["at"])
    outcomes = summary["learning_outcomes"]
    if not isinstance(outcomes, list):
        raise TypeError("learning outcomes are not a list")
    module_id = str(summary["id"])
    return Module.deferred(
        folder=folder,
        id=module_id,
        version=str(summary["version"]),
        title=str(summary["title"]),
        summary=str(summary["summary"]),
        estimated_minutes=int(summary["estimated_minutes"]),
        learning_outcomes=tuple(str(outcome) for outcome in outcomes),
        counted_total=int(summary["counted"]),
        details=partial(_read_details, folder, module_id, details_file, offset, length),
    )


def _read_details(
    folder: Path, module_id: str, details_file: Path, offset: int, length: int
) -> Module:
    """The whole module from the details file; from its manifest if they cannot be read."""
    try:
        with details_file.open("rb") as file:
            file.seek(offset)
            module = module_from_json(folder, json.loads(file.read(length)))
        if module.id == module_id:
            return module
        log.warning("index details for %s name another module: %s", folder, module.id)
    except (OSError, KeyError, TypeError, ValueError) as error:
        log.warning("index details for %s unusable, reading the manifest: %s", folder, error)
    from vrlearn.modules.manifest import load_module

    loaded = load_module(folder)
    if isinstance(loaded, BrokenModule):
        raise ValueError(f"module {folder} cannot be read any more: {loaded.reason}")
    return loaded


class LibraryIndex:
    """Loads modules through the cache; `save()` writes it back when anything changed."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._details_file: Path | None = None  # the one the index read names
        self._entries: dict[str, Any] = self._read() if path else {}
        self._used: dict[str, Any] = {}  # folder -> entry, for this scan
        self._modules: dict[str, Module] = {}  # folder -> module, for this scan
        self.hits = 0
        self.misses = 0

    def _read(self) -> dict[str, Any]:
        assert self.path is not None
        try:
            data = json.loads(self.path.read_bytes())
            if data.get("version") == INDEX_VERSION and isinstance(data.get("entries"), dict):
                details = self.path.with_name(str(data["details"]))
                if details.parent == self.path.parent and details.is_file():
                    self._details_file = details
                    return dict(data["entries"])
        except FileNotFoundError:
            pass
        except (OSError, ValueError, AttributeError, KeyError) as error:
            log.info("ignoring the library index %s: %s", self.path, error)
        return {}

    def load(self, folder: Path) -> Module | BrokenModule:
        key = str(folder)
        entry = self._entries.get(key)
        if isinstance(entry, dict) and self._details_file is not None:
            try:
                stamp = entry["stamp"]
                files = [str(file[0]) for file in stamp]
                if files[:1] == [MANIFEST_NAME] and _stamp(folder, files) == stamp:
                    module = _module_from_entry(folder, entry, self._details_file)
                    self.hits += 1
                    self._used[key] = entry
                    self._modules[key] = module
                    return module
            except (KeyError, TypeError, ValueError, IndexError) as error:
                log.info("index entry for %s unusable: %s", folder, error)
        self.misses += 1
        from vrlearn.modules.manifest import load_module  # tomllib and the checks: misses only

        loaded = load_module(folder)
        if isinstance(loaded, Module):
            stamp = _stamp(folder, _files(loaded))
            if stamp is not None:
                self._used[key] = {"stamp": stamp, "summary": _summary(loaded)}
                self._modules[key] = loaded
        return loaded

    def save(self) -> None:
        """Write the entries used in this scan (dropping folders that are gone), if any changed.

        The details of modules served from the index are copied from the old details file as
        they are. Details files other than the new one and the one read are removed (modules
        still deferred in this process may read the latter).
        """
        if self.path is None or (self.misses == 0 and len(self._used) == len(self._entries)):
            return
        folder = self.path.parent
        details = folder / f"{self.path.stem}-{os.urandom(8).hex()}.details"
        temp = self.path.with_name(f".{self.path.name}.tmp-{os.getpid()}")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            old = self._old_details()
            entries: dict[str, Any] = {}
            with details.open("wb") as out:
                for key, entry in self._used.items():
                    try:
                        text = self._details_of(key, entry, old)
                    except (TypeError, ValueError) as error:  # left out: loaded next time
                        log.info("index details for %s left out: %s", key, error)
                        continue
                    entries[key] = {**entry, "at": [out.tell(), len(text)]}
                    out.write(text)
            payload = {"version": INDEX_VERSION, "details": details.name, "entries": entries}
            temp.write_text(json.dumps(payload, separators=(",", ":")), encoding="utf-8")
            os.replace(temp, self.path)
        except OSError as error:
            log.warning("could not save the library index %s: %s", self.path, error)
            temp.unlink(missing_ok=True)
            details.unlink(missing_ok=True)
            return
        for stale in folder.glob(f"{self.path.stem}-*.details"):
            if stale not in (details, self._details_file):
                stale.unlink(missing_ok=True)

    def _old_details(self) -> bytes:
        if self._details_file is None:
            return b""
        try:
            return self._details_file.read_bytes()
        except OSError:
            return b""

    def _details_of(self, key: str, entry: dict[str, Any], old: bytes) -> bytes:
        """A module's details: as they were in the old file if it came from there, else made."""
        at = entry.get("at")
        if isinstance(at, list) and len(at) == 2:
            offset, length = int(at[0]), int(at[1])
            if offset >= 0 and offset + length <= len(old):
                return old[offset : offset + length]
        return _details_text(self._modules[key])
