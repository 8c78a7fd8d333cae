"""A tiny zip writer for hostile packages: any name bytes, flags, method, sizes and CRC.

CPython's zipfile cleans names up and refuses to write lies; attackers do not. Each entry is
written exactly as given: local header, data, then the central directory and its end record.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class RawEntry:
    name: bytes
    data: bytes = b""  # the bytes stored (already compressed when method is 8)
    method: int = 0
    file_size: int | None = None  # claimed uncompressed size; None = len(data) when stored
    crc: int | None = None  # None = CRC-32 of `data` (right for stored entries)
    flags: int = 0x800  # UTF-8 names
    external_attr: int = 0o100644 << 16
    extra: bytes = field(default=b"")


def write_raw_zip(path: Path, entries: Iterable[RawEntry]) -> Path:
    body = bytearray()
    central = bytearray()
    count = 0
    for entry in entries:
        count += 1
        crc = zlib.crc32(entry.data) if entry.crc is None else entry.crc
        size = len(entry.data) if entry.file_size is None else entry.file_size
        offset = len(body)
        local = struct.pack(
            "<4sHHHHHIIIHH",
            b"PK\x03\x04",
            20,
            entry.flags,
            entry.method,
            0,
            0x21,
            crc,
            len(entry.data),
            size,
            len(entry.name),
            len(entry.extra),
        )
        body += local + entry.name + entry.extra + entry.data
        central += struct.pack(
            "<4sHHHHHHIIIHHHHHII",
            b"PK\x01\x02",
            (3 << 8) | 20,
            20,
            entry.flags,
            entry.method,
            0,
            0x21,
            crc,
            len(entry.data),
            size,
            len(entry.name),
            len(entry.extra),
            0,
            0,
            0,
            entry.external_attr,
            offset,
        )
        central += entry.name + entry.extra
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, count, count, len(central), len(body), 0)
    path.write_bytes(bytes(body) + bytes(central) + end)
    return path


def deflated(data: bytes) -> bytes:
    """Raw deflate data, as a zip entry of method 8 holds it."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def deflated_zeros(mebibytes: int) -> bytes:
    """Raw deflate data for `mebibytes` MiB of zeros, made in milliseconds: after the first MiB
    every further MiB compresses to the same bytes (the window holds only zeros), so they repeat.
    """
    mib = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(mib) + compressor.flush(zlib.Z_SYNC_FLUSH)
    repeat = compressor.compress(mib) + compressor.flush(zlib.Z_SYNC_FLUSH)
    return first + repeat * (mebibytes - 1) + compressor.flush()
