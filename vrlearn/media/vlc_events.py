"""libVLC events, which arrive on VLC's own threads, turned into a queued Qt signal.

The callback does one thing: copy the event's number into a Qt signal, which Qt queues to the GUI
thread. It never calls libVLC (stopping the player from inside a callback deadlocks) and never
touches widgets. Each event carries the generation of the video it belongs to, so events still
queued from a previous video are recognised and dropped. The bridge keeps the event manager and
its own bound callback alive for as long as it is attached, as ctypes needs.
"""

from __future__ import annotations

import enum
from types import ModuleType
from typing import Any

from PySide6.QtCore import QObject, Signal


class VlcEvent(enum.IntEnum):
    """The libVLC events the player listens to."""

    PLAYING = 1
    PAUSED = 2
    TIME_CHANGED = 3  # value: the position in milliseconds
    LENGTH_CHANGED = 4  # value: the length in milliseconds
    END_REACHED = 5
    ERROR = 6
    TRACK_ADDED = 7  # a stream (e.g. a caption file) became available


_VLC_NAMES = {
    VlcEvent.PLAYING: "MediaPlayerPlaying",
    VlcEvent.PAUSED: "MediaPlayerPaused",
    VlcEvent.TIME_CHANGED: "MediaPlayerTimeChanged",
    VlcEvent.LENGTH_CHANGED: "MediaPlayerLengthChanged",
    VlcEvent.END_REACHED: "MediaPlayerEndReached",
    VlcEvent.ERROR: "MediaPlayerEncounteredError",
    VlcEvent.TRACK_ADDED: "MediaPlayerESAdded",
}


class VlcEventBridge(QObject):
    """Emits `arrived(generation, event, value)` on the GUI thread for each libVLC event."""

    arrived = Signal(int, int, float)

    def __init__(self, vlc: ModuleType, player: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.generation = 0  # read on VLC's threads, written on the GUI thread
        self._manager = player.event_manager()
        self._attached = [getattr(vlc.EventType, name) for name in _VLC_NAMES.values()]
        self._kinds = {_number(t): kind for t, kind in zip(self._attached, _VLC_NAMES, strict=True)}
        self._time = _number(getattr(vlc.EventType, _VLC_NAMES[VlcEvent.TIME_CHANGED]))
        self._length = _number(getattr(vlc.EventType, _VLC_NAMES[VlcEvent.LENGTH_CHANGED]))
        self._callback = self._on_vlc_event  # one bound method, kept alive while attached
        for vlc_type in self._attached:
            self._manager.event_attach(vlc_type, self._callback)

    def detach(self) -> None:
        """Stop listening; call before the player is released."""
        for vlc_type in self._attached:
            self._manager.event_detach(vlc_type)
        self._attached = []
        self._kinds = {}

    def _on_vlc_event(self, event: Any) -> None:
        """Runs on a libVLC thread: read the event, emit, return. Nothing else."""
        number = _number(event.type)
        kind = self._kinds.get(number)
        if kind is None:
            return
        value = 0.0
        if number == self._time:
            value = float(event.u.new_time)
        elif number == self._length:
            value = float(event.u.new_length)
        self.arrived.emit(self.generation, int(kind), value)


def _number(event_type: Any) -> int:
    """An event type as a plain int (python-vlc's enum values are ctypes integers)."""
    return int(getattr(event_type, "value", event_type))
