"""The quiz model: what a loaded, checked quiz and its questions look like to the app.

Every text a learner reads (prompts, options, feedback) is Markdown, rendered like module pages:
raw HTML shows as text and nothing is fetched. The answers of a matching question are plain text,
since the learner picks them from a list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Literal

QuestionKind = Literal["single-choice", "multiple-response", "true-false", "matching"]
Layout = Literal["one-per-screen", "all-on-one"]
LAYOUTS: tuple[Layout, ...] = ("one-per-screen", "all-on-one")


@dataclass(frozen=True)
class QuestionFeedback:
    """Feedback for the whole question: `correct` or `incorrect` by outcome, `general` always."""

    correct: str = ""
    incorrect: str = ""
    general: str = ""


@dataclass(frozen=True)
class Option:
    """One answer a learner can pick, with the feedback shown when they picked it."""

    id: str
    text: str
    correct: bool = False
    feedback: str = ""


@dataclass(frozen=True)
class ChoiceQuestion:
    """A question answered by picking options; see the two kinds below."""

    id: str
    prompt: str
    options: tuple[Option, ...]
    feedback: QuestionFeedback = field(default_factory=QuestionFeedback)

    @property
    def correct_option_ids(self) -> frozenset[str]:
        return frozenset(option.id for option in self.options if option.correct)

    def option(self, option_id: str) -> Option | None:
        return next((option for option in self.options if option.id == option_id), None)


@dataclass(frozen=True)
class SingleChoiceQuestion(ChoiceQuestion):
    """Pick one option; exactly one option is correct."""

    kind: ClassVar[QuestionKind] = "single-choice"


@dataclass(frozen=True)
class MultipleResponseQuestion(ChoiceQuestion):
    """Pick every option that applies; scored all-or-nothing (the picked set must be exact)."""

    kind: ClassVar[QuestionKind] = "multiple-response"


@dataclass(frozen=True)
class TrueFalseQuestion:
    """A statement the learner marks true or false.

    `true_feedback` is shown when the learner answered true, `false_feedback` when false.
    """

    id: str
    prompt: str
    answer: bool
    true_feedback: str = ""
    false_feedback: str = ""
    feedback: QuestionFeedback = field(default_factory=QuestionFeedback)

    kind: ClassVar[QuestionKind] = "true-false"


@dataclass(frozen=True)
class MatchPair:
    """One prompt (Markdown) and the answer (plain text) that belongs to it."""

    id: str
    prompt: str
    answer: str


@dataclass(frozen=True)
class MatchingQuestion:
    """Match each prompt to an answer; right only when every pair is right.

    Several prompts may share an answer; `distractors` are extra answers that match no prompt.
    """

    id: str
    prompt: str
    pairs: tuple[MatchPair, ...]
    distractors: tuple[str, ...] = ()
    feedback: QuestionFeedback = field(default_factory=QuestionFeedback)

    kind: ClassVar[QuestionKind] = "matching"

    @property
    def answer_choices(self) -> tuple[str, ...]:
        """Every distinct answer the learner chooses from, in the author's order."""
        seen: dict[str, None] = {}
        for text in (*(pair.answer for pair in self.pairs), *self.distractors):
            seen.setdefault(text, None)
        return tuple(seen)

    def pair(self, pair_id: str) -> MatchPair | None:
        return next((pair for pair in self.pairs if pair.id == pair_id), None)


Question = SingleChoiceQuestion | MultipleResponseQuestion | TrueFalseQuestion | MatchingQuestion


@dataclass(frozen=True)
class Quiz:
    """A quiz: its questions (the bank), how many to draw, and what it takes to pass.

    `pass_mark` is a percentage (0-100) of the questions on the paper; `draw` is how many questions
    each attempt draws from the bank (None: all of them, in the author's order).
    """

    id: str
    title: str
    questions: tuple[Question, ...]
    pass_mark: int
    attempt_limit: int | None = None
    layout: Layout = "one-per-screen"
    draw: int | None = None
    shuffle_options: bool = True

    @property
    def paper_size(self) -> int:
        """How many questions each attempt shows."""
        return self.draw if self.draw is not None else len(self.questions)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)
