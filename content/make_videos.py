"""Build the sample narrated slide videos for the bundled modules.

Each bundled module may hold narration scripts, ``content/<module>/videos/<name>.script.toml``.
For every script this tool:

1. draws the slides with Qt (QImage + QPainter, offscreen, DejaVu Sans, 1280x720);
2. speaks each sentence of the narration with espeak-ng and measures every clip;
3. assembles slides and narration with ffmpeg as an H.264/AAC MP4 (``-movflags +faststart``);
4. writes WebVTT captions whose cue times come from the measured clips, and a 640x360 poster;
5. checks the result with ffprobe, then moves ``<name>.mp4``, ``<name>.en.vtt`` and
   ``<name>.poster.png`` into the module's ``videos`` folder.

Everything is built in a temporary folder first, so a failed run never leaves half a video behind.
The output is deterministic for a given espeak-ng, ffmpeg and Qt version.

Usage::

    QT_QPA_PLATFORM=offscreen python content/make_videos.py [--only MODULE_ID]

Needs the Debian packages ``espeak-ng``, ``ffmpeg`` and ``fonts-dejavu-core``, and PySide6.
"""

from __future__ import annotations

import argparse
import array
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QFontMetrics,
    QGuiApplication,
    QImage,
    QPainter,
)

CONTENT_DIR = Path(__file__).resolve().parent
SCRIPT_SUFFIX = ".script.toml"

# Picture
WIDTH, HEIGHT = 1280, 720
POSTER_SIZE = (640, 360)
FPS = 15
FONT_FAMILY = "DejaVu Sans"
NHS_BLUE = QColor("#005EB8")
NHS_DARK_BLUE = QColor("#003087")
TEXT = QColor("#212B32")
SECONDARY_TEXT = QColor("#4C6272")
PALE_GREY = QColor("#F0F4F5")
RULE_GREY = QColor("#D8DDE0")
WHITE = QColor("#FFFFFF")
PALE_BLUE_TEXT = QColor("#E8F1FA")
CAPTION_SAFE_TOP = 560  # slide text stays above this line, out of the way of captions

# Narration
VOICE = "en-gb"
WORDS_PER_MINUTE = 150
LEAD_IN_S = 0.5  # silence before the first sentence
SLIDE_PAUSE_S = 0.6  # extra silence after the last sentence of each slide
TAIL_S = 1.2  # extra silence at the very end, so the last cue ends well inside the video
CUE_HOLD_S = 0.25  # keep a cue on screen this long after its speech ends
NARRATION_GAIN_DB = -3  # espeak-ng peaks near full scale; leave the AAC encoder headroom
VOICE_THRESHOLD = 300  # 16-bit sample amplitude treated as speech when finding clip edges
# Spoken forms for text that espeak-ng reads badly; the captions keep the written form.
PRONUNCIATIONS = {"GOV.UK": "gov dot U K"}

# Captions
CAPTION_LINE_CHARS = 42
CAPTION_MAX_LINES = 2
CAPTION_MAX_SECONDS = 7.0

# Encoding: fixed flags so that a rebuild gives the same bytes with the same tool versions.
VIDEO_ARGS = [
    "-c:v", "libx264", "-preset", "medium", "-tune", "stillimage", "-crf", "30",
    "-pix_fmt", "yuv420p", "-r", str(FPS), "-g", str(FPS * 5), "-threads", "1",
]  # fmt: skip
# RGB to BT.709 limited-range YUV, tagged as such, so players show the NHS blue as drawn.
COLOUR_FILTER = "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p"
COLOUR_ARGS = [
    "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709",
    "-color_range", "tv",
]  # fmt: skip
AUDIO_ARGS = ["-c:a", "aac", "-b:a", "64k", "-ar", "44100", "-ac", "1"]
BITEXACT_ARGS = [
    "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
    "-map_metadata", "-1", "-map_chapters", "-1", "-movflags", "+faststart",
]  # fmt: skip
MAX_BYTES = 3 * 1024 * 1024
TARGET_SECONDS = (45.0, 75.0)

TOOLS = {"espeak-ng": "espeak-ng", "ffmpeg": "ffmpeg", "ffprobe": "ffmpeg"}


class BuildError(Exception):
    """A problem that stops a video from being built; the message says what to do."""


@dataclass(frozen=True)
class Slide:
    """One slide: what it shows and what the narrator says while it is shown."""

    layout: str  # "title" or "points"
    heading: str
    points: tuple[str, ...]
    narration: str


@dataclass(frozen=True)
class VideoScript:
    """A narration script for one video of one module."""

    module_id: str
    name: str
    path: Path
    title: str
    slides: tuple[Slide, ...]

    @property
    def label(self) -> str:
        return f"{self.module_id}/{self.name}"


@dataclass(frozen=True)
class Cue:
    """A caption cue, in seconds from the start of the video."""

    start: float
    end: float
    text: str


# --- scripts -------------------------------------------------------------------------------------


def load_script(path: Path) -> VideoScript:
    """Read and check one ``<name>.script.toml`` file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise BuildError(f"{path}: cannot read narration script: {exc}") from exc
    if data.get("format") != 1:
        raise BuildError(f"{path}: format must be 1")
    title = data.get("title")
    raw_slides = data.get("slides")
    if not isinstance(title, str) or not title.strip():
        raise BuildError(f"{path}: title must be a non-empty string")
    if not isinstance(raw_slides, list) or not raw_slides:
        raise BuildError(f"{path}: needs at least one [[slides]] table")
    slides = []
    for number, raw in enumerate(raw_slides, start=1):
        where = f"{path}: slides[{number}]"
        layout = raw.get("layout", "points")
        heading = raw.get("heading")
        points = raw.get("points", [])
        narration = raw.get("narration")
        if layout not in ("title", "points"):
            raise BuildError(f'{where}: layout must be "title" or "points"')
        if not isinstance(heading, str) or not heading.strip():
            raise BuildError(f"{where}: heading must be a non-empty string")
        if not isinstance(points, list) or not all(isinstance(p, str) for p in points):
            raise BuildError(f"{where}: points must be a list of strings")
        if not isinstance(narration, str) or not narration.strip():
            raise BuildError(f"{where}: narration must be a non-empty string")
        text = " ".join(narration.split())
        slides.append(Slide(layout, heading.strip(), tuple(points), text))
    module_id = path.parent.parent.name
    name = path.name.removesuffix(SCRIPT_SUFFIX)
    return VideoScript(module_id, name, path, title.strip(), tuple(slides))


def find_scripts(content_dir: Path, only: str | None) -> list[VideoScript]:
    """Every narration script under ``content_dir``, or only those of one module."""
    modules = sorted(p.parent for p in content_dir.glob("*/module.toml"))
    if only is not None:
        modules = [m for m in modules if m.name == only]
        if not modules:
            known = ", ".join(p.parent.name for p in sorted(content_dir.glob("*/module.toml")))
            raise BuildError(f"no module called {only!r} in {content_dir} (modules: {known})")
    paths = [p for m in modules for p in sorted((m / "videos").glob(f"*{SCRIPT_SUFFIX}"))]
    if not paths:
        raise BuildError(f"no narration scripts (videos/*{SCRIPT_SUFFIX}) found")
    return [load_script(p) for p in paths]


def check_tools() -> None:
    """Fail early, naming the Debian package, when a command-line tool is missing."""
    missing = [(tool, pkg) for tool, pkg in TOOLS.items() if shutil.which(tool) is None]
    if missing:
        names = ", ".join(tool for tool, _ in missing)
        packages = " ".join(sorted({pkg for _, pkg in missing}))
        raise BuildError(
            f"{names} not found; install the Debian package(s): sudo apt-get install {packages}"
        )


# --- slides --------------------------------------------------------------------------------------


def typeset(text: str) -> str:
    """Typographic apostrophes for the slides (captions keep plain ones, for searching)."""
    return text.replace("'", "\u2019")


def make_font(pixel_size: int, bold: bool = False) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPixelSize(pixel_size)
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def check_font() -> None:
    family = QFontInfo(make_font(20)).family()
    if family != FONT_FAMILY:
        raise BuildError(
            f"font {FONT_FAMILY!r} not available (Qt chose {family!r}): "
            "install it with `sudo apt-get install fonts-dejavu-core`"
        )


def wrapped_height(font: QFont, width: int, text: str) -> int:
    flags = int(Qt.TextFlag.TextWordWrap)
    return QFontMetrics(font).boundingRect(QRect(0, 0, width, 10_000), flags, text).height()


def balanced_width(font: QFont, width: int, text: str) -> int:
    """The narrowest width that wraps ``text`` into as few lines as ``width`` does.

    Wrapping at that width evens out the lines, so no point ends with one word on its own line.
    """
    height = wrapped_height(font, width, text)
    low, high = width // 2, width
    while low < high:
        middle = (low + high) // 2
        if wrapped_height(font, middle, text) > height:
            low = middle + 1
        else:
            high = middle
    return high


def draw_wrapped(painter: QPainter, rect: QRect, text: str, align: Qt.AlignmentFlag) -> None:
    painter.drawText(rect, int(align | Qt.TextFlag.TextWordWrap), text)


def draw_footer(painter: QPainter, title: str, number: int, total: int, on_blue: bool) -> None:
    top = HEIGHT - 64
    if on_blue:
        painter.fillRect(0, top, WIDTH, HEIGHT - top, NHS_DARK_BLUE)
    else:
        painter.fillRect(0, top, WIDTH, HEIGHT - top, PALE_GREY)
        painter.fillRect(0, top, WIDTH, 2, RULE_GREY)
    painter.setPen(PALE_BLUE_TEXT if on_blue else SECONDARY_TEXT)
    painter.setFont(make_font(22))
    box = QRect(72, top, WIDTH - 144, HEIGHT - top)
    middle = Qt.AlignmentFlag.AlignVCenter
    if not on_blue:  # the title slide already shows the title
        left = int(Qt.AlignmentFlag.AlignLeft | middle)
        painter.drawText(box, left, f"VR Learn  \u00b7  {title}")
    painter.drawText(box, int(Qt.AlignmentFlag.AlignRight | middle), f"{number} / {total}")


def draw_title_slide(painter: QPainter, slide: Slide) -> None:
    painter.fillRect(0, 0, WIDTH, HEIGHT, NHS_BLUE)
    left, width = 96, WIDTH - 2 * 96
    painter.setPen(WHITE)
    painter.setFont(make_font(30, bold=True))
    painter.drawText(QRect(left, 72, width, 48), int(Qt.AlignmentFlag.AlignLeft), "VR Learn")
    title_font = make_font(64, bold=True)
    subtitle_font = make_font(34)
    subtitle = typeset(" ".join(slide.points))
    heading = typeset(slide.heading)
    title_h = wrapped_height(title_font, width, heading)
    subtitle_h = wrapped_height(subtitle_font, width, subtitle) if subtitle else 0
    block = title_h + (48 + subtitle_h if subtitle else 0)
    top = max(170, (HEIGHT - block) // 2)
    painter.fillRect(left, top - 40, 120, 8, WHITE)
    painter.setFont(title_font)
    align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    title_w = balanced_width(title_font, width, heading)
    draw_wrapped(painter, QRect(left, top, title_w, title_h), heading, align)
    if subtitle:
        painter.setPen(PALE_BLUE_TEXT)
        painter.setFont(subtitle_font)
        rect = QRect(left, top + title_h + 48, width, subtitle_h)
        draw_wrapped(painter, rect, subtitle, align)


def draw_points_slide(painter: QPainter, slide: Slide) -> None:
    painter.fillRect(0, 0, WIDTH, HEIGHT, WHITE)
    bar = 136
    painter.fillRect(0, 0, WIDTH, bar, NHS_BLUE)
    painter.setPen(WHITE)
    heading = typeset(slide.heading)
    for heading_size in range(50, 31, -2):  # the largest size that fits on one line
        heading_font = make_font(heading_size, bold=True)
        if QFontMetrics(heading_font).horizontalAdvance(heading) <= WIDTH - 144:
            break
    painter.setFont(heading_font)
    middle = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    painter.drawText(QRect(72, 0, WIDTH - 144, bar), int(middle), heading)

    # Points: the largest size (down to 28 px) that fits between the bar and the footer.
    text_left, text_width = 132, WIDTH - 132 - 96
    # Keep clear of the bottom of the picture, where players draw captions.
    area_top, area_bottom = bar + 56, CAPTION_SAFE_TOP
    points = [typeset(p) for p in slide.points]
    for size in range(40, 27, -2):
        font = make_font(size)
        gap = size
        heights = [wrapped_height(font, text_width, p) for p in points]
        if sum(heights) + gap * (len(heights) - 1) <= area_bottom - area_top:
            break
    painter.setFont(font)
    line = QFontMetrics(font)
    align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    y = area_top
    for point, height in zip(points, heights, strict=True):
        dot = size * 0.36
        centre_y = y + line.ascent() - line.xHeight() / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(NHS_BLUE)
        painter.drawEllipse(QRectF(84, centre_y - dot / 2, dot, dot))
        painter.setPen(TEXT)
        width = balanced_width(font, text_width, point)
        draw_wrapped(painter, QRect(text_left, y, width, height), point, align)
        y += height + gap


def render_slide(slide: Slide, title: str, number: int, total: int) -> QImage:
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
    image.fill(WHITE)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        if slide.layout == "title":
            draw_title_slide(painter, slide)
        else:
            draw_points_slide(painter, slide)
        draw_footer(painter, title, number, total, on_blue=slide.layout == "title")
    finally:
        painter.end()
    return image


def save_image(image: QImage, path: Path) -> None:
    if not image.save(str(path)):
        raise BuildError(f"could not write {path}")


# --- narration -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clip:
    """One spoken sentence: its samples and where the speech starts and ends within them."""

    text: str
    samples: array.array[int]
    voice_start: int
    voice_end: int


def split_sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?\u201d])\s+(?=[A-Z0-9\u201c])", text) if s]


def run(command: Sequence[str], what: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise BuildError(f"{what} failed (exit {result.returncode}): " + " | ".join(detail))
    return result


def speak(text: str, workdir: Path, index: int) -> tuple[Clip, int]:
    """Speak one sentence with espeak-ng; return the clip and the WAV's sample rate."""
    spoken = text
    for written, said in PRONUNCIATIONS.items():
        spoken = spoken.replace(written, said)
    text_path = workdir / f"sentence-{index:03d}.txt"
    wav_path = workdir / f"sentence-{index:03d}.wav"
    text_path.write_text(spoken, encoding="utf-8")
    command = ["espeak-ng", "-v", VOICE, "-s", str(WORDS_PER_MINUTE)]
    run([*command, "-w", str(wav_path), "-f", str(text_path)], "espeak-ng")
    with wave.open(str(wav_path), "rb") as wav:
        if wav.getnchannels() != 1 or wav.getsampwidth() != 2:
            raise BuildError(f"espeak-ng wrote an unexpected WAV format: {wav.getparams()}")
        rate = wav.getframerate()
        samples = array.array("h", wav.readframes(wav.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    loud = [i for i, value in enumerate(samples) if abs(value) > VOICE_THRESHOLD]
    if not loud:
        raise BuildError(f"espeak-ng produced silence for: {text!r}")
    return Clip(text, samples, loud[0], loud[-1] + 1), rate


# Caption breaks: avoid ending a line or cue on a weak word; prefer clause ends and conjunctions.
WEAK_ENDINGS = {"a", "an", "and", "as", "at", "for", "in", "of", "on", "or", "the", "to", "who"}
CLAUSE_ENDINGS = (",", ";", ":", "\u2014")
GOOD_STARTS = {"but", "so"}
KEEP_TOGETHER = ("Access to Work", "multiple sclerosis", "reasonable adjustments")
NO_BREAK = "\u00a0"  # joins the words of a KEEP_TOGETHER phrase while captions are split


def break_penalty(left: str, right: str, clause_bonus: int) -> int:
    """How bad it is to break between ``left`` and ``right`` (negative is good)."""
    last = left.rsplit(" ", 1)[-1].lower()
    first = right.split(" ", 1)[0].lower()
    penalty = 10 if last in WEAK_ENDINGS or last.isdigit() else 0
    if left.endswith(CLAUSE_ENDINGS):
        penalty -= clause_bonus
    elif first in GOOD_STARTS:
        penalty -= 6
    return penalty


def balanced_lines(text: str) -> list[str] | None:
    """Wrap text into at most two balanced caption lines, or None if it does not fit."""
    if len(text) <= CAPTION_LINE_CHARS:
        return [text]
    words = text.split(" ")
    best: list[str] | None = None
    best_score = 0
    for i in range(1, len(words)):
        first, second = " ".join(words[:i]), " ".join(words[i:])
        if len(first) <= CAPTION_LINE_CHARS and len(second) <= CAPTION_LINE_CHARS:
            score = max(len(first), len(second)) + break_penalty(first, second, 6)
            if best is None or score < best_score:
                best, best_score = [first, second], score
    return best


def caption_chunks(sentence: str, max_chars: int) -> list[str]:
    """Split a sentence into cue texts of at most two lines and ``max_chars`` characters."""

    def fits(text: str) -> bool:
        return len(text) <= max_chars and balanced_lines(text) is not None

    if fits(sentence):
        return [sentence]
    words = sentence.split(" ")
    if len(words) < 2:
        return [sentence]
    best_i, best_score = 1, float("inf")
    for i in range(1, len(words)):
        left, right = " ".join(words[:i]), " ".join(words[i:])
        # Prefer two cues that each fit, broken at a clause, not too short, and even.
        score = (0.0 if fits(left) and fits(right) else 1000.0) + 2 * break_penalty(left, right, 12)
        score += abs(len(left) - len(right)) / 2 + (20 if min(len(left), len(right)) < 16 else 0)
        if score < best_score:
            best_i, best_score = i, score
    left, right = " ".join(words[:best_i]), " ".join(words[best_i:])
    return caption_chunks(left, max_chars) + caption_chunks(right, max_chars)


def sentence_cues(clip: Clip, offset: int, rate: int, hold_until: int) -> list[Cue]:
    """Cues for one spoken sentence starting at sample ``offset`` of the whole narration."""
    start = offset + clip.voice_start
    end = min(offset + clip.voice_end + round(CUE_HOLD_S * rate), hold_until)
    seconds = (end - start) / rate
    per_char = seconds / max(1, len(clip.text))
    max_chars = max(20, int(CAPTION_MAX_SECONDS / per_char * 0.95))
    text = clip.text
    for phrase in KEEP_TOGETHER:
        text = text.replace(phrase, phrase.replace(" ", NO_BREAK))
    chunks = caption_chunks(text, min(max_chars, CAPTION_LINE_CHARS * CAPTION_MAX_LINES))
    total_chars = sum(len(c) for c in chunks)
    cues, at = [], start
    for i, chunk in enumerate(chunks):
        after = (
            end if i == len(chunks) - 1 else at + round((end - start) * len(chunk) / total_chars)
        )
        lines = balanced_lines(chunk) or [chunk]
        cues.append(Cue(at / rate, after / rate, "\n".join(lines).replace(NO_BREAK, " ")))
        at = after
    return cues


def vtt_time(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def write_vtt(cues: Sequence[Cue], source: str, path: Path) -> None:
    parts = ["WEBVTT", "", f"NOTE Made by content/make_videos.py from {source}", ""]
    for number, cue in enumerate(cues, start=1):
        parts += [str(number), f"{vtt_time(cue.start)} --> {vtt_time(cue.end)}", cue.text, ""]
    path.write_text("\n".join(parts), encoding="utf-8")


@dataclass(frozen=True)
class Narration:
    """The whole soundtrack, how many video frames each slide lasts, and the caption cues."""

    samples: array.array[int]
    rate: int
    slide_frames: tuple[int, ...]
    cues: tuple[Cue, ...]


def narrate(script: VideoScript, workdir: Path) -> Narration:
    """Speak every sentence, lay the clips end to end with pauses, and time the cues."""
    clips: list[list[Clip]] = []
    rates = set()
    index = 0
    for slide in script.slides:
        slide_clips = []
        for sentence in split_sentences(slide.narration):
            clip, rate = speak(sentence, workdir, index)
            slide_clips.append(clip)
            rates.add(rate)
            index += 1
        clips.append(slide_clips)
    if len(rates) != 1:
        raise BuildError(f"espeak-ng used several sample rates: {sorted(rates)}")
    rate = rates.pop()

    def silence(seconds: float) -> array.array[int]:
        return array.array("h", bytes(2 * round(seconds * rate)))

    samples = silence(LEAD_IN_S)
    slide_frames: list[int] = []
    placed: list[tuple[Clip, int]] = []
    for number, slide_clips in enumerate(clips, start=1):
        for clip in slide_clips:
            placed.append((clip, len(samples)))
            samples.extend(clip.samples)
        samples.extend(silence(TAIL_S if number == len(clips) else SLIDE_PAUSE_S))
        # End each slide on a video frame boundary, so picture and sound stay aligned.
        frames_total = -(-len(samples) * FPS // rate)
        slide_frames.append(frames_total - sum(slide_frames))
        end = -(-frames_total * rate // FPS)
        samples.extend(array.array("h", bytes(2 * (end - len(samples)))))

    cues: list[Cue] = []
    for i, (clip, offset) in enumerate(placed):
        next_start = (
            placed[i + 1][1] + placed[i + 1][0].voice_start if i + 1 < len(placed) else None
        )
        hold_until = next_start if next_start is not None else len(samples) - rate // 2
        cues.extend(sentence_cues(clip, offset, rate, hold_until))
    return Narration(samples, rate, tuple(slide_frames), tuple(cues))


def write_wav(narration: Narration, path: Path) -> None:
    samples = array.array("h", narration.samples)
    if sys.byteorder == "big":
        samples.byteswap()
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(narration.rate)
        wav.writeframes(samples.tobytes())


# --- assembly ------------------------------------------------------------------------------------


def ffmpeg_command(
    slides: Sequence[Path], frames: Sequence[int], wav: Path, out: Path
) -> list[str]:
    """The ffmpeg command that joins still slides (each shown for ``frames`` frames) and audio."""
    command = ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"]
    for slide in slides:
        command += ["-framerate", str(FPS), "-loop", "1", "-i", str(slide)]
    command += ["-i", str(wav)]
    chains = [f"[{i}:v]trim=end_frame={n},setpts=PTS-STARTPTS[v{i}]" for i, n in enumerate(frames)]
    joined = "".join(f"[v{i}]" for i in range(len(slides)))
    chains.append(f"{joined}concat=n={len(slides)}:v=1:a=0,{COLOUR_FILTER}[v]")
    chains.append(f"[{len(slides)}:a]volume={NARRATION_GAIN_DB}dB[a]")
    command += ["-filter_complex", ";".join(chains), "-map", "[v]", "-map", "[a]"]
    return command + VIDEO_ARGS + COLOUR_ARGS + AUDIO_ARGS + BITEXACT_ARGS + [str(out)]


def probe(path: Path) -> tuple[float, list[str]]:
    """The container duration in seconds and the codec of each stream, from ffprobe."""
    command = ["ffprobe", "-v", "error", "-show_entries", "format=duration:stream=codec_name"]
    result = run([*command, "-of", "json", str(path)], "ffprobe")
    data = json.loads(result.stdout)
    codecs = [stream.get("codec_name", "?") for stream in data.get("streams", [])]
    return float(data["format"]["duration"]), codecs


def build(script: VideoScript, workdir: Path) -> list[Path]:
    """Build one video, its captions and poster in ``workdir``; return the finished files."""
    total = len(script.slides)
    slide_paths = []
    for number, slide in enumerate(script.slides, start=1):
        image = render_slide(slide, script.title, number, total)
        slide_paths.append(workdir / f"slide-{number:02d}.png")
        save_image(image, slide_paths[-1])
        if number == 1:
            poster = image.scaled(
                *POSTER_SIZE,
                Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            save_image(poster, workdir / f"{script.name}.poster.png")

    narration = narrate(script, workdir)
    wav = workdir / "narration.wav"
    write_wav(narration, wav)
    mp4 = workdir / f"{script.name}.mp4"
    run(ffmpeg_command(slide_paths, narration.slide_frames, wav, mp4), "ffmpeg")
    vtt = workdir / f"{script.name}.en.vtt"
    write_vtt(narration.cues, f"{script.module_id}/videos/{script.path.name}", vtt)

    duration, codecs = probe(mp4)
    if sorted(codecs) != ["aac", "h264"]:
        raise BuildError(f"{script.label}: expected h264 and aac streams, got {codecs}")
    last_end = narration.cues[-1].end
    if last_end >= duration:
        raise BuildError(f"{script.label}: last cue ends at {last_end:.2f} s, after the video")
    size = mp4.stat().st_size
    if size > MAX_BYTES:
        raise BuildError(f"{script.label}: {size} bytes is over the {MAX_BYTES} byte budget")
    low, high = TARGET_SECONDS
    note = "" if low <= duration <= high else f"  (outside the {low:.0f}-{high:.0f} s target)"
    print(
        f"{script.label}: {total} slides, {duration:.1f} s, {len(narration.cues)} cues, "
        f"{size / 1024:.0f} KiB{note}"
    )
    return [mp4, vtt, workdir / f"{script.name}.poster.png"]


def install(files: Sequence[Path], target_dir: Path) -> None:
    """Move finished files into ``target_dir``, each replaced in one step."""
    target_dir.mkdir(parents=True, exist_ok=True)
    for path in files:
        partial = target_dir / f".{path.name}.partial"
        shutil.copyfile(path, partial)
        os.replace(partial, target_dir / path.name)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the sample narrated slide videos.")
    parser.add_argument("--only", metavar="MODULE_ID", help="build only this module's videos")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        check_tools()
        scripts = find_scripts(CONTENT_DIR, args.only)
        app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
        check_font()
        for script in scripts:
            with tempfile.TemporaryDirectory(prefix="vrlearn-video-") as tmp:
                files = build(script, Path(tmp))
                install(files, script.path.parent)
        del app
    except BuildError as exc:
        print(f"make_videos: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
