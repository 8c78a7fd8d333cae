"""Streaming a checked package into the staging folder, counting what is really decompressed.

Entries are read 1 MiB at a time. The bytes actually decompressed are counted against the file
and total caps and the compression ratio, never the sizes the zip headers claim; each file's
SHA-256 is compared with `CHECKSUMS.sha256` and its size with its header. CRC, zlib and
truncation errors surface while reading and become a plain "damaged" message. Files are written
only inside `staging`, under names `entries` already checked, and fsynced when `durable`.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from vrlearn.atomic_file import fsync_folder
from vrlearn.packages.durable import (
    CAN_SYNC_FILE_SYSTEM,
    FileSyncer,
    SyncFailed,
    sync_file_system,
)
from vrlearn.packages.entries import Entries
from vrlearn.packages.errors import ImportCancelled, PackageError
from vrlearn.packages.limits import CHUNK_BYTES, Limits

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError)


class Extraction:
    """One package being extracted into `staging`; `run()` raises PackageError on any problem."""

    def __init__(
        self,
        archive: zipfile.ZipFile,
        entries: Entries,
        staging: Path,
        limits: Limits,
        *,
        archive_bytes: int,
        digests: dict[str, str] | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        durable: bool = True,
    ) -> None:
        self.archive = archive
        self.entries = entries
        self.staging = staging
        self.limits = limits
        self.archive_bytes = archive_bytes
        self.digests = digests
        self.progress = progress
        self.cancelled = cancelled
        self.durable = durable
        self.done = 0
        self.total = sum(info.file_size for info in entries.files)  # for progress only

    def run(self) -> None:
        # Per-file fsyncs (on worker threads) only where one syncfs cannot do it at the end.
        syncer = FileSyncer() if self.durable and not CAN_SYNC_FILE_SYSTEM else None
        try:
            self._extract_all(syncer)
        except BaseException:
            if syncer is not None:
                syncer.abandon()
            raise
        if syncer is not None:
            try:
                syncer.finish()
            except SyncFailed as failed:
                raise _write_error(failed.name, failed.error) from failed.error

    def _extract_all(self, syncer: FileSyncer | None) -> None:
        folders = {self.staging}
        for info in self.entries.folders:
            folder = self._target(info.filename.removesuffix("/"))
            folder.mkdir(parents=True, exist_ok=True)
            folders.add(folder)
        for info in self.entries.files:
            target = self._target(info.filename)
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.update(self._parents(target))
            self._extract(info, target, syncer)
        if self.durable and CAN_SYNC_FILE_SYSTEM:
            try:
                sync_file_system(self.staging)
            except OSError as error:
                raise _write_error("the unpacked files", error) from error
        elif self.durable:
            for folder in sorted(folders, key=lambda path: len(path.parts), reverse=True):
                fsync_folder(folder)

    def _target(self, name: str) -> Path:
        return self.staging.joinpath(*name.split("/"))

    def _parents(self, target: Path) -> list[Path]:
        parents = []
        for parent in target.parents:
            if parent == self.staging:
                break
            parents.append(parent)
        return parents

    def _extract(self, info: zipfile.ZipInfo, target: Path, syncer: FileSyncer | None) -> None:
        name = info.filename
        digest = hashlib.sha256()
        written = 0
        try:
            with self.archive.open(info) as source, create_file(target, name) as out:
                while True:
                    self._check_cancelled()
                    chunk = source.read(CHUNK_BYTES)
                    if not chunk:
                        break
                    written += len(chunk)
                    self.done += len(chunk)
                    self._check_size(info, written)
                    digest.update(chunk)
                    write_all(out, chunk, name)
                    if self.progress is not None:
                        self.progress(self.done, max(self.total, self.done))
                if syncer is not None:
                    syncer.submit(os.dup(out.fileno()), name)
        except READ_ERRORS as error:
            raise _refused(name, f"is damaged: {damage_reason(error)}") from error
        except OSError as error:
            reason = error.strerror or str(error)
            raise _refused(
                name,
                f"cannot be read from the package ({reason}): the package is "
                "damaged, or the disk or USB stick it is on was removed",
            ) from error
        if written != info.file_size:
            message = f"holds {written:,} bytes but its header says {info.file_size:,}"
            raise _refused(name, f"is damaged: {message}")
        expected = self.digests.get(name) if self.digests is not None else None
        if expected is not None and digest.hexdigest() != expected:
            raise _refused(
                name,
                "does not match its checksum in CHECKSUMS.sha256 (the package "
                "is damaged or was changed after it was made)",
            )

    def _check_size(self, info: zipfile.ZipInfo, written: int) -> None:
        limits = self.limits
        name = info.filename
        if written > limits.max_file_bytes:
            raise _refused(
                name,
                f"is larger than {limits.max_file_bytes:,} bytes, the most one "
                "file of a module may hold",
            )
        if self.done > limits.max_total_bytes:
            raise _refused(
                name,
                f"takes the package over {limits.max_total_bytes:,} bytes, the "
                "most a module may hold",
            )
        compressed = max(info.compress_size, 1)
        if written > limits.ratio_floor_bytes and written > limits.max_ratio * compressed:
            raise _refused(
                name,
                f"expands more than {limits.max_ratio} times (from "
                f"{info.compress_size:,} bytes); refused as a zip bomb",
            )
        floor = 16 * limits.ratio_floor_bytes
        if self.done > floor and self.done > limits.max_ratio * max(self.archive_bytes, 1):
            raise _refused(
                name,
                f"the package expands more than {limits.max_ratio} times its "
                f"size of {self.archive_bytes:,} bytes; refused as a zip bomb",
            )

    def _check_cancelled(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelled("The import was cancelled; nothing was installed.")


def create_file(target: Path, name: str) -> io.FileIO:
    try:
        return io.FileIO(target, "xb")  # unbuffered: every write error is seen where it happens
    except OSError as error:
        raise _write_error(name, error) from error


def write_all(out: io.FileIO, chunk: bytes, name: str) -> None:
    view = memoryview(chunk)
    try:
        while view:
            written = out.write(view)
            view = view[written or 0 :]
    except OSError as error:
        raise _write_error(name, error) from error


def sync_file(out: io.FileIO, name: str) -> None:
    try:
        os.fsync(out.fileno())
    except OSError as error:
        raise _write_error(name, error) from error


def _write_error(name: str, error: OSError) -> PackageError:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return _refused(
            name, "cannot be written: the disk is full (free some space and import again)"
        )
    return _refused(name, f"cannot be written to the modules folder: {error.strerror or error}")


def _refused(name: str, message: str) -> PackageError:
    return PackageError(f"{name}: {message}", (f"{name}: {message}",))


def damage_reason(error: Exception) -> str:
    text = str(error) or type(error).__name__
    if isinstance(error, EOFError):
        return "the package ends too early (it is truncated)"
    if isinstance(error, zlib.error):
        return f"its compressed data is corrupt ({text})"
    if "CRC" in text:
        return "its data does not match its CRC check value"
    if text.startswith("File name in directory"):
        return "its local header names a different file than the zip directory"
    if text.startswith("Bad magic number"):
        return "an entry's header is missing or garbled"
    return text
