"""`probe_video` (for validate) and the frames-decoded check (for self-test) on real files."""

from __future__ import annotations

import json
import random
from pathlib import Path
from types import ModuleType

import pytest

from tests.media.conftest import BROKEN_KINDS, make_broken_video, write_wav
from vrlearn.media.frames_check import check_frames_decoded, video_self_test
from vrlearn.media.lesson_check import video_lesson_problems
from vrlearn.media.probe import ProbeError, VideoInfo, VideoProber, probe_video, video_problems


def test_probe_reads_the_real_video(vlc: ModuleType, real_video: Path) -> None:
    info = probe_video(real_video)
    assert info == VideoInfo(duration=8.0, has_video=True, width=1280, height=720)
    assert video_problems(real_video, info) == []


def test_probe_finds_no_picture_in_sound(vlc: ModuleType, tmp_path: Path) -> None:
    sound = write_wav(tmp_path / "narration.mp4", seconds=2.0)
    info = probe_video(sound)
    assert (info.has_video, info.has_audio, info.duration) == (False, True, 2.0)
    assert video_problems(sound, info) == ["narration.mp4 has no picture in it (no video track)"]


@pytest.mark.parametrize("kind", ["random-bytes", "text-file"])
def test_probe_of_a_file_that_is_not_a_video(
    vlc: ModuleType, real_video: Path, tmp_path: Path, kind: str
) -> None:
    broken = make_broken_video(kind, tmp_path, real_video)
    info = probe_video(broken)
    assert video_problems(broken, info) == [
        f"{broken.name} has no picture in it (no video track)",
        f"{broken.name} does not say how long it is (its length is 0)",
    ]


@pytest.mark.parametrize("seed", [1, 2, 209])
def test_any_random_bytes_are_refused_by_name(vlc: ModuleType, tmp_path: Path, seed: int) -> None:
    """Whatever libVLC makes of noise (no tracks, a guessed track, or nothing it can open),
    the file is refused and named; 209 is a seed that does not open at all."""
    noise = tmp_path / "noise.mp4"
    noise.write_bytes(random.Random(seed).randbytes(256 * 1024))
    try:
        problems = video_problems(noise, probe_video(noise))
    except ProbeError as refused:
        problems = [str(refused)]
    assert problems
    assert all(problem.startswith("noise.mp4 ") for problem in problems)


def test_probe_of_an_empty_or_missing_file_raises(vlc: ModuleType, tmp_path: Path) -> None:
    empty = tmp_path / "empty.mp4"
    empty.write_bytes(b"")
    with pytest.raises(ProbeError, match="empty.mp4 could not be opened as a video"):
        probe_video(empty)
    with pytest.raises(ProbeError, match="gone.mp4 is missing"):
        probe_video(tmp_path / "gone.mp4")


def test_one_prober_checks_many_files(vlc: ModuleType, real_video: Path) -> None:
    with VideoProber() as prober:
        durations = {prober.probe(real_video, timeout=3.0).duration for _ in range(5)}
    assert durations == {8.0}


def test_frames_are_really_decoded_from_the_real_video(vlc: ModuleType, real_video: Path) -> None:
    report = check_frames_decoded(real_video, seconds=1.0)
    assert report.ok, report.message
    assert report.decoded_frames >= 20  # 25 frames a second
    assert (report.width, report.height) == (1280, 720)
    assert report.seconds_played >= 1.0
    assert "frames of 1280x720 decoded" in report.message


@pytest.mark.parametrize("kind", BROKEN_KINDS)
def test_no_frames_from_broken_files(
    vlc: ModuleType, real_video: Path, tmp_path: Path, kind: str
) -> None:
    broken = make_broken_video(kind, tmp_path, real_video)
    report = check_frames_decoded(broken, seconds=1.0, timeout=5.0)
    assert not report.ok
    assert broken.name in report.message


def test_a_video_lesson_is_checked_with_its_captions(
    vlc: ModuleType, real_video: Path, tmp_path: Path
) -> None:
    good = tmp_path / "good.vtt"
    good.write_text("WEBVTT\n\n00:00.000 --> 00:07.500\nMountains\n", encoding="utf-8")
    late = tmp_path / "late.srt"
    late.write_text("1\n00:00:01,000 --> 00:00:12,000\nToo long\n", encoding="utf-8")
    assert video_lesson_problems(real_video, [good]) == []
    assert video_lesson_problems(real_video, [good, late]) == [
        "late.srt, line 2: a caption ends after the video ends at 0:08.000; "
        "the first, at 0:01.000, ends at 0:12.000"
    ]
    sound = write_wav(tmp_path / "sound.mp4", seconds=8.0)
    with VideoProber() as prober:
        assert video_lesson_problems(sound, [good], prober=prober) == [
            "sound.mp4 has no picture in it (no video track)"
        ]


def test_the_self_test_report_is_json_safe(vlc: ModuleType, real_video: Path) -> None:
    report = video_self_test(real_video)
    assert json.loads(json.dumps(report)) == report
    assert report["ok"] is True
    assert str(report["libvlc_version"]).startswith("3.")
    assert report["size"] == [1280, 720]
