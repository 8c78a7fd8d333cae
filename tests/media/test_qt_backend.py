"""The QtMultimedia fallback with the real corpus video and the same broken files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.media.conftest import BROKEN_KINDS, make_broken_video

if not os.environ.get("CI"):  # in CI a missing QtMultimedia fails at the import below
    pytest.importorskip("PySide6.QtMultimedia", exc_type=ImportError)

from vrlearn.media.qt_backend import QtBackend  # noqa: E402


@pytest.fixture
def qt_backend(qtbot: QtBot) -> Iterator[QtBackend]:
    backend = QtBackend(audio_output=False)
    yield backend
    backend.release()


def test_the_real_video_plays_pauses_seeks_and_ends(
    qtbot: QtBot, qt_backend: QtBackend, real_video: Path
) -> None:
    assert not qt_backend.draws_captions  # the reader draws them from the cues
    qt_backend.load(real_video)
    with qtbot.waitSignals([qt_backend.playing, qt_backend.time_changed], timeout=4000):
        qt_backend.play()
    assert qt_backend.duration == 8.0
    with qtbot.waitSignal(qt_backend.paused, timeout=2000):
        qt_backend.pause()
    with qtbot.waitSignal(qt_backend.seeked, timeout=1000):
        qt_backend.seek(7.0)
    qt_backend.set_rate(2.0)
    with qtbot.waitSignal(qt_backend.ended, timeout=4000):
        qt_backend.play()


def test_the_caption_choice_is_kept_for_the_reader(qt_backend: QtBackend, tmp_path: Path) -> None:
    qt_backend.load(tmp_path / "v.mp4", [tmp_path / "v.en.vtt", tmp_path / "v.cy.vtt"])
    qt_backend.set_caption_track(1)
    assert qt_backend.caption_track == 1
    qt_backend.set_caption_track(5)
    assert qt_backend.caption_track is None


@pytest.mark.parametrize("kind", BROKEN_KINDS)
def test_a_broken_file_fails_with_a_clear_message(
    qtbot: QtBot, qt_backend: QtBackend, real_video: Path, tmp_path: Path, kind: str
) -> None:
    broken = make_broken_video(kind, tmp_path, real_video)
    with qtbot.waitSignal(qt_backend.failed, timeout=6000) as failed:
        qt_backend.load(broken)
        qt_backend.play()
    assert failed.args[0].startswith(f"The video {broken.name} could not be played")
    qt_backend.load(real_video)  # and the next video plays
    with qtbot.waitSignal(qt_backend.time_changed, timeout=4000):
        qt_backend.play()
