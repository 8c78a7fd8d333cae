"""An attempt as the records keep it: JSON-safe answers and the dict saved on submission.

Pure Python, no Qt. The records hold only what rebuilds the attempt exactly: the seed and
`ALGORITHM` give the same paper again (`engine.build_attempt`), and the answers are stored in a
JSON-safe form (sets become sorted lists). Answers read back are checked against the paper, so a
record written for an older version of the quiz can never put an impossible answer on screen.

The submitted attempt dict::

    {"attempt_id", "quiz_id" (the quiz item in the module), "quiz_file_id" (the quiz file's id),
     "module_version", "seed", "algorithm", "answers", "correct", "total", "score_percent",
     "pass_mark", "passed", "started", "submitted"}    # times are UTC ISO 8601
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Collection, Mapping
from datetime import UTC, datetime
from typing import Any

from vrlearn.quiz.attempt import ALGORITHM, AttemptPaper, AttemptResult, PaperQuestion, Response
from vrlearn.quiz.engine import build_attempt
from vrlearn.quiz.model import (
    ChoiceQuestion,
    MatchingQuestion,
    MultipleResponseQuestion,
    Quiz,
    TrueFalseQuestion,
)

Answers = dict[str, Response]
"""Question id -> the learner's response (see `attempt.Response`); unanswered questions absent."""


def utc_now() -> str:
    """The current time as an ISO 8601 UTC time stamp, e.g. 2025-01-31T09:15:02+00:00."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_attempt_id() -> str:
    return uuid.uuid4().hex


def new_seed() -> int:
    """A fresh seed for a new paper (a non-negative int that JSON keeps exactly)."""
    return secrets.randbits(31)


def answers_to_json(answers: Mapping[str, Response | None]) -> dict[str, Any]:
    """The answers in a JSON-safe form: sets as sorted lists, matchings as dicts."""
    safe: dict[str, Any] = {}
    for question_id, response in answers.items():
        if response is None or isinstance(response, str | bool):
            if response is not None:
                safe[question_id] = response
        elif isinstance(response, Mapping):
            safe[question_id] = {str(key): str(value) for key, value in response.items()}
        else:
            safe[question_id] = sorted(str(option) for option in response)
    return safe


def answers_from_json(paper: AttemptPaper, raw: object) -> Answers:
    """The answers in `raw` that fit this paper; anything else is left out (unanswered)."""
    if not isinstance(raw, Mapping):
        return {}
    answers: Answers = {}
    for entry in paper.questions:
        response = _checked(entry, raw.get(entry.question.id))
        if response is not None:
            answers[entry.question.id] = response
    return answers


def _checked(entry: PaperQuestion, value: object) -> Response | None:
    question = entry.question
    if isinstance(question, MultipleResponseQuestion):
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            return None
        chosen = frozenset(value)
        return chosen if chosen and chosen <= set(entry.order) else None
    if isinstance(question, ChoiceQuestion):
        return value if isinstance(value, str) and value in entry.order else None
    if isinstance(question, TrueFalseQuestion):
        return value if isinstance(value, bool) else None
    if isinstance(question, MatchingQuestion) and isinstance(value, Mapping):
        pairs = {pair.id for pair in question.pairs}
        matched = {
            key: answer
            for key, answer in value.items()
            if key in pairs and isinstance(answer, str) and answer in entry.order
        }
        return matched or None
    return None


def is_fully_answered(entry: PaperQuestion, response: Response | None) -> bool:
    """Whether every part of the question has an answer (a matching: every prompt matched)."""
    if response is None:
        return False
    question = entry.question
    if isinstance(question, MatchingQuestion):
        if not isinstance(response, Mapping):
            return False
        return all(response.get(pair.id) for pair in question.pairs)
    if isinstance(response, Collection) and not isinstance(response, str):
        return len(response) > 0
    return True


def paper_for_record(quiz: Quiz, record: Mapping[str, Any]) -> AttemptPaper | None:
    """The paper a saved attempt was given, rebuilt from its seed; None if that is impossible."""
    seed = record.get("seed")
    if isinstance(seed, bool) or not isinstance(seed, int):
        return None
    if record.get("algorithm", ALGORITHM) != ALGORITHM:
        return None
    try:
        return build_attempt(quiz, seed)
    except ValueError:  # the quiz changed so that this paper cannot be drawn any more
        return None


def submitted_attempt(
    *,
    attempt_id: str,
    quiz_item_id: str,
    module_version: str,
    paper: AttemptPaper,
    answers: Mapping[str, Response | None],
    result: AttemptResult,
    started: str,
    submitted: str | None = None,
) -> dict[str, Any]:
    """The dict handed to the records when an attempt is submitted (see the module docstring)."""
    return {
        "attempt_id": attempt_id,
        "quiz_id": quiz_item_id,
        "quiz_file_id": paper.quiz.id,
        "module_version": module_version,
        "seed": paper.seed,
        "algorithm": paper.algorithm,
        "answers": answers_to_json(answers),
        "correct": result.correct_count,
        "total": result.total,
        "score_percent": round(result.percent, 2),
        "pass_mark": result.pass_mark,
        "passed": result.passed,
        "started": started,
        "submitted": submitted or utc_now(),
    }


def shown_percent(result: AttemptResult) -> int:
    """The score to show, rounded down, so a score that fails never reads as the pass mark."""
    return result.correct_count * 100 // result.total if result.total else 0
