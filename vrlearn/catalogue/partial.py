"""The files of one download in `DATA/downloads/`, kept between runs so a download can resume.

    stroke-basics-1.2.0.vrmod.part        the bytes received so far
    stroke-basics-1.2.0.vrmod.part.json   what they are: url, size, sha256 (from the catalogue)
                                          and the server's ETag / Last-Modified (for If-Range)
    stroke-basics-1.2.0.vrmod             the whole file, checked against size and SHA-256

A `.part` is resumed only when its sidecar names the same url, size and checksum as the
catalogue entry; anything else is discarded and the download starts again.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vrlearn.catalogue.feed import CatalogueEntry
from vrlearn.catalogue.response_checks import READ_SIZE, ZIP_SIGNATURE, could_be_zip

if TYPE_CHECKING:
    from vrlearn.catalogue.hashing import BackgroundSha256

__all__ = ["DownloadFiles", "Validators", "discard_partial", "partial_size", "resume_part"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Validators:
    """What the server said identifies its file, to ask for "the rest of the same file"."""

    etag: str | None = None
    last_modified: str | None = None

    def if_range(self) -> str | None:
        """The If-Range header: a strong ETag if there is one, else Last-Modified."""
        if self.etag and not self.etag.startswith("W/"):
            return self.etag
        return self.last_modified


@dataclass(frozen=True)
class DownloadFiles:
    """Where the download of one catalogue entry lives."""

    entry: CatalogueEntry
    part: Path
    sidecar: Path
    final: Path

    @classmethod
    def of(cls, entry: CatalogueEntry, downloads_dir: Path) -> DownloadFiles:
        name = f"{entry.id}-{entry.version}.vrmod"
        return cls(
            entry,
            downloads_dir / f"{name}.part",
            downloads_dir / f"{name}.part.json",
            downloads_dir / name,
        )

    def read_sidecar(self) -> Validators | None:
        """The validators of a `.part` that belongs to this entry, or None."""
        try:
            data = json.loads(self.sidecar.read_bytes())
        except (OSError, ValueError, RecursionError):
            return None
        entry = self.entry
        if not isinstance(data, dict) or (
            data.get("url"),
            data.get("size"),
            data.get("sha256"),
        ) != (entry.url, entry.size, entry.sha256):
            return None
        etag, modified = data.get("etag"), data.get("last_modified")
        return Validators(
            etag if isinstance(etag, str) else None,
            modified if isinstance(modified, str) else None,
        )

    def write_sidecar(self, validators: Validators) -> None:
        """Record what the `.part` holds; raises OSError."""
        from vrlearn.atomic_file import write_file_atomically

        entry = self.entry
        data = {
            "url": entry.url,
            "size": entry.size,
            "sha256": entry.sha256,
            "etag": validators.etag,
            "last_modified": validators.last_modified,
        }
        write_file_atomically(self.sidecar, json.dumps(data, indent=1).encode("utf-8"))

    def part_size(self) -> int:
        try:
            return self.part.stat().st_size
        except OSError:
            return 0

    def discard_part(self) -> None:
        for path in (self.part, self.sidecar):
            try:
                path.unlink(missing_ok=True)
            except OSError as error:
                log.warning("Could not delete %s: %s", path, error)


def resume_part(files: DownloadFiles, hasher: BackgroundSha256) -> tuple[int, Validators] | None:
    """The bytes and validators of a part from before that can be resumed, its bytes handed to
    `hasher`; None when there is none or it cannot be resumed (then it is deleted, and `hasher`
    may have been given some of it: use a new one)."""
    have = files.part_size()
    if have == 0:
        files.discard_part()
        return None
    validators = files.read_sidecar()
    if validators is None or have > files.entry.size:
        log.info("Discarding %s: it does not belong to this catalogue entry", files.part)
        files.discard_part()
        return None
    try:
        with open(files.part, "rb") as part:
            head = part.read(len(ZIP_SIGNATURE))
            if could_be_zip(head):
                hasher.update(head)
                while chunk := part.read(READ_SIZE):
                    hasher.update(chunk)
    except OSError as error:
        log.warning("Cannot read %s (%s); starting again", files.part, error)
        head = b""
    if not could_be_zip(head):
        log.info("Discarding %s: it is not the start of a package", files.part)
        files.discard_part()
        return None
    return have, validators


def partial_size(entry: CatalogueEntry, downloads_dir: Path) -> int:
    """Bytes of `entry` already downloaded (0 if none; the size when the file is complete)."""
    files = DownloadFiles.of(entry, downloads_dir)
    if files.final.is_file():
        try:
            if files.final.stat().st_size == entry.size:
                return entry.size
        except OSError:
            pass
    if files.read_sidecar() is None:
        return 0
    return min(files.part_size(), entry.size)


def discard_partial(entry: CatalogueEntry, downloads_dir: Path) -> None:
    """Cancel: delete whatever was downloaded of `entry` (the part, its sidecar, a whole file)."""
    files = DownloadFiles.of(entry, downloads_dir)
    files.discard_part()
    try:
        files.final.unlink(missing_ok=True)
    except OSError as error:
        log.warning("Could not delete %s: %s", files.final, error)
