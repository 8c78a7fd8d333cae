"""One attempt at a quiz: the paper a learner was given, and the marked result.

A paper is fully determined by the quiz and the attempt's seed (see `engine.build_attempt`), so a
record needs only the quiz id and version, the seed and `ALGORITHM` to show the same paper again.
The drawn question ids and option orders are on the paper too, for records that keep them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from vrlearn.quiz.model import Question, QuestionKind, Quiz

ALGORITHM = 1
"""Version of the draw-and-shuffle procedure; a change to `engine.build_attempt` bumps it."""

Response = str | bool | Collection[str] | Mapping[str, str]
"""A learner's answer to one question, by kind:

- single-choice: the chosen option id (`str`)
- multiple-response: the chosen option ids (a set, list or tuple of `str`)
- true-false: `True` or `False`
- matching: pair id -> the chosen answer text (`Mapping[str, str]`)

A question that is missing from the answers, or answered with None, is unanswered.
"""


@dataclass(frozen=True)
class PaperQuestion:
    """A question as it appears on one paper.

    `order` is the display order of what the learner chooses from: option ids for choice
    questions, `("true", "false")` for true/false, answer texts for matching.
    """

    question: Question
    order: tuple[str, ...]


@dataclass(frozen=True)
class AttemptPaper:
    """The questions (and option orders) one attempt shows, built from `seed`."""

    quiz: Quiz
    seed: int
    questions: tuple[PaperQuestion, ...]
    algorithm: int = ALGORITHM

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(entry.question.id for entry in self.questions)

    def find(self, question_id: str) -> PaperQuestion | None:
        return next((q for q in self.questions if q.question.id == question_id), None)


@dataclass(frozen=True)
class QuestionResult:
    """How one question was marked, and the feedback to show in the review.

    `option_feedback` is the feedback of what the learner chose, in paper order (for true/false
    the feedback of the value chosen); `outcome_feedback` is the question's correct or incorrect
    feedback; `general_feedback` is shown whatever the outcome.
    """

    question_id: str
    kind: QuestionKind
    answered: bool
    correct: bool
    option_feedback: tuple[str, ...] = ()
    outcome_feedback: str = ""
    general_feedback: str = ""

    @property
    def feedback(self) -> tuple[str, ...]:
        """Every non-empty feedback text, in the order to show them."""
        texts = (*self.option_feedback, self.outcome_feedback, self.general_feedback)
        return tuple(text for text in texts if text)


@dataclass(frozen=True)
class AttemptResult:
    """A marked attempt: one result per question on the paper, the percentage, pass or fail."""

    quiz_id: str
    seed: int
    pass_mark: int
    questions: tuple[QuestionResult, ...]

    @property
    def correct_count(self) -> int:
        return sum(1 for result in self.questions if result.correct)

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def percent(self) -> float:
        """Share of questions right, 0-100 (unrounded; round for display only)."""
        return 100 * self.correct_count / self.total if self.total else 0.0

    @property
    def passed(self) -> bool:
        """Whether the percentage reaches the pass mark (compared exactly, without rounding)."""
        return self.total > 0 and self.correct_count * 100 >= self.pass_mark * self.total

    def result_for(self, question_id: str) -> QuestionResult | None:
        return next((r for r in self.questions if r.question_id == question_id), None)
