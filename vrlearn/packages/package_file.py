"""Unpacking a `.vrmod` into a staging folder, checked completely on the way.

Order: open the zip (a damaged one is refused), check every entry in its directory
(`entries`), check the layout and read `CHECKSUMS.sha256`, then stream every file out
(`extract`), counting real bytes and comparing checksums. Nothing is written before the directory
checks pass, and nothing is ever written outside `staging`.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from vrlearn.packages.checksums import CHECKSUMS_NAME, parse_checksums
from vrlearn.packages.entries import check_entries, layout_problems, listing_problems
from vrlearn.packages.errors import PackageError
from vrlearn.packages.extract import READ_ERRORS, Cancelled, Extraction, Progress, damage_reason
from vrlearn.packages.limits import Limits
from vrlearn.packages.staged import refusal


def unpack(
    package: Path,
    staging: Path,
    limits: Limits,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    durable: bool = True,
    require_layout: bool = True,
    before_extracting: Callable[[bytes], None] | None = None,
) -> None:
    """Extract the checked package into the (empty, existing) folder `staging`.

    `require_layout=False` skips the module.toml / CHECKSUMS.sha256 rules (used to put any zip
    through the entry and streaming checks alone, e.g. the hazard corpus).
    `before_extracting` gets the bytes of module.toml once the zip directory has passed its
    checks, and may raise PackageError to refuse before anything is decompressed (e.g. a version
    already installed).
    """
    shown = package.name
    try:
        archive_bytes = package.stat().st_size
        archive = zipfile.ZipFile(package)
    except FileNotFoundError as error:
        raise PackageError(f"{package} cannot be imported: there is no such file") from error
    except IsADirectoryError as error:
        raise PackageError(f"{package} is a folder, not a package file") from error
    except OSError as error:
        raise PackageError(f"{package} cannot be read: {error.strerror or error}") from error
    except (*READ_ERRORS, UnicodeDecodeError) as error:
        problem = f"package: is damaged or not a zip file ({damage_reason(error)})"
        raise PackageError(refusal(shown, [problem]), [problem]) from error
    with archive:
        entries, problems = check_entries(archive.infolist(), limits)
        if not problems and require_layout:
            problems = layout_problems(entries)
        digests = None
        if not problems and require_layout:
            digests, problems = _read_checksums(archive, limits)
            if not problems:
                problems = listing_problems(entries, digests)
        if problems:
            raise PackageError(refusal(shown, problems), problems)
        if before_extracting is not None:
            before_extracting(_read_manifest(archive))
        extraction = Extraction(
            archive,
            entries,
            staging,
            limits,
            archive_bytes=archive_bytes,
            digests=digests,
            progress=progress,
            cancelled=cancelled,
            durable=durable,
        )
        try:
            extraction.run()
        except PackageError as error:
            raise PackageError(refusal(shown, list(error.problems)), error.problems) from error


def _read_checksums(archive: zipfile.ZipFile, limits: Limits) -> tuple[dict[str, str], list[str]]:
    info = archive.getinfo(CHECKSUMS_NAME)
    too_big = [f"{CHECKSUMS_NAME}: is larger than {limits.max_checksums_bytes:,} bytes"]
    if info.file_size > limits.max_checksums_bytes:
        return {}, too_big
    try:
        with archive.open(info) as source:
            raw = source.read(limits.max_checksums_bytes + 1)
    except READ_ERRORS as error:
        return {}, [f"{CHECKSUMS_NAME}: is damaged: {damage_reason(error)}"]
    if len(raw) > limits.max_checksums_bytes:
        return {}, too_big
    return parse_checksums(raw)


def _read_manifest(archive: zipfile.ZipFile) -> bytes:
    """module.toml's bytes, at most MAX_MANIFEST_BYTES + 1 (the manifest checks refuse more)."""
    from vrlearn.modules.manifest import MAX_MANIFEST_BYTES
    from vrlearn.modules.model import MANIFEST_NAME

    try:
        with archive.open(MANIFEST_NAME) as source:
            return source.read(MAX_MANIFEST_BYTES + 1)
    except READ_ERRORS:
        return b""  # reported with its reason when the package is extracted
