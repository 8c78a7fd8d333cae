"""The rules a quiz must meet beyond field types: counts, correct answers, unique ids, the draw.

Each rule breaks as an Issue naming the question (by its index in the bank) and a field inside
it, so the TOML loader can point at a line of `quiz.toml` and the GIFT import at a question's line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from vrlearn.quiz.model import (
    ChoiceQuestion,
    MatchingQuestion,
    Question,
    SingleChoiceQuestion,
)

MIN_OPTIONS = 2
MIN_PAIRS = 2


@dataclass(frozen=True)
class Issue:
    """One broken rule: `field` is inside question number `question` (0-based), or quiz-level."""

    field: str
    message: str
    question: int | None = None


def quiz_issues(questions: tuple[Question, ...], draw: int | None) -> list[Issue]:
    """Every broken rule in a bank of questions and its draw."""
    issues: list[Issue] = []
    if not questions:
        issues.append(Issue("questions", "the quiz has no questions"))
    seen: set[str] = set()
    for index, question in enumerate(questions):
        if question.id in seen:
            issues.append(Issue("id", f"duplicate question id {question.id!r}", index))
        seen.add(question.id)
        issues.extend(Issue(f, m, index) for f, m in question_issues(question))
    if draw is not None and questions and draw > len(questions):
        issues.append(
            Issue("draw", f"draws {draw} questions but the quiz has only {len(questions)}")
        )
    return issues


def question_issues(question: Question) -> list[tuple[str, str]]:
    """Broken rules inside one question, as (field, message)."""
    if isinstance(question, ChoiceQuestion):
        return _choice_issues(question)
    if isinstance(question, MatchingQuestion):
        return _matching_issues(question)
    return []


def _choice_issues(question: ChoiceQuestion) -> list[tuple[str, str]]:
    issues = [
        (f"options[{index}].id", f"duplicate option id {option_id!r}")
        for index, option_id in _duplicates(option.id for option in question.options)
    ]
    if len(question.options) < MIN_OPTIONS:
        issues.append(("options", f"needs at least {MIN_OPTIONS} options"))
    correct = [index for index, option in enumerate(question.options) if option.correct]
    if not correct and question.options:
        issues.append(("options", "no correct answer"))
    if isinstance(question, SingleChoiceQuestion) and len(correct) > 1:
        issues.append(
            (
                f"options[{correct[1]}].correct",
                f"a single-choice question has exactly one correct option, this one has "
                f'{len(correct)}; use type = "multiple-response" if learners pick several',
            )
        )
    return issues


def _matching_issues(question: MatchingQuestion) -> list[tuple[str, str]]:
    issues = [
        (f"pairs[{index}].id", f"duplicate pair id {pair_id!r}")
        for index, pair_id in _duplicates(pair.id for pair in question.pairs)
    ]
    if len(question.pairs) < MIN_PAIRS:
        issues.append(
            (
                "pairs",
                f"a matching question needs at least {MIN_PAIRS} pairs, this one has "
                f"{len(question.pairs)}",
            )
        )
    return issues


def _duplicates(ids: Iterable[str]) -> list[tuple[int, str]]:
    """(index, id) of every id that repeats an earlier one."""
    seen: set[str] = set()
    found = []
    for index, item in enumerate(ids):
        if item in seen:
            found.append((index, item))
        seen.add(item)
    return found
