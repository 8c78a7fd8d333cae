"""SHA-256 on a helper thread, so checking a download overlaps receiving and writing it.

hashlib releases the GIL while it hashes, so on a laptop with two cores the checksum costs
almost nothing: hashing on the download thread held a 200 MB loopback download to 0.6-0.7x the
speed of curl here (see tests/bench/download_bench.py).
"""

from __future__ import annotations

import hashlib
import queue
import threading

__all__ = ["BackgroundSha256"]

_END = b""


class BackgroundSha256:
    """`update()` hands chunks to a thread; `hexdigest()` waits for them and gives the result.
    Always `close()` (or `hexdigest()`) it, so the thread ends."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        self._chunks: queue.Queue[bytes] = queue.Queue(maxsize=8)
        self._thread: threading.Thread | None = None
        self._closed = False

    def update(self, chunk: bytes) -> None:
        if not chunk:
            return
        if self._closed:
            raise ValueError("this checksum is finished")
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="sha256", daemon=True)
            self._thread.start()
        self._chunks.put(chunk)

    def hexdigest(self) -> str:
        self.close()
        return self._hash.hexdigest()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._thread is not None:
            self._chunks.put(_END)
            self._thread.join()

    def _work(self) -> None:
        update = self._hash.update
        while chunk := self._chunks.get():
            update(chunk)
