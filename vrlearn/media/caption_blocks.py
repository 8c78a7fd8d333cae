"""Where each cue of a caption file starts, by line number, for error messages.

webvtt-py parses the captions but does not say on which line a cue is, nor which blocks it
skipped. This module only finds the blocks of lines (split the way webvtt-py splits them) and the
line of each block's timing line, so that the checks in `captions` can name a line; it never
decides what a cue's times or text are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

ARROW = "-->"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_VTT_NON_CUE = ("NOTE", "STYLE", "REGION")


class CueBlock(NamedTuple):
    """A block of lines that should be one cue: where it starts and what its lines are."""

    first_line: int  # 1-based line number of the block's first line
    timing_line: int | None  # 1-based line number of its "start --> end" line, if it has one
    timing: str  # the timing line's text ("" when there is none)
    text: tuple[str, ...]  # the lines after the timing line


def split_lines(text: str) -> list[str]:
    """The file's lines, broken on CR, LF and CRLF like WebVTT (and webvtt-py) break them."""
    lines = _LINE_BREAK.split(text)
    if lines and not lines[-1]:
        lines.pop()
    return lines


def cue_blocks(lines: Sequence[str], caption_format: str) -> list[CueBlock]:
    """The blocks of a WebVTT ("vtt") or SubRip ("srt") file that should each be one cue."""
    blocks = list(_blocks(lines, vtt=caption_format == "vtt"))
    if caption_format == "vtt":
        blocks = [b for b in blocks[1:] if not _is_vtt_non_cue(b)] if blocks else []
    return [_cue_block(first, block) for first, block in blocks]


def _blocks(lines: Sequence[str], *, vtt: bool) -> Iterator[tuple[int, list[str]]]:
    """(first line number, lines) of each block; a blank line or a second timing line ends one."""
    block: list[str] = []
    first = 0
    in_header = vtt
    for number, line in enumerate(lines, start=1):
        blank = not line.strip()
        if block and (blank or (ARROW in line and _timing_starts_new_block(block, in_header))):
            yield first, block
            block = []
            in_header = False
        if not blank:
            if not block:
                first = number
            block.append(line)
    if block:
        yield first, block


def _timing_starts_new_block(block: Sequence[str], in_header: bool) -> bool:
    """A timing line can only be a block's first line, or its second after an identifier."""
    if in_header:
        return True
    timing_seen = any(ARROW in line for line in block[:2])
    return timing_seen or len(block) > 1


def _is_vtt_non_cue(block: tuple[int, list[str]]) -> bool:
    first_line = block[1][0]
    return first_line.startswith(_VTT_NON_CUE) and not any(ARROW in line for line in block[1])


def _cue_block(first: int, block: list[str]) -> CueBlock:
    for offset, line in enumerate(block[:2]):  # the timing line, after an optional identifier
        if ARROW in line:
            return CueBlock(first, first + offset, line, tuple(block[offset + 1 :]))
    return CueBlock(first, None, "", tuple(block))
