"""Marking: each question kind right and wrong, the feedback to show, pass marks and retakes."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from tests.quiz.samples import bank, four_kinds
from vrlearn.quiz.attempt import AttemptResult, Response
from vrlearn.quiz.engine import attempts_left, build_attempt, can_retake, score

ALL_RIGHT: dict[str, Response] = {
    "single": "early",
    "multiple": {"return", "stay", "volunteer"},
    "true-false": True,
    "matching": {
        "ot": "Workplace assessment",
        "slt": "Communication at work",
        "emp": "Reasonable adjustments",
    },
}


def mark(answers: Mapping[str, Response | None], seed: int = 3, **changes: object) -> AttemptResult:
    return score(build_attempt(four_kinds(**changes), seed), answers)


def outcome(answers: Mapping[str, Response | None]) -> dict[str, bool]:
    return {r.question_id: r.correct for r in mark(answers).questions}


def test_all_right() -> None:
    result = mark(ALL_RIGHT)
    assert all(r.correct and r.answered for r in result.questions)
    assert (result.correct_count, result.total, result.percent, result.passed) == (4, 4, 100, True)
    assert result.quiz_id == "four-kinds" and result.seed == 3


def test_nothing_answered_is_all_wrong_and_unanswered() -> None:
    result = mark({})
    assert [(r.answered, r.correct) for r in result.questions] == [(False, False)] * 4
    assert result.percent == 0 and not result.passed
    assert result.questions[0].outcome_feedback == "Not quite."


def test_single_choice_feedback_for_right_and_wrong() -> None:
    right = mark({"single": "early"}).questions[0]
    assert right.correct and right.feedback == ("Yes: early.", "Well done.", "See NG236.")
    wrong = mark({"single": "late"}).questions[0]
    assert not wrong.correct and wrong.feedback == ("Too late.", "Not quite.", "See NG236.")
    no_option_feedback = mark({"single": "asked"}).questions[0]
    assert no_option_feedback.feedback == ("Not quite.", "See NG236.")


@pytest.mark.parametrize(
    ("chosen", "correct"),
    [
        ({"return", "stay", "volunteer"}, True),
        (["volunteer", "stay", "return"], True),  # any collection of ids
        ({"return", "stay"}, False),  # one right answer missing: no partial credit
        ({"return", "stay", "volunteer", "drive"}, False),  # one wrong answer too many
        ({"none"}, False),
    ],
)
def test_multiple_response_is_all_or_nothing(chosen: Response, correct: bool) -> None:
    assert outcome({"multiple": chosen})["multiple"] is correct


def test_multiple_response_feedback_follows_paper_order() -> None:
    paper = build_attempt(four_kinds(), 11)
    result = score(paper, {"multiple": {"none", "return"}}).questions[1]
    expected = [
        {"none": "Work matters.", "return": "A goal."}[oid]
        for oid in paper.questions[1].order
        if oid in {"none", "return"}
    ]
    assert list(result.option_feedback) == expected
    assert result.general_feedback == "Work covers paid, voluntary and study roles."


def test_empty_multiple_response_is_unanswered() -> None:
    result = mark({"multiple": set()}).questions[1]
    assert (result.answered, result.correct) == (False, False)


def test_true_false_marks_and_feedback_of_the_value_chosen() -> None:
    right = mark({"true-false": True}).questions[2]
    assert right.correct and right.feedback == ("Right: it is very common.",)
    wrong = mark({"true-false": False}).questions[2]
    assert not wrong.correct
    assert wrong.feedback == ("It is in fact very common.", "Review lesson 2.")


def test_matching_needs_every_pair_right() -> None:
    assert outcome(ALL_RIGHT)["matching"] is True
    swapped = {**ALL_RIGHT["matching"], "ot": "Communication at work"}  # type: ignore[dict-item]
    assert outcome({"matching": swapped})["matching"] is False
    partial = {"ot": "Workplace assessment", "slt": "Communication at work"}
    result = mark({"matching": partial}).questions[3]
    assert (result.answered, result.correct) == (True, False)
    distractor = {**ALL_RIGHT["matching"], "emp": "Prescribing medication"}  # type: ignore[dict-item]
    assert outcome({"matching": distractor})["matching"] is False


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"elsewhere": "x"}, "not on this paper: elsewhere"),
        ({"single": {"early"}}, "single: a single-choice answer is one option id"),
        ({"single": "maybe"}, "single: no option 'maybe'"),
        ({"multiple": "return"}, "multiple: a multiple-response answer is a set"),
        ({"multiple": {"return", "fly"}}, "multiple: no option 'fly'"),
        ({"true-false": "yes"}, "true-false: a true/false answer is True or False"),
        ({"matching": ["ot"]}, "matching: a matching answer maps pair ids"),
        ({"matching": {"pt": "Workplace assessment"}}, "matching: no pair 'pt'"),
        ({"matching": {"ot": "Gardening"}}, "matching: 'Gardening' is not one of the answers"),
    ],
)
def test_answers_that_cannot_belong_to_the_paper_are_refused(
    answers: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        mark(answers)  # type: ignore[arg-type]


def test_drawn_paper_is_marked_on_its_own_questions() -> None:
    quiz = bank(10, draw=4, pass_mark=75)
    paper = build_attempt(quiz, 8)
    ids = paper.question_ids
    result = score(paper, {ids[0]: True, ids[1]: True, ids[2]: True, ids[3]: False})
    assert (result.correct_count, result.total, result.percent, result.passed) == (3, 4, 75, True)
    with pytest.raises(ValueError, match="not on this paper"):
        score(paper, {next(q.id for q in quiz.questions if q.id not in ids): True})


@pytest.mark.parametrize(
    ("right", "pass_mark", "passed"),
    [
        (7, 70, True),  # exactly at the mark
        (6, 70, False),
        (10, 100, True),
        (9, 100, False),
        (0, 0, True),
        (2, 15, True),  # 20% >= 15%
        (1, 15, False),  # 10% < 15%
    ],
)
def test_pass_mark_boundary(right: int, pass_mark: int, passed: bool) -> None:
    quiz = bank(10, pass_mark=pass_mark)
    paper = build_attempt(quiz, 1)
    answers = {q.id: index < right for index, q in enumerate(quiz.questions)}
    result = score(paper, answers)
    assert result.correct_count == right
    assert result.passed is passed


def test_pass_mark_is_compared_exactly_not_rounded() -> None:
    quiz = bank(3, pass_mark=67)
    answers = {"b0": True, "b1": True, "b2": False}
    result = score(build_attempt(quiz, 1), answers)
    assert round(result.percent) == 67 and not result.passed  # 66.67% is below 67%


def test_attempt_limit_and_retakes() -> None:
    limited = four_kinds(attempt_limit=2)
    first = mark({})
    assert can_retake(limited, []) and attempts_left(limited, []) == 2
    assert can_retake(limited, [first]) and attempts_left(limited, [first]) == 1
    assert not can_retake(limited, [first, first]) and attempts_left(limited, [first, first]) == 0
    unlimited = four_kinds()
    assert can_retake(unlimited, [first] * 50) and attempts_left(unlimited, [first]) is None


def test_passing_does_not_stop_a_retake() -> None:
    passed = mark(ALL_RIGHT)
    assert passed.passed
    assert can_retake(four_kinds(attempt_limit=3), [passed])
