"""A cache of loaded manifests, so start-up does not re-parse hundreds of unchanged modules.

Each entry keeps the module as loaded plus the size and modification time of its manifest and of
every file its items use (pages, quizzes, videos with their caption files and posters). An entry
is used only while all of those still match, so an edited, deleted or replaced file always sends
the module back through the full `load_module` checks. The cache is a
plain JSON file in the data folder; if it is missing, damaged or from another version it is
ignored and rebuilt. It never decides what is safe to show: pages are checked again when read.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from vrlearn.modules.model import (
    MANIFEST_NAME,
    Author,
    BrokenModule,
    CaptionSpec,
    CompletionRule,
    Item,
    Lesson,
    Module,
    Reference,
    VideoSpec,
)

log = logging.getLogger(__name__)

INDEX_VERSION = 2  # 2: video items (their captions and poster are stamped too)
Stamp = list[list[Any]]


def _stamp(module_folder: Path, files: list[str]) -> Stamp | None:
    stamp: Stamp = []
    base = str(module_folder)
    for name in files:
        try:
            info = os.stat(os.path.join(base, name))
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


class LibraryIndex:
    """Loads modules through the cache; `save()` writes it back when anything changed."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._entries: dict[str, Any] = self._read() if path else {}
        self._used: dict[str, Any] = {}
        self.hits = 0
        self.misses = 0

    def _read(self) -> dict[str, Any]:
        assert self.path is not None
        try:
            data = json.loads(self.path.read_bytes())
            if data.get("version") == INDEX_VERSION and isinstance(data.get("entries"), dict):
                return dict(data["entries"])
        except FileNotFoundError:
            pass
        except (OSError, ValueError, AttributeError) as error:
            log.info("ignoring the library index %s: %s", self.path, error)
        return {}

    def load(self, folder: Path) -> Module | BrokenModule:
        key = str(folder)
        entry = self._entries.get(key)
        if isinstance(entry, dict):
            try:
                module = module_from_json(folder, entry["module"])
                if _stamp(folder, _files(module)) == entry["stamp"]:
                    self.hits += 1
                    self._used[key] = entry
                    return module
            except (KeyError, TypeError, ValueError) as error:
                log.info("index entry for %s unusable: %s", folder, error)
        self.misses += 1
        from vrlearn.modules.manifest import load_module  # tomllib and the checks: misses only

        loaded = load_module(folder)
        if isinstance(loaded, Module):
            stamp = _stamp(folder, _files(loaded))
            if stamp is not None:
                self._used[key] = {"stamp": stamp, "module": module_to_json(loaded)}
        return loaded

    def save(self) -> None:
        """Write the entries used in this scan (dropping folders that are gone), if any changed."""
        if self.path is None or (self.misses == 0 and len(self._used) == len(self._entries)):
            return
        temp = self.path.with_name(f".{self.path.name}.tmp-{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            payload = {"version": INDEX_VERSION, "entries": self._used}
            temp.write_text(json.dumps(payload, separators=(",", ":")), encoding="utf-8")
            os.replace(temp, self.path)
        except OSError as error:
            log.warning("could not save the library index %s: %s", self.path, error)
            temp.unlink(missing_ok=True)
