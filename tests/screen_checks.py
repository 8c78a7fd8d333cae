"""Checks on screenshots taken in display tests: is there a real picture, or a blank area?"""

from __future__ import annotations

from PySide6.QtGui import QImage


def distinct_colours(image: QImage, step: int = 6) -> int:
    """How many different colours a grid of pixels `step` apart holds (a blank area has one)."""
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )
