"""The bundled sample video and its files, and a `video` item to add to test manifests."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import CONTENT

SAMPLE = CONTENT / "vr-essentials" / "videos"
SAMPLE_VIDEO = SAMPLE / "overview.mp4"  # H.264/AAC, 1280x720, about 65 s
SAMPLE_CAPTIONS = SAMPLE / "overview.en.vtt"
SAMPLE_POSTER = SAMPLE / "overview.poster.png"

VIDEO_ITEM = """
  [[lessons.items]]
  type = "video"
  id = "{id}"
  title = "{title}"
  file = "videos/intro.mp4"
  poster = "videos/intro.png"
  captions = [{captions}]
{extra}"""

ENGLISH = '{ language = "en", label = "English", file = "videos/intro.en.vtt" }'


def video_item(
    item_id: str = "intro-video",
    title: str = "Introduction video",
    *,
    captions: str = ENGLISH,
    extra: str = "",
) -> str:
    """TOML for a video item using the files of `video_files()`."""
    return VIDEO_ITEM.format(id=item_id, title=title, captions=captions, extra=extra)


def video_files(video: Path = SAMPLE_VIDEO) -> dict[str, bytes]:
    """The files a `video_item()` names, copied from the bundled sample."""
    return {
        "videos/intro.mp4": video.read_bytes(),
        "videos/intro.en.vtt": SAMPLE_CAPTIONS.read_bytes(),
        "videos/intro.png": SAMPLE_POSTER.read_bytes(),
    }


def add_video(manifest: str, item: str | None = None, *, after: str = "[completion]") -> str:
    """`manifest` with a video item inserted before `after` (the first lesson's end)."""
    return manifest.replace(after, f"{item if item is not None else video_item()}\n{after}", 1)
