"""Broken, cut-short and mislabelled files give one clear message within seconds, never a hang,
and the same player then plays a good video (other lessons keep working)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.media.conftest import BROKEN_KINDS, make_broken_video
from vrlearn.media.vlc_backend import VlcBackend

DAMAGED = "could not be played: the file is damaged, incomplete, or not a kind of video"
EXPECTED = {
    "zero-byte": DAMAGED,
    "random-bytes": DAMAGED,
    "truncated-10pc": DAMAGED,
    "text-file": DAMAGED,
    "wav-as-mp4": "could not be played: the file has no picture in it",
}


@pytest.mark.parametrize("kind", BROKEN_KINDS)
def test_a_broken_file_fails_quickly_with_a_clear_message(
    qtbot: QtBot, vlc_backend: VlcBackend, real_video: Path, tmp_path: Path, kind: str
) -> None:
    broken = make_broken_video(kind, tmp_path, real_video)
    vlc_backend.load(broken)
    began = time.monotonic()
    with (
        qtbot.assertNotEmitted(vlc_backend.ended),
        qtbot.assertNotEmitted(vlc_backend.time_changed),
    ):
        with qtbot.waitSignal(vlc_backend.failed, timeout=6000) as failed:
            vlc_backend.play()
    assert time.monotonic() - began < 6.0
    message = failed.args[0]
    assert message.startswith(f"The video {broken.name} ")
    assert EXPECTED[kind] in message
    with qtbot.assertNotEmitted(vlc_backend.failed, wait=300):
        pass  # one message, not a stream of them

    vlc_backend.load(real_video)  # the next lesson's video still plays
    with qtbot.waitSignal(vlc_backend.time_changed, timeout=4000):
        vlc_backend.play()


def test_a_file_cut_short_mid_video_stops_with_a_message(
    qtbot: QtBot, vlc_backend: VlcBackend, real_video: Path, tmp_path: Path
) -> None:
    data = real_video.read_bytes()
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(data[: len(data) * 3 // 10])  # the index is at the start: 8 s is claimed
    vlc_backend.load(cut)
    with qtbot.assertNotEmitted(vlc_backend.ended):
        with qtbot.waitSignal(vlc_backend.failed, timeout=8000) as failed:
            vlc_backend.play()
    assert failed.args[0].startswith("The video cut.mp4 stopped at 0:0")
    assert failed.args[0].endswith(" of 0:08: the file is incomplete or damaged.")


def test_playing_a_failed_video_again_fails_again_without_hanging(
    qtbot: QtBot, vlc_backend: VlcBackend, real_video: Path, tmp_path: Path
) -> None:
    broken = make_broken_video("random-bytes", tmp_path, real_video)
    vlc_backend.load(broken)
    for _ in range(3):
        with qtbot.waitSignal(vlc_backend.failed, timeout=6000):
            vlc_backend.play()
