"""Loading quiz.toml: a good quiz loads; each kind of bad one names file, line and field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from vrlearn.quiz.model import (
    MatchingQuestion,
    MultipleResponseQuestion,
    Quiz,
    SingleChoiceQuestion,
    TrueFalseQuestion,
)
from vrlearn.quiz.toml_quiz import load_quiz

GOOD = """\
format = 1
id = "vr-check"
title = "Check your understanding"
pass_mark = 80
attempt_limit = 3
layout = "all-on-one"
draw = 3
shuffle_options = false

[[questions]]
id = "first-contact"
type = "single-choice"
prompt = "When should work first be discussed?"
feedback = "NICE NG236 recommends asking early."
correct_feedback = "Right."
incorrect_feedback = "Not quite."

  [[questions.options]]
  id = "early"
  text = "In the first weeks after the stroke"
  correct = true
  feedback = "Yes."

  [[questions.options]]
  text = "At discharge"

[[questions]]
id = "goals"
type = "multiple-response"
prompt = "Which are vocational goals?"

  [[questions.options]]
  text = "Returning to work"
  correct = true

  [[questions.options]]
  text = "Volunteering"
  correct = true

  [[questions.options]]
  text = "Watching television"

[[questions]]
id = "fatigue"
type = "true-false"
prompt = "Fatigue is common after stroke."
answer = true
false_feedback = "It is common."

[[questions]]
id = "roles"
type = "matching"
prompt = "Match each role to a task."
distractors = ["Prescribing"]

  [[questions.pairs]]
  id = "ot"
  prompt = "Occupational therapist"
  answer = "Workplace assessment"

  [[questions.pairs]]
  prompt = "Employer"
  answer = "Reasonable adjustments"
"""

ONE_QUESTION = """\
format = 1
id = "small"
title = "Small"
pass_mark = 50

[[questions]]
id = "q1"
type = "true-false"
prompt = "Yes?"
answer = true
"""


def write(folder: Path, text: str, name: str = "quiz.toml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(folder: Path, text: str) -> list[str]:
    loaded = load_quiz(write(folder, text))
    assert isinstance(loaded, list), "expected the quiz to be refused"
    assert all(p.path == folder / "quiz.toml" for p in loaded)
    return [f"{p.line}: {p.field}: {p.message}" for p in loaded]


def test_good_quiz_loads(tmp_path: Path) -> None:
    quiz = load_quiz(write(tmp_path, GOOD))
    assert isinstance(quiz, Quiz)
    assert (quiz.id, quiz.title, quiz.pass_mark, quiz.attempt_limit) == (
        "vr-check",
        quiz.title,
        80,
        3,
    )
    assert (quiz.layout, quiz.draw, quiz.shuffle_options, quiz.paper_size) == (
        "all-on-one",
        3,
        False,
        3,
    )
    single, multiple, true_false, matching = quiz.questions
    assert isinstance(single, SingleChoiceQuestion)
    assert [o.id for o in single.options] == ["early", "2"]
    assert single.correct_option_ids == {"early"}
    assert single.options[0].feedback == "Yes."
    assert single.feedback.general == "NICE NG236 recommends asking early."
    assert (single.feedback.correct, single.feedback.incorrect) == ("Right.", "Not quite.")
    assert isinstance(multiple, MultipleResponseQuestion)
    assert multiple.correct_option_ids == {"1", "2"}
    assert isinstance(true_false, TrueFalseQuestion)
    assert (true_false.answer, true_false.false_feedback, true_false.true_feedback) == (
        True, "It is common.", "",
    )  # fmt: skip
    assert isinstance(matching, MatchingQuestion)
    assert [(p.id, p.answer) for p in matching.pairs] == [
        ("ot", "Workplace assessment"), ("2", "Reasonable adjustments"),
    ]  # fmt: skip
    assert matching.distractors == ("Prescribing",)


def test_defaults(tmp_path: Path) -> None:
    quiz = load_quiz(write(tmp_path, ONE_QUESTION))
    assert isinstance(quiz, Quiz)
    assert (quiz.attempt_limit, quiz.layout, quiz.draw, quiz.shuffle_options) == (
        None, "one-per-screen", None, True,
    )  # fmt: skip


def test_broken_toml_syntax(tmp_path: Path) -> None:
    text = GOOD.replace('prompt = "Which are vocational goals?"', 'prompt = "Which are')
    found = problems(tmp_path, text)
    assert len(found) == 1
    assert found[0].startswith("30: toml: not valid TOML")


def test_no_correct_answer(tmp_path: Path) -> None:
    text = GOOD.replace(
        '  text = "Returning to work"\n  correct = true\n', '  text = "Returning to work"\n'
    )
    text = text.replace('  text = "Volunteering"\n  correct = true\n', '  text = "Volunteering"\n')
    assert problems(tmp_path, text) == ["32: questions[1].options: no correct answer"]


def test_single_choice_with_two_correct(tmp_path: Path) -> None:
    text = GOOD.replace('  text = "At discharge"\n', '  text = "At discharge"\n  correct = true\n')
    assert problems(tmp_path, text) == [
        "26: questions[0].options[1].correct: a single-choice question has exactly one correct "
        'option, this one has 2; use type = "multiple-response" if learners pick several'
    ]


def test_duplicate_question_ids(tmp_path: Path) -> None:
    text = GOOD.replace('id = "fatigue"', 'id = "goals"')
    assert problems(tmp_path, text) == ["44: questions[2].id: duplicate question id 'goals'"]


def test_duplicate_option_ids(tmp_path: Path) -> None:
    text = GOOD.replace('  text = "At discharge"\n', '  id = "early"\n  text = "At discharge"\n')
    assert problems(tmp_path, text) == [
        "25: questions[0].options[1].id: duplicate option id 'early'"
    ]


def test_pass_mark_over_100(tmp_path: Path) -> None:
    assert problems(tmp_path, GOOD.replace("pass_mark = 80", "pass_mark = 101")) == [
        "4: pass_mark: 101 is out of range (0-100)"
    ]


def test_no_questions(tmp_path: Path) -> None:
    header = ONE_QUESTION.split("[[questions]]")[0]
    assert problems(tmp_path, header) == ["1: questions: the quiz has no questions"]
    assert problems(tmp_path, header + "questions = []\n") == [
        "6: questions: the quiz has no questions"
    ]


def test_draw_larger_than_the_bank(tmp_path: Path) -> None:
    assert problems(tmp_path, GOOD.replace("draw = 3", "draw = 5")) == [
        "7: draw: draws 5 questions but the quiz has only 4"
    ]


def test_unknown_fields_at_every_level(tmp_path: Path) -> None:
    text = GOOD.replace("shuffle_options = false", "shuffle_options = false\npassmark = 3")
    text = text.replace('prompt = "Fatigue', 'answers = true\nprompt = "Fatigue')
    text = text.replace(
        '  answer = "Reasonable adjustments"', '  answer = "Reasonable adjustments"\n  hint = "x"'
    )
    found = problems(tmp_path, text)
    assert found[0].startswith("9: passmark: unknown field (allowed: attempt_limit, draw, format,")
    assert found[1] == (
        "47: questions[2].answers: unknown field (allowed: answer, correct_feedback, "
        "false_feedback, feedback, id, incorrect_feedback, prompt, true_feedback, type)"
    )
    assert found[2] == "66: questions[3].pairs[1].hint: unknown field (allowed: answer, id, prompt)"
    assert len(found) == 3


def test_fields_of_another_question_type_are_unknown(tmp_path: Path) -> None:
    text = GOOD.replace(
        "answer = true\nfalse_feedback", 'answer = true\ndistractors = ["x"]\nfalse_feedback'
    )
    assert problems(tmp_path, text)[0].startswith("48: questions[2].distractors: unknown field")


def test_matching_with_fewer_than_two_pairs(tmp_path: Path) -> None:
    text = GOOD.split('  [[questions.pairs]]\n  prompt = "Employer"')[0]
    assert problems(tmp_path, text) == [
        "56: questions[3].pairs: a matching question needs at least 2 pairs, this one has 1"
    ]


def test_choice_question_with_one_option(tmp_path: Path) -> None:
    text = GOOD.replace('  [[questions.options]]\n  text = "At discharge"\n', "")
    assert problems(tmp_path, text) == ["18: questions[0].options: needs at least 2 options"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("format = 1", "format = 2"),
            "1: format: 2 is not supported; this version reads format 1",
        ),
        (('id = "vr-check"', 'id = "vr check"'), "2: id: 'vr check' is not valid: use letters,"),
        (('layout = "all-on-one"', 'layout = "grid"'), "6: layout: 'grid' is not a layout; use"),
        (
            ("attempt_limit = 3", "attempt_limit = 0"),
            "5: attempt_limit: 0 is out of range (1-1000)",
        ),
        (
            ("shuffle_options = false", 'shuffle_options = "no"'),
            "8: shuffle_options: must be true or",
        ),
        (
            ('type = "true-false"', 'type = "essay"'),
            "45: questions[2].type: 'essay' is not a question",
        ),
        (
            ("answer = true", "answer = 1"),
            "47: questions[2].answer: must be true or false, not a whole number",
        ),
        (
            ('correct = true\n  feedback = "Yes."', 'correct = "yes"'),
            "21: questions[0].options[0].correct",
        ),
        (
            ('  text = "At discharge"', '  text = ""'),
            "25: questions[0].options[1].text: must not be",
        ),
        (('prompt = "Employer"', "prompt = 3"), "62: questions[3].pairs[1].prompt: must be text"),
    ],
)
def test_wrong_values_point_at_their_line(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    assert change[0] in GOOD
    found = problems(tmp_path, GOOD.replace(*change))
    assert found[0].startswith(expected), found


def test_every_problem_is_reported_in_line_order(tmp_path: Path) -> None:
    text = GOOD.replace("pass_mark = 80", "pass_mark = 200").replace("draw = 3", "draw = 9")
    text = text.replace('id = "fatigue"', 'id = "goals"')
    assert [p.split(":")[0] for p in problems(tmp_path, text)] == ["4", "7", "44"]


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    missing = load_quiz(tmp_path / "nope.toml")
    assert isinstance(missing, list) and str(missing[0]).endswith("1: file: quiz file not found")
    (tmp_path / "latin1.toml").write_bytes(b'format = 1\ntitle = "caf\xe9"\n')
    bad = load_quiz(tmp_path / "latin1.toml")
    assert isinstance(bad, list) and str(bad[0]).endswith("latin1.toml:2: file: is not valid UTF-8")


def test_a_question_that_cannot_be_read_does_not_shift_the_others(tmp_path: Path) -> None:
    text = GOOD.replace('type = "true-false"', 'type = "essay"').replace("draw = 3", "draw = 2")
    text = text.split('  [[questions.pairs]]\n  prompt = "Employer"')[0]
    assert problems(tmp_path, text) == [
        "45: questions[2].type: 'essay' is not a question type; use \"single-choice\", "
        '"multiple-response", "true-false", "matching"',
        "56: questions[3].pairs: a matching question needs at least 2 pairs, this one has 1",
    ]


def test_a_bad_value_is_not_echoed_by_the_rule_checks(tmp_path: Path) -> None:
    text = GOOD.replace('correct = true\n  feedback = "Yes."', 'correct = "yes"')
    assert problems(tmp_path, text) == [
        "21: questions[0].options[0].correct: must be true or false, not text"
    ]


def test_an_unreadable_only_question_is_not_echoed_as_no_questions(tmp_path: Path) -> None:
    assert problems(tmp_path, ONE_QUESTION.replace('type = "true-false"', "type = 1")) == [
        '8: questions[0].type: 1 is not a question type; use "single-choice", '
        '"multiple-response", "true-false", "matching"'
    ]
