"""The fallback video player: QtMultimedia (QMediaPlayer), used when libVLC cannot be.

QtMultimedia comes with PySide6-Addons, which the app may be installed without: this module is
imported only by `choose.choose_backend()`, and only after libVLC has failed. QMediaPlayer does
not draw external caption files, so `draws_captions` is False: the reader draws the current cue
(from `captions.read_cues` and `transcript.cue_at`) over or under the video itself.

Failures are judged as for libVLC (`failures`): an error or invalid-media status, no position
change within the start time limit, no picture, or an end long before the known length.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl, qVersion
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QVideoSink
from PySide6.QtWidgets import QWidget

from vrlearn.media import failures
from vrlearn.media.backend import VideoBackend, clamp_rate, clamp_volume
from vrlearn.media.watchdog import START_TIMEOUT, PlaybackWatchdog

log = logging.getLogger(__name__)

State = QMediaPlayer.PlaybackState
Status = QMediaPlayer.MediaStatus


class QtBackend(VideoBackend):
    """Plays videos with QMediaPlayer; the reader draws the captions."""

    draws_captions = False

    def __init__(
        self,
        *,
        audio_output: bool = True,
        start_timeout: float = START_TIMEOUT,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.name = f"Qt Multimedia {qVersion()}"
        self._player: QMediaPlayer | None = QMediaPlayer(self)
        self._audio: QAudioOutput | None = None
        if audio_output:  # without one (tests, CI) the sound is not decoded at all
            self._audio = QAudioOutput(self)
            self._player.setAudioOutput(self._audio)
        self._volume = 100
        self._muted = False
        self._sink: QVideoSink | None = None
        self._widget: QWidget | None = None
        self._watchdog = PlaybackWatchdog(start_timeout, self)
        self._watchdog.expired.connect(self._on_watchdog)
        self._player.playbackStateChanged.connect(self._on_state)
        self._player.positionChanged.connect(self._on_position)
        self._player.durationChanged.connect(self._on_duration)
        self._player.mediaStatusChanged.connect(self._on_status)
        self._player.errorOccurred.connect(self._on_error)
        self._path: Path | None = None
        self._captions: tuple[Path, ...] = ()
        self._caption_index: int | None = None
        self._position = self._duration = 0.0
        self._progressed = False
        self._failed = False

    def is_available(self) -> bool:
        """False when Qt Multimedia found no media backend (e.g. its FFmpeg plugin is missing)."""
        return self._player is not None and self._player.isAvailable()

    # -- the reader's commands ---------------------------------------------------------------

    def video_widget(self, parent: QWidget | None = None) -> QWidget:
        if self._widget is None:
            from PySide6.QtMultimediaWidgets import QVideoWidget

            widget = QVideoWidget(parent)
            widget.setAccessibleName("Video")
            self._live_player().setVideoOutput(widget)
            self._widget = widget
        elif parent is not None:
            self._widget.setParent(parent)
        return self._widget

    def load(self, path: Path, captions: Sequence[Path] = ()) -> None:
        player = self._live_player()
        self._watchdog.disarm()
        player.stop()
        self._path = Path(path)
        self._captions = tuple(Path(c) for c in captions)
        self._caption_index = None
        self._position = self._duration = 0.0
        self._progressed = self._failed = False
        if self._path.is_file():  # a missing file is reported by play()
            player.setSource(QUrl.fromLocalFile(str(self._path.resolve())))
        else:
            player.setSource(QUrl())

    def play(self) -> None:
        player = self._live_player()
        if self._path is None:
            return
        if not self._path.is_file():
            message = failures.missing(self._path)
            QTimer.singleShot(0, self, lambda: self._fail(message))
            return
        if self._failed:  # try again from the start
            self.load(self._path, self._captions)
        if self._widget is None and self._sink is None:
            self._sink = QVideoSink(self)  # no widget (off screen): frames still get decoded
            player.setVideoOutput(self._sink)
        self._watchdog.arm()
        player.play()

    def pause(self) -> None:
        self._watchdog.disarm()
        self._live_player().pause()

    def seek(self, seconds: float) -> None:
        seconds = max(0.0, min(seconds, self._duration) if self._duration else seconds)
        self._live_player().setPosition(round(seconds * 1000))
        self._position = seconds
        self.seeked.emit(seconds)

    def set_rate(self, rate: float) -> None:
        self._live_player().setPlaybackRate(clamp_rate(rate))

    def set_volume(self, percent: int) -> None:
        self._volume = clamp_volume(percent)
        if self._audio is not None:
            self._audio.setVolume(self._volume / 100)

    def set_muted(self, muted: bool) -> None:
        self._muted = bool(muted)
        if self._audio is not None:
            self._audio.setMuted(self._muted)

    def set_caption_track(self, index: int | None) -> None:
        """Remembered for the reader, which draws the captions with this backend."""
        valid = index is not None and 0 <= index < len(self._captions)
        self._caption_index = index if valid else None

    def release(self) -> None:
        if self._player is None:
            return
        self._watchdog.disarm()
        self._player.stop()
        self._player.setSource(QUrl())
        self._player = None

    @property
    def volume(self) -> int:
        return self._volume

    @property
    def muted(self) -> bool:
        return self._muted

    @property
    def caption_track(self) -> int | None:
        return self._caption_index

    # -- QMediaPlayer's signals --------------------------------------------------------------

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        if self._failed:
            return
        if state == State.PlayingState:
            self.playing.emit()
        elif state == State.PausedState:
            self.paused.emit()

    def _on_position(self, millis: int) -> None:
        player = self._player
        if player is None or self._failed or player.playbackState() != State.PlayingState:
            return
        seconds = millis / 1000
        if seconds == self._position:
            return
        self._position = seconds
        self._watchdog.progressed()
        if not self._progressed:
            self._progressed = True
            if not player.hasVideo():
                self._fail(failures.no_picture(self._path or Path("?")))
                return
        self.time_changed.emit(seconds)

    def _on_duration(self, millis: int) -> None:
        seconds = millis / 1000
        if seconds > 0 and seconds != self._duration:
            self._duration = seconds
            self.duration_known.emit(seconds)

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        player = self._player
        if player is None or self._failed or self._path is None:
            return
        if status == Status.InvalidMedia:
            self._fail(failures.could_not_play(self._path))
        elif status == Status.EndOfMedia:
            problem = failures.end_verdict(
                self._path,
                has_picture=player.hasVideo(),
                has_sound=player.hasAudio(),
                progressed=self._progressed,
                position=self._position,
                duration=self._duration,
            )
            if problem:
                self._fail(problem)
            else:
                self._watchdog.disarm()
                self.ended.emit()

    def _on_error(self, error: QMediaPlayer.Error, text: str) -> None:
        if error != QMediaPlayer.Error.NoError and self._path is not None:
            log.info("QMediaPlayer error on %s: %s", self._path, text)
            self._fail(failures.could_not_play(self._path))

    def _on_watchdog(self) -> None:
        if not self._progressed and self._path is not None:
            self._fail(failures.did_not_start(self._path, self._watchdog.seconds))

    def _fail(self, message: str) -> None:
        if self._failed:
            return
        log.warning("video failed: %s", message)
        self._failed = True
        self._watchdog.disarm()
        if self._player is not None:
            self._player.stop()
        self.failed.emit(message)

    def _live_player(self) -> QMediaPlayer:
        if self._player is None:
            raise RuntimeError("the video player has been released")
        return self._player
