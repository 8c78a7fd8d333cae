"""Hostile and broken packages are refused whole, with the reason, and change nothing.

Each package here is a good module plus one hazard. After every refusal the installed module,
the data folder and everything around it are byte for byte as before, and no staging folder is
left behind.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.packages.conftest import PackageFactory, Site, rewrite
from tests.packages.raw_zip import RawEntry, deflated, deflated_zeros, write_raw_zip
from vrlearn.packages import PackageError, import_module
from vrlearn.packages.checksums import CHECKSUMS_NAME
from vrlearn.packages.limits import Limits


def good_entries(package: Path) -> list[RawEntry]:
    with zipfile.ZipFile(package) as archive:
        return [RawEntry(info.filename.encode(), archive.read(info)) for info in archive.infolist()]


def with_extra(package: Path, output: Path, *extra: RawEntry) -> Path:
    return write_raw_zip(output, [*good_entries(package), *extra])


def refused(site: Site, package: Path, expected: str, **options: object) -> PackageError:
    """Import `package`; it must be refused with `expected` in a problem and change nothing."""
    before = site.snapshot()
    with pytest.raises(PackageError) as caught:
        import_module(package, site.modules_dir, **options)  # type: ignore[arg-type]
    error = caught.value
    print(error, *error.problems, sep="\n    ")
    assert any(expected in problem for problem in error.problems), error.problems
    assert str(error).startswith(f"{package.name} cannot be imported: ")
    assert site.snapshot() == before
    assert site.leftovers() == []
    return error


NAME_HAZARDS = {
    b"../x": "uses '..'",
    b"a/../../x": "uses '..'",
    b"/etc/x": "is an absolute path",
    b"C:\\x": "starts with a drive letter",
    b"C:x": "starts with a drive letter",
    b"\\\\server\\share\\x": "network (UNC) path",
    b"//server/share/x": "network (UNC) path",
    b"pages\\evil.md": "backslash",
    b"pages/a\x00b.md": "NUL character",
    b"pages/bell\x07.md": "control character",
    b"pages/con.md": "reserved Windows device name",
    b"pages/a:b.md": "which Windows cannot store",
    b"pages/trailing.": "ending in a dot or a space",
    b"pages/./one.md": "empty or '.' folder",
    b"pages//one.md": "empty or '.' folder",
    b"": "has an empty name",
    ("p" * 300).encode(): "longer than 255 bytes",
}


@pytest.mark.parametrize("name", NAME_HAZARDS, ids=[repr(n)[2:-1][:30] for n in NAME_HAZARDS])
def test_hostile_names_are_refused(
    installed: Site, make_package: PackageFactory, tmp_path: Path, name: bytes
) -> None:
    package = with_extra(
        make_package("test-module", "2.0.0"), tmp_path / "evil.vrmod", RawEntry(name, b"owned\n")
    )
    refused(installed, package, NAME_HAZARDS[name])


ENTRY_HAZARDS: dict[str, tuple[RawEntry, str]] = {
    "symlink": (
        RawEntry(b"pages/link.md", b"/etc/passwd", external_attr=0o120777 << 16),
        "is a symbolic link",
    ),
    "fifo": (RawEntry(b"pages/pipe", b"", external_attr=0o010644 << 16), "special file"),
    "strong encryption": (
        RawEntry(b"pages/strong.md", b"\x00" * 40, flags=0x840),
        "is encrypted",
    ),
    "encrypted": (RawEntry(b"pages/secret.md", b"\x00" * 40, flags=0x801), "is encrypted"),
    "zstd": (RawEntry(b"pages/z.md", b"\x28\xb5\x2f\xfd", method=93), "Zstandard"),
    "bzip2": (RawEntry(b"pages/b.md", b"BZh9", method=12), "bzip2"),
    "lzma": (RawEntry(b"pages/l.md", b"\x09\x14\x05\x00", method=14), "LZMA"),
    "unknown method": (RawEntry(b"pages/u.md", b"xx", method=77), "method number 77"),
    "exact duplicate": (RawEntry(b"pages/one.md", b"# Replaced\n"), "appears twice"),
    "case collision": (RawEntry(b"pages/One.md", b"# One\n"), "clashes with 'pages/one.md'"),
    "file used as folder": (RawEntry(b"pages/one.md/x", b"x"), "which is a file"),
}


@pytest.mark.parametrize("hazard", ENTRY_HAZARDS)
def test_hostile_entries_are_refused(
    installed: Site, make_package: PackageFactory, tmp_path: Path, hazard: str
) -> None:
    entry, expected = ENTRY_HAZARDS[hazard]
    package = with_extra(make_package("test-module", "2.0.0"), tmp_path / "evil.vrmod", entry)
    refused(installed, package, expected)


def test_names_equal_after_unicode_normalisation_collide(
    installed: Site, make_package: PackageFactory, tmp_path: Path
) -> None:
    composed = unicodedata.normalize("NFC", "pages/café.md").encode()
    decomposed = unicodedata.normalize("NFD", "pages/café.md").encode()
    assert composed != decomposed
    package = with_extra(
        make_package("test-module", "2.0.0"),
        tmp_path / "nfd.vrmod",
        RawEntry(composed, b"a"),
        RawEntry(decomposed, b"b"),
    )
    refused(installed, package, "clashes with")


def test_more_than_10000_entries_are_refused(installed: Site, tmp_path: Path) -> None:
    package = tmp_path / "many.vrmod"
    with zipfile.ZipFile(package, "w") as archive:
        for number in range(20_000):
            archive.writestr(f"pages/{number}.md", b"")
    refused(installed, package, "has 20,000 entries; at most 10,000")


def test_a_ratio_bomb_is_stopped_by_the_bytes_really_decompressed(
    installed: Site, make_package: PackageFactory, tmp_path: Path
) -> None:
    zeros = deflated_zeros(1024)  # 1 GiB of zeros in about 1 MB
    entries = good_entries(make_package("test-module", "2.0.0"))
    bomb = RawEntry(b"media/zeros.bin", zeros, method=8, file_size=1 << 30, crc=0)
    entries = [_listing(e, f"{'0' * 64}  media/zeros.bin\n") for e in entries] + [bomb]
    package = write_raw_zip(tmp_path / "bomb.vrmod", entries)
    refused(installed, package, "refused as a zip bomb")


def test_a_header_that_understates_the_size_is_not_trusted(
    installed: Site, make_package: PackageFactory, tmp_path: Path
) -> None:
    """The header claims 10 bytes for a 5 MB entry: the caps still see 5 MB, the CRC fails."""
    data = os.urandom(5_000_000)
    lying = RawEntry(b"media/big.bin", deflated(data), method=8, file_size=10, crc=zlib.crc32(data))
    package = with_extra(make_package("test-module", "2.0.0"), tmp_path / "lie.vrmod", lying)
    error = refused(installed, package, "media/big.bin", check_videos=False)
    assert "is damaged" in str(error) or "not listed" in str(error)
    small = Limits(max_file_bytes=1_000_000)
    entries = good_entries(make_package("test-module", "2.1.0"))
    listed = [_listing(e, f"{hashlib.sha256(data).hexdigest()}  media/big.bin\n") for e in entries]
    package = write_raw_zip(tmp_path / "lie2.vrmod", [*listed, lying])
    refused(installed, package, "is damaged", limits=small)


def test_a_header_that_overstates_the_size_is_damaged(
    installed: Site, make_package: PackageFactory, tmp_path: Path
) -> None:
    data = b"# Page\n" * 1000
    entries = good_entries(make_package("test-module", "2.0.0"))
    listed = [_listing(e, f"{hashlib.sha256(data).hexdigest()}  pages/three.md\n") for e in entries]
    lying = RawEntry(
        b"pages/three.md", deflated(data), method=8, file_size=len(data) * 3, crc=zlib.crc32(data)
    )
    package = write_raw_zip(tmp_path / "lie.vrmod", [*listed, lying])
    refused(installed, package, "is damaged")


def _listing(entry: RawEntry, line: str) -> RawEntry:
    """`entry`, with `line` added when it is the CHECKSUMS.sha256 entry."""
    if entry.name == CHECKSUMS_NAME.encode():
        return RawEntry(entry.name, entry.data + line.encode())
    return entry


def test_size_caps_count_real_bytes(
    installed: Site, make_package: PackageFactory, tmp_path: Path
) -> None:
    package = make_package("test-module", "2.0.0", pages={"media/clip.bin": os.urandom(3_000_000)})
    refused(
        installed,
        package,
        "is larger than 2,000,000 bytes",
        limits=Limits(max_file_bytes=2_000_000),
    )
    refused(
        installed,
        package,
        "takes the package over 2,500,000 bytes",
        limits=Limits(max_total_bytes=2_500_000),
    )


PackageChange = Callable[[Path, Path], Path]


def _truncated(package: Path, output: Path) -> Path:
    data = package.read_bytes()
    output.write_bytes(data[: len(data) // 2])
    return output


def _corrupted(package: Path, output: Path) -> Path:
    """Flip bytes inside the first entry's data (the zip directory stays intact)."""
    data = bytearray(package.read_bytes())
    with zipfile.ZipFile(package) as archive:
        first = archive.infolist()[0]
    start = first.header_offset + 30 + len(first.filename) + 10
    for offset in range(start, start + 8):
        data[offset] ^= 0xFF
    output.write_bytes(bytes(data))
    return output


def _checksum_changed(package: Path, output: Path) -> Path:
    return rewrite(package, output, change={"pages/two.md": b"# Two\n\nChanged after packing.\n"})


def _unlisted(package: Path, output: Path) -> Path:
    with zipfile.ZipFile(package) as archive:
        lines = archive.read(CHECKSUMS_NAME).decode().splitlines(keepends=True)
    kept = "".join(line for line in lines if not line.endswith("pages/two.md\n"))
    return rewrite(package, output, change={CHECKSUMS_NAME: kept.encode()})


def _missing_file(package: Path, output: Path) -> Path:
    return rewrite(package, output, change={"pages/two.md": None})


def _no_checksums(package: Path, output: Path) -> Path:
    return rewrite(package, output, change={CHECKSUMS_NAME: None})


def _top_folder(package: Path, output: Path) -> Path:
    return rewrite(package, output, prefix="test-module/")


def _bad_manifest(package: Path, output: Path) -> Path:
    with zipfile.ZipFile(package) as archive:
        manifest = archive.read("module.toml").decode()
        listing = archive.read(CHECKSUMS_NAME).decode()
    broken = manifest.replace('title = "A test module"', "title = 42").encode()
    old = hashlib.sha256(manifest.encode()).hexdigest()
    new = hashlib.sha256(broken).hexdigest()
    changes = {"module.toml": broken, CHECKSUMS_NAME: listing.replace(old, new).encode()}
    return rewrite(package, output, change=changes)


CHANGES: dict[str, tuple[PackageChange, str]] = {
    "truncated": (_truncated, "is damaged or not a zip file"),
    "corrupt data": (_corrupted, "is damaged"),
    "checksum mismatch": (_checksum_changed, "does not match its checksum"),
    "file not listed": (_unlisted, "pages/two.md: is not listed in CHECKSUMS.sha256"),
    "listed file missing": (_missing_file, "pages/two.md: is listed in CHECKSUMS.sha256 but not"),
    "no checksums": (_no_checksums, "has no CHECKSUMS.sha256"),
    "top-level folder": (_top_folder, "make the package from that folder with `vrlearn pack"),
    "invalid manifest": (_bad_manifest, "module.toml:4: title:"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_damaged_or_misshapen_packages_are_refused(
    installed: Site, make_package: PackageFactory, tmp_path: Path, change: str
) -> None:
    make, expected = CHANGES[change]
    package = make(make_package("test-module", "2.0.0"), tmp_path / f"{change}.vrmod")
    refused(installed, package, expected)


def test_not_a_zip_at_all(installed: Site, tmp_path: Path) -> None:
    html = tmp_path / "download.vrmod"
    html.write_text("<html><body>Sign in to continue</body></html>")
    refused(installed, html, "is damaged or not a zip file")
    empty = tmp_path / "empty.vrmod"
    empty.write_bytes(b"")
    refused(installed, empty, "is damaged or not a zip file")


def test_a_full_disk_refuses_cleanly(
    installed: Site, make_package: PackageFactory, tmp_path: Path, tmpfs: Callable[[str], Path]
) -> None:
    """A real 2 MB file system (tmpfs) as the modules folder (root: a failure in CI without)."""
    small = tmpfs("2m")
    modules = small / "modules"
    import_module(make_package("test-module", "1.0.0"), modules)
    site = Site(small, modules, tmp_path)
    big = make_package("test-module", "2.0.0", pages={"media/clip.bin": os.urandom(3_000_000)})
    refused(site, big, "the disk is full")
    assert (modules / "test-module" / "module.toml").read_text().count('"1.0.0"') == 1


def test_a_full_disk_refuses_cleanly_unit(
    installed: Site, make_package: PackageFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same without a mount: every write past the first 1 MiB fails with ENOSPC."""
    import io

    from vrlearn.packages import extract

    real_write = io.FileIO.write
    budget = {"left": 1 << 20}

    class FullDisk(io.FileIO):
        def write(self, data):  # type: ignore[no-untyped-def]
            budget["left"] -= len(data)
            if budget["left"] < 0:
                raise OSError(28, "No space left on device")
            return real_write(self, data)

    monkeypatch.setattr(extract.io, "FileIO", FullDisk)
    big = make_package("test-module", "2.0.0", pages={"media/clip.bin": os.urandom(3_000_000)})
    refused(installed, big, "the disk is full")


def test_files_that_cannot_be_flushed_to_disk_refuse_cleanly(
    installed: Site, make_package: PackageFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write-back error reported when the unpacked files are flushed (syncfs on Linux, the
    per-file fsyncs elsewhere): refused, nothing installed, the old version kept."""
    from vrlearn.packages import durable, extract

    def failing(*_args: object) -> None:
        raise OSError(5, "Input/output error")

    if durable.CAN_SYNC_FILE_SYSTEM:
        monkeypatch.setattr(extract, "sync_file_system", failing)
    else:
        monkeypatch.setattr(durable.os, "fsync", failing)
    newer = make_package("test-module", "2.0.0")
    refused(installed, newer, "cannot be written to the modules folder: Input/output error")
