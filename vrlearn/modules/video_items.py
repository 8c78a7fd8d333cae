"""Reading the fields of a `video` item in `module.toml`: its video, captions and poster.

Every video must have at least one caption file (a product rule: learners often watch with the
sound low or off). File names are checked the way page files are (inside the module, present, not
too large); what is inside them (a playable video, captions that parse and fit the video) is
checked by `vrlearn validate` with libVLC (see `vrlearn.media.lesson_check`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any

from vrlearn.modules.contents import CaptionSpec, VideoSpec
from vrlearn.modules.fields import FieldReader

VIDEO_KEYS = {"type", "id", "title", "file", "captions", "poster", "required_coverage", "required"}
CAPTION_KEYS = {"language", "label", "file"}
VIDEO_SUFFIXES = (".mp4", ".m4v", ".webm", ".mkv", ".mov", ".ogv")
CAPTION_SUFFIXES = (".vtt", ".srt")
POSTER_SUFFIXES = (".png", ".jpg", ".jpeg")
MAX_VIDEO_BYTES = 2_000_000_000
MAX_CAPTION_BYTES = 1_000_000
MAX_POSTER_BYTES = 5_000_000
DEFAULT_COVERAGE = 90
LANGUAGE_PATTERN = re.compile(r"[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})*")

#: check_file(field, relative file, kind, byte limit): reports a problem if the file is unusable
FileCheck = Callable[[str, str, str, int], None]


def read_video_fields(
    fields: FieldReader, prefix: str, table: dict[str, Any], check_file: FileCheck
) -> VideoSpec:
    """The VideoSpec of a video item's table; every problem goes to `fields`."""
    file = table.get("file")
    if isinstance(file, str) and file.strip():
        _suffix(fields, f"{prefix}.file", file.strip(), VIDEO_SUFFIXES, "an MP4 (H.264/AAC) video")
    captions = _captions(fields, prefix, table, check_file)
    poster = fields.text(table, "poster", prefix, required=False, max_length=300)
    if poster and _suffix(fields, f"{prefix}.poster", poster, POSTER_SUFFIXES, "a PNG or JPEG"):
        check_file(f"{prefix}.poster", poster, "poster", MAX_POSTER_BYTES)
    coverage = DEFAULT_COVERAGE
    if "required_coverage" in table:
        coverage = fields.integer(table, "required_coverage", prefix, 0, 100)
    return VideoSpec(captions=captions, poster=poster, required_coverage=coverage)


def _captions(
    fields: FieldReader, prefix: str, table: dict[str, Any], check_file: FileCheck
) -> tuple[CaptionSpec, ...]:
    field = f"{prefix}.captions"
    if "captions" not in table:
        fields.report(
            field,
            "missing (required): every video needs at least one caption file, e.g. captions = "
            '[{language = "en", label = "English", file = "videos/intro.en.vtt"}]',
        )
        return ()
    captions: list[CaptionSpec] = []
    languages: set[str] = set()
    for caption_prefix, caption in fields.tables(table, "captions", prefix):
        fields.unknown_keys(caption, CAPTION_KEYS, caption_prefix)
        language = fields.text(caption, "language", caption_prefix, pattern=LANGUAGE_PATTERN,
                               pattern_help="use a language tag such as en or cy-GB")  # fmt: skip
        label = fields.text(caption, "label", caption_prefix, required=False, max_length=60)
        file = fields.text(caption, "file", caption_prefix, max_length=300)
        if language and language.lower() in languages:
            fields.report(f"{caption_prefix}.language", f"a second caption file for {language!r}")
        languages.add(language.lower())
        if file and _suffix(
            fields,
            f"{caption_prefix}.file",
            file,
            CAPTION_SUFFIXES,
            "WebVTT (.vtt) or SubRip (.srt)",
        ):
            check_file(f"{caption_prefix}.file", file, "caption", MAX_CAPTION_BYTES)
        captions.append(CaptionSpec(language, label or language, file))
    return tuple(captions)


def _suffix(
    fields: FieldReader, field: str, file: str, allowed: tuple[str, ...], kind: str
) -> bool:
    if PurePosixPath(file).suffix.lower() in allowed:
        return True
    fields.report(field, f"{file} is not {kind} ({', '.join(allowed)})")
    return False
