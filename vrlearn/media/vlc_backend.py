"""The primary video player: libVLC through python-vlc.

libVLC's events come in through `VlcEventBridge` as a queued Qt signal; everything that calls
libVLC runs here, on the GUI thread. libVLC's play() succeeds even for a broken file, so success
is judged from what follows: the position must start moving within `start_timeout` seconds
(`PlaybackWatchdog`), the file must have a picture, and it must not end long before its length.
Anything else becomes one `failed(message)`, the player is stopped, and the next `load()` works.

Captions: each caption file is added to the media as an external subtitle track, in the order
given to `load()`; libVLC draws the chosen one on the video (`draws_captions`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

from vrlearn.media import failures
from vrlearn.media.backend import VideoBackend, clamp_rate, clamp_volume
from vrlearn.media.vlc_events import VlcEvent, VlcEventBridge
from vrlearn.media.vlc_loader import vlc_args, vlc_version
from vrlearn.media.vlc_surface import VideoSurface, attach, has_display
from vrlearn.media.watchdog import START_TIMEOUT, PlaybackWatchdog

log = logging.getLogger(__name__)

OUTPUT_CHECK_MS = 1500  # after the position first moves: a video with no picture shown fails


class VlcBackend(VideoBackend):
    """Plays videos with libVLC. Build it with `create()`, or pass a ready `vlc.Instance`."""

    draws_captions = True

    def __init__(
        self,
        vlc: ModuleType,
        instance: Any,
        *,
        start_timeout: float = START_TIMEOUT,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.name = f"libVLC {vlc_version(vlc)}"
        self._vlc = vlc
        self._instance = instance
        self._player: Any = instance.media_player_new()
        self._bridge = VlcEventBridge(vlc, self._player, self)
        self._bridge.arrived.connect(self._on_event, Qt.ConnectionType.QueuedConnection)
        self._watchdog = PlaybackWatchdog(start_timeout, self)
        self._watchdog.expired.connect(self._on_watchdog)
        self._output_check = QTimer(self)
        self._output_check.setSingleShot(True)
        self._output_check.timeout.connect(self._check_output)
        # Set when libVLC plays but can show no picture (no video output plugin): the reader
        # can then switch to `choose_backend(order=("qt",))` for the rest of the session.
        self.output_missing = False
        self._surface: VideoSurface | None = None
        self._media: Any = None
        self._path: Path | None = None
        self._captions: tuple[Path, ...] = ()
        self._caption_index: int | None = None
        self._rate = 1.0
        self._volume = 100
        self._muted = False
        self._position = self._duration = self._pending_seek = 0.0
        self._started = False  # libVLC said Playing
        self._progressed = False  # the position moved: the video is really playing
        self._ended = False
        self._failed = False

    @classmethod
    def create(
        cls,
        vlc: ModuleType,
        *,
        video_output: bool | None = None,
        audio_output: bool = True,
        start_timeout: float = START_TIMEOUT,
    ) -> VlcBackend | str:
        """A backend with its own libVLC instance, or the reason libVLC will not start.

        `video_output` defaults to "is there a display": offscreen uses `--vout=dummy`.
        """
        from vrlearn.media.vlc_loader import VlcUnavailable, new_instance

        show = has_display() if video_output is None else video_output
        instance = new_instance(vlc, vlc_args(video_output=show, audio_output=audio_output))
        if isinstance(instance, VlcUnavailable):
            return instance.reason
        return cls(vlc, instance, start_timeout=start_timeout)

    # -- the reader's commands ---------------------------------------------------------------

    def video_widget(self, parent: QWidget | None = None) -> QWidget:
        """The native window libVLC draws in. Place it once, before the first play(): moving
        it to another parent gives it a new native window, used from the next play() on."""
        if self._surface is None:
            self._surface = VideoSurface(parent)
        elif parent is not None:
            self._surface.setParent(parent)
        return self._surface

    def load(self, path: Path, captions: Sequence[Path] = ()) -> None:
        player = self._live_player()
        self._stop()
        self._path = Path(path)
        self._captions = tuple(Path(c) for c in captions)
        self._caption_index = None
        self._position = self._duration = self._pending_seek = 0.0
        self._media = self._instance.media_new_path(str(self._path))
        player.set_media(self._media)
        for caption in self._captions:
            player.add_slave(self._vlc.MediaSlaveType.subtitle, caption.resolve().as_uri(), False)

    def play(self) -> None:
        player = self._live_player()
        if self._media is None or self._path is None:
            return
        if not self._path.is_file():
            message = failures.missing(self._path)
            QTimer.singleShot(0, self, lambda: self._fail(message))  # signals never re-enter
            return
        if self._ended or self._failed:  # start again from the beginning (or a seek)
            self._bridge.generation += 1  # drop anything still queued
            player.stop()  # after the end libVLC ignores play() until stopped
            self._reset_flags()
            self._position = self._pending_seek
        if has_display():
            attach(player, self.video_widget())
        self._watchdog.arm()
        if player.play() != 0:
            self._fail(failures.could_not_play(self._path))

    def pause(self) -> None:
        self._watchdog.disarm()
        self._live_player().set_pause(1)

    def seek(self, seconds: float) -> None:
        player = self._live_player()
        seconds = max(0.0, min(seconds, self._duration) if self._duration else seconds)
        if self._started and not self._ended:
            player.set_time(round(seconds * 1000))
        else:
            self._pending_seek = seconds  # applied when playback starts
        self._position = seconds
        self.seeked.emit(seconds)

    def set_rate(self, rate: float) -> None:
        self._rate = clamp_rate(rate)
        self._live_player().set_rate(self._rate)

    def set_volume(self, percent: int) -> None:
        self._volume = clamp_volume(percent)
        self._live_player().audio_set_volume(self._volume)

    def set_muted(self, muted: bool) -> None:
        self._muted = bool(muted)
        self._live_player().audio_set_mute(self._muted)

    def set_caption_track(self, index: int | None) -> None:
        if index is not None and not 0 <= index < len(self._captions):
            index = None
        self._caption_index = index
        if self._started:
            self._apply_captions()

    def release(self) -> None:
        if self._player is None:
            return
        self._stop()
        self._bridge.detach()
        self._player.release()
        self._player = None
        self._media = None
        self._instance.release()

    @property
    def rate(self) -> float:
        return self._rate

    @property
    def volume(self) -> int:
        return self._volume

    @property
    def muted(self) -> bool:
        return self._muted

    @property
    def caption_track(self) -> int | None:
        """The caption track asked for (index into `load()`'s list), or None for none."""
        return self._caption_index

    def shown_caption_track(self) -> int | None:
        """The caption track libVLC is really showing (index into `load()`'s list), or None."""
        if self._player is None:
            return None
        shown = self._player.video_get_spu()
        ids = self.caption_track_ids()
        return ids.index(shown) if shown in ids else None

    def caption_track_ids(self) -> list[int]:
        """libVLC's subtitle track ids of the loaded caption files, in `load()` order."""
        if self._player is None or not self._captions:
            return []
        ids = [int(i) for i, _name in self._player.video_get_spu_description() or () if i != -1]
        # External caption files are opened after the video, so their tracks come last.
        return ids[-len(self._captions) :] if len(ids) >= len(self._captions) else []

    # -- libVLC's events, on the GUI thread ----------------------------------------------------

    def _on_event(self, generation: int, kind: int, value: float) -> None:
        if generation != self._bridge.generation or self._player is None or self._failed:
            return
        event = VlcEvent(kind)
        if event is VlcEvent.PLAYING:
            self._on_playing()
        elif event is VlcEvent.PAUSED:
            self.paused.emit()
        elif event is VlcEvent.TIME_CHANGED:
            self._on_time(value / 1000)
        elif event is VlcEvent.LENGTH_CHANGED:
            self._on_length(value / 1000)
        elif event is VlcEvent.END_REACHED:
            self._on_end()
        elif event is VlcEvent.ERROR:
            self._fail(failures.could_not_play(self._path or Path("?")))
        elif event is VlcEvent.TRACK_ADDED:
            self._apply_captions()

    def _on_playing(self) -> None:
        first = not self._started
        self._started = True
        if first:
            self._player.set_rate(self._rate)
            if self._pending_seek:
                self._player.set_time(round(self._pending_seek * 1000))
            self._pending_seek = 0.0
        self._player.audio_set_volume(self._volume)
        self._player.audio_set_mute(self._muted)
        self._apply_captions()
        self.playing.emit()

    def _on_time(self, seconds: float) -> None:
        self._position = seconds
        self._watchdog.progressed()
        if not self._progressed:
            self._progressed = True
            if not self._has_picture():
                self._fail(failures.no_picture(self._path or Path("?")))
                return
            self._output_check.start(OUTPUT_CHECK_MS)
        self.time_changed.emit(seconds)

    def _on_length(self, seconds: float) -> None:
        if seconds > 0 and seconds != self._duration:
            self._duration = seconds
            self.duration_known.emit(seconds)

    def _on_end(self) -> None:
        player = self._live_player()
        problem = failures.end_verdict(
            self._path or Path("?"),
            has_picture=self._has_picture(),
            has_sound=player.audio_get_track_count() > 0,
            progressed=self._progressed,
            position=self._position,
            duration=self._duration,
        )
        if problem:
            self._fail(problem)
            return
        self._watchdog.disarm()
        self._output_check.stop()
        self._ended = True
        self.ended.emit()

    def _on_watchdog(self) -> None:
        if not self._progressed and not self._failed and self._path is not None:
            self._fail(failures.did_not_start(self._path, self._watchdog.seconds))

    def _check_output(self) -> None:
        """A video track but no window showing it: libVLC has no working video output."""
        if self._player is None or self._failed or not has_display():
            return
        if self._has_picture() and not self._player.has_vout():
            self.output_missing = True
            self._fail(failures.no_video_output(self._path or Path("?")))

    # -- helpers -------------------------------------------------------------------------------

    def _has_picture(self) -> bool:
        return bool(self._player.video_get_track_count() > 0)

    def _apply_captions(self) -> None:
        if self._player is None or not self._captions:
            return
        ids = self.caption_track_ids()
        if not ids:
            return  # the caption tracks are not open yet; TRACK_ADDED calls again
        wanted = -1 if self._caption_index is None else ids[self._caption_index]
        if self._player.video_get_spu() != wanted:
            self._player.video_set_spu(wanted)

    def _fail(self, message: str) -> None:
        if self._failed:
            return
        log.warning("video failed: %s", message)
        self._stop()
        self._failed = True
        self.failed.emit(message)

    def _stop(self) -> None:
        """Stop playing and forget this video's queued events (never called from a callback)."""
        self._watchdog.disarm()
        self._output_check.stop()
        self._bridge.generation += 1
        if self._player is not None:
            self._player.stop()
        self._reset_flags()

    def _reset_flags(self) -> None:
        self._started = False
        self._progressed = False
        self._ended = False
        self._failed = False

    def _live_player(self) -> Any:
        if self._player is None:
            raise RuntimeError("the video player has been released")
        return self._player
