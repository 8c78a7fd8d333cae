"""One running copy of VR Learn per data folder, held through a lock file (QtCore.QLockFile)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile


class DataFolderInUse(Exception):
    """Another VR Learn is already using this data folder."""


class InstanceLock:
    """Holds the lock file until `release()`; a stale lock left by a dead process is taken over."""

    def __init__(self, lock_file: Path) -> None:
        self._path = lock_file
        self._lock = QLockFile(str(lock_file))
        self._lock.setStaleLockTime(0)

    def acquire(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        if self._lock.tryLock(100):
            return
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            info = self._lock.getLockInfo()
            holder = f" (process {info[0]} on {info[1]})" if info else ""
            raise DataFolderInUse(
                f"VR Learn is already open using the data folder {self._path.parent}{holder}. "
                "Close the other copy first."
            )
        raise OSError(f"Cannot create the lock file {self._path} (check the folder can be written)")

    def release(self) -> None:
        self._lock.unlock()

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()
