"""A video's transcript from its cues: the cue showing at a time, search, and text to save.

Cues are expected sorted by start time, as `captions.read_cues` returns them.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Sequence

from vrlearn.media.captions import Cue
from vrlearn.media.clock import clock

MAX_OVERLAP = 16  # overlapping cues looked back through; real caption files overlap two or three


def cue_at(cues: Sequence[Cue], seconds: float) -> int | None:
    """Index of the cue showing at `seconds` (start <= t < end), the latest-starting if several."""
    after = bisect_right(cues, seconds, key=lambda cue: cue.start)
    for index in range(after - 1, max(after - 1 - MAX_OVERLAP, -1), -1):
        if cues[index].end > seconds:
            return index
    return None


def search(cues: Sequence[Cue], query: str) -> list[int]:
    """Indexes of the cues containing `query`, ignoring case, accents and line breaks."""
    wanted = _folded(query)
    if not wanted:
        return []
    return [index for index, cue in enumerate(cues) if wanted in _folded(cue.text)]


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where `query` occurs in `text` as `search` matches it (ignoring case, accents and runs of
    white space): (start, end) character positions in `text`, in order, not overlapping."""
    wanted = _folded(query)
    if not wanted:
        return []
    folded: list[str] = []
    origin: list[int] = []  # for each folded character, the index in `text` it came from
    for index, char in enumerate(text):
        if char.isspace():
            if folded and folded[-1] != " ":
                folded.append(" ")
                origin.append(index)
            continue
        for piece in _folded_char(char):
            folded.append(piece)
            origin.append(index)
    haystack = "".join(folded)
    spans: list[tuple[int, int]] = []
    start = haystack.find(wanted)
    while start != -1:
        end = start + len(wanted)
        last = origin[end - 1] + 1
        while last < len(text) and unicodedata.combining(text[last]):
            last += 1  # keep a decomposed accent with its letter
        spans.append((origin[start], last))
        start = haystack.find(wanted, end)
    return spans


def transcript_text(cues: Sequence[Cue], *, title: str = "", times: bool = True) -> str:
    """The transcript as plain text for saving or printing: one cue per line, with its time.

    A cue repeating the previous cue's text (rolling captions) is written once.
    """
    lines = [title, ""] if title else []
    previous = None
    for cue in cues:
        text = " ".join(cue.text.split())
        if not text or text == previous:
            continue
        previous = text
        lines.append(f"[{clock(cue.start)}] {text}" if times else text)
    return "\n".join(lines) + "\n"


def _folded(text: str) -> str:
    """Text for matching: case folded, accents removed, runs of white space as one space."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.split())


def _folded_char(char: str) -> str:
    """One character as `_folded` turns it: "É" → "e", "ß" → "ss"."""
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
