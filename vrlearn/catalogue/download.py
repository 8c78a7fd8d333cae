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

urllib3 is imported inside the functions that use it (see connection.py for why urllib3).
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, NoReturn
from urllib.parse import urlsplit

from vrlearn.catalogue.feed import CatalogueEntry
from vrlearn.catalogue.hashing import BackgroundSha256
from vrlearn.catalogue.partial import DownloadFiles, Validators
from vrlearn.catalogue.sizes import free_space, megabytes

if TYPE_CHECKING:
    import urllib3

__all__ = ["DownloadError", "DownloadStopped", "download_package"]

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

CHUNK = 1024 * 1024
ZIP_SIGNATURE = b"PK\x03\x04"
RETRY_DELAYS = (0.5, 1.0, 2.0)  # after a dropped connection; one retry per delay
MAX_RESTARTS = 2  # a server that keeps ignoring Range or sending other ranges
REPORT_EVERY = 256 * 1024  # bytes between progress reports
STOP_POLL = 0.1  # seconds between checks of the stop event while a read is blocked


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
        raise DownloadError(
            f"The download folder {downloads_dir} could not be made: {error.strerror or error}."
        ) from None
    with _only_one_download_of(files.part, entry):
        if files.final.is_file():
            if _whole_file_matches(files.final, entry):
                if progress is not None:
                    progress(entry.size, entry.size)
                return files.final
            files.final.unlink(missing_ok=True)
        return _Download(files, progress, stop or threading.Event(), stall_timeout).run()


_ACTIVE: set[Path] = set()
_ACTIVE_LOCK = threading.Lock()


@contextmanager
def _only_one_download_of(part: Path, entry: CatalogueEntry) -> Iterator[None]:
    key = part.resolve()
    with _ACTIVE_LOCK:
        if key in _ACTIVE:
            raise DownloadError(f"{entry.title} is already being downloaded.")
        _ACTIVE.add(key)
    try:
        yield
    finally:
        with _ACTIVE_LOCK:
            _ACTIVE.discard(key)


class _Restart(Exception):
    """The server's answer does not continue our part: start again from byte 0."""


class _Dropped(Exception):
    """The connection broke (or the server went away) before the whole file arrived."""


class _WrongData(Exception):
    """What arrived is not the package (a web page, too big): the part is deleted once closed."""


class _Download:
    def __init__(
        self, files: DownloadFiles, progress: Progress | None, stop: threading.Event, stall: float
    ) -> None:
        self.files = files
        self.entry = files.entry
        self.progress = progress
        self.stop = stop
        self.stall = stall
        self.hasher = BackgroundSha256()
        self.done = 0
        self.validators = Validators()
        self.reported = -REPORT_EVERY

    # -- the whole download -------------------------------------------------------------------

    def run(self) -> Path:
        from vrlearn.catalogue.connection import client_for

        self._take_existing_part()
        self._check_free_space()
        self._report()
        client = client_for(self.entry.url)
        drops = restarts = 0
        try:
            while self.done < self.entry.size:
                if self.stop.is_set():
                    raise self._stopped()
                try:
                    self._transfer(client, first=drops == 0 and restarts == 0)
                except _Restart as reason:
                    restarts += 1
                    log.info("Download of %s starts again: %s", self.entry.url, reason)
                    if restarts > MAX_RESTARTS:
                        raise DownloadError(
                            f"The server for {self.entry.title} keeps sending a different part "
                            f"of the file than the one asked for ({reason}). Try again later."
                        ) from None
                    self._start_again()
                except _Dropped as reason:
                    if drops >= len(RETRY_DELAYS):
                        raise DownloadError(self._dropped_message()) from None
                    delay = RETRY_DELAYS[drops]
                    drops += 1
                    log.info("Download of %s dropped at %d bytes (%s); resuming in %.1f s",
                             self.entry.url, self.done, reason, delay)  # fmt: skip
                    if self.stop.wait(delay):
                        raise self._stopped() from None
            return self._finish()
        finally:
            client.clear()
            self.hasher.close()

    def _take_existing_part(self) -> None:
        """Continue a part from before (re-hashing it), or throw away one that cannot be."""
        files = self.files
        have = files.part_size()
        if have == 0:
            files.discard_part()
            return
        validators = files.read_sidecar()
        if validators is None or have > self.entry.size:
            log.info("Discarding %s: it does not belong to this catalogue entry", files.part)
            files.discard_part()
            return
        try:
            with open(files.part, "rb") as part:
                head = part.read(len(ZIP_SIGNATURE))
                if _could_be_zip(head):
                    self.hasher.update(head)
                    while chunk := part.read(CHUNK):
                        self.hasher.update(chunk)
        except OSError as error:
            log.warning("Cannot read %s (%s); starting again", files.part, error)
            head = b""
        if not _could_be_zip(head):
            log.info("Discarding %s: it is not the start of a package", files.part)
            self._new_hasher()
            files.discard_part()
            return
        self.done = have
        self.validators = validators
        log.info("Resuming %s from %d of %d bytes", self.entry.url, have, self.entry.size)

    def _check_free_space(self) -> None:
        needed = self.entry.size - self.done
        try:
            free = free_space(self.files.part.parent)
        except OSError:
            return
        if free < needed:
            raise DownloadError(
                f"There is not enough free disk space to download {self.entry.title}: it needs "
                f"{megabytes(needed)} more and {megabytes(free)} is free on the drive with "
                f"{self.files.part.parent}. Free some space and try again."
            )

    def _new_hasher(self) -> None:
        self.hasher.close()
        self.hasher = BackgroundSha256()

    def _start_again(self) -> None:
        self.files.discard_part()
        self._new_hasher()
        self.done = 0
        self.validators = Validators()
        self._report()

    def _finish(self) -> Path:
        entry = self.entry
        if self.hasher.hexdigest() != entry.sha256:
            self.files.discard_part()
            raise DownloadError(
                f"The downloaded file for {entry.title} does not match the catalogue (its SHA-256 "
                f"checksum is different), so it was deleted and nothing was installed. Try "
                f"again; if it happens again, tell whoever looks after the catalogue."
            )
        try:
            os.replace(self.files.part, self.files.final)
        except OSError as error:
            raise DownloadError(
                f"The downloaded file for {entry.title} could not be kept in "
                f"{self.files.final.parent}: {error.strerror or error}."
            ) from None
        self.files.sidecar.unlink(missing_ok=True)
        return self.files.final

    # -- one request --------------------------------------------------------------------------

    def _transfer(self, client: urllib3.PoolManager, *, first: bool) -> None:
        import urllib3

        entry = self.entry
        headers = {"User-Agent": _user_agent(), "Accept-Encoding": "identity"}
        if self.done > 0:
            headers["Range"] = f"bytes={self.done}-"
            if_range = self.validators.if_range()
            if if_range:
                headers["If-Range"] = if_range
        try:
            response = client.request(
                "GET",
                entry.url,
                headers=headers,
                timeout=urllib3.Timeout(connect=self.stall, read=self.stall),
                retries=urllib3.Retry(
                    total=None,
                    connect=0,
                    read=0,
                    status=0,
                    other=0,
                    redirect=5,
                    raise_on_redirect=True,
                ),  # fmt: skip
                preload_content=False,
                decode_content=False,
            )
        except urllib3.exceptions.HTTPError as error:
            self._request_failed(error, first=first)
        try:
            with _StopWatch(self.stop, response):
                self._receive(response)
        finally:
            response.close()

    def _request_failed(self, error: Exception, *, first: bool) -> NoReturn:
        import urllib3.exceptions as errors

        from vrlearn.catalogue.connection import describe_failure

        if self.stop.is_set():
            raise self._stopped() from None
        reason = error.reason if isinstance(error, errors.MaxRetryError) else error
        if isinstance(reason, errors.ReadTimeoutError):
            raise DownloadError(self._stalled_message()) from None
        if isinstance(reason, errors.ProtocolError | errors.NewConnectionError) and not first:
            raise _Dropped(str(reason)) from None
        kept = " What was downloaded so far is kept." if self.done else ""
        raise DownloadError(
            f"{self.entry.title} could not be downloaded from {_host(self.entry.url)}: "
            f"{describe_failure(error)}.{kept}"
        ) from None

    def _receive(self, response: urllib3.BaseHTTPResponse) -> None:
        entry = self.entry
        status = response.status
        if status == 416 and self.done > 0:
            total = response.headers.get("Content-Range", "").strip().removeprefix("bytes */")
            if total.isdigit() and int(total) != entry.size:
                self.files.discard_part()
                raise DownloadError(self._wrong_size_message(int(total)))
            raise _Restart("the server refused the range asked for (416)")
        if status not in (200, 206):
            raise DownloadError(_status_message(entry, status, response.reason))
        if _is_html(response.headers.get("Content-Type", "")):
            self.files.discard_part()
            raise DownloadError(_web_page_message(entry))
        validators = Validators(response.headers.get("ETag"), response.headers.get("Last-Modified"))
        if status == 206:
            expected = (self.done, entry.size - 1, entry.size)
            got = _content_range(response.headers.get("Content-Range", ""))
            if got != expected:
                raise _Restart(
                    f"asked for bytes {self.done}- of {entry.size}, "
                    f"got Content-Range {response.headers.get('Content-Range')!r}"
                )
        else:
            if self.done > 0:
                log.info("The server sent the whole file again (200); starting again")
                self._start_again()
            length = response.headers.get("Content-Length")
            if length is not None and length.strip().isdigit() and int(length) != entry.size:
                self.files.discard_part()
                raise DownloadError(self._wrong_size_message(int(length)))
        if self.done == 0:
            self.validators = validators
            self._write(self.files.write_sidecar, validators)
        self._stream(response)

    def _stream(self, response: urllib3.BaseHTTPResponse) -> None:
        import urllib3.exceptions as errors

        entry = self.entry
        mode = "r+b" if self.done > 0 else "wb"  # "wb" creates: the old part was deleted
        try:
            with open(self.files.part, mode) as part:
                if self.done > 0:
                    part.seek(self.done)
                    part.truncate()  # never to 0: on ext4 that makes close() start writeback
                self._copy(response, part)  # no fsync: a part is re-hashed before it is resumed
                # and the whole file is checked again before a later install uses it
        except errors.ReadTimeoutError:
            if self.stop.is_set():
                raise self._stopped() from None
            raise DownloadError(self._stalled_message()) from None
        except (errors.ProtocolError, errors.HTTPError) as error:
            if self.stop.is_set():
                raise self._stopped() from None
            raise _Dropped(str(error)) from None
        except _WrongData as wrong:
            self.files.discard_part()
            raise DownloadError(str(wrong)) from None
        except OSError as error:
            raise DownloadError(self._write_failed_message(error)) from None
        if self.stop.is_set() and self.done < entry.size:
            raise self._stopped()
        if self.done < entry.size:
            raise _Dropped("the server ended the file early")

    def _copy(self, response: urllib3.BaseHTTPResponse, part: IO[bytes]) -> None:
        entry = self.entry
        read = response.read1  # what has arrived (up to a chunk): a stall loses nothing received
        stop = self.stop
        if self.done == 0:  # the first bytes must be a zip, not a web page
            head = b""
            while len(head) < 64 and (chunk := read(64 - len(head))):
                head += chunk
            if not _could_be_zip(head):
                message = _web_page_message(entry) if _looks_like_html(head) else (
                    f"The server sent something that is not a module package for {entry.title} "
                    f"({entry.url}), so it was deleted and nothing was installed."
                )  # fmt: skip
                raise _WrongData(message)
            self._take(head, part)
        while not stop.is_set() and (chunk := read(CHUNK)):
            self._take(chunk, part)

    def _take(self, chunk: bytes, part: IO[bytes]) -> None:
        if self.done + len(chunk) > self.entry.size:
            raise _WrongData(
                f"The file the server sent for {self.entry.title} does not match the catalogue: "
                f"it is bigger than the {self.entry.size:,} bytes the catalogue says. It was "
                f"deleted and nothing was installed."
            )
        part.write(chunk)
        part.flush()  # so the part's size on disk is what partial_size() reports while it runs
        self.hasher.update(chunk)
        self.done += len(chunk)
        self._report()

    def _write(self, action: Callable[[Validators], None], validators: Validators) -> None:
        try:
            action(validators)
        except OSError as error:
            raise DownloadError(self._write_failed_message(error)) from None

    # -- messages -------------------------------------------------------------------------------

    def _report(self) -> None:
        if self.progress is None:
            return
        if abs(self.done - self.reported) >= REPORT_EVERY or self.done in (0, self.entry.size):
            self.reported = self.done
            self.progress(self.done, self.entry.size)

    def _where(self) -> str:
        return f"{megabytes(self.done)} of {megabytes(self.entry.size)}"

    def _stopped(self) -> DownloadStopped:
        return DownloadStopped(
            f"The download of {self.entry.title} is paused at {self._where()}; "
            f"it will resume from there."
        )

    def _stalled_message(self) -> str:
        return (
            f"The download of {self.entry.title} stalled: nothing arrived from "
            f"{_host(self.entry.url)} for {self.stall:g} seconds (at {self._where()}). Try again "
            f"later; it will resume from there."
        )

    def _dropped_message(self) -> str:
        return (
            f"The connection dropped at {self._where()} while downloading {self.entry.title}, "
            f"even after {len(RETRY_DELAYS)} tries to resume. Try again later; it will resume "
            f"from there."
        )

    def _wrong_size_message(self, size: int) -> str:
        return (
            f"The file the server has for {self.entry.title} does not match the catalogue: it is "
            f"{size:,} bytes and the catalogue says {self.entry.size:,}. Nothing was installed; "
            f"tell whoever looks after the catalogue."
        )

    def _write_failed_message(self, error: OSError) -> str:
        folder = self.files.part.parent
        if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return (
                f"The disk is full: the download of {self.entry.title} stopped at "
                f"{self._where()}. Free some space on the drive with {folder} and try again; "
                f"it will resume from there."
            )
        return (
            f"The download of {self.entry.title} could not be saved in {folder}: "
            f"{error.strerror or error}. What was downloaded so far is kept."
        )


class _StopWatch:
    """Unblocks a read waiting on a quiet server as soon as the stop event is set."""

    def __init__(self, stop: threading.Event, response: urllib3.BaseHTTPResponse) -> None:
        self.stop = stop
        self.response = response
        self.finished = threading.Event()
        self.thread = threading.Thread(target=self._watch, name="download-stop", daemon=True)

    def __enter__(self) -> _StopWatch:
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


def _whole_file_matches(path: Path, entry: CatalogueEntry) -> bool:
    try:
        if path.stat().st_size != entry.size:
            return False
        hasher = hashlib.sha256()
        with open(path, "rb") as handle:
            while chunk := handle.read(CHUNK):
                hasher.update(chunk)
    except OSError:
        return False
    return hasher.hexdigest() == entry.sha256


def _content_range(header: str) -> tuple[int, int, int] | None:
    """`bytes 100-199/200` → (100, 199, 200); None for anything else."""
    unit, _, spec = header.strip().partition(" ")
    span, _, total = spec.partition("/")
    first, _, last = span.partition("-")
    if unit.lower() != "bytes" or not (first.isdigit() and last.isdigit() and total.isdigit()):
        return None
    return int(first), int(last), int(total)


def _could_be_zip(head: bytes) -> bool:
    return head[: len(ZIP_SIGNATURE)] == ZIP_SIGNATURE[: len(head)] and len(head) > 0


def _is_html(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() in ("text/html", "application/xhtml+xml")


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip().lower()
    return start.startswith((b"<!doctype", b"<html", b"<head", b"<body", b"<"))


def _web_page_message(entry: CatalogueEntry) -> str:
    return (
        f"The server sent a web page instead of the module package for {entry.title}. You may "
        f"need to sign in to the Wi-Fi first (open any web page in your browser), then try again."
    )


def _status_message(entry: CatalogueEntry, status: int, reason: str | None) -> str:
    hint = ""
    if status == 404:
        hint = " (the file is not there; the catalogue may be out of date)"
    elif status in (401, 403, 407):
        hint = " (the server or the network wants you to sign in first)"
    elif status >= 500:
        hint = " (a problem at the server; try again later)"
    answered = f"{status} {reason or ''}".rstrip()
    return (
        f"{entry.title} could not be downloaded: the server answered {answered}{hint} "
        f"for {entry.url}."
    )


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


def _user_agent() -> str:
    from vrlearn.catalogue.connection import USER_AGENT

    return USER_AGENT
