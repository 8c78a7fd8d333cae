"""Downloading a module package: resumable (HTTP Range), checked (size + SHA-256), pausable.

`download_package` streams the package into `DATA/downloads/<id>-<version>.vrmod.part`, hashing
as it writes, and renames it to `<id>-<version>.vrmod` only when the size and the SHA-256 match
the catalogue. What can go wrong, and what is kept:

- paused (the `stop` event) or a stall (nothing for `stall_timeout` seconds): DownloadStopped /
  DownloadError; the part is kept and the next call resumes it, even after a restart;
- the connection drops: resumed automatically (a few times, with a short wait), then a
  DownloadError saying where it stopped; the part is kept;
- the server answers 404, 500 ...; the disk is full: DownloadError; the part is kept;
- the server sends a web page (a Wi-Fi sign-in page), or a file that is not a zip, or one whose
  size or checksum is wrong: DownloadError, and the part is deleted (its data is wrong);
- the server ignores Range (200) or answers with a different Content-Range: start again cleanly.

The requests, resuming and writing are in transfer.py (urllib3 is imported only there, when a
download starts; see connection.py for why urllib3), the sentences in download_messages.py and
the checks on what arrives in response_checks.py.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from vrlearn.catalogue import download_messages as say
from vrlearn.catalogue.feed import CatalogueEntry
from vrlearn.catalogue.partial import DownloadFiles
from vrlearn.catalogue.response_checks import whole_file_matches

__all__ = ["DownloadError", "DownloadStopped", "download_package"]

Progress = Callable[[int, int], None]


class DownloadError(Exception):
    """A download failed; a plain sentence. The part is kept for resuming unless its data was
    wrong (then it was deleted)."""


class DownloadStopped(Exception):
    """The stop event was set (pause); the part is kept and the next download resumes it."""


def download_package(
    entry: CatalogueEntry,
    downloads_dir: Path,
    *,
    progress: Progress | None = None,
    stop: threading.Event | None = None,
    stall_timeout: float = 30.0,
) -> Path:
    """The verified `.vrmod` of `entry` in `downloads_dir`, resuming a part from before.

    `progress(bytes_done, total)` is called from this thread at the start, about every 256 KB
    and at the end. Safe to run in a worker thread; a second download of the same entry at the
    same time in this process is refused. Raises DownloadError, DownloadStopped.
    """
    files = DownloadFiles.of(entry, downloads_dir)
    try:
        downloads_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DownloadError(say.folder_failed_message(downloads_dir, error)) from None
    with _only_one_download_of(files.part, entry):
        if files.final.is_file():
            if whole_file_matches(files.final, entry):
                if progress is not None:
                    progress(entry.size, entry.size)
                return files.final
            files.final.unlink(missing_ok=True)
        from vrlearn.catalogue.transfer import Transfer  # imports this module: here, not above

        return Transfer(files, progress, stop or threading.Event(), stall_timeout).run()


_ACTIVE: set[Path] = set()
_ACTIVE_LOCK = threading.Lock()


@contextmanager
def _only_one_download_of(part: Path, entry: CatalogueEntry) -> Iterator[None]:
    key = part.resolve()
    with _ACTIVE_LOCK:
        if key in _ACTIVE:
            raise DownloadError(say.already_downloading_message(entry))
        _ACTIVE.add(key)
    try:
        yield
    finally:
        with _ACTIVE_LOCK:
            _ACTIVE.discard(key)
