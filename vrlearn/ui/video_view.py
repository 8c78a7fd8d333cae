"""A video item in the reader: the player, its controls, captions and the transcript beside it.

The player comes from `video_hooks.hooks.make_backend` (libVLC, else QtMultimedia with a
one-line notice, else none: then the page says why and the transcript still shows), created
once, the first time a video is shown. Videos never play by themselves: opening one shows its
poster, at the place the learner stopped last time. Captions are on by default; libVLC draws
them on the picture, otherwise `CaptionOverlay` shows the current cue under it.

Keys (while the focus is in the video view): Space plays or pauses, Left and Right go 10 s back
or forward, F toggles full screen (the reader's window goes full screen; Esc leaves it), C
captions, M mute. A focused button still takes Space, the search box takes what is typed.

Watched coverage and the position are kept by `WatchedProgress` and saved with the learner's
progress. A video that cannot be played says so within a few seconds (the players' watchdogs),
in place of the picture; the rest of the module keeps working.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QPixmap
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from vrlearn.media.backend import NoBackend, VideoBackend
from vrlearn.media.clock import clock
from vrlearn.modules.contents import Item
from vrlearn.modules.model import Module
from vrlearn.ui import messages, theme
from vrlearn.ui.caption_overlay import CaptionOverlay
from vrlearn.ui.learner_session import LearnerSession
from vrlearn.ui.transcript_export import print_transcript, save_transcript
from vrlearn.ui.transcript_panel import TranscriptPanel
from vrlearn.ui.video_controls import VideoControls
from vrlearn.ui.video_full_screen import FullScreen
from vrlearn.ui.video_hooks import hooks
from vrlearn.ui.video_keys import key_action, overrides_shortcut
from vrlearn.ui.video_lesson import VideoLesson, failed_text, unavailable_text
from vrlearn.ui.video_progress import WatchedProgress
from vrlearn.ui.video_screen import PlayerColumn, VideoScreen

log = logging.getLogger(__name__)

RESTART_MARGIN = 3.0  # seconds: stopped this close to the end means "start again" next time


def _label(accessible: str, object_name: str) -> QLabel:
    label = QLabel()
    label.setAccessibleName(accessible)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    return label


class VideoView(QWidget):
    """Shows one video item at a time for the current learner."""

    status_changed = Signal(str)
    full_screen_changed = Signal(bool)

    def __init__(self, session: LearnerSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoView")
        self.setAccessibleName("Video lesson")
        self._session = session
        self.backend: VideoBackend | None = None
        self.notice = ""
        self.lesson: VideoLesson | None = None
        self.playing = False
        self.failed = ""
        self._language = 0
        self._language_tag = ""
        self._captions_on = True
        self._rate = 1.0
        self._volume = 100
        self._muted = False

        self.crumb = _label("Lesson", "secondaryText")
        self.title = _label("Video title", "heading")
        self.title.setFont(theme.scaled_font(self.font(), 1.4, bold=True))
        self.notice_label = _label("Video player notice", "videoNotice")
        self.notice_label.hide()
        self.screen_area = VideoScreen()
        self.screen_area.clicked.connect(self.toggle_play)
        self.screen_area.double_clicked.connect(self.toggle_full_screen)
        self.overlay = CaptionOverlay()
        self.controls = VideoControls()
        self.status_line = _label("How much you have watched", "watchedText")
        self.resume_note = _label("Where you stopped", "secondaryText")
        self.keys_hint = _label("Keyboard shortcuts", "secondaryText")
        self.keys_hint.setText(
            "Keys: Space play or pause · ← → 10 seconds back or on · F full screen · "
            "C captions · M sound"
        )
        self.transcript = TranscriptPanel()
        self.progress = WatchedProgress(session, self._position, self)
        self.progress.changed.connect(self._show_progress)
        self.full_screen = FullScreen(self, self._chrome)
        self.full_screen.changed.connect(self._full_screen_changed)
        self._connect_controls()
        self._lay_out()

    # ------------------------------------------------------------------ layout and wiring

    def _lay_out(self) -> None:
        player = PlayerColumn(self.screen_area)
        self.player_column = player
        column = QVBoxLayout(player)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.screen_area, 1)
        column.addWidget(self.overlay)
        column.addSpacing(self.fontMetrics().height() // 2)
        column.addWidget(self.controls)
        column.addSpacing(self.fontMetrics().height() // 2)
        column.addWidget(self.status_line)
        column.addWidget(self.resume_note)
        column.addSpacing(self.fontMetrics().height())
        column.addWidget(self.keys_hint)
        column.addStretch(0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(player)
        self.splitter.addWidget(self.transcript)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.transcript.setMinimumWidth(self.fontMetrics().averageCharWidth() * 30)
        self.splitter.setSizes([640, 360])  # shared out in this proportion
        layout = QVBoxLayout(self)
        margin = self.fontMetrics().height()
        layout.setContentsMargins(margin, margin // 2, margin, margin // 2)
        layout.addWidget(self.crumb)
        layout.addWidget(self.title)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.splitter, 1)

    def _connect_controls(self) -> None:
        c = self.controls
        c.play_clicked.connect(self.toggle_play)
        c.skip_clicked.connect(self.skip)
        c.seek_requested.connect(self.seek)
        c.rate_chosen.connect(self.set_rate)
        c.volume_chosen.connect(self.set_volume)
        c.mute_clicked.connect(self.toggle_mute)
        c.captions_clicked.connect(self.toggle_captions)
        c.language_chosen.connect(self.set_language)
        c.full_screen_clicked.connect(self.toggle_full_screen)
        self.transcript.cue_chosen.connect(self.seek)
        self.transcript.save_requested.connect(self.save_transcript)
        self.transcript.print_requested.connect(self.print_transcript)

    def _ensure_backend(self) -> VideoBackend:
        if self.backend is None:
            choice = hooks.make_backend(self)
            backend = choice.backend
            self.backend = backend
            self.notice = choice.notice
            # The player's widget goes in its place once, before anything plays.
            self.screen_area.place_picture(backend.video_widget(self.screen_area))
            backend.playing.connect(self._on_playing)
            backend.paused.connect(self._on_paused)
            backend.time_changed.connect(self._on_time)
            backend.seeked.connect(self._on_seeked)
            backend.duration_known.connect(self._on_duration)
            backend.ended.connect(self._on_ended)
            backend.failed.connect(self._on_failed)
            backend.set_rate(self._rate)
            backend.set_volume(self._volume)
            backend.set_muted(self._muted)
            self.controls.set_muted(self._muted)
            if self.notice:
                self.notice_label.setText(f"ℹ {self.notice}")
                self.notice_label.show()
        return self.backend

    @property
    def playable(self) -> bool:
        return not isinstance(self.backend, NoBackend) and not (self.lesson and self.lesson.problem)

    # ------------------------------------------------------------------ showing a video

    def show_video(self, module: Module, item: Item) -> None:
        """Show `item` ready to play from where the learner stopped; it never starts by itself."""
        self.leave()
        backend = self._ensure_backend()
        lesson = VideoLesson.of(module, item)
        self.lesson = lesson
        self.failed = ""
        lesson_title = next((ls.title for ls in module.lessons if item in ls.items), "")
        self.crumb.setText(lesson_title)
        self.title.setText(item.title)
        self._language = lesson.preferred_language(self._language_tag)
        self.controls.set_languages(lesson.languages, self._language)
        self.controls.set_captions_on(self._captions_on)
        self.controls.set_playing(False)
        self.controls.set_rate(self._rate)
        self.controls.set_volume(self._volume)
        self._show_cues()
        state = self._session.video_state(module.id, item.id)
        self.progress.start(module.id, item, state)
        duration = self.progress.duration
        self.controls.set_duration(duration)
        self.controls.set_playable(self.playable)
        if not self.playable:
            self.controls.set_time(0.0)
            self.resume_note.hide()
            self.screen_area.show_message(self._unavailable_text())
            return
        backend.load(lesson.video, lesson.captions)
        backend.set_caption_track(self._language if self._captions_on else None)
        resume = self.progress.saved_position
        if resume > 0 and (duration <= 0 or resume < duration - RESTART_MARGIN):
            backend.seek(resume)
            self.resume_note.setText(f"You stopped at {clock(resume)}: Play carries on from there.")
            self.resume_note.show()
        else:
            resume = 0.0
            self.resume_note.hide()
        self.controls.set_time(resume)
        self.transcript.set_time(resume)
        self.overlay.set_time(resume)
        self._show_poster()

    def focus_player(self) -> None:
        self.controls.play_button.setFocus()

    def leave(self) -> None:
        """The reader is leaving this video (or the app is closing): pause it and save."""
        if self.lesson is None:
            return
        self.leave_full_screen()
        if self.playing and self.backend is not None:
            self.backend.pause()
            self.playing = False
            self.controls.set_playing(False)
        self.progress.playing(False)
        self.progress.save()

    def release(self) -> None:
        """Free the player for good (the window is closing)."""
        self.leave()
        if self.backend is not None:
            self.backend.release()

    # ------------------------------------------------------------------ commands

    def play(self) -> None:
        if self.backend is None or self.lesson is None or not self.playable:
            return
        self.failed = ""
        self.resume_note.hide()
        self.screen_area.show_picture()
        self.backend.play()

    def pause(self) -> None:
        if self.backend is not None and self.playing:
            self.backend.pause()

    def toggle_play(self) -> None:
        if self.playing:
            self.pause()
        else:
            self.play()

    def seek(self, seconds: float) -> None:
        if self.backend is None or self.lesson is None or not self.playable:
            return
        duration = self.backend.duration or self.progress.duration
        target = max(0.0, min(seconds, duration) if duration > 0 else seconds)
        self.backend.seek(target)

    def skip(self, delta: float) -> None:
        if self.backend is not None:
            self.seek(self._position() + delta)

    def set_rate(self, rate: float) -> None:
        self._rate = rate
        self.controls.set_rate(rate)
        if self.backend is not None:
            self.backend.set_rate(rate)
        self.status_changed.emit(f"Playback speed {rate:g}×")

    def set_volume(self, percent: int) -> None:
        self._volume = percent
        self.controls.set_volume(percent)
        if self.backend is not None:
            self.backend.set_volume(percent)

    def toggle_mute(self) -> None:
        self._muted = not self._muted
        self.controls.set_muted(self._muted)
        if self.backend is not None:
            self.backend.set_muted(self._muted)
        self.status_changed.emit("Sound off" if self._muted else "Sound on")

    @property
    def muted(self) -> bool:
        return self._muted

    @property
    def captions_on(self) -> bool:
        return self._captions_on

    @property
    def language(self) -> int:
        return self._language

    def toggle_captions(self) -> None:
        self._captions_on = not self._captions_on
        self.controls.set_captions_on(self._captions_on)
        self._apply_captions()
        self.status_changed.emit("Captions on" if self._captions_on else "Captions off")

    def set_language(self, index: int) -> None:
        if self.lesson is None or not 0 <= index < len(self.lesson.captions):
            return
        self._language = index
        self._language_tag = self.lesson.caption_specs[index].language
        self.controls.set_languages(self.lesson.languages, index)
        self._show_cues()
        self._apply_captions()

    def _apply_captions(self) -> None:
        if self.backend is not None and self.lesson is not None and self.playable:
            self.backend.set_caption_track(self._language if self._captions_on else None)
        self._show_overlay()

    # ------------------------------------------------------------------ full screen

    @property
    def is_full_screen(self) -> bool:
        return self.full_screen.active

    def toggle_full_screen(self) -> None:
        if not self.leave_full_screen():
            self.enter_full_screen()

    def enter_full_screen(self) -> None:
        """The reader's window goes full screen with only the video and its controls showing."""
        self.full_screen.enter()
        self.screen_area.setFocus()

    def leave_full_screen(self) -> bool:
        """Back to the normal window; False if it was not full screen."""
        return self.full_screen.leave()

    def _full_screen_changed(self, full: bool) -> None:
        self.player_column.set_limit_height(not full)
        self.controls.set_full_screen(full)
        self.full_screen_changed.emit(full)

    def _chrome(self) -> list[QWidget]:
        """What full screen hides."""
        return [
            self.crumb,
            self.title,
            self.notice_label,
            self.transcript,
            self.resume_note,
            self.status_line,
            self.keys_hint,
        ]

    # ------------------------------------------------------------------ keyboard

    def event(self, event: QEvent) -> bool:
        if overrides_shortcut(self, event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = key_action(self, event)
        if action is None:
            super().keyPressEvent(event)
            return
        action()
        event.accept()

    def hideEvent(self, event: QHideEvent) -> None:
        if not event.spontaneous():  # the reader showed something else, or the window closed
            self.leave()
        super().hideEvent(event)

    # ------------------------------------------------------------------ the player's signals

    def _on_playing(self) -> None:
        self.playing = True
        self.failed = ""
        self.controls.set_playing(True)
        self.screen_area.show_picture()
        self.resume_note.hide()
        self.progress.observe(self._position(), self._rate)  # the run starts where play did
        self.progress.playing(True)

    def _on_paused(self) -> None:
        self.playing = False
        self.controls.set_playing(False)
        self.progress.playing(False)
        self.progress.save()

    def _on_time(self, seconds: float) -> None:
        self.progress.observe(seconds, self._rate)
        self.controls.set_time(seconds)
        self.transcript.set_time(seconds)
        self.overlay.set_time(seconds)

    def _on_seeked(self, seconds: float) -> None:
        self.progress.interrupt()
        self.controls.set_time(seconds)
        self.transcript.set_time(seconds)
        self.overlay.set_time(seconds)
        if self.playing:
            self.progress.observe(seconds, self._rate)  # playing carries on from here

    def _on_duration(self, seconds: float) -> None:
        self.progress.set_duration(seconds)
        self.controls.set_duration(seconds)

    def _on_ended(self) -> None:
        self.playing = False
        self.progress.finish()
        self.progress.playing(False)
        self.progress.save()
        self.controls.set_playing(False)
        self.status_changed.emit("The video has ended.")

    def _on_failed(self, message: str) -> None:
        log.info("video could not be played: %s", message)
        self.playing = False
        self.failed = message
        self.progress.interrupt()
        self.progress.playing(False)
        self.progress.save()
        self.controls.set_playing(False)
        self.screen_area.show_message(failed_text(message))
        self.status_changed.emit(f"This video cannot be played: {message}")

    # ------------------------------------------------------------------ helpers

    def _position(self) -> float:
        return self.backend.position if self.backend is not None else 0.0

    def _show_cues(self) -> None:
        cues = self.lesson.cues(self._language) if self.lesson is not None else ()
        if isinstance(cues, str):
            self.transcript.set_problem(cues)
            self.overlay.set_cues(())
        else:
            self.transcript.set_cues(cues)
            self.overlay.set_cues(cues)
        self.transcript.set_time(self._position())
        self._show_overlay()

    def _show_overlay(self) -> None:
        draws = self.backend is not None and self.backend.draws_captions and self.playable
        self.overlay.setVisible(self._captions_on and not draws)
        self.overlay.set_time(self._position())

    def _show_poster(self) -> None:
        lesson = self.lesson
        pixmap = QPixmap(str(lesson.poster)) if lesson is not None and lesson.poster else QPixmap()
        title = lesson.item.title if lesson is not None else ""
        self.screen_area.show_poster(pixmap, f"{title}\n\n▶ Press Play to start the video")

    def _unavailable_text(self) -> str:
        if self.lesson is not None and self.lesson.problem:
            return unavailable_text(self.lesson.problem)
        if isinstance(self.backend, NoBackend):
            reason = f"Videos cannot be played on this computer: {self.backend.reason}."
            return unavailable_text(reason)
        return unavailable_text("This video cannot be played.")

    def _show_progress(self) -> None:
        self.status_line.setText(self.progress.summary())
        self.status_line.setAccessibleDescription(self.status_line.text())

    # ------------------------------------------------------------------ transcript

    def save_transcript(self) -> None:
        lesson = self.lesson
        cues = self.transcript.cues
        if lesson is None or not cues:
            return
        name = lesson.transcript_file_name(self._language)
        try:
            path = save_transcript(self, cues, lesson.transcript_title, name)
        except OSError as error:
            messages.warning(
                self, "The transcript could not be saved", f"{error.strerror or error}"
            )
            return
        if path is not None:
            self.status_changed.emit(f"Transcript saved to {path}")

    def print_transcript(self) -> None:
        cues = self.transcript.cues
        if self.lesson is not None and cues:
            if print_transcript(self, cues, self.lesson.transcript_title):
                self.status_changed.emit("Transcript sent to the printer")
