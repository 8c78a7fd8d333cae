"""Reading Moodle GIFT question files into GiftQuestion records, with every problem's line.

Questions are separated by blank lines. Lines starting with `//` are comments; `// [id:x]` and
`// [tag:y]` in a question's comments set its id and tags. `$CATEGORY: path` names a Moodle
category, which VR Learn ignores. A question is an optional `::title::`, the stem, and one answer
block in braces (see `gift_answers` for what goes inside, and `gift_text` for escapes and
`[html]`-style format markers). Text after the braces makes a "missing word" question: its stem
shows `_____` where the braces were.

Short answer, numerical, essay and description (text without braces) blocks are read, so that
they can be named, and reported as not supported at the line where the block starts.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path

from vrlearn.modules.model import Problem
from vrlearn.quiz.gift_answers import (
    AnswerBlock,
    AnswerError,
    GiftChoice,
    GiftPair,
    GiftType,
    read_answers,
)
from vrlearn.quiz.gift_text import DEFAULT_FORMAT, GiftText, find_unescaped, plain_text, rich_text

__all__ = ["GiftChoice", "GiftDocument", "GiftPair", "GiftQuestion", "GiftType", "parse_gift"]

SUPPORTED_TYPES: frozenset[GiftType] = frozenset({"MC", "TF", "Matching"})
_SUPPORTED = "VR Learn imports single choice, multiple response, true/false and matching questions"
UNSUPPORTED: dict[GiftType, str] = {
    "Short": "short-answer questions (only '=' answers, or one bare answer) are not supported",
    "Numerical": "numerical questions ({#...}) are not supported",
    "Essay": "essay questions (empty braces {}) are not supported",
    "Description": "text without an answer block {...} (a Moodle description) is not supported",
}
CATEGORY = "$CATEGORY:"

_ID = re.compile(r"\[id:([^\x00-\x1f\x7f]+?)\]")
_TAG = re.compile(r"\[tag:([^\x00-\x1f\x7f]+?)\]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class GiftQuestion:
    """One block of a GIFT file: `line` is where it starts; `number` counts questions from 1."""

    type: GiftType
    line: int
    number: int
    title: str | None = None
    stem: GiftText = GiftText(DEFAULT_FORMAT, "")
    embedded: bool = False
    id: str | None = None
    tags: tuple[str, ...] = ()
    answers: AnswerBlock | None = None

    @property
    def field(self) -> str:
        """How problems name this block: `question 3`, or `category`."""
        return "category" if self.type == "Category" else f"question {self.number}"

    @property
    def general_feedback(self) -> GiftText | None:
        return self.answers.general_feedback if self.answers else None

    @property
    def choices(self) -> tuple[GiftChoice, ...]:
        return self.answers.choices if self.answers else ()

    @property
    def pairs(self) -> tuple[GiftPair, ...]:
        return self.answers.pairs if self.answers else ()


@dataclass(frozen=True)
class GiftDocument:
    """Everything read from one GIFT file: every block (supported or not) and every problem."""

    path: Path
    questions: tuple[GiftQuestion, ...]
    problems: tuple[Problem, ...]


def parse_gift(text: str, path: Path) -> GiftDocument:
    """Every block in GIFT `text`, in order; problems name `path` and the line."""
    parser = _Parser(path)
    for lines in _blocks(text.removeprefix("\ufeff")):
        parser.block(lines)
    return GiftDocument(path, tuple(parser.questions), tuple(parser.problems))


def _blocks(text: str) -> list[list[tuple[int, str]]]:
    """Runs of non-blank lines, as (line number, text)."""
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        if line.strip():
            blocks[-1].append((number, line))
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


class _Source:
    """The text of one block with its comments removed, and the way back to line numbers."""

    def __init__(self, lines: list[tuple[int, str]]) -> None:
        self.text = "\n".join(text for _, text in lines)
        self.numbers = [number for number, _ in lines]
        self.starts: list[int] = []
        offset = 0
        for _, text in lines:
            self.starts.append(offset)
            offset += len(text) + 1

    def line_at(self, offset: int) -> int:
        return self.numbers[max(bisect.bisect_right(self.starts, offset) - 1, 0)]


class _Parser:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.questions: list[GiftQuestion] = []
        self.problems: list[Problem] = []
        self.number = 0

    def report(self, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, field, message))

    def block(self, lines: list[tuple[int, str]]) -> None:
        content = [(n, text) for n, text in lines if not text.lstrip().startswith("//")]
        comments = " ".join(text for _, text in lines if text.lstrip().startswith("//"))
        if content and content[0][1].lstrip().startswith(CATEGORY):
            number, first = content.pop(0)
            title = plain_text(first.lstrip()[len(CATEGORY) :])
            self.questions.append(GiftQuestion("Category", number, 0, title=title))
        if not content:
            return
        self.number += 1
        found_id = _ID.search(comments)
        question_id = found_id.group(1).strip().replace("\\]", "]") if found_id else None
        tags = tuple(_TAG.findall(comments))
        question = self.question(_Source(content), question_id, tags)
        if question is None:
            return
        if question.type in UNSUPPORTED:
            message = f"{UNSUPPORTED[question.type]}; {_SUPPORTED}"
            self.report(question.line, question.field, message)
        self.questions.append(question)

    def question(
        self, source: _Source, question_id: str | None, tags: tuple[str, ...]
    ) -> GiftQuestion | None:
        text = source.text
        start_line = source.numbers[0]
        field = f"question {self.number}"
        position = len(text) - len(text.lstrip())
        title = None
        if text.startswith("::", position):
            end = find_unescaped(text, "::", position + 2)
            if end < 0:
                self.report(start_line, field, "the title opened with :: is not closed with ::")
                return None
            title = plain_text(text[position + 2 : end])
            position = end + 2
        opening = find_unescaped(text, "{", position)
        if opening < 0:
            stem = rich_text(text[position:], DEFAULT_FORMAT)
            return GiftQuestion(
                "Description", start_line, self.number, title, stem, False, question_id, tags
            )
        closing = find_unescaped(text, "}", opening + 1)
        if closing < 0:
            line = source.line_at(opening)
            self.report(line, field, "the answer block opened with { is not closed with }")
            return None
        after = text[closing + 1 :]
        if (second := find_unescaped(after, "{")) >= 0:
            line = source.line_at(closing + 1 + second)
            self.report(
                line,
                field,
                "a second answer block: a question has one {...}, and "
                "questions are separated by a blank line",
            )
            return None
        before = text[position:opening]
        stem1 = rich_text(before, DEFAULT_FORMAT) if before.strip() else None
        text_format = stem1.format if stem1 else DEFAULT_FORMAT
        stem2 = rich_text(after, text_format) if after.strip() else None
        if stem1 is None and stem2 is not None:
            text_format = stem2.format
        try:
            answers = read_answers(text[opening + 1 : closing], text_format)
        except AnswerError as error:
            self.report(source.line_at(opening + 1 + error.offset), field, error.message)
            return None
        stem_text = stem1.text if stem1 else ""
        if stem2 is not None:
            stem_text = f"{stem_text} _____ {stem2.text}" if stem_text else f"_____ {stem2.text}"
        return GiftQuestion(
            type=answers.type,
            line=start_line,
            number=self.number,
            title=title,
            stem=GiftText(text_format, stem_text),
            embedded=stem2 is not None,
            id=question_id,
            tags=tags,
            answers=answers,
        )
