"""The video view's controls (with a fake player): keys, accessible names, captions and
languages, the transcript (highlight, click to seek, search, save, print) and full screen."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from vrlearn.records import RecordsStore
from vrlearn.ui.main_window import MainWindow
from vrlearn.ui.transcript_delegate import marked_html
from vrlearn.ui.video_hooks import hooks
from vrlearn.ui.video_view import VideoView

from .conftest import WindowFactory
from .test_accessibility import unnamed_controls
from .video_helpers import SteppedPlayer, open_video, reader_of, use_players, write_video_module


@pytest.fixture
def players(monkeypatch: pytest.MonkeyPatch) -> list[SteppedPlayer]:
    made = use_players(monkeypatch, lambda parent: SteppedPlayer(60.0, parent=parent))
    return cast(list[SteppedPlayer], made)


@pytest.fixture
def window(
    content_dir: Path,
    players: list[SteppedPlayer],
    learner_store: RecordsStore,
    open_window: WindowFactory,
) -> MainWindow:
    write_video_module(content_dir, welsh=True)
    return open_window(learner_store)


def key(qtbot: QtBot, widget: QWidget, which: Qt.Key) -> None:
    qtbot.keyClick(widget, which)


def test_keys_play_skip_mute_and_captions(
    qtbot: QtBot, window: MainWindow, players: list[SteppedPlayer]
) -> None:
    view = open_video(window)
    player = players[0]
    screen = view.screen_area
    screen.setFocus()
    key(qtbot, screen, Qt.Key.Key_Space)
    assert view.playing
    player.play_to(15.0)
    key(qtbot, screen, Qt.Key.Key_Right)
    assert player.calls[-1] == ("seek", 25.0)
    key(qtbot, screen, Qt.Key.Key_Left)
    assert player.calls[-1] == ("seek", 15.0)
    key(qtbot, screen, Qt.Key.Key_Space)
    assert not view.playing
    key(qtbot, screen, Qt.Key.Key_M)
    assert player.muted and view.controls.mute_button.accessibleName() == "Unmute"
    key(qtbot, screen, Qt.Key.Key_M)
    assert not player.muted
    key(qtbot, screen, Qt.Key.Key_C)
    assert player.caption_track is None and not view.overlay.isVisible()
    assert not view.controls.captions_button.isChecked()
    key(qtbot, screen, Qt.Key.Key_C)
    assert player.caption_track == 0 and view.overlay.isVisible()
    typed = view.transcript.search_box  # typing in the search box is only typing
    typed.setFocus()
    qtbot.keyClicks(typed, "f m")
    assert typed.text() == "f m" and not view.is_full_screen and not player.muted


def test_full_screen_shows_only_the_video_and_esc_leaves_it(
    qtbot: QtBot, window: MainWindow, players: list[SteppedPlayer]
) -> None:
    view = open_video(window)
    reader = reader_of(window)
    view.screen_area.setFocus()
    key(qtbot, view.screen_area, Qt.Key.Key_F)
    assert view.is_full_screen and window.isFullScreen()
    assert not reader.contents.isVisible() and not view.transcript.isVisible()
    assert not window.menuBar().isVisible() and not reader.navigation_bar.isVisible()
    assert view.controls.full_screen_button.accessibleName() == "Leave full screen"
    assert view.controls.isVisible() and view.screen_area.isVisible()
    key(qtbot, view.screen_area, Qt.Key.Key_Escape)  # leaves full screen, stays in the reader
    assert not view.is_full_screen and not window.isFullScreen()
    assert window.stack.currentWidget() is reader
    assert reader.contents.isVisible() and view.transcript.isVisible()
    assert window.menuBar().isVisible()
    qtbot.mouseClick(view.controls.full_screen_button, Qt.MouseButton.LeftButton)
    assert view.is_full_screen
    reader.next_page()  # moving on leaves full screen too
    assert not view.is_full_screen and reader.contents.isVisible()
    key(qtbot, reader.browser, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.library_view


def test_every_video_control_has_an_accessible_name(window: MainWindow) -> None:
    view = open_video(window)
    assert unnamed_controls(window) == []
    c = view.controls
    names = [
        c.play_button.accessibleName(),
        c.back_button.accessibleName(),
        c.forward_button.accessibleName(),
        c.seek_bar.accessibleName(),
        c.speed.accessibleName(),
        c.mute_button.accessibleName(),
        c.volume.accessibleName(),
        c.captions_button.accessibleName(),
        c.language.accessibleName(),
        c.full_screen_button.accessibleName(),
        view.transcript.list.accessibleName(),
        view.transcript.search_box.accessibleName(),
        view.transcript.save_button.accessibleName(),
        view.transcript.print_button.accessibleName(),
    ]
    assert names == [
        "Play",
        "Back 10 seconds",
        "Forward 10 seconds",
        "Seek",
        "Playback speed",
        "Mute",
        "Volume",
        "Captions",
        "Caption language",
        "Full screen",
        "Transcript",
        "Search the transcript",
        "Save transcript",
        "Print transcript",
    ]
    assert c.captions_button.accessibleDescription() == "Captions are on (English)"
    view.play()
    assert c.play_button.accessibleName() == "Pause"


def test_speed_volume_and_seek_bar(
    qtbot: QtBot, window: MainWindow, players: list[SteppedPlayer]
) -> None:
    view = open_video(window)
    player = players[0]
    c = view.controls
    assert [c.speed.itemText(i) for i in range(c.speed.count())] == [
        "0.5×", "0.75×", "1×", "1.25×", "1.5×", "2×"
    ]  # fmt: skip
    c.speed.activated.emit(1)
    assert player.rate == 0.75
    c.volume.setValue(40)
    assert player.volume == 40
    view.play()
    player.play_to(30.0)
    assert c.seek_bar.accessibleDescription() == "0:30 of 1:00"
    c.seek_bar.setFocus()
    key(qtbot, c.seek_bar, Qt.Key.Key_Right)  # the seek bar steps 10 s as well
    assert player.calls[-1] == ("seek", 40.0)
    groove = c.seek_bar.rect()
    qtbot.mouseClick(c.seek_bar, Qt.MouseButton.LeftButton, pos=QPoint(groove.width() // 10, 5))
    name, where = player.calls[-1]
    assert name == "seek" and isinstance(where, float) and 3.0 < where < 9.0


def test_caption_language_changes_captions_and_transcript(
    window: MainWindow, players: list[SteppedPlayer]
) -> None:
    view = open_video(window)
    player = players[0]
    language = view.controls.language
    assert language.isVisible() and language.count() == 2
    assert view.transcript.cues[0].text.startswith("This overview introduces")
    language.activated.emit(1)
    assert view.language == 1 and player.caption_track == 1
    assert view.transcript.cues[0].text.startswith("Mae'r trosolwg hwn yn cyflwyno")
    view.play()
    player.play_to(1.0)
    assert view.overlay.text().startswith("Mae'r trosolwg")
    view.toggle_captions()
    assert player.caption_track is None


def test_transcript_follows_the_video_and_a_click_seeks(
    qtbot: QtBot, window: MainWindow, players: list[SteppedPlayer]
) -> None:
    view = open_video(window)
    player = players[0]
    transcript = view.transcript
    view.play()
    player.play_to(6.0)
    assert transcript.current == 1
    current = transcript.list.item(1)
    assert current.text().startswith("▶ 0:05") and current.font().bold()
    assert "playing now" in current.data(Qt.ItemDataRole.AccessibleTextRole)
    target = transcript.list.item(4)
    rect = transcript.list.visualItemRect(target)
    qtbot.mouseClick(transcript.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert player.calls[-1] == ("seek", transcript.cues[4].start)
    assert transcript.current == 4
    transcript.list.setCurrentRow(6)
    key(qtbot, transcript.list, Qt.Key.Key_Return)
    assert player.calls[-1] == ("seek", transcript.cues[6].start)
    assert view.playing  # seeking does not stop (or start) playing


def test_transcript_search(qtbot: QtBot, window: MainWindow) -> None:
    view = open_video(window)
    transcript = view.transcript
    qtbot.keyClicks(transcript.search_box, "nice")
    shown = transcript.visible_cues()
    assert shown and len(shown) < len(transcript.cues)
    assert all("nice" in transcript.cues[i].text.lower() for i in shown)
    assert transcript.matches.text() == f"{len(shown)} lines match"
    first = transcript.list.item(shown[0]).text()
    marked = marked_html(first, "nice")
    assert marked is not None and "<b><u>" in marked and "<b><u>nice" in marked.lower()
    assert transcript.marks.query == "nice"
    transcript.list.viewport().repaint()
    with_marks = transcript.list.viewport().grab().toImage()
    transcript.marks.query = ""  # the same lines, drawn without the marks
    transcript.list.viewport().repaint()
    assert transcript.list.viewport().grab().toImage() != with_marks
    transcript.search_box.setText("zzzz")
    assert transcript.visible_cues() == [] and transcript.matches.text() == "No lines match"
    transcript.search_box.clear()
    assert len(transcript.visible_cues()) == len(transcript.cues)
    assert transcript.matches.isHidden()


def test_save_and_print_the_transcript(
    tmp_path: Path, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    view: VideoView = open_video(window)
    asked: list[Path] = []

    def ask_save_path(_parent: QWidget | None, _title: str, suggested: Path) -> Path:
        asked.append(suggested)
        return tmp_path / "my transcript"

    monkeypatch.setattr(hooks, "ask_save_path", ask_save_path)
    view.transcript.save_button.click()
    written = tmp_path / "my transcript.txt"
    text = written.read_text(encoding="utf-8")
    assert asked[0].name == "video-lessons-intro-video-transcript.en.txt"
    lines = text.splitlines()
    assert lines[0] == "Video lessons: Introduction video (transcript)"
    assert lines[2] == "[0:00] This overview introduces vocational rehabilitation after stroke,"
    assert window.statusBar().currentMessage() == f"Transcript saved to {written}"

    pdf = tmp_path / "transcript.pdf"

    def ask_printer(_parent: QWidget | None) -> QPrinter:
        printer = QPrinter()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
        return printer

    monkeypatch.setattr(hooks, "ask_printer", ask_printer)
    view.transcript.print_button.click()
    assert pdf.read_bytes().startswith(b"%PDF")
    monkeypatch.setattr(hooks, "ask_save_path", lambda *_args: None)  # cancelled: nothing
    view.transcript.save_button.click()
