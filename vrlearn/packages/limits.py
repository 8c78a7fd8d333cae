"""How big a package may be: entries, file and total sizes, and how far an entry may expand.

The sizes come from the module format: the largest file a module may hold is a video
(`MAX_VIDEO_BYTES`), and a module may hold one such video plus its pages, captions and pictures.
Every limit is checked against the bytes actually decompressed, never the sizes the zip claims.
"""

from __future__ import annotations

from dataclasses import dataclass

from vrlearn.modules.video_items import MAX_VIDEO_BYTES

CHUNK_BYTES = 1 << 20  # read and write 1 MiB at a time


@dataclass(frozen=True)
class Limits:
    max_entries: int = 10_000
    max_file_bytes: int = MAX_VIDEO_BYTES  # 2 GB: the largest video a module may hold
    max_total_bytes: int = 4_000_000_000  # a 2 GB video plus everything else
    max_ratio: int = 200  # decompressed bytes per compressed byte, per entry and overall
    ratio_floor_bytes: int = 1 << 20  # an entry may expand freely up to 1 MiB (tiny files)
    max_checksums_bytes: int = 2_000_000  # CHECKSUMS.sha256: 10,000 lines of ~100 bytes
    max_name_chars: int = 1000  # a whole entry name
    max_part_bytes: int = 255  # one folder or file name, in UTF-8 bytes (most file systems)


DEFAULT_LIMITS = Limits()
