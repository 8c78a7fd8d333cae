"""`vrlearn validate` opens every video with libVLC and checks its captions against it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from tests.conftest import MANIFEST, ModuleFactory, unavailable
from tests.video_samples import add_video, video_files
from vrlearn.media.vlc_loader import VlcUnavailable, load_vlc
from vrlearn.modules.model import Problem
from vrlearn.modules.validate import validate_folders

LATE_CUE = "\n\n99\n00:05:00.000 --> 00:05:02.000\nLong after the video has ended.\n"


@pytest.fixture(autouse=True)
def need_libvlc() -> None:
    loaded = load_vlc()
    if isinstance(loaded, VlcUnavailable):
        unavailable(f"libVLC is not available: {loaded.reason}")


def video_module(make_module: ModuleFactory, **replace: bytes) -> Path:
    files: dict[str, str | bytes] = {**video_files(), **replace}
    manifest = add_video(MANIFEST.format(id="video-module", title="Video module"))
    return make_module("video-module", manifest=manifest, pages=files)


def shown(folder: Path, problems: Iterable[Problem]) -> list[str]:
    return [f"{p.path.relative_to(folder)}:{p.line}: {p.field}: {p.message}" for p in problems]


def test_a_good_video_lesson_passes(make_module: ModuleFactory) -> None:
    result = validate_folders([video_module(make_module)])
    assert result.ok, result.problems
    assert result.summary() == "OK: 1 module(s), 2 page(s), 1 video(s), 0 quiz(zes), no problems"


def test_a_broken_video_and_late_captions_are_reported(make_module: ModuleFactory) -> None:
    captions = video_files()["videos/intro.en.vtt"] + LATE_CUE.encode()
    folder = video_module(
        make_module,
        **{"videos/intro.mp4": b"not a video at all " * 100, "videos/intro.en.vtt": captions},
    )
    result = validate_folders([folder])
    found = shown(folder, result.problems)
    assert found[0].startswith("videos/intro.mp4:1: video: intro.mp4 ")
    # The length of a video that cannot be read is unknown, so late cues cannot be told apart.
    assert all(not p.startswith("videos/intro.en.vtt") for p in found)


def test_cues_after_the_end_of_the_video_name_their_line(make_module: ModuleFactory) -> None:
    captions = video_files()["videos/intro.en.vtt"] + LATE_CUE.encode()
    folder = video_module(make_module, **{"videos/intro.en.vtt": captions})
    lines = captions.decode().splitlines()
    timing_line = lines.index("00:05:00.000 --> 00:05:02.000") + 1
    (problem,) = shown(folder, validate_folders([folder]).problems)
    assert problem.startswith(f"videos/intro.en.vtt:{timing_line}: captions: a caption ends after")


def test_captions_that_do_not_parse_are_reported(make_module: ModuleFactory) -> None:
    folder = video_module(make_module, **{"videos/intro.en.vtt": b"Just some text\n"})
    (problem,) = shown(folder, validate_folders([folder]).problems)
    assert problem == (
        'videos/intro.en.vtt:1: captions: does not start with the line "WEBVTT", '
        "so it is not a WebVTT caption file"
    )


def test_a_sound_only_file_has_no_picture(make_module: ModuleFactory, tmp_path: Path) -> None:
    from tests.media.conftest import write_wav

    sound = write_wav(tmp_path / "sound.mp4", seconds=70)
    folder = video_module(make_module, **{"videos/intro.mp4": sound.read_bytes()})
    found = shown(folder, validate_folders([folder]).problems)
    assert "videos/intro.mp4:1: video: intro.mp4 has no picture in it (no video track)" in found
