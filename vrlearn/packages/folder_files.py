"""The files of a module folder, for `vrlearn pack` and for importing a folder.

Files and folders whose names start with a dot (`.git`, `.DS_Store`) are left out. The same
name rules as for packages apply (`entry_names`), and a symbolic link or special file anywhere
in the folder is refused, so a folder can never bring in something from outside itself.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from vrlearn.atomic_file import fsync_folder
from vrlearn.packages.checksums import CHECKSUMS_NAME, parse_checksums
from vrlearn.packages.entry_names import collisions, name_problem
from vrlearn.packages.errors import ImportCancelled, PackageError
from vrlearn.packages.extract import Cancelled, Progress, create_file, sync_file, write_all
from vrlearn.packages.limits import CHUNK_BYTES, Limits
from vrlearn.packages.staged import refusal


@dataclass(frozen=True)
class FolderFile:
    name: str  # relative to the module folder, with / between folders
    path: Path
    size: int


def folder_files(folder: Path, limits: Limits) -> tuple[list[FolderFile], list[str]]:
    """Every file to pack or copy, in name order (CHECKSUMS.sha256 at the root left out), and
    every problem as `relative/path: message`."""
    files: list[FolderFile] = []
    problems: list[str] = []
    for root, folders, names in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        here = Path(root)
        for name in sorted([*folders, *names]):
            if name.startswith("."):
                continue
            path = here / name
            relative = path.relative_to(folder).as_posix()
            try:
                info = path.lstat()
            except OSError as error:
                problems.append(f"{relative}: cannot be read: {error.strerror or error}")
                continue
            if stat.S_ISLNK(info.st_mode):
                problems.append(f"{relative}: is a symbolic link; a module may hold only files")
            elif stat.S_ISDIR(info.st_mode):
                continue
            elif not stat.S_ISREG(info.st_mode):
                problems.append(f"{relative}: is a special file; a module may hold only files")
            elif relative != CHECKSUMS_NAME:
                problem = name_problem(relative, limits.max_name_chars, limits.max_part_bytes)
                if problem:
                    problems.append(f"{relative}: {problem}")
                else:
                    files.append(FolderFile(relative, path, info.st_size))
    files.sort(key=lambda file: file.name)
    if len(files) > limits.max_entries:
        problems.append(f"folder: has {len(files):,} files; at most {limits.max_entries:,}")
    clashes = collisions((file.name, False) for file in files)
    problems += [f"{name}: {message}" for name, message in clashes]
    for file in files:
        if file.size > limits.max_file_bytes:
            problems.append(f"{file.name}: is larger than {limits.max_file_bytes:,} bytes")
    total = sum(file.size for file in files)
    if total > limits.max_total_bytes:
        problems.append(f"folder: holds {total:,} bytes; at most {limits.max_total_bytes:,}")
    return files, problems


def copy_folder(
    folder: Path,
    staging: Path,
    limits: Limits,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    durable: bool = True,
) -> None:
    """Copy a module folder's files into `staging`, counting the bytes really read; a
    CHECKSUMS.sha256 in the folder (an unpacked package) is checked as for a package."""
    shown = folder.name
    files, problems = folder_files(folder, limits)
    digests: dict[str, str] | None = None
    listed = folder / CHECKSUMS_NAME
    if listed.is_file() and not listed.is_symlink() and not problems:
        digests, problems = parse_checksums(listed.read_bytes()[: limits.max_checksums_bytes])
        names = {file.name for file in files}
        unlisted = sorted(names - digests.keys())
        problems += [f"{name}: is not listed in {CHECKSUMS_NAME}" for name in unlisted]
        problems += [f"{n}: is listed in {CHECKSUMS_NAME} but not in the folder"
                     for n in sorted(digests.keys() - names)]  # fmt: skip
    if problems:
        raise PackageError(refusal(shown, problems), problems)
    total = sum(file.size for file in files)
    done = 0
    folders = {staging}
    for file in files:
        target = staging.joinpath(*file.name.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        folders.update(parent for parent in target.parents if parent.is_relative_to(staging))
        digest = hashlib.sha256()
        written = 0
        try:
            with open(file.path, "rb") as source, create_file(target, file.name) as out:
                while chunk := source.read(CHUNK_BYTES):
                    if cancelled is not None and cancelled():
                        raise ImportCancelled("The import was cancelled; nothing was installed.")
                    written += len(chunk)
                    done += len(chunk)
                    if written > limits.max_file_bytes or done > limits.max_total_bytes:
                        problem = f"{file.name}: grew past the size limit while being copied"
                        raise PackageError(refusal(shown, [problem]), [problem])
                    digest.update(chunk)
                    write_all(out, chunk, file.name)
                    if progress is not None:
                        progress(done, max(total, done))
                if durable:
                    sync_file(out, file.name)
        except PackageError as error:
            raise PackageError(refusal(shown, list(error.problems)), error.problems) from error
        except OSError as error:
            problem = f"{file.name}: cannot be read: {error.strerror or error}"
            raise PackageError(refusal(shown, [problem]), [problem]) from error
        if digests is not None and digests.get(file.name) != digest.hexdigest():
            problem = f"{file.name}: does not match its checksum in {CHECKSUMS_NAME}"
            raise PackageError(refusal(shown, [problem]), [problem])
    if durable:
        for path in sorted(folders, key=lambda p: len(p.parts), reverse=True):
            fsync_folder(path)
