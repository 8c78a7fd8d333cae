"""A quiz.toml whose questions come from a GIFT file: settings from TOML, problems from both."""

from __future__ import annotations

from pathlib import Path

from vrlearn.quiz.model import Quiz
from vrlearn.quiz.toml_quiz import load_quiz

SETTINGS = """\
format = 1
id = "imported"
title = "Imported from Moodle"
pass_mark = 60
draw = 2
gift = "questions.gift"
"""

GIFT = """\
// [id:fatigue]
Fatigue is common after stroke.{T}

::Work::When should work be discussed?{=Early ~At discharge}

Match.{=OT -> Workplace visit =SLT -> Communication}
"""


def write(folder: Path, toml: str, gift: str | None = GIFT) -> Path:
    (folder / "quiz.toml").write_text(toml, encoding="utf-8")
    if gift is not None:
        (folder / "questions.gift").write_text(gift, encoding="utf-8")
    return folder / "quiz.toml"


def problems(folder: Path, toml: str, gift: str | None = GIFT) -> list[str]:
    loaded = load_quiz(write(folder, toml, gift))
    assert isinstance(loaded, list), "expected the quiz to be refused"
    return [str(problem).removeprefix(f"{folder}/") for problem in loaded]


def test_questions_from_gift(tmp_path: Path) -> None:
    quiz = load_quiz(write(tmp_path, SETTINGS))
    assert isinstance(quiz, Quiz)
    assert [q.id for q in quiz.questions] == ["fatigue", "q2", "q3"]
    assert (quiz.pass_mark, quiz.draw) == (60, 2)


def test_gift_problems_point_into_the_gift_file(tmp_path: Path) -> None:
    gift = GIFT.replace("{=Early ~At discharge}", "{~Early ~At discharge}") + "\nHow many?{#4}\n"
    assert problems(tmp_path, SETTINGS, gift) == [
        "questions.gift:4: question 2: no correct answer",
        "questions.gift:8: question 4: numerical questions ({#...}) are not supported; "
        "VR Learn imports single choice, multiple response, true/false and matching questions",
    ]


def test_duplicate_gift_ids(tmp_path: Path) -> None:
    gift = GIFT.replace("::Work::", "// [id:fatigue]\n::Work::")
    assert problems(tmp_path, SETTINGS, gift) == [
        "questions.gift:5: question 2: duplicate question id 'fatigue'"
    ]


def test_draw_larger_than_the_gift_bank(tmp_path: Path) -> None:
    assert problems(tmp_path, SETTINGS.replace("draw = 2", "draw = 4")) == [
        "quiz.toml:5: draw: draws 4 questions but the quiz has only 3"
    ]


def test_gift_without_usable_questions(tmp_path: Path) -> None:
    assert problems(tmp_path, SETTINGS.replace("draw = 2\n", ""), "// nothing here\n") == [
        "quiz.toml:5: gift: questions.gift has no questions VR Learn can use"
    ]


def test_gift_file_must_exist_and_stay_in_the_folder(tmp_path: Path) -> None:
    assert problems(tmp_path, SETTINGS, gift=None) == [
        "questions.gift:1: file: GIFT file not found"
    ]
    outside = SETTINGS.replace('"questions.gift"', '"../questions.gift"')
    assert problems(tmp_path, outside) == [
        "quiz.toml:6: gift: '../questions.gift' must not use '..' to leave the module folder"
    ]


def test_gift_and_toml_questions_together_are_refused(tmp_path: Path) -> None:
    both = (
        SETTINGS + '\n[[questions]]\nid = "x"\ntype = "true-false"\nprompt = "X"\nanswer = true\n'
    )
    assert problems(tmp_path, both) == [
        "quiz.toml:8: questions: give the questions either as [[questions]] or in a gift file, "
        "not both"
    ]
