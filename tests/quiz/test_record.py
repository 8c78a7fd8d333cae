"""The attempt as the records keep it: JSON-safe answers, rebuilt papers, the submitted dict."""

from __future__ import annotations

import json

from vrlearn.quiz.attempt import ALGORITHM
from vrlearn.quiz.engine import build_attempt, score
from vrlearn.quiz.model import MatchingQuestion
from vrlearn.quiz.record import (
    answers_from_json,
    answers_to_json,
    is_fully_answered,
    paper_for_record,
    shown_percent,
    submitted_attempt,
)

from .samples import bank, four_kinds

ANSWERS = {
    "single": "early",
    "multiple": frozenset({"stay", "return", "volunteer"}),
    "true-false": False,
    "matching": {"ot": "Workplace assessment", "slt": "Communication at work"},
}


def test_answers_round_trip_through_json() -> None:
    paper = build_attempt(four_kinds(), 3)
    safe = answers_to_json({**ANSWERS, "unanswered": None})
    assert safe["multiple"] == ["return", "stay", "volunteer"]  # sets become sorted lists
    assert "unanswered" not in safe
    assert answers_from_json(paper, json.loads(json.dumps(safe))) == ANSWERS


def test_answers_that_do_not_fit_the_paper_are_dropped() -> None:
    paper = build_attempt(four_kinds(), 3)
    raw = {
        "single": "no-such-option",
        "multiple": ["stay", 3],
        "true-false": "yes",
        "matching": {"ot": "Not an answer", "nobody": "Workplace assessment"},
        "other": "early",
    }
    assert answers_from_json(paper, raw) == {}
    assert answers_from_json(paper, ["not", "a", "mapping"]) == {}


def test_a_matching_is_fully_answered_only_when_every_prompt_is_matched() -> None:
    paper = build_attempt(four_kinds(), 3)
    matching = paper.questions[3]
    assert not is_fully_answered(matching, ANSWERS["matching"])
    assert isinstance(matching.question, MatchingQuestion)
    every = {pair.id: pair.answer for pair in matching.question.pairs}
    assert is_fully_answered(matching, every)
    assert not is_fully_answered(paper.questions[1], frozenset())
    assert is_fully_answered(paper.questions[2], False)


def test_a_record_rebuilds_its_paper_only_with_the_same_algorithm() -> None:
    quiz = bank(10, draw=4)
    paper = build_attempt(quiz, 99)
    assert paper_for_record(quiz, {"seed": 99, "algorithm": ALGORITHM}) == paper
    assert paper_for_record(quiz, {"seed": 99, "algorithm": ALGORITHM + 1}) is None
    assert paper_for_record(quiz, {"seed": "99"}) is None
    assert paper_for_record(bank(3, draw=4), {"seed": 99}) is None  # the bank shrank


def test_the_submitted_attempt_holds_what_rebuilds_the_review() -> None:
    quiz = four_kinds()
    paper = build_attempt(quiz, 8)
    result = score(paper, ANSWERS)
    record = submitted_attempt(
        attempt_id="a1",
        quiz_item_id="check",
        module_version="1.2.0",
        paper=paper,
        answers=ANSWERS,
        result=result,
        started="2025-01-31T09:00:00+00:00",
    )
    assert json.loads(json.dumps(record)) == record
    assert record["seed"] == 8 and record["algorithm"] == ALGORITHM
    assert record["quiz_id"] == "check" and record["quiz_file_id"] == "four-kinds"
    assert record["passed"] is result.passed and record["correct"] == 2
    assert record["submitted"] >= record["started"]
    rebuilt = paper_for_record(quiz, record)
    assert rebuilt is not None
    assert score(rebuilt, answers_from_json(rebuilt, record["answers"])) == result


def test_the_shown_score_never_rounds_up_to_the_pass_mark() -> None:
    paper = build_attempt(bank(3, pass_mark=67), 1)
    result = score(paper, {"b0": True, "b1": True, "b2": False})
    assert not result.passed and shown_percent(result) == 66
