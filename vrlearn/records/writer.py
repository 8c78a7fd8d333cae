"""The background writer: saves write-behind files shortly after they change.

A progress event only changes the records in memory and pokes this thread. The thread waits a
short moment (`delay_s`, so a burst of events becomes one save per file), then asks the store to
write every file with unsaved changes. If a save fails (disk full, drive removed) it tries again
every `retry_s` seconds; the store keeps the error to report it (see `RecordsWriteBehindError`).

Worst case from a change to the disk: `delay_s` + the time of one round of saves (the round
that may already be running), well under a second on a working disk.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

__all__ = ["DEFAULT_DELAY_S", "DEFAULT_RETRY_S", "BackgroundWriter"]

log = logging.getLogger(__name__)

DEFAULT_DELAY_S = 0.2
DEFAULT_RETRY_S = 1.0


class BackgroundWriter:
    """One daemon thread calling `write_pending()` after `poke()`; it returns False on failure."""

    def __init__(
        self,
        write_pending: Callable[[], bool],
        *,
        delay_s: float = DEFAULT_DELAY_S,
        retry_s: float = DEFAULT_RETRY_S,
        name: str = "vrlearn-records-writer",
    ) -> None:
        self._write_pending = write_pending
        self.delay_s = delay_s
        self.retry_s = retry_s
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def poke(self) -> None:
        """Something changed: save it soon. Cheap enough to call on every event."""
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the thread after the round of saves it may be doing (the caller saves the rest)."""
        self._stopping.set()
        self._wake.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            self._wake.wait()
            if self._stopping.wait(self.delay_s):
                return
            self._wake.clear()
            try:
                ok = self._write_pending()
            except Exception:  # never let the thread die: the store would silently stop saving
                log.exception("The records writer failed")
                ok = False
            if not ok:
                if self._stopping.wait(self.retry_s):
                    return
                self._wake.set()
