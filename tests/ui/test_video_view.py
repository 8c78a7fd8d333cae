"""The video item in the reader (with a fake player): no autoplay, watched coverage saved and
counted for completion, resume, failures, and the fallback and no-player pages."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from vrlearn.media.backend import NoBackend
from vrlearn.records import RecordsStore
from vrlearn.ui.video_view import VideoView

from .conftest import WindowFactory
from .video_helpers import (
    MODULE_ID,
    VIDEO_ID,
    SteppedPlayer,
    learner_id,
    open_video,
    reader_of,
    use_players,
    write_video_module,
)


@pytest.fixture
def module_folder(content_dir: Path) -> Path:
    return write_video_module(content_dir)


@pytest.fixture
def players(monkeypatch: pytest.MonkeyPatch) -> list[SteppedPlayer]:
    made = use_players(monkeypatch, lambda parent: SteppedPlayer(60.0, parent=parent))
    return cast(list[SteppedPlayer], made)  # the same list: players made later appear in it


def saved(store: RecordsStore) -> dict[str, object] | None:
    store.flush()
    return store.video_state(learner_id(store), MODULE_ID, VIDEO_ID)


def test_a_video_shows_its_poster_and_never_plays_by_itself(
    qtbot: QtBot,
    module_folder: Path,
    players: list[SteppedPlayer],
    learner_store: RecordsStore,
    open_window: WindowFactory,
) -> None:
    window = open_window(learner_store)
    view = open_video(window)
    (player,) = players
    qtbot.wait(200)
    assert view.screen_area.showing == "poster"
    assert not view.screen_area.poster.pixmap().isNull()
    assert [name for name, _ in player.calls].count("play") == 0
    assert ("load", module_folder / "videos" / "intro.mp4") in player.calls
    assert not view.playing and view.controls.play_button.accessibleName() == "Play"
    assert view.title.text() == "Introduction video" and view.crumb.text() == "First lesson"
    assert reader_of(window).position_label.text() == "Step 1 of 3 (video)"
    assert view.status_line.text() == "Not watched yet · 90 % needed"
    # captions are on by default; the fake player does not draw them, so the reader does
    assert player.caption_track == 0 and view.controls.captions_button.isChecked()
    assert view.overlay.isVisible()
    assert len(view.transcript.cues) == 17
    assert reader_of(window).contents.video_state(VIDEO_ID) == "Not watched yet"


def test_watching_is_saved_and_shown_and_seeking_ahead_does_not_count(
    qtbot: QtBot,
    module_folder: Path,
    players: list[SteppedPlayer],
    learner_store: RecordsStore,
    open_window: WindowFactory,
) -> None:
    window = open_window(learner_store)
    view = open_video(window)
    (player,) = players
    qtbot.mouseClick(view.controls.play_button, Qt.MouseButton.LeftButton)
    assert view.playing and view.screen_area.showing == "picture"
    player.play_to(6.0)
    assert view.overlay.text() == "often called VR."
    assert view.transcript.current == 1
    assert view.controls.elapsed.text() == "0:06"
    view.seek(40.0)  # jumping ahead: 6-40 s is not watched
    player.play_to(42.0)
    view.pause()
    assert not view.playing
    state = saved(learner_store)
    assert state is not None
    assert state["intervals"] == [[0.0, 6.0], [40.0, 42.0]]
    assert state["position"] == 42.0 and state["duration"] == 60.0
    assert view.status_line.text() == "Watched 13 % · 90 % needed"
    assert reader_of(window).contents.video_state(VIDEO_ID) == "13 % watched"
    reader_of(window).show_overview()
    overview = reader_of(window).browser.toPlainText()
    assert "watch at least 90 % of the video “Introduction video” (13 % watched so far)" in overview


def test_the_place_is_remembered_and_the_video_waits_there(
    qtbot: QtBot,
    module_folder: Path,
    players: list[SteppedPlayer],
    learner_store: RecordsStore,
    open_window: WindowFactory,
) -> None:
    window = open_window(learner_store)
    view = open_video(window)
    view.play()
    players[0].play_to(20.0)
    reader_of(window).next_page()  # leaving the video pauses it and saves the place
    assert ("pause", None) in players[0].calls
    assert not view.playing
    window.close()

    again = open_window(learner_store)
    view = open_video(again)
    player = players[-1]
    assert player is not players[0]
    names = [name for name, _ in player.calls]
    assert names.count("play") == 0 and ("seek", 20.0) in player.calls
    assert view.controls.elapsed.text() == "0:20"
    assert view.resume_note.text() == "You stopped at 0:20: Play carries on from there."
    assert view.status_line.text() == "Watched 33 % · 90 % needed"
    view.play()
    player.play_to(21.0)
    view.pause()
    state = saved(learner_store)
    assert state is not None and state["intervals"] == [[0.0, 21.0]]


def test_a_video_watched_far_enough_completes_the_module(
    qtbot: QtBot,
    module_folder: Path,
    players: list[SteppedPlayer],
    learner_store: RecordsStore,
    open_window: WindowFactory,
) -> None:
    window = open_window(learner_store)
    view = open_video(window)
    reader = reader_of(window)
    completed: list[str] = []
    window.session.module_completed.connect(completed.append)
    reader.next_page()
    reader.next_page()
    reader.go_to(VIDEO_ID)
    view.play()
    players[0].play_to(53.0)  # 88 %
    view.pause()
    assert completed == [] and reader.contents.video_state(VIDEO_ID) == "88 % watched"
    view.play()
    players[0].play_to(54.0)  # 90 %
    view.pause()
    assert completed == [MODULE_ID]
    assert reader.contents.video_state(VIDEO_ID) == "Watched ✓"
    assert view.status_line.text() == "Watched 90 % ✓ · 90 % needed to complete this lesson"
    entry = next(e for e in window.library_view.model.entries if e.module_id == MODULE_ID)
    assert entry.progress_text == "✓ Completed"


def test_playing_to_the_end_counts_the_last_stretch(
    qtbot: QtBot,
    module_folder: Path,
    players: list[SteppedPlayer],
    learner_store: RecordsStore,
    open_window: WindowFactory,
) -> None:
    window = open_window(learner_store)
    view = open_video(window)
    view.play()
    players[0].play_to(60.0, step=0.7)
    assert not view.playing
    state = saved(learner_store)
    assert state is not None and state["coverage"] == 1.0


def test_a_broken_video_says_so_and_the_module_carries_on(
    qtbot: QtBot,
    module_folder: Path,
    players: list[SteppedPlayer],
    learner_store: RecordsStore,
    open_window: WindowFactory,
) -> None:
    window = open_window(learner_store)
    view = open_video(window)
    message = "The video intro.mp4 could not be played: the file is damaged."
    players[0].fail_with(message)
    with qtbot.waitSignal(view.backend.failed, timeout=2000):  # type: ignore[union-attr]
        view.play()
    assert view.screen_area.showing == "message"
    assert message in view.screen_area.message.text()
    assert "transcript beside it" in view.screen_area.message.text()
    assert window.statusBar().currentMessage() == f"This video cannot be played: {message}"
    assert view.transcript.cues  # the transcript still reads
    reader = reader_of(window)
    reader.next_page()
    assert reader.position == "page-1"
    assert "Text of page 1" in reader.browser.toPlainText()
    reader.go_to(VIDEO_ID)  # and the video can be tried again
    view.play()
    assert view.playing


def test_the_fallback_player_is_named_in_one_line(
    qtbot: QtBot,
    module_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    learner_store: RecordsStore,
    open_window: WindowFactory,
) -> None:
    notice = "Videos play through Qt Multimedia 6 because libVLC is not installed."
    use_players(monkeypatch, lambda parent: SteppedPlayer(60.0, parent=parent), notice)
    view = open_video(open_window(learner_store))
    assert view.notice_label.isVisible()
    assert view.notice_label.text() == f"ℹ {notice}"


def test_with_no_player_the_page_says_why_and_the_transcript_shows(
    qtbot: QtBot,
    module_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    learner_store: RecordsStore,
    open_window: WindowFactory,
) -> None:
    use_players(monkeypatch, lambda parent: NoBackend("libVLC is not installed", parent))
    view: VideoView = open_video(open_window(learner_store))
    assert view.screen_area.showing == "message"
    text = view.screen_area.message.text()
    assert "Videos cannot be played on this computer: libVLC is not installed." in text
    assert "Everything said in the video is in the transcript" in text
    assert view.notice_label.text().startswith("ℹ Videos cannot be played on this computer")
    assert len(view.transcript.cues) == 17
    assert not view.controls.play_button.isEnabled()
    view.play()  # nothing happens
    assert view.screen_area.showing == "message"
