"""Put a lean FFmpeg 5.1 build into the packaged app and drop what only the full one needed.

Run by packaging/lean_ffmpeg.sh after PyInstaller: `lean_ffmpeg.py BUNDLE LEAN_LIB_DIR`.

1. replace `_internal/libavcodec.so.59`, `libavutil.so.57`, `libswresample.so.4` and
   `libswscale.so.6` with the lean ones (same sonames; refused if a soname differs);
2. remove every library that was bundled only because the old FFmpeg needed it: the libraries
   the old FFmpeg pulled in (followed through their own needs) that no remaining library or
   plugin of the bundle still lists as needed;
3. check, failing loudly: each FFmpeg symbol any bundled file imports (`av_…@LIBAVCODEC_59`) is
   defined by the lean libraries, and no bundled file needs a library that was there before
   and is now gone.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

LEAN = ("libavcodec.so.59", "libavutil.so.57", "libswresample.so.4", "libswscale.so.6")
VERSIONS = ("@LIBAVCODEC_59", "@LIBAVUTIL_57", "@LIBSWRESAMPLE_4", "@LIBSWSCALE_6")


class LeanFfmpegError(Exception):
    """The swap would leave the bundle broken; the message says which file and why."""


def dynamic_section(path: Path) -> str:
    return subprocess.run(
        ["readelf", "-d", str(path)], capture_output=True, text=True, check=True
    ).stdout


def bracketed(section: str, tag: str) -> list[str]:
    """Values of one tag of `readelf -d` output, e.g. the names after (NEEDED)."""
    return [line.split("[", 1)[1].rsplit("]", 1)[0] for line in section.splitlines() if tag in line]


def needed(path: Path) -> list[str]:
    return bracketed(dynamic_section(path), "(NEEDED)")


def soname(path: Path) -> str:
    names = bracketed(dynamic_section(path), "(SONAME)")
    return names[0] if names else ""


def is_elf(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def bundled_elfs(bundle: Path) -> list[Path]:
    return sorted(p for p in bundle.rglob("*") if is_elf(p))


def closure(internal: Path, roots: list[str]) -> set[str]:
    """Libraries in `internal` that `roots` need, directly or through each other."""
    seen: set[str] = set()
    todo = [name for name in roots if (internal / name).is_file()]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += [n for n in needed(internal / name) if (internal / n).is_file()]
    return seen


def unresolved(bundle: Path, elfs: list[Path]) -> set[tuple[str, str]]:
    """(library needed, file needing it) pairs not found in `_internal` or beside the file."""
    internal = bundle / "_internal"
    return {
        (name, str(elf.relative_to(bundle)))
        for elf in elfs
        for name in needed(elf)
        if not (internal / name).exists() and not (elf.parent / name).exists()
    }


def imported_ffmpeg_symbols(elfs: list[Path]) -> dict[str, str]:
    """{versioned FFmpeg symbol: a file importing it} over the bundle."""
    found: dict[str, str] = {}
    for elf in elfs:
        listing = subprocess.run(
            ["nm", "-D", "--undefined-only", str(elf)], capture_output=True, text=True
        ).stdout
        for line in listing.splitlines():
            symbol = line.split()[-1] if line.strip() else ""
            if symbol.endswith(VERSIONS):
                found.setdefault(symbol, elf.name)
    return found


def defined_symbols(libraries: list[Path]) -> set[str]:
    symbols: set[str] = set()
    for library in libraries:
        listing = subprocess.run(
            ["nm", "-D", "--defined-only", str(library)], capture_output=True, text=True, check=True
        ).stdout
        symbols |= {line.split()[-1].replace("@@", "@") for line in listing.splitlines() if line}
    return symbols


def bundle_size(bundle: Path) -> int:
    """Bytes of the bundle's files, each counted once (PyInstaller links some by symlink)."""
    return sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())


def swap(bundle: Path, lean_dir: Path) -> None:
    internal = bundle / "_internal"
    if not (internal / "libavcodec.so.59").is_file():
        raise LeanFfmpegError(f"{internal} has no libavcodec.so.59: is {bundle} a Linux bundle?")
    elfs_before = bundled_elfs(bundle)
    missing_before = unresolved(bundle, elfs_before)
    old_closure = closure(internal, list(LEAN))
    size_before = bundle_size(bundle)

    for name in LEAN:  # every lean library checked before the bundle is touched
        source = lean_dir / name
        if not source.is_file():
            raise LeanFfmpegError(f"{source} is missing: the lean FFmpeg build did not finish")
        if soname(source) != name:
            raise LeanFfmpegError(f"{source} has soname {soname(source)!r}, expected {name!r}")
    for name in LEAN:
        (internal / name).unlink()
        shutil.copy2((lean_dir / name).resolve(), internal / name)

    elfs = bundled_elfs(bundle)
    candidates = old_closure - set(LEAN)
    removed: set[str] = set()
    while True:
        alive = [e for e in elfs if not (e.parent == internal and e.name in removed)]
        still_needed = {name for elf in alive for name in needed(elf)}
        drop = {n for n in candidates - removed - still_needed if (internal / n).is_file()}
        if not drop:
            break
        removed |= drop
    for name in sorted(removed):
        (internal / name).unlink()
    elfs = bundled_elfs(bundle)

    new_missing = unresolved(bundle, elfs) - missing_before
    if new_missing:
        raise LeanFfmpegError(f"after the swap these are not found: {sorted(new_missing)}")
    defined = defined_symbols([internal / name for name in LEAN])
    undefined = {s: f for s, f in imported_ffmpeg_symbols(elfs).items() if s not in defined}
    if undefined:
        raise LeanFfmpegError(f"the lean FFmpeg lacks symbols bundled files import: {undefined}")

    size_after = bundle_size(bundle)
    print(
        f"lean_ffmpeg: swapped in {', '.join(LEAN)}; removed {len(removed)} libraries only the "
        f"old FFmpeg needed ({', '.join(sorted(removed))}); bundle {size_before / 1e6:.0f} MB -> "
        f"{size_after / 1e6:.0f} MB"
    )


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: lean_ffmpeg.py BUNDLE LEAN_LIB_DIR", file=sys.stderr)
        return 2
    try:
        swap(Path(argv[0]), Path(argv[1]))
    except LeanFfmpegError as error:
        print(f"lean_ffmpeg: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
