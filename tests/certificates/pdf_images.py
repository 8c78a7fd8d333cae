"""Comparing PDF pages as pictures: pdftoppm renders a page in grey, we shrink and compare.

Used where text cannot be compared: cups-pdf re-renders text as Type 3 fonts, so a printed job
is checked by how it looks. Landscape jobs come back as portrait pages with the content turned
a quarter; `same_picture` tries both quarter turns.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Grey:
    width: int
    height: int
    pixels: bytes  # row by row, 0 black .. 255 white

    def at(self, x: int, y: int) -> int:
        return self.pixels[y * self.width + x]

    def rotated(self, clockwise: bool) -> Grey:
        w, h = self.width, self.height
        out = bytearray(w * h)
        for y in range(h):
            for x in range(w):
                nx, ny = (h - 1 - y, x) if clockwise else (y, w - 1 - x)
                out[ny * h + nx] = self.pixels[y * w + x]
        return Grey(h, w, bytes(out))

    def shrunk(self, width: int, height: int) -> Grey:
        """Block averages: a `width` x `height` picture."""
        out = bytearray(width * height)
        for ny in range(height):
            y0, y1 = (
                ny * self.height // height,
                max((ny + 1) * self.height // height, ny * self.height // height + 1),
            )
            for nx in range(width):
                x0, x1 = (
                    nx * self.width // width,
                    max((nx + 1) * self.width // width, nx * self.width // width + 1),
                )
                total = 0
                for y in range(y0, y1):
                    row = y * self.width
                    total += sum(self.pixels[row + x0 : row + x1])
                out[ny * width + nx] = total // ((y1 - y0) * (x1 - x0))
        return Grey(width, height, bytes(out))


def render_grey(pdf: Path, *, page: int = 1, scale_to: int = 1080) -> Grey:
    """Page `page` of `pdf` in grey, the longer side `scale_to` pixels (pdftoppm)."""
    command = ["pdftoppm", "-gray", "-f", str(page), "-l", str(page)]
    command += ["-scale-to", str(scale_to), str(pdf)]
    result = subprocess.run(command, capture_output=True, check=True, timeout=60)
    return parse_pgm(result.stdout)


def parse_pgm(data: bytes) -> Grey:
    fields: list[bytes] = []
    pos = 0
    while len(fields) < 4:
        while data[pos : pos + 1].isspace():
            pos += 1
        if data[pos : pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b"P5", fields[0]
    width, height, maxval = int(fields[1]), int(fields[2]), int(fields[3])
    assert maxval == 255
    pixels = data[pos + 1 : pos + 1 + width * height]
    return Grey(width, height, pixels)


def mean_difference(a: Grey, b: Grey) -> float:
    """Mean absolute grey difference (0-255) of two pictures of the same size."""
    assert (a.width, a.height) == (b.width, b.height)
    return sum(abs(x - y) for x, y in zip(a.pixels, b.pixels, strict=True)) / len(a.pixels)


@dataclass(frozen=True)
class Difference:
    """How far apart two pages look: the mean grey difference (0-255) of the shrunk pictures,
    and the largest mean difference in any one of 12 x 8 cells (a changed name or QR code
    shows there even when the rest of the page is the same)."""

    mean: float
    worst_cell: float


def cell_difference(a: Grey, b: Grey, columns: int = 12, rows: int = 8) -> float:
    sums = [0] * (columns * rows)
    counts = [0] * (columns * rows)
    for y in range(a.height):
        band = (y * rows // a.height) * columns
        for x in range(a.width):
            cell = band + x * columns // a.width
            sums[cell] += abs(a.pixels[y * a.width + x] - b.pixels[y * b.width + x])
            counts[cell] += 1
    return max(total / count for total, count in zip(sums, counts, strict=True) if count)


def page_difference(direct: Grey, printed: Grey, size: tuple[int, int] = (120, 85)) -> Difference:
    """How far the printed page is from the direct one, turned a quarter if it came back
    portrait (whichever way round matches best)."""
    width, height = size
    target = direct.shrunk(width, height)
    if printed.width > printed.height:
        candidates = [printed]
    else:
        candidates = [printed.rotated(clockwise=True), printed.rotated(clockwise=False)]
    shrunk = [candidate.shrunk(width, height) for candidate in candidates]
    best = min(shrunk, key=lambda picture: mean_difference(target, picture))
    return Difference(mean_difference(target, best), cell_difference(target, best))
