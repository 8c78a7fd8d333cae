"""Pausing a download at once, even while a read waits on a server that has gone quiet.

A read blocked on a socket does not see the stop event; `StopWatch` watches the event on a small
thread and shuts the response's socket down when it is set, so the read ends straight away.
"""

from __future__ import annotations

import socket
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import urllib3

__all__ = ["StopWatch"]

STOP_POLL = 0.1  # seconds between checks of the stop event while a read is blocked


class StopWatch:
    """Unblocks a read waiting on a quiet server as soon as the stop event is set."""

    def __init__(self, stop: threading.Event, response: urllib3.BaseHTTPResponse) -> None:
        self.stop = stop
        self.response = response
        self.finished = threading.Event()
        self.thread = threading.Thread(target=self._watch, name="download-stop", daemon=True)

    def __enter__(self) -> StopWatch:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.finished.set()  # the thread ends within STOP_POLL; waiting for it would cost that

    def _watch(self) -> None:
        while not self.finished.is_set():
            if self.stop.wait(STOP_POLL):
                if not self.finished.is_set():
                    self._unblock()
                return

    def _unblock(self) -> None:
        connection = getattr(self.response, "connection", None)
        sock = getattr(connection, "sock", None)
        if sock is None:
            return
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
