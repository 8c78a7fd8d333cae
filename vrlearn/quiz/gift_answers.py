"""Reading the answer block of one GIFT question: the text between `{` and `}`.

The type follows from what the block holds, as Moodle decides it: nothing is an essay, `#...` is
numerical, `T`/`F`/`TRUE`/`FALSE` is true/false, any `~` answer makes multiple choice, `=` answers
that all hold `->` are matching, other `=` answers (or one bare answer) are short answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from vrlearn.quiz.gift_text import GiftText, find_unescaped, plain_text, rich_text, split_unescaped

GiftType = Literal["MC", "TF", "Matching", "Short", "Numerical", "Essay", "Description", "Category"]

_TRUE_FALSE = re.compile(r"\s*(TRUE|FALSE|T|F)(?=\s*(?:#|\Z))", re.IGNORECASE)
_WEIGHT = re.compile(r"\s*%(-?\d+(?:\.\d+)?)%")
_MARKERS = "=~"


@dataclass(frozen=True)
class GiftChoice:
    """One `=` (correct) or `~` answer, with its optional `%weight%` and `#feedback`."""

    correct: bool
    weight: float | None
    text: GiftText
    feedback: GiftText | None = None


@dataclass(frozen=True)
class GiftPair:
    """One `=subquestion -> subanswer` of a matching question (empty subquestion: a distractor)."""

    subquestion: GiftText
    subanswer: str


@dataclass(frozen=True)
class AnswerBlock:
    type: GiftType
    general_feedback: GiftText | None = None
    choices: tuple[GiftChoice, ...] = ()
    pairs: tuple[GiftPair, ...] = ()
    is_true: bool | None = None
    wrong_feedback: GiftText | None = None
    right_feedback: GiftText | None = None


class AnswerError(ValueError):
    """The answer block cannot be read; `offset` is where in the block the trouble is."""

    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message


def read_answers(body: str, text_format: str) -> AnswerBlock:
    """The answers in `body` (between the braces); text without a marker takes `text_format`."""
    general_at = find_unescaped(body, "####")
    general = None
    if general_at >= 0:
        general = _optional(body[general_at + 4 :], text_format)
        body = body[:general_at]
    if not body.strip():
        return AnswerBlock("Essay", general)
    if body.strip().startswith("#"):
        return AnswerBlock("Numerical", general)
    if match := _TRUE_FALSE.match(body):
        return _true_false(body, match, text_format, general)
    starts = _answer_starts(body)
    if not starts:
        text, feedback = _text_and_feedback(body, text_format)
        return AnswerBlock("Short", general, (GiftChoice(True, None, text, feedback),))
    if body[: starts[0]].strip():
        raise AnswerError(0, "text before the first answer; start every answer with = or ~")
    segments = [
        (start, body[start + 1 : end])
        for start, end in zip(starts, [*starts[1:], len(body)], strict=True)
    ]
    markers = {body[start] for start in starts}
    if "~" not in markers and any("->" in text for _, text in segments):
        return AnswerBlock("Matching", general, pairs=_pairs(segments, text_format))
    choices = tuple(_choice(body[start], start, text, text_format) for start, text in segments)
    return AnswerBlock("MC" if "~" in markers else "Short", general, choices)


def _answer_starts(body: str) -> list[int]:
    starts: list[int] = []
    for marker in _MARKERS:
        starts.extend(offset - 1 for offset, _ in split_unescaped(body, marker)[1:])
    return sorted(starts)


def _true_false(
    body: str, match: re.Match[str], text_format: str, general: GiftText | None
) -> AnswerBlock:
    feedback = split_unescaped(body[match.end() :], "#")[1:]
    if len(feedback) > 2:
        offset = match.end() + feedback[2][0]
        raise AnswerError(offset, "true/false takes at most two #feedback texts (wrong, right)")
    texts = [_optional(text, text_format) for _, text in feedback] + [None, None]
    return AnswerBlock(
        "TF",
        general,
        is_true=match.group(1).upper().startswith("T"),
        wrong_feedback=texts[0],
        right_feedback=texts[1],
    )


def _choice(marker: str, start: int, raw: str, text_format: str) -> GiftChoice:
    weight = None
    if match := _WEIGHT.match(raw):
        weight = float(match.group(1))
        raw = raw[match.end() :]
    elif raw.lstrip().startswith("%"):
        raise AnswerError(start, "a weight is written %50% or %-100% (a percentage)")
    text, feedback = _text_and_feedback(raw, text_format)
    if not text.text:
        raise AnswerError(start, f"an answer after {marker!r} has no text")
    return GiftChoice(marker == "=", weight, text, feedback)


def _text_and_feedback(raw: str, text_format: str) -> tuple[GiftText, GiftText | None]:
    hash_at = find_unescaped(raw, "#")
    if hash_at < 0:
        return rich_text(raw, text_format), None
    return rich_text(raw[:hash_at], text_format), _optional(raw[hash_at + 1 :], text_format)


def _optional(raw: str, text_format: str) -> GiftText | None:
    text = rich_text(raw, text_format)
    return text if text.text else None


def _pairs(segments: list[tuple[int, str]], text_format: str) -> tuple[GiftPair, ...]:
    pairs = []
    for start, raw in segments:
        arrow = raw.find("->")
        if arrow < 0:
            raise AnswerError(start, "every answer of a matching question is =prompt -> answer")
        left = raw[:arrow]
        subquestion = rich_text(left, text_format)
        pairs.append(GiftPair(subquestion, plain_text(raw[arrow + 2 :])))
    return tuple(pairs)
