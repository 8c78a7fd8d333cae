"""Reading `module.toml` into a Module, collecting every problem with its line and field."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from vrlearn.modules.contents import Author, CompletionRule, Item, Lesson, Reference
from vrlearn.modules.fields import FieldReader
from vrlearn.modules.files import MAX_PAGE_BYTES, UnsafePath, module_file
from vrlearn.modules.model import MANIFEST_NAME, BrokenModule, Module, Problem
from vrlearn.modules.toml_lines import FieldLines, strip_position, toml_error_line
from vrlearn.modules.versions import VERSION_PATTERN
from vrlearn.modules.video_items import MAX_VIDEO_BYTES, VIDEO_KEYS, read_video_fields

FORMAT_VERSION = 1
MAX_MANIFEST_BYTES = 256_000

ID_PATTERN = re.compile(r"[a-z0-9](?:[a-z0-9-]{1,62})[a-z0-9]")
ITEM_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
LANGUAGE_PATTERN = re.compile(r"[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})*")
URL_PATTERN = re.compile(r"https?://\S+")

TOP_KEYS = {
    "format", "id", "version", "title", "summary", "audience", "estimated_minutes", "language",
    "licence", "authors", "references", "learning_outcomes", "lessons", "completion",
}  # fmt: skip
RESERVED_ITEM_TYPES: set[str] = set()  # types a later format may add, refused clearly
ITEM_TYPES = ("page", "video", "quiz")
MAX_QUIZ_BYTES = 256_000  # as vrlearn.quiz.toml_quiz


def load_module(folder: Path) -> Module | BrokenModule:
    """Load the module in `folder`; a BrokenModule lists every problem found."""
    manifest = folder / MANIFEST_NAME
    try:
        size = manifest.stat().st_size
        if size > MAX_MANIFEST_BYTES:
            return _broken(folder, manifest, 1, "file", f"is {size:,} bytes; at most 256 KB")
        raw = manifest.read_bytes()
    except FileNotFoundError:
        return _broken(folder, manifest, 1, "file", f"no {MANIFEST_NAME} in this folder")
    except OSError as error:
        return _broken(folder, manifest, 1, "file", f"cannot be read: {error.strerror}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return _broken(folder, manifest, line, "file", "is not valid UTF-8 text")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = f"not valid TOML: {strip_position(str(error))}"
        return _broken(folder, manifest, toml_error_line(str(error)), "toml", message)
    return ManifestReader(folder, manifest, text).read(data)


def _broken(folder: Path, manifest: Path, line: int, field: str, message: str) -> BrokenModule:
    return BrokenModule(folder, (Problem(manifest, line, field, message),))


class ManifestReader:
    """Turns parsed TOML into a Module, or a BrokenModule with every problem."""

    def __init__(self, folder: Path, manifest: Path, text: str) -> None:
        self.folder = folder
        self.fields = FieldReader(manifest, FieldLines(text))

    def read(self, data: dict[str, Any]) -> Module | BrokenModule:
        f = self.fields
        f.unknown_keys(data, TOP_KEYS, "")
        if "format" not in data:
            f.report("format", f"missing (required); this version reads format {FORMAT_VERSION}")
        elif data["format"] != FORMAT_VERSION:
            f.report(
                "format",
                f"{data['format']!r} is not supported; this version reads format {FORMAT_VERSION}",
            )
        module_id = f.text(data, "id", "", pattern=ID_PATTERN, pattern_help=(
            "use 3-64 lower-case letters, digits and hyphens"))  # fmt: skip
        version = f.text(data, "version", "", pattern=VERSION_PATTERN, pattern_help=(
            "use MAJOR.MINOR.PATCH, e.g. 1.0.0"))  # fmt: skip
        title = f.text(data, "title", "", max_length=200)
        references = self._references(data)
        lessons = self._lessons(data)
        completion = self._completion(data)
        module = Module(
            folder=self.folder,
            id=module_id,
            version=version,
            title=title,
            summary=f.text(data, "summary", "", max_length=1000),
            audience=f.text_list(data, "audience", ""),
            estimated_minutes=f.integer(data, "estimated_minutes", "", 1, 600),
            language=f.text(
                data,
                "language",
                "",
                pattern=LANGUAGE_PATTERN,
                pattern_help=("use a language tag such as en-GB"),
            ),  # fmt: skip
            licence=f.text(data, "licence", "", max_length=200),
            authors=self._authors(data),
            references=references,
            learning_outcomes=f.text_list(data, "learning_outcomes", ""),
            lessons=lessons,
            completion=completion,
        )
        if f.problems:
            return BrokenModule(self.folder, tuple(f.problems), module_id, title)
        return module

    def _authors(self, data: dict[str, Any]) -> tuple[Author, ...]:
        authors = []
        for prefix, table in self.fields.tables(data, "authors", ""):
            self.fields.unknown_keys(table, {"name", "role"}, prefix)
            authors.append(
                Author(
                    name=self.fields.text(table, "name", prefix, max_length=200),
                    role=self.fields.text(table, "role", prefix, required=False, max_length=200),
                )
            )
        return tuple(authors)

    def _references(self, data: dict[str, Any]) -> tuple[Reference, ...]:
        f = self.fields
        references: list[Reference] = []
        seen: set[str] = set()
        for prefix, table in f.tables(data, "references", "", min_items=0):
            f.unknown_keys(table, {"id", "citation", "url"}, prefix)
            ref_id = f.text(table, "id", prefix, pattern=ITEM_ID_PATTERN, pattern_help=(
                "use letters, digits, '-' and '_'"))  # fmt: skip
            if ref_id in seen:
                f.report(f"{prefix}.id", f"duplicate reference id {ref_id!r}")
            seen.add(ref_id)
            citation = f.text(table, "citation", prefix, max_length=1000)
            url = f.text(table, "url", prefix, required=False, pattern=URL_PATTERN, pattern_help=(
                "use an http:// or https:// address"))  # fmt: skip
            references.append(Reference(ref_id, citation, url))
        return tuple(references)

    def _lessons(self, data: dict[str, Any]) -> tuple[Lesson, ...]:
        f = self.fields
        lessons: list[Lesson] = []
        lesson_ids: set[str] = set()
        item_ids: set[str] = set()
        for prefix, table in f.tables(data, "lessons", ""):
            f.unknown_keys(table, {"id", "title", "items"}, prefix)
            lesson_id = f.text(table, "id", prefix, pattern=ITEM_ID_PATTERN, pattern_help=(
                "use letters, digits, '-' and '_'"))  # fmt: skip
            if lesson_id in lesson_ids:
                f.report(f"{prefix}.id", f"duplicate lesson id {lesson_id!r}")
            lesson_ids.add(lesson_id)
            title = f.text(table, "title", prefix, max_length=200)
            items = []
            for item_prefix, item_table in f.tables(table, "items", prefix):
                item = self._item(item_prefix, item_table)
                if item is None:
                    continue
                if item.id in item_ids:
                    f.report(f"{item_prefix}.id", f"duplicate item id {item.id!r}")
                item_ids.add(item.id)
                items.append(item)
            lessons.append(Lesson(lesson_id, title, tuple(items)))
        return tuple(lessons)

    def _item(self, prefix: str, table: dict[str, Any]) -> Item | None:
        f = self.fields
        kind = table.get("type")
        if kind in RESERVED_ITEM_TYPES:
            f.report(f"{prefix}.type", f"{kind!r} items are not supported by this version of VR "
                     "Learn (module format 1 reserves them)")  # fmt: skip
            return None
        if kind not in ITEM_TYPES:
            shown = "missing" if kind is None else f"{kind!r} is not a known item type"
            f.report(f"{prefix}.type", f'{shown}; use "page", "video" or "quiz"')
            return None
        keys = VIDEO_KEYS if kind == "video" else {"type", "id", "title", "file", "required"}
        f.unknown_keys(table, keys, prefix)
        item_id = f.text(table, "id", prefix, pattern=ITEM_ID_PATTERN, pattern_help=(
            "use letters, digits, '-' and '_'"))  # fmt: skip
        title = f.text(table, "title", prefix, max_length=200)
        file = f.text(table, "file", prefix, max_length=300)
        required = f.flag(table, "required", prefix, default=True)
        video = None
        if kind == "video":
            video = read_video_fields(f, prefix, table, self._check_item_file)
        if file:
            limits = {"page": MAX_PAGE_BYTES, "quiz": MAX_QUIZ_BYTES, "video": MAX_VIDEO_BYTES}
            self._check_item_file(f"{prefix}.file", file, kind, limits[kind])
        return Item(kind, item_id, title, file, required, video)

    def _check_item_file(self, field: str, file: str, kind: str, limit: int) -> None:
        try:
            path = module_file(self.folder, file)
        except UnsafePath as error:
            self.fields.report(field, f"{file!r} {error}")
            return
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            self.fields.report(field, f"{kind} file not found: {file}")
            return
        except OSError as error:
            self.fields.report(field, f"{kind} file cannot be read: {file}: {error.strerror}")
            return
        if not path.is_file():
            self.fields.report(field, f"{file} is not a file")
        elif size > limit:
            self.fields.report(field, f"{kind} {file} is {size:,} bytes; at most {limit:,}")

    def _completion(self, data: dict[str, Any]) -> CompletionRule:
        f = self.fields
        table = data.get("completion", {})
        if not isinstance(table, dict):
            f.report("completion", "must be a table ([completion])")
            return CompletionRule()
        f.unknown_keys(table, {"pages"}, "completion")
        pages = table.get("pages", "all")
        if pages == "required":
            return CompletionRule(pages="required")
        if pages != "all":
            f.report("completion.pages", f'{pages!r} is not valid; use "all" or "required"')
        return CompletionRule(pages="all")
