"""The reader with the real libVLC player, off screen (`--vout=dummy`, no sound device): the
bundled video plays, watched coverage grows and is stored, jumping ahead does not count, the
place is restored after reopening, and a broken file says so while the module carries on."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from vrlearn.media.backend import VideoBackend
from vrlearn.media.vlc_backend import VlcBackend
from vrlearn.records import RecordsStore

from .conftest import WindowFactory
from .video_helpers import (
    MODULE_ID,
    VIDEO_ID,
    learner_id,
    open_video,
    reader_of,
    write_video_module,
)


def stored(store: RecordsStore) -> dict[str, object]:
    store.flush()
    state = store.video_state(learner_id(store), MODULE_ID, VIDEO_ID)
    assert state is not None
    return state


def test_the_bundled_video_plays_is_counted_and_resumes(
    qtbot: QtBot,
    content_dir: Path,
    vlc_players: list[VideoBackend],
    learner_store: RecordsStore,
    open_window: WindowFactory,
) -> None:
    write_video_module(content_dir)
    window = open_window(learner_store)
    view = open_video(window)
    backend = vlc_players[0]
    with qtbot.assertNotEmitted(backend.time_changed, wait=400):
        pass  # no autoplay
    assert view.screen_area.showing == "poster" and backend.position == 0.0
    with qtbot.waitSignal(backend.playing, timeout=5000):
        view.play()
    qtbot.waitUntil(lambda: backend.position >= 2.0, timeout=8000)
    assert isinstance(backend, VlcBackend) and backend.shown_caption_track() == 0  # captions on
    with qtbot.waitSignal(backend.paused, timeout=3000):
        view.pause()
    state = stored(learner_store)
    intervals = state["intervals"]
    assert isinstance(intervals, list) and len(intervals) == 1
    start, end = intervals[0]
    assert start <= 0.3 and end >= 1.8
    assert 60 < float(state["duration"]) < 70  # type: ignore[arg-type]
    position = float(state["position"])  # type: ignore[arg-type]
    assert position >= 1.8
    assert view.status_line.text() == "Watched 3 % · 90 % needed"
    window.close()

    again = open_window(learner_store)
    view = open_video(again)
    backend = vlc_players[-1]
    assert view.screen_area.showing == "poster" and not view.playing
    assert view.resume_note.text().startswith("You stopped at 0:0")
    seen: list[float] = []
    backend.time_changed.connect(seen.append)
    with qtbot.waitSignal(backend.playing, timeout=5000):
        view.play()
    qtbot.waitUntil(lambda: len(seen) >= 3, timeout=5000)
    view.pause()
    assert min(seen) >= position - 0.5, seen  # it carried on from where it stopped


def test_jumping_ahead_is_not_counted_as_watched(
    qtbot: QtBot,
    content_dir: Path,
    vlc_players: list[VideoBackend],
    learner_store: RecordsStore,
    open_window: WindowFactory,
) -> None:
    write_video_module(content_dir)
    view = open_video(open_window(learner_store))
    backend = vlc_players[0]
    with qtbot.waitSignal(backend.playing, timeout=5000):
        view.play()
    qtbot.waitUntil(lambda: backend.position >= 1.0, timeout=8000)
    view.seek(40.0)
    qtbot.waitUntil(lambda: backend.position >= 41.0, timeout=8000)
    with qtbot.waitSignal(backend.paused, timeout=3000):
        view.pause()
    intervals = stored(learner_store)["intervals"]
    assert isinstance(intervals, list)
    watched = sum(end - start for start, end in intervals)
    assert 1.5 < watched < 5.0, intervals
    assert not any(start < 20.0 < end for start, end in intervals)


def test_a_broken_video_file_says_so_and_the_next_page_works(
    qtbot: QtBot,
    content_dir: Path,
    vlc_players: list[VideoBackend],
    learner_store: RecordsStore,
    open_window: WindowFactory,
) -> None:
    write_video_module(content_dir, video=b"These are notes, not a video.\n" * 2000)
    window = open_window(learner_store)
    view = open_video(window)
    backend = vlc_players[0]
    with qtbot.waitSignal(backend.failed, timeout=6000) as failure:
        view.play()
    message = str(failure.args[0])
    assert "intro.mp4" in message and "could not be played" in message
    assert view.screen_area.showing == "message" and message in view.screen_area.message.text()
    reader = reader_of(window)
    reader.next_page()
    assert reader.position == "page-1" and "Text of page 1" in reader.browser.toPlainText()
    reader.next_page()
    assert reader.position == "page-2"
