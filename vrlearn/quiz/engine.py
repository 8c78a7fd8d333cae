"""Attempts at a quiz: build the paper from a seed, mark the answers, decide on retakes.

Pure functions. Randomness comes only from `random.Random(seed)`, and only through its `random()`
method, whose output for a given integer seed Python guarantees across versions (unlike
`shuffle` and `sample`, whose algorithms may change); so a recorded seed rebuilds the same paper.

Marking: every question is right or wrong, with no partial credit.

- single-choice: right when the chosen option is the correct one.
- multiple-response: all-or-nothing: right only when the chosen set is exactly the correct set
  (every correct option chosen and no other). An empty choice is unanswered.
- true-false: right when the chosen value is the answer.
- matching: right only when every pair is matched to its answer.

The percentage is right answers over questions on the paper; the attempt passes when it reaches
the pass mark (compared exactly in whole numbers, so 7 of 10 passes a pass mark of 70).
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence
from typing import TypeVar

from vrlearn.quiz.attempt import (
    AttemptPaper,
    AttemptResult,
    PaperQuestion,
    QuestionResult,
    Response,
)
from vrlearn.quiz.model import (
    ChoiceQuestion,
    MatchingQuestion,
    MultipleResponseQuestion,
    Question,
    Quiz,
    TrueFalseQuestion,
)

TRUE_FALSE_ORDER = ("true", "false")

T = TypeVar("T")


def build_attempt(quiz: Quiz, seed: int) -> AttemptPaper:
    """The paper for the attempt with this seed: the same quiz and seed give the same paper.

    With `draw`, the drawn questions keep the author's order. Options are shuffled when the quiz
    says `shuffle_options`; matching answers are always shuffled (in the author's order they
    would line up with their prompts); true/false always reads true, then false.
    """
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"seed must be an int, not {type(seed).__name__}")
    rng = random.Random(seed)
    count = len(quiz.questions)
    if quiz.draw is None:
        chosen = list(range(count))
    else:
        if not 0 < quiz.draw <= count:
            raise ValueError(f"cannot draw {quiz.draw} of {count} questions")
        chosen = sorted(_shuffled(rng, range(count))[: quiz.draw])
    entries = tuple(_paper_question(quiz, quiz.questions[i], rng) for i in chosen)
    return AttemptPaper(quiz=quiz, seed=seed, questions=entries)


def _paper_question(quiz: Quiz, question: Question, rng: random.Random) -> PaperQuestion:
    if isinstance(question, ChoiceQuestion):
        ids = [option.id for option in question.options]
        return PaperQuestion(question, _shuffled(rng, ids) if quiz.shuffle_options else tuple(ids))
    if isinstance(question, MatchingQuestion):
        return PaperQuestion(question, _shuffled(rng, question.answer_choices))
    return PaperQuestion(question, TRUE_FALSE_ORDER)


def _shuffled(rng: random.Random, items: Sequence[T]) -> tuple[T, ...]:
    """Fisher-Yates driven by `rng.random()` alone (stable across Python versions)."""
    result = list(items)
    for i in range(len(result) - 1, 0, -1):
        j = min(int(rng.random() * (i + 1)), i)
        result[i], result[j] = result[j], result[i]
    return tuple(result)


def score(paper: AttemptPaper, answers: Mapping[str, Response | None]) -> AttemptResult:
    """Mark the answers given on this paper (question id -> response; see `Response`).

    Raises ValueError for an answer to a question not on the paper, a response of the wrong kind,
    or an option, pair or answer the question does not have: those are bugs, not wrong answers.
    """
    unknown = sorted(set(answers) - set(paper.question_ids))
    if unknown:
        raise ValueError(f"answers for questions not on this paper: {', '.join(unknown)}")
    results = tuple(_mark(entry, answers.get(entry.question.id)) for entry in paper.questions)
    return AttemptResult(paper.quiz.id, paper.seed, paper.quiz.pass_mark, results)


def _mark(entry: PaperQuestion, response: Response | None) -> QuestionResult:
    question = entry.question
    if isinstance(question, MultipleResponseQuestion):
        answered, correct, chosen = _mark_multiple(question, entry.order, response)
    elif isinstance(question, ChoiceQuestion):
        answered, correct, chosen = _mark_single(question, response)
    elif isinstance(question, TrueFalseQuestion):
        answered, correct, chosen = _mark_true_false(question, response)
    else:
        answered, correct, chosen = _mark_matching(question, response)
    feedback = question.feedback
    return QuestionResult(
        question_id=question.id,
        kind=question.kind,
        answered=answered,
        correct=correct,
        option_feedback=tuple(text for text in chosen if text),
        outcome_feedback=feedback.correct if correct else feedback.incorrect,
        general_feedback=feedback.general,
    )


Marked = tuple[bool, bool, tuple[str, ...]]
"""(answered, correct, feedback of what was chosen)"""


def _mark_single(question: ChoiceQuestion, response: Response | None) -> Marked:
    if response is None:
        return False, False, ()
    if not isinstance(response, str):
        raise ValueError(f"{question.id}: a single-choice answer is one option id")
    option = question.option(response)
    if option is None:
        raise ValueError(f"{question.id}: no option {response!r}")
    return True, option.correct, (option.feedback,)


def _mark_multiple(
    question: ChoiceQuestion, order: tuple[str, ...], response: Response | None
) -> Marked:
    if response is None:
        return False, False, ()
    if isinstance(response, str | bool | Mapping) or not isinstance(response, Collection):
        raise ValueError(f"{question.id}: a multiple-response answer is a set of option ids")
    chosen = frozenset(response)
    missing = sorted(chosen - {option.id for option in question.options})
    if missing:
        raise ValueError(f"{question.id}: no option {', '.join(map(repr, missing))}")
    if not chosen:
        return False, False, ()
    by_id = {option.id: option for option in question.options}
    feedback = tuple(by_id[option_id].feedback for option_id in order if option_id in chosen)
    return True, chosen == question.correct_option_ids, feedback


def _mark_true_false(question: TrueFalseQuestion, response: Response | None) -> Marked:
    if response is None:
        return False, False, ()
    if not isinstance(response, bool):
        raise ValueError(f"{question.id}: a true/false answer is True or False")
    chosen = question.true_feedback if response else question.false_feedback
    return True, response == question.answer, (chosen,)


def _mark_matching(question: MatchingQuestion, response: Response | None) -> Marked:
    if response is None or (isinstance(response, Mapping) and not response):
        return False, False, ()
    if not isinstance(response, Mapping):
        raise ValueError(f"{question.id}: a matching answer maps pair ids to answers")
    choices = set(question.answer_choices)
    for pair_id, answer in response.items():
        if question.pair(pair_id) is None:
            raise ValueError(f"{question.id}: no pair {pair_id!r}")
        if answer not in choices:
            raise ValueError(f"{question.id}: {answer!r} is not one of the answers")
    correct = all(response.get(pair.id) == pair.answer for pair in question.pairs)
    return True, correct, ()


def attempts_left(quiz: Quiz, previous_attempts: Collection[object]) -> int | None:
    """How many more attempts the learner may start; None when there is no limit."""
    if quiz.attempt_limit is None:
        return None
    return max(quiz.attempt_limit - len(previous_attempts), 0)


def can_retake(quiz: Quiz, previous_attempts: Collection[object]) -> bool:
    """Whether another attempt may start after `previous_attempts` (submitted attempts).

    Only the attempt limit stops a retake: a learner who passed may take the quiz again (the
    completion rule, not the quiz, decides that passing once is enough).
    """
    left = attempts_left(quiz, previous_attempts)
    return left is None or left > 0
