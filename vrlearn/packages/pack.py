"""`vrlearn pack DIR -o FILE.vrmod`: a module folder as a package, for authors.

The folder must pass the checks of `vrlearn validate` first. Entries are written in name order
with fixed dates and permissions, so packing the same folder twice gives the same bytes; media
that is already compressed is stored, everything else deflated; `CHECKSUMS.sha256` is the last
entry. The package is written to a temporary file beside `output`, fsynced and renamed into place.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

from vrlearn.atomic_file import unique_tag
from vrlearn.packages.checksums import CHECKSUMS_NAME, format_checksums
from vrlearn.packages.errors import PackageError
from vrlearn.packages.limits import CHUNK_BYTES, DEFAULT_LIMITS, Limits

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
STORED_SUFFIXES = {
    ".mp4", ".m4v", ".webm", ".mkv", ".mov", ".ogv", ".mp3", ".m4a", ".ogg", ".opus", ".aac",
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".zip", ".gz", ".woff", ".woff2", ".pdf",
}  # fmt: skip


def pack_module(folder: Path, output: Path, *, limits: Limits = DEFAULT_LIMITS) -> Path:
    """Write the module in `folder` to the package `output`; PackageError if the module has
    problems (each as `path:line: field: message`, as `vrlearn validate` prints them)."""
    from vrlearn.modules.validate import validate_folders
    from vrlearn.packages.folder_files import folder_files
    from vrlearn.packages.staged import refusal

    folder = Path(folder)
    output = Path(output)
    if not folder.is_dir():
        raise PackageError(f"{folder} is not a module folder (no such directory)")
    result = validate_folders([folder])
    problems = [
        f"{_relative(problem.path, folder)}:{problem.line}: {problem.field}: {problem.message}"
        for problem in result.problems
    ]
    files, found = folder_files(folder, limits)
    problems += found
    if problems:
        raise PackageError(refusal(folder.name, problems).replace("imported", "packed"), problems)
    temp = output.with_name(f".{output.name}.tmp-{unique_tag()}")
    try:
        digests: dict[str, str] = {}
        with zipfile.ZipFile(temp, "w") as archive:
            for file in files:
                digests[file.name] = _add(archive, file.name, file.path, file.size)
            archive.writestr(_info(CHECKSUMS_NAME, 0), format_checksums(digests))
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, output)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise PackageError(f"{output} cannot be written: {error.strerror or error}") from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return output


def _info(name: str, size: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, FIXED_DATE)
    info.create_system = 3  # Unix, so the permission bits below are read as such
    info.external_attr = 0o100644 << 16
    stored = Path(name).suffix.lower() in STORED_SUFFIXES
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.file_size = size
    return info


def _add(archive: zipfile.ZipFile, name: str, path: Path, size: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source, archive.open(_info(name, size), "w") as out:
        while chunk := source.read(CHUNK_BYTES):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def _relative(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return str(path)
