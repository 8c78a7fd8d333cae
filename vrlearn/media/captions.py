"""Caption files (WebVTT `.vtt`, SubRip `.srt`) read into plain-text cues, checked in plain words.

Parsing is webvtt-py's. On top of it this module gives the player and `vrlearn validate`:

- `read_cues(path)`: the cues to show, in seconds, as plain text (tags removed, `&amp;` and the
  like decoded). Lenient like a browser: a broken cue is skipped, the rest still show. Raises
  `CaptionError` only when nothing can be shown (unreadable, not a caption file, no cues).
- `check_captions(path, duration)`: for module authors; raises `CaptionError` listing every
  problem (cues without timings or text, bad times, cues ending before they start or after the
  video ends), each with the file name and, where it can be found, the line number.
"""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError
from webvtt.models import Timestamp

from vrlearn.media.caption_blocks import ARROW, CueBlock, cue_blocks, split_lines
from vrlearn.media.clock import clock

__all__ = [
    "CaptionError",
    "CaptionProblem",
    "Cue",
    "caption_format",
    "check_captions",
    "read_cues",
]

FORMATS = {".vtt": "vtt", ".srt": "srt"}
END_TOLERANCE = 0.5  # seconds a cue may run past the video's end (durations are rounded)
MAX_LISTED = 10  # problems spelled out in an error's message; the rest are counted
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_EXAMPLE = {"vtt": "00:01:02.500 --> 00:01:05.000", "srt": "00:01:02,500 --> 00:01:05,000"}


class Cue(NamedTuple):
    """One caption, shown from `start` to `end` seconds; `text` is plain text (may hold \\n)."""

    start: float
    end: float
    text: str


@dataclass(frozen=True)
class CaptionProblem:
    """One thing wrong with a caption file, in plain words; `line` is 1-based when known."""

    path: Path
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path.name}, line {self.line}" if self.line else self.path.name
        return f"{where}: {self.message}"


class CaptionError(Exception):
    """A caption file cannot be used; `problems` lists why, the message says it in plain words."""

    def __init__(self, problems: Sequence[CaptionProblem]) -> None:
        if not problems:
            raise ValueError("CaptionError needs at least one problem")
        self.problems = tuple(problems)
        shown = [str(p) for p in self.problems[:MAX_LISTED]]
        hidden = len(self.problems) - len(shown)
        if hidden:
            shown.append(f"… and {hidden} more problem{'s' if hidden > 1 else ''}")
        super().__init__("\n".join(shown))

    @property
    def path(self) -> Path:
        return self.problems[0].path

    @property
    def line(self) -> int | None:
        return self.problems[0].line


def caption_format(path: Path) -> str:
    """ "vtt" or "srt" from the file name; CaptionError for any other kind of file."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise CaptionError(
            [CaptionProblem(path, "is not a caption file: use WebVTT (.vtt) or SubRip (.srt)")]
        )
    return fmt


def read_cues(path: Path) -> tuple[Cue, ...]:
    """The cues to show, sorted by start time; broken cues are skipped as a browser skips them."""
    fmt = caption_format(path)
    cues = _parse(path, split_lines(_read_text(path)), fmt)
    return tuple(sorted(cues, key=lambda cue: cue.start))


def check_captions(path: Path, duration: float | None = None) -> tuple[Cue, ...]:
    """The cues, or CaptionError listing every problem an author should fix (for validate).

    `duration` (seconds) is the video's length: cues that end after it are problems too.
    """
    fmt = caption_format(path)
    lines = split_lines(_read_text(path))
    cues = _parse(path, lines, fmt)
    problems, cue_lines = _block_problems(path, cue_blocks(lines, fmt), fmt)
    if len(cue_lines) != len(cues):  # cannot tell which cue is on which line
        cue_lines = [None] * len(cues)
    problems += _time_problems(path, cues, cue_lines, duration)
    if problems:
        raise CaptionError(sorted(problems, key=lambda p: p.line or 0))
    return tuple(sorted(cues, key=lambda cue: cue.start))


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CaptionError([CaptionProblem(path, "is missing")]) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise CaptionError([CaptionProblem(path, f"could not be opened ({reason})")]) from None
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8-sig")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = "is not UTF-8 text: save it again with the UTF-8 encoding"
        raise CaptionError([CaptionProblem(path, message, line)]) from None


def _parse(path: Path, lines: list[str], fmt: str) -> list[Cue]:
    if not any(line.strip() for line in lines):
        raise CaptionError([CaptionProblem(path, "is empty: it has no captions in it")])
    try:
        parsed = webvtt.from_buffer(lines, format=fmt)
    except MalformedFileError:
        raise CaptionError([_wrong_format(path, lines, fmt)]) from None
    except (MalformedCaptionError, ValueError) as error:
        raise CaptionError([CaptionProblem(path, f"could not be read ({error})")]) from None
    cues = [
        Cue(
            caption.start_time.in_milliseconds() / 1000,
            caption.end_time.in_milliseconds() / 1000,
            _plain_text(caption.text),
        )
        for caption in parsed.captions
    ]
    if not cues:
        example = _EXAMPLE[fmt]
        message = f"has no captions in it: each caption needs a timing line such as {example}"
        raise CaptionError([CaptionProblem(path, message)])
    return cues


def _wrong_format(path: Path, lines: list[str], fmt: str) -> CaptionProblem:
    first = lines[0].strip() if lines else ""
    if fmt == "vtt":
        if first.isdigit() and len(lines) > 1 and ARROW in lines[1]:
            message = "looks like a SubRip caption file: rename it to end in .srt"
        else:
            message = 'does not start with the line "WEBVTT", so it is not a WebVTT caption file'
        return CaptionProblem(path, message, 1)
    if first.startswith("WEBVTT"):
        return CaptionProblem(path, "looks like a WebVTT caption file: rename it to end in .vtt", 1)
    message = (
        "is not a SubRip caption file: it should start with a caption number on its own line, "
        f"then a timing line such as {_EXAMPLE['srt']}, then the caption text"
    )
    return CaptionProblem(path, message, 1)


def _plain_text(text: str) -> str:
    """Cue text as people read it: tags are already gone; decode &amp; &lt; &nbsp; and so on."""
    return "\n".join(_unescape(line).rstrip() for line in text.split("\n")).strip("\n")


def _unescape(line: str) -> str:
    """Character references ended by ";" only, as WebVTT reads them ("&lt" stays as it is)."""
    return _REFERENCE.sub(lambda match: html.unescape(match.group(0)), line)


def _block_problems(
    path: Path, blocks: list[CueBlock], fmt: str
) -> tuple[list[CaptionProblem], list[int | None]]:
    """Problems found in the blocks, and the timing line of each block webvtt-py makes a cue of."""
    problems: list[CaptionProblem] = []
    cue_lines: list[int | None] = []
    for block in blocks:
        if block.timing_line is None:
            message = (
                "this text has no timing line, so it is never shown "
                f"(a caption starts with a line such as {_EXAMPLE[fmt]})"
            )
            problems.append(CaptionProblem(path, message, block.first_line))
            continue
        if fmt == "srt" and _srt_full_stop(block.timing):
            message = (
                f'the timing line "{block.timing.strip()}" uses a full stop before the '
                f"milliseconds; SubRip needs a comma, for example {_EXAMPLE['srt']}"
            )
            problems.append(CaptionProblem(path, message, block.timing_line))
        times = _timing_times(block.timing, fmt)
        if times is None:
            message = (
                f'the timing line "{block.timing.strip()}" is not valid: '
                f"write it as hours:minutes:seconds, for example {_EXAMPLE[fmt]}"
            )
            problems.append(CaptionProblem(path, message, block.timing_line))
            continue
        has_text = any(line.strip() for line in block.text)
        if not has_text:
            message = f"the caption at {clock(times[0], exact=True)} has no text"
            problems.append(CaptionProblem(path, message, block.timing_line))
        if has_text or fmt == "vtt":  # webvtt-py keeps WebVTT cues without text, drops SRT ones
            cue_lines.append(block.timing_line)
    return problems, cue_lines


def _srt_full_stop(timing: str) -> bool:
    """A SubRip time written 00:00:01.000: webvtt-py reads it, stricter players do not."""
    return any(part.strip().count(".") for part in timing.split(ARROW)[:2])


def _timing_times(timing: str, fmt: str) -> tuple[float, float] | None:
    """The start and end of a timing line, read by webvtt-py's timestamp reader; None if bad."""
    start, _, rest = timing.partition(ARROW)
    end = rest.split()[0] if rest.split() else ""
    if fmt == "srt":
        start, end = start.replace(",", "."), end.replace(",", ".")
    try:
        first = Timestamp.from_string(start.strip())
        last = Timestamp.from_string(end)
    except MalformedCaptionError:
        return None
    return first.in_milliseconds() / 1000, last.in_milliseconds() / 1000


def _time_problems(
    path: Path, cues: list[Cue], lines: Sequence[int | None], duration: float | None
) -> list[CaptionProblem]:
    problems = []
    late: list[tuple[Cue, int | None]] = []
    for cue, line in zip(cues, lines, strict=True):
        if cue.end < cue.start:
            start, end = clock(cue.start, exact=True), clock(cue.end, exact=True)
            message = f"the caption at {start} ends ({end}) before it starts"
            problems.append(CaptionProblem(path, message, line))
        elif duration is not None and cue.end > duration + END_TOLERANCE:
            late.append((cue, line))
    if late:
        (first, line), count = late[0], len(late)
        which = "a caption ends" if count == 1 else f"{count} captions end"
        message = (
            f"{which} after the video ends at {clock(duration or 0, exact=True)}; the first, "
            f"at {clock(first.start, exact=True)}, ends at {clock(first.end, exact=True)}"
        )
        problems.append(CaptionProblem(path, message, line))
    return problems
