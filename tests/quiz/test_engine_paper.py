"""Building papers: the seed alone decides the draw and every order, and nothing is lost."""

from __future__ import annotations

import pytest

from tests.quiz.samples import MATCHING, MULTIPLE, SINGLE, bank, four_kinds
from vrlearn.quiz.engine import build_attempt, score
from vrlearn.quiz.model import ChoiceQuestion

SEEDS = range(200)


def test_same_seed_gives_the_same_paper() -> None:
    quiz = four_kinds()
    assert build_attempt(quiz, 12345) == build_attempt(quiz, 12345)
    drawn = bank(10, draw=4)
    assert build_attempt(drawn, 99) == build_attempt(drawn, 99)


def test_different_seeds_give_different_papers() -> None:
    quiz = four_kinds()
    orders = {build_attempt(quiz, seed).questions[0].order for seed in SEEDS}
    assert len(orders) == 24  # every order of the four single-choice options turns up
    draws = {build_attempt(bank(10, draw=3), seed).question_ids for seed in SEEDS}
    assert len(draws) > 80  # of the 120 possible draws (about 97 expected in 200 seeds)


def test_the_algorithm_is_pinned() -> None:
    """A recorded seed must rebuild the same paper after upgrades: change only with ALGORITHM."""
    paper = build_attempt(four_kinds(), 2024)
    assert [entry.order for entry in paper.questions] == [
        ("asked", "early", "never", "late"),
        ("volunteer", "return", "drive", "stay", "none"),
        ("true", "false"),
        (
            "Communication at work",
            "Prescribing medication",
            "Reasonable adjustments",
            "Workplace assessment",
        ),
    ]
    assert build_attempt(bank(8, draw=3), 2024).question_ids == ("b0", "b2", "b7")


def test_draw_n_of_m_takes_distinct_questions_in_bank_order() -> None:
    quiz = bank(8, draw=3)
    seen: set[str] = set()
    for seed in SEEDS:
        ids = build_attempt(quiz, seed).question_ids
        assert len(ids) == 3 == len(set(ids))
        assert list(ids) == sorted(ids, key=lambda qid: int(qid[1:]))
        seen.update(ids)
    assert seen == {f"b{i}" for i in range(8)}


def test_without_draw_every_question_in_author_order() -> None:
    paper = build_attempt(four_kinds(), 7)
    assert paper.question_ids == ("single", "multiple", "true-false", "matching")


def test_draw_of_the_whole_bank_is_allowed() -> None:
    assert len(build_attempt(bank(5, draw=5), 1).questions) == 5


def test_impossible_draw_and_bad_seed_are_refused() -> None:
    with pytest.raises(ValueError, match="cannot draw 6 of 5"):
        build_attempt(bank(5, draw=6), 1)
    with pytest.raises(TypeError):
        build_attempt(bank(5), "1")  # type: ignore[arg-type]


def test_shuffle_keeps_each_option_with_its_correctness() -> None:
    quiz = four_kinds()
    for seed in SEEDS:
        paper = build_attempt(quiz, seed)
        for entry in paper.questions:
            question = entry.question
            if isinstance(question, ChoiceQuestion):
                assert sorted(entry.order) == sorted(option.id for option in question.options)
        single, multiple = paper.questions[0], paper.questions[1]
        assert single.question == SINGLE and multiple.question == MULTIPLE
        shown_correct = [oid for oid in single.order if SINGLE.option(oid).correct]  # type: ignore[union-attr]
        assert shown_correct == ["early"]
        result = score(paper, {"single": "early", "multiple": {"return", "stay", "volunteer"}})
        assert [r.correct for r in result.questions[:2]] == [True, True]


def test_no_shuffle_keeps_author_order() -> None:
    paper = build_attempt(four_kinds(shuffle_options=False), 5)
    assert paper.questions[0].order == ("early", "late", "never", "asked")
    assert paper.questions[2].order == ("true", "false")


def test_matching_answers_are_shuffled_even_without_option_shuffle() -> None:
    quiz = four_kinds(shuffle_options=False)
    orders = {build_attempt(quiz, seed).questions[3].order for seed in SEEDS}
    assert len(orders) > 1
    for order in orders:
        assert sorted(order) == sorted(MATCHING.answer_choices)
