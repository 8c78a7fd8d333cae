"""WebVTT conformance cases from mozilla/vtt.js: our cues match the expected parse.

Each `.vtt` there comes with the expected cues (`.json`: times and raw text) and, for most, the
text a browser shows (`-proc.json`). The few cases where webvtt-py reads differently from the
spec are listed with the reason, as strict expected failures: if webvtt-py changes, we hear.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS, corpus_dir
from vrlearn.media.captions import CaptionError, read_cues

FOLDER = CORPUS / "captions" / "mozilla-vtt.js"

TIME_DEVIATIONS = {
    "cue-times/fraction-digits.vtt": "webvtt-py accepts 2 fraction digits (00:00.00)",
    "cue-times/min-top-digits.vtt": "webvtt-py rejects a first field of 3 digits (000:00.000)",
    "cue-times/minimum-spots-over-sixty.vtt": "webvtt-py rejects minutes over 59 (120:00.000)",
    "integration/id.vtt": "webvtt-py keeps a cue whose identifier line is '-->'",
}
TEXT_DEVIATIONS = {
    "file-layout/header-no-new-line.vtt": "webvtt-py reads a cue right after the header line",
    "integration/id.vtt": "webvtt-py keeps a cue whose identifier line is '-->'",
    "cuetext/lang/no-end-gt.vtt": "webvtt-py keeps the text after an unclosed tag",
    "cuetext/tag-format/end-tag-no-gt.vtt": "webvtt-py keeps the text after an unclosed tag",
    "cuetext/tag-format/no-closing-gt.vtt": "webvtt-py keeps the text after an unclosed tag",
    "cuetext/voice/no-end-gt.vtt": "webvtt-py keeps the text after an unclosed tag",
    "cue-times/fraction-digits.vtt": "webvtt-py accepts 2 fraction digits (00:00.00)",
    "cue-times/min-top-digits.vtt": "webvtt-py rejects a first field of 3 digits (000:00.000)",
    "cue-times/minimum-spots-over-sixty.vtt": "webvtt-py rejects minutes over 59 (120:00.000)",
}


def cases(suffix: str, deviations: dict[str, str], skip_folder: str = "") -> list[Any]:
    if not FOLDER.is_dir():
        return [pytest.param("", id="corpus-absent")]  # corpus_dir() skips, or fails in CI
    params = []
    for vtt in sorted(FOLDER.rglob("*.vtt")):
        name = vtt.relative_to(FOLDER).as_posix()
        if not vtt.with_name(vtt.stem + suffix).is_file() or name.startswith(skip_folder or "~"):
            continue
        reason = deviations.get(name)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(name, marks=marks, id=name))
    return params


def cues_or_none(path: Path) -> list[tuple[float, float, str]]:
    try:
        return [tuple(cue) for cue in read_cues(path)]  # type: ignore[misc]
    except CaptionError:
        return []


@pytest.mark.parametrize("name", cases(".json", TIME_DEVIATIONS))
def test_cue_times_match_the_expected_parse(name: str) -> None:
    vtt = corpus_dir("captions", "mozilla-vtt.js") / name
    expected = json.loads(vtt.with_name(vtt.stem + ".json").read_text(encoding="utf-8"))
    times = sorted((c["startTime"], c["endTime"]) for c in expected.get("cues", []))
    got = sorted((start, end) for start, end, _text in cues_or_none(vtt))
    assert len(got) == len(times)
    assert [t for pair in got for t in pair] == pytest.approx([t for pair in times for t in pair])


# The timestamp cases' -proc.json show nothing, as they were rendered at time 0.
@pytest.mark.parametrize("name", cases("-proc.json", TEXT_DEVIATIONS, "cuetext/timestamp/"))
def test_cue_text_matches_what_a_browser_shows(name: str) -> None:
    vtt = corpus_dir("captions", "mozilla-vtt.js") / name
    shown = json.loads(vtt.with_name(vtt.stem + "-proc.json").read_text(encoding="utf-8"))
    expected = [node["textContent"] for node in shown] if isinstance(shown, list) else []
    got = [text for _start, _end, text in cues_or_none(vtt)]
    assert got == [invisible_ends_removed(text) for text in expected]


def invisible_ends_removed(text: str) -> str:
    """Spaces at the ends of lines cannot be seen; our cues leave them out."""
    return "\n".join(line.rstrip() for line in text.split("\n"))


def test_bad_file_layouts_say_what_is_wrong() -> None:
    folder = corpus_dir("captions", "mozilla-vtt.js", "file-layout")
    for name in ("bad-double-webvtt.vtt", "garbage-signature.vtt", "newline-before-webvtt.vtt"):
        with pytest.raises(CaptionError, match='does not start with the line "WEBVTT"'):
            read_cues(folder / name)
    with pytest.raises(CaptionError, match="is empty"):
        read_cues(folder / "blank-file-with-bom.vtt")
