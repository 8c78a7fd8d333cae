"""Times as people read them on a seek bar or in a transcript: 0:07, 1:05, 1:02:03."""

from __future__ import annotations

import math


def clock(seconds: float, *, exact: bool = False) -> str:
    """`m:ss` (or `h:mm:ss` from an hour); `exact` adds milliseconds (`0:07.250`)."""
    if not math.isfinite(seconds) or seconds < 0:
        seconds = 0.0
    millis = round(seconds * 1000) if exact else math.floor(seconds) * 1000
    whole, fraction = divmod(millis, 1000)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return f"{text}.{fraction:03d}" if exact else text
