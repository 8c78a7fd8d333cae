"""Reading the `[[questions]]` tables of a quiz file into questions, reporting bad fields.

The layout of each question type is described in `toml_quiz`. This module reads field types and
unknown keys; the rules across fields (one correct option, two pairs...) are in `checks`.
"""

from __future__ import annotations

import re
from typing import Any

from vrlearn.modules.fields import FieldReader
from vrlearn.quiz.model import (
    MatchingQuestion,
    MatchPair,
    MultipleResponseQuestion,
    Option,
    Question,
    QuestionFeedback,
    SingleChoiceQuestion,
    TrueFalseQuestion,
)

MAX_TEXT = 4000
MAX_ANSWER = 200
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
ID_HELP = "use letters, digits, '-' and '_' (at most 64)"

QUESTION_KEYS = {"id", "type", "prompt", "feedback", "correct_feedback", "incorrect_feedback"}
KIND_KEYS = {
    "single-choice": {"options"},
    "multiple-response": {"options"},
    "true-false": {"answer", "true_feedback", "false_feedback"},
    "matching": {"pairs", "distractors"},
}
OPTION_KEYS = {"id", "text", "correct", "feedback"}
PAIR_KEYS = {"id", "prompt", "answer"}


class QuestionReader:
    """Turns one `[[questions]]` table into a question; problems go to `fields`."""

    def __init__(self, fields: FieldReader) -> None:
        self.fields = fields

    def question(self, prefix: str, table: dict[str, Any]) -> Question | None:
        """The question in `table` (at field `prefix`), or None when its type is unknown."""
        f = self.fields
        kind = table.get("type")
        if not isinstance(kind, str) or kind not in KIND_KEYS:
            kinds = ", ".join(f'"{name}"' for name in KIND_KEYS)
            shown = "missing" if kind is None else f"{kind!r} is not a question type"
            f.report(f"{prefix}.type", f"{shown}; use {kinds}")
            return None
        f.unknown_keys(table, QUESTION_KEYS | KIND_KEYS[kind], prefix)
        question_id = self._id(table, prefix)
        prompt = f.text(table, "prompt", prefix, max_length=MAX_TEXT)
        feedback = QuestionFeedback(
            correct=self._optional_text(table, "correct_feedback", prefix),
            incorrect=self._optional_text(table, "incorrect_feedback", prefix),
            general=self._optional_text(table, "feedback", prefix),
        )
        if kind == "true-false":
            return TrueFalseQuestion(
                id=question_id,
                prompt=prompt,
                answer=self._answer(table, prefix),
                true_feedback=self._optional_text(table, "true_feedback", prefix),
                false_feedback=self._optional_text(table, "false_feedback", prefix),
                feedback=feedback,
            )
        if kind == "matching":
            pairs = tuple(
                self._pair(pair_prefix, pair_table, index)
                for index, (pair_prefix, pair_table) in enumerate(
                    f.tables(table, "pairs", prefix, min_items=0)
                )
            )
            distractors: tuple[str, ...] = ()
            if "distractors" in table:
                distractors = f.text_list(table, "distractors", prefix, min_items=0)
            return MatchingQuestion(question_id, prompt, pairs, distractors, feedback)
        options = tuple(
            self._option(option_prefix, option_table, index)
            for index, (option_prefix, option_table) in enumerate(
                f.tables(table, "options", prefix, min_items=0)
            )
        )
        if kind == "single-choice":
            return SingleChoiceQuestion(question_id, prompt, options, feedback)
        return MultipleResponseQuestion(question_id, prompt, options, feedback)

    def _id(self, table: dict[str, Any], prefix: str) -> str:
        return self.fields.text(
            table, "id", prefix, max_length=64, pattern=ID_PATTERN, pattern_help=ID_HELP
        )

    def _optional_text(self, table: dict[str, Any], key: str, prefix: str) -> str:
        return self.fields.text(table, key, prefix, required=False, max_length=MAX_TEXT)

    def _answer(self, table: dict[str, Any], prefix: str) -> bool:
        if "answer" not in table:
            self.fields.report(f"{prefix}.answer", "missing (required): true or false")
            return True
        return self.fields.flag(table, "answer", prefix, default=True)

    def _option(self, prefix: str, table: dict[str, Any], index: int) -> Option:
        f = self.fields
        f.unknown_keys(table, OPTION_KEYS, prefix)
        return Option(
            id=self._id(table, prefix) if "id" in table else str(index + 1),
            text=f.text(table, "text", prefix, max_length=MAX_TEXT),
            correct=f.flag(table, "correct", prefix, default=False),
            feedback=self._optional_text(table, "feedback", prefix),
        )

    def _pair(self, prefix: str, table: dict[str, Any], index: int) -> MatchPair:
        f = self.fields
        f.unknown_keys(table, PAIR_KEYS, prefix)
        return MatchPair(
            id=self._id(table, prefix) if "id" in table else str(index + 1),
            prompt=f.text(table, "prompt", prefix, max_length=MAX_TEXT),
            answer=f.text(table, "answer", prefix, max_length=MAX_ANSWER),
        )
