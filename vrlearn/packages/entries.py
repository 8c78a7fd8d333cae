"""Hostile package checks on the zip's directory, before a single byte is decompressed.

Every entry is checked and every problem collected, so the learner (or author) sees them all:
hostile names (`entry_names`), symlinks and other special files, encryption, compression methods
other than stored and deflate, too many entries; then the package's layout (`module.toml` and
`CHECKSUMS.sha256` at its root, every file listed, nothing listed missing).
"""

from __future__ import annotations

import stat
import zipfile
from dataclasses import dataclass

from vrlearn.modules.model import MANIFEST_NAME
from vrlearn.packages.checksums import CHECKSUMS_NAME
from vrlearn.packages.entry_names import collisions, name_problem
from vrlearn.packages.limits import Limits

SUPPORTED_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
METHOD_NAMES = {
    zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "LZMA", 9: "Deflate64", 93: "Zstandard",
    95: "XZ", 96: "JPEG", 97: "WavPack", 98: "PPMd", 99: "AES encryption",
}  # fmt: skip
REPACK = "make the package again with `vrlearn pack`"


@dataclass(frozen=True)
class Entries:
    """The checked entries of a package: its files (in package order) and its folders."""

    files: tuple[zipfile.ZipInfo, ...]
    folders: tuple[zipfile.ZipInfo, ...]

    def file(self, name: str) -> zipfile.ZipInfo | None:
        return next((info for info in self.files if info.filename == name), None)


def check_entries(infos: list[zipfile.ZipInfo], limits: Limits) -> tuple[Entries, list[str]]:
    """The package's entries and every problem found in the zip directory (none = safe to read)."""
    if len(infos) > limits.max_entries:
        problem = f"package: has {len(infos):,} entries; at most {limits.max_entries:,} allowed"
        return Entries((), ()), [problem]
    problems: list[str] = []
    for info in infos:
        refused = entry_problem(info, limits)
        if refused:
            problems.append(f"{_shown(info.orig_filename)}: {refused}")
    if problems:
        return Entries((), ()), problems
    named = [(info.filename, info.is_dir()) for info in infos]
    problems = [f"{name}: {problem}" for name, problem in collisions(named)]
    files = tuple(info for info in infos if not info.is_dir())
    folders = tuple(info for info in infos if info.is_dir())
    return Entries(files, folders), problems


def entry_problem(info: zipfile.ZipInfo, limits: Limits) -> str | None:
    """Why one entry is refused (name, type, encryption, compression method), or None."""
    problem = name_problem(info.orig_filename, limits.max_name_chars, limits.max_part_bytes)
    if problem:
        return problem
    mode = info.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if kind == stat.S_IFLNK:
        return "is a symbolic link; packages may hold only files and folders"
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        return "is a special file (device, pipe or socket); packages may hold only files"
    if info.flag_bits & 0x41:  # bit 0 encrypted, bit 6 strong encryption
        return "is encrypted; VR Learn packages are never encrypted"
    if info.compress_type not in SUPPORTED_METHODS:
        name = METHOD_NAMES.get(info.compress_type, f"number {info.compress_type}")
        return f"uses the compression method {name}, which VR Learn does not read; {REPACK}"
    return None


def layout_problems(entries: Entries) -> list[str]:
    """`module.toml` and `CHECKSUMS.sha256` must be at the package's root."""
    names = {info.filename for info in entries.files}
    problems: list[str] = []
    if MANIFEST_NAME not in names:
        nested = sorted(name for name in names if name.endswith("/" + MANIFEST_NAME))
        if nested:
            folder = nested[0].removesuffix("/" + MANIFEST_NAME)
            problems.append(
                f"package: {MANIFEST_NAME} is inside the folder {folder!r} instead of at the top "
                f"of the package; make the package from that folder with `vrlearn pack {folder}`"
            )
        else:
            problems.append(
                f"package: has no {MANIFEST_NAME} at its top level, so it is not a VR Learn module"
            )
    if CHECKSUMS_NAME not in names and not problems:
        problems.append(f"package: has no {CHECKSUMS_NAME} at its top level; {REPACK}")
    return problems


def listing_problems(entries: Entries, digests: dict[str, str]) -> list[str]:
    """Every file must be listed in CHECKSUMS.sha256, and nothing listed may be missing."""
    names = {info.filename for info in entries.files} - {CHECKSUMS_NAME}
    problems = [
        f"{name}: is not listed in {CHECKSUMS_NAME}" for name in sorted(names - digests.keys())
    ]
    problems += [
        f"{name}: is listed in {CHECKSUMS_NAME} but not in the package"
        for name in sorted(digests.keys() - names)
    ]
    return problems


def _shown(name: str) -> str:
    """An entry name safe to print: control characters shown as escapes."""
    return name.encode("unicode_escape").decode("ascii") if not name.isprintable() else name
