"""Errors raised by the records store, and plain-words descriptions of storage failures.

`RecordsError` is what the GUI and CLI catch: its message is written for the person at the
keyboard (which folder or file, what went wrong, what to do). `RecordsWriteError` is the subclass
raised when a save made by the call itself failed (save_learner, submit_attempt, ...); when it is
raised the file on disk and the store's own view of the records are both unchanged.

`RecordsWriteBehindError` (a RecordsWriteError) is different: progress and in-progress answers
are written behind, by a background thread. When such a save fails, the records stay in memory
and the save is retried about once a second; the error is raised by the next progress call,
`flush()` or `close()`. Nothing written behind counts as durable until `flush()` has returned.
"""

from __future__ import annotations

import errno

__all__ = [
    "RecordsError",
    "RecordsWriteBehindError",
    "RecordsWriteError",
    "describe_os_error",
]


class RecordsError(Exception):
    """The records could not be opened, read or saved; the message says why in plain words."""


class RecordsWriteError(RecordsError):
    """Saving failed. The file on disk and the store's in-memory records are both unchanged."""


class RecordsWriteBehindError(RecordsWriteError):
    """A background save failed. The records are kept in memory and the save is retried.

    Unlike its parent class, the store's in-memory records DO hold the unsaved changes; they reach
    the disk when a later save works (check with `RecordsStore.flush()`), or are lost if the app
    ends first.
    """


_PLAIN_REASONS: dict[int, str] = {
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the disk or folder is read-only",
    errno.EACCES: "permission was denied",
    errno.EPERM: "the operation is not permitted",
    errno.EIO: "the disk reported a read/write error",
    errno.ENOENT: "the folder no longer exists (was a drive removed?)",
    errno.ENOTDIR: "part of the path is not a folder",
    errno.EISDIR: "a folder is in the way where a file should be",
}
# Not every platform defines these.
for _name, _text in (
    ("EDQUOT", "the disk quota is used up"),
    ("EFBIG", "the file is too large for the disk"),
    ("ENAMETOOLONG", "the path is too long"),
):
    _code = getattr(errno, _name, None)
    if _code is not None:
        _PLAIN_REASONS[_code] = _text


def describe_os_error(exc: OSError) -> str:
    """A short plain-words reason for an OSError, such as "the disk is full"."""
    if exc.errno is not None and exc.errno in _PLAIN_REASONS:
        return _PLAIN_REASONS[exc.errno]
    if exc.strerror:
        return exc.strerror[0].lower() + exc.strerror[1:]
    return str(exc) or type(exc).__name__
