"""The libVLC player with real libVLC and the real corpus video (offscreen: --vout=dummy)."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QThread
from pytestqt.qtbot import QtBot

from tests.media.conftest import BackendFactory
from vrlearn.media.backend import VideoBackend
from vrlearn.media.vlc_backend import VlcBackend

CAPTIONS_EN = (
    "WEBVTT\n\n00:00.000 --> 00:04.000\nMountains at dawn\n\n00:04.000 --> 00:08.000\nSnow\n"
)
CAPTIONS_CY = (
    "1\n00:00:00,000 --> 00:00:04,000\nMynyddoedd\n\n2\n00:00:04,000 --> 00:00:08,000\nEira\n"
)


def start(qtbot: QtBot, backend: VideoBackend) -> None:
    """Play and wait until the position has really moved."""
    with qtbot.waitSignals([backend.playing, backend.time_changed], timeout=4000):
        backend.play()


def test_the_real_video_plays_and_reports_its_length(
    qtbot: QtBot, vlc_backend: VlcBackend, real_video: Path
) -> None:
    assert vlc_backend.name.startswith("libVLC 3.")
    assert vlc_backend.draws_captions
    vlc_backend.load(real_video)
    threads: list[QThread] = []
    vlc_backend.time_changed.connect(lambda _s: threads.append(QThread.currentThread()))
    with qtbot.waitSignal(vlc_backend.duration_known, timeout=4000) as length:
        start(qtbot, vlc_backend)
    assert length.args == [8.0]
    assert vlc_backend.duration == 8.0
    qtbot.waitUntil(lambda: vlc_backend.position > 0.3, timeout=3000)
    gui_thread = QCoreApplication.instance().thread()  # type: ignore[union-attr]
    assert threads and all(thread is gui_thread for thread in threads)


def test_nothing_plays_until_play_is_called(
    qtbot: QtBot, vlc_backend: VlcBackend, real_video: Path
) -> None:
    vlc_backend.load(real_video)
    with qtbot.assertNotEmitted(vlc_backend.playing, wait=600):
        pass
    assert vlc_backend.position == 0.0


def test_pause_seek_and_resume(qtbot: QtBot, vlc_backend: VlcBackend, real_video: Path) -> None:
    vlc_backend.load(real_video)
    start(qtbot, vlc_backend)
    with qtbot.waitSignal(vlc_backend.paused, timeout=3000):
        vlc_backend.pause()
    held = vlc_backend.position
    qtbot.wait(500)
    assert vlc_backend.position <= held + 0.3  # at most one report that was already on its way
    with qtbot.waitSignal(vlc_backend.seeked, timeout=1000) as seeked:
        vlc_backend.seek(5.0)
    assert seeked.args == [5.0]
    with qtbot.waitSignal(vlc_backend.time_changed, timeout=4000) as moved:
        vlc_backend.play()
    assert 4.8 <= moved.args[0] <= 6.5


def test_double_speed_plays_about_twice_as_fast(
    qtbot: QtBot, vlc_backend: VlcBackend, real_video: Path
) -> None:
    vlc_backend.load(real_video)
    vlc_backend.set_rate(2.0)
    start(qtbot, vlc_backend)
    qtbot.waitUntil(lambda: vlc_backend.position >= 0.5, timeout=3000)
    began, at = time.monotonic(), vlc_backend.position
    qtbot.waitUntil(lambda: vlc_backend.position >= at + 2.4, timeout=3000)
    speed = (vlc_backend.position - at) / (time.monotonic() - began)
    assert 1.5 <= speed <= 2.8, speed
    assert vlc_backend.rate == 2.0
    vlc_backend.set_rate(0.75)
    vlc_backend.set_rate(9.0)
    assert vlc_backend.rate == 2.0  # clamped to the fastest offered speed


def test_a_seek_before_play_resumes_there_and_it_plays_to_the_end(
    qtbot: QtBot, vlc_backend: VlcBackend, real_video: Path
) -> None:
    vlc_backend.load(real_video)
    vlc_backend.seek(6.0)  # the remembered position of a learner coming back
    positions: list[float] = []
    vlc_backend.time_changed.connect(positions.append)
    with qtbot.assertNotEmitted(vlc_backend.failed):
        with qtbot.waitSignal(vlc_backend.ended, timeout=6000):
            vlc_backend.play()
    assert positions and positions[0] >= 5.8
    start(qtbot, vlc_backend)  # play again after the end: from the start
    assert vlc_backend.position < 3.0


def test_captions_are_chosen_by_language_and_can_be_switched_off(
    qtbot: QtBot, vlc_backend: VlcBackend, real_video: Path, tmp_path: Path
) -> None:
    english = tmp_path / "mountains.en.vtt"
    english.write_text(CAPTIONS_EN, encoding="utf-8")
    welsh = tmp_path / "mountains.cy.srt"
    welsh.write_text(CAPTIONS_CY, encoding="utf-8")
    vlc_backend.load(real_video, [english, welsh])
    vlc_backend.set_caption_track(1)
    start(qtbot, vlc_backend)
    qtbot.waitUntil(lambda: len(vlc_backend.caption_track_ids()) == 2, timeout=3000)
    qtbot.waitUntil(lambda: vlc_backend.shown_caption_track() == 1, timeout=2000)
    vlc_backend.set_caption_track(0)
    qtbot.waitUntil(lambda: vlc_backend.shown_caption_track() == 0, timeout=2000)
    vlc_backend.set_caption_track(None)
    qtbot.waitUntil(lambda: vlc_backend.shown_caption_track() is None, timeout=2000)
    vlc_backend.set_caption_track(7)  # no such track: none
    assert vlc_backend.caption_track is None


def test_captions_start_switched_off_unless_asked_for(
    qtbot: QtBot, vlc_backend: VlcBackend, real_video: Path, tmp_path: Path
) -> None:
    english = tmp_path / "mountains.en.vtt"
    english.write_text(CAPTIONS_EN, encoding="utf-8")
    vlc_backend.load(real_video, [english])
    start(qtbot, vlc_backend)
    qtbot.waitUntil(lambda: len(vlc_backend.caption_track_ids()) == 1, timeout=3000)
    qtbot.wait(300)
    assert vlc_backend.shown_caption_track() is None  # libVLC's own choice is overruled


def test_volume_and_mute(qtbot: QtBot, vlc_backend: VlcBackend, real_video: Path) -> None:
    vlc_backend.set_volume(40)
    vlc_backend.set_muted(True)
    vlc_backend.load(real_video)
    start(qtbot, vlc_backend)
    vlc_backend.set_volume(250)
    vlc_backend.set_muted(False)
    assert (vlc_backend.volume, vlc_backend.muted) == (100, False)


def test_a_missing_video_fails_with_its_name(
    qtbot: QtBot, vlc_backend: VlcBackend, tmp_path: Path
) -> None:
    vlc_backend.load(tmp_path / "gone.mp4")
    with qtbot.waitSignal(vlc_backend.failed, timeout=2000) as failed:
        vlc_backend.play()
    assert failed.args[0].startswith("The video gone.mp4 is missing")


def test_the_watchdog_fails_a_video_that_does_not_start_in_time(
    qtbot: QtBot, make_vlc_backend: BackendFactory, real_video: Path
) -> None:
    backend = make_vlc_backend(start_timeout=0.02)  # far less than libVLC needs to start
    backend.load(real_video)
    with qtbot.waitSignal(backend.failed, timeout=3000) as failed:
        backend.play()
    assert "did not start within 0.02 seconds" in failed.args[0]
    with qtbot.assertNotEmitted(backend.time_changed, wait=500):
        pass  # the player was stopped and its late events are dropped


def test_release_while_playing_and_twice(
    qtbot: QtBot, make_vlc_backend: BackendFactory, real_video: Path
) -> None:
    backend = make_vlc_backend()
    backend.load(real_video)
    start(qtbot, backend)
    began = time.monotonic()
    backend.release()
    backend.release()
    assert time.monotonic() - began < 2.0
    qtbot.wait(300)  # queued events from the released player arrive and are ignored
