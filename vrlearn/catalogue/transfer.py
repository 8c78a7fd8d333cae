"""One download from where its part ends to the verified file: requests, drops, pauses, writing.

`Transfer.run` asks for the rest of the package with HTTP Range (If-Range with the server's
validators), writes what arrives to the `.part` and hashes it on the way, resumes a dropped
connection a few times (RETRY_DELAYS), starts again cleanly when the server ignores the range,
and checks the size and SHA-256 before the `.part` becomes the `.vrmod`. `download_package` in
download.py is the way in; it makes sure only one Transfer of a file runs at a time.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, NoReturn

from vrlearn.catalogue import download_messages as say
from vrlearn.catalogue.download import DownloadError, DownloadStopped, Progress
from vrlearn.catalogue.hashing import BackgroundSha256
from vrlearn.catalogue.partial import DownloadFiles, Validators, resume_part
from vrlearn.catalogue.response_checks import (
    content_range,
    could_be_zip,
    is_html,
    looks_like_html,
)
from vrlearn.catalogue.sizes import free_space
from vrlearn.catalogue.stop_watch import StopWatch

if TYPE_CHECKING:
    import urllib3

__all__ = ["Transfer"]

log = logging.getLogger(__name__)

CHUNK = 1024 * 1024
RETRY_DELAYS = (0.5, 1.0, 2.0)  # after a dropped connection; one retry per delay
MAX_RESTARTS = 2  # a server that keeps ignoring Range or sending other ranges
REPORT_EVERY = 256 * 1024  # bytes between progress reports


class _Restart(Exception):
    """The server's answer does not continue our part: start again from byte 0."""


class _Dropped(Exception):
    """The connection broke (or the server went away) before the whole file arrived."""


class _WrongData(Exception):
    """What arrived is not the package (a web page, too big): the part is deleted once closed."""


class Transfer:
    """The state of one download while it runs: bytes done, checksum so far, validators."""

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
                    self._request(client, first=drops == 0 and restarts == 0)
                except _Restart as reason:
                    restarts += 1
                    log.info("Download of %s starts again: %s", self.entry.url, reason)
                    if restarts > MAX_RESTARTS:
                        message = say.keeps_restarting_message(self.entry, reason)
                        raise DownloadError(message) from None
                    self._start_again()
                except _Dropped as reason:
                    if drops >= len(RETRY_DELAYS):
                        message = say.dropped_message(self.entry, self.done, len(RETRY_DELAYS))
                        raise DownloadError(message) from None
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
        resumed = resume_part(self.files, self.hasher)
        if resumed is None:
            self._new_hasher()
            return
        self.done, self.validators = resumed
        log.info("Resuming %s from %d of %d bytes", self.entry.url, self.done, self.entry.size)

    def _check_free_space(self) -> None:
        needed = self.entry.size - self.done
        try:
            free = free_space(self.files.part.parent)
        except OSError:
            return
        if free < needed:
            folder = self.files.part.parent
            raise DownloadError(say.not_enough_space_message(self.entry, needed, free, folder))

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
            raise DownloadError(say.wrong_checksum_message(entry))
        try:
            os.replace(self.files.part, self.files.final)
        except OSError as error:
            message = say.not_kept_message(entry, self.files.final.parent, error)
            raise DownloadError(message) from None
        self.files.sidecar.unlink(missing_ok=True)
        return self.files.final

    # -- one request --------------------------------------------------------------------------

    def _request(self, client: urllib3.PoolManager, *, first: bool) -> None:
        import urllib3

        from vrlearn.catalogue.connection import USER_AGENT

        entry = self.entry
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
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
            with StopWatch(self.stop, response):
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
            raise self._stalled() from None
        if isinstance(reason, errors.ProtocolError | errors.NewConnectionError) and not first:
            raise _Dropped(str(reason)) from None
        message = say.request_failed_message(self.entry, describe_failure(error), self.done)
        raise DownloadError(message) from None

    def _receive(self, response: urllib3.BaseHTTPResponse) -> None:
        entry = self.entry
        status = response.status
        if status == 416 and self.done > 0:
            total = response.headers.get("Content-Range", "").strip().removeprefix("bytes */")
            if total.isdigit() and int(total) != entry.size:
                self.files.discard_part()
                raise DownloadError(say.wrong_size_message(entry, int(total)))
            raise _Restart("the server refused the range asked for (416)")
        if status not in (200, 206):
            raise DownloadError(say.status_message(entry, status, response.reason))
        if is_html(response.headers.get("Content-Type", "")):
            self.files.discard_part()
            raise DownloadError(say.web_page_message(entry))
        validators = Validators(response.headers.get("ETag"), response.headers.get("Last-Modified"))
        if status == 206:
            expected = (self.done, entry.size - 1, entry.size)
            got = content_range(response.headers.get("Content-Range", ""))
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
                raise DownloadError(say.wrong_size_message(entry, int(length)))
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
            raise self._stalled() from None
        except (errors.ProtocolError, errors.HTTPError) as error:
            if self.stop.is_set():
                raise self._stopped() from None
            raise _Dropped(str(error)) from None
        except _WrongData as wrong:
            self.files.discard_part()
            raise DownloadError(str(wrong)) from None
        except OSError as error:
            raise self._write_failed(error) from None
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
            if not could_be_zip(head):
                html = looks_like_html(head)
                message = say.web_page_message if html else say.not_a_package_message
                raise _WrongData(message(entry))
            self._take(head, part)
        while not stop.is_set() and (chunk := read(CHUNK)):
            self._take(chunk, part)

    def _take(self, chunk: bytes, part: IO[bytes]) -> None:
        if self.done + len(chunk) > self.entry.size:
            raise _WrongData(say.too_big_message(self.entry))
        part.write(chunk)
        part.flush()  # so the part's size on disk is what partial_size() reports while it runs
        self.hasher.update(chunk)
        self.done += len(chunk)
        self._report()

    def _write(self, action: Callable[[Validators], None], validators: Validators) -> None:
        try:
            action(validators)
        except OSError as error:
            raise self._write_failed(error) from None

    # -- progress and messages ----------------------------------------------------------------

    def _report(self) -> None:
        if self.progress is None:
            return
        if abs(self.done - self.reported) >= REPORT_EVERY or self.done in (0, self.entry.size):
            self.reported = self.done
            self.progress(self.done, self.entry.size)

    def _stopped(self) -> DownloadStopped:
        return DownloadStopped(say.paused_message(self.entry, self.done))

    def _stalled(self) -> DownloadError:
        return DownloadError(say.stalled_message(self.entry, self.stall, self.done))

    def _write_failed(self, error: OSError) -> DownloadError:
        folder = self.files.part.parent
        return DownloadError(say.write_failed_message(self.entry, folder, self.done, error))
