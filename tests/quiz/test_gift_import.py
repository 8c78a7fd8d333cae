"""GIFT questions mapped to the quiz model, and what the mapping refuses, with its line."""

from __future__ import annotations

from pathlib import Path

from vrlearn.quiz.gift import parse_gift
from vrlearn.quiz.gift_import import GiftImport, import_gift, load_gift_questions
from vrlearn.quiz.model import (
    MatchingQuestion,
    MultipleResponseQuestion,
    Question,
    SingleChoiceQuestion,
    TrueFalseQuestion,
)

PATH = Path("check.gift")


def imported(text: str) -> GiftImport:
    return import_gift(parse_gift(text, PATH))


def one(text: str) -> Question:
    result = imported(text)
    assert not result.problems, [str(p) for p in result.problems]
    (question,) = result.questions
    return question


def problems(text: str) -> list[str]:
    return [str(problem) for problem in imported(text).problems]


def test_single_choice() -> None:
    question = one("// [id:early]\nWhen?{=Early#Yes.\n~Late#No.####Ask early.}")
    assert isinstance(question, SingleChoiceQuestion)
    assert (question.id, question.prompt) == ("early", "When?")
    assert [(o.id, o.text, o.correct, o.feedback) for o in question.options] == [
        ("1", "Early", True, "Yes."),
        ("2", "Late", False, "No."),
    ]
    assert question.feedback.general == "Ask early."


def test_multiple_response_from_weights() -> None:
    question = one("Which?{~%50%Work ~%50%Study ~%-100%Sleep ~Eat ~%0%Drink}")
    assert isinstance(question, MultipleResponseQuestion)
    assert question.correct_option_ids == {"1", "2"}


def test_true_false_feedback_follows_moodle() -> None:
    true_question = one("Fatigue is common.{T#Wrong: it is.#Right.}")
    assert isinstance(true_question, TrueFalseQuestion) and true_question.answer is True
    assert (true_question.true_feedback, true_question.false_feedback) == (
        "Right.",
        "Wrong: it is.",
    )
    false_question = one("Stroke never affects work.{F#Wrong: it can.#Right.}")
    assert isinstance(false_question, TrueFalseQuestion) and false_question.answer is False
    assert (false_question.true_feedback, false_question.false_feedback) == (
        "Wrong: it can.",
        "Right.",
    )


def test_matching_with_a_distractor() -> None:
    question = one("Match.{=OT -> Workplace visit =SLT -> Communication = -> Surgery}")
    assert isinstance(question, MatchingQuestion)
    assert [(p.id, p.prompt, p.answer) for p in question.pairs] == [
        ("1", "OT", "Workplace visit"),
        ("2", "SLT", "Communication"),
    ]
    assert question.distractors == ("Surgery",)


def test_missing_word_choice_question_keeps_the_blank() -> None:
    question = one("Grant is {~buried =entombed} in Grant's tomb.")
    assert question.prompt == "Grant is \\_\\_\\_\\_\\_ in Grant's tomb."


def test_ids_by_position_when_not_given() -> None:
    result = imported("A{T}\n\nB{#4}\n\nC{F}\n")
    assert [q.id for q in result.questions] == ["q1", "q3"]
    assert [s.line for s in result.sources] == [1, 5]
    assert problems("A{T}\n\nB{#4}\n\nC{F}\n")[0].startswith("check.gift:3: question 2: numerical")


def test_text_formats_become_markdown() -> None:
    plain = one("Is 2 * 3 = 6 <sometimes>?{T}")
    assert plain.prompt == "Is 2 \\* 3 = 6 \\<sometimes\\>?"
    markdown = one("[markdown]Is it **bold**?{T}")
    assert markdown.prompt == "Is it **bold**?"
    html = one("[html]<p>Is it <b>bold</b> &amp; <em>clear</em>?</p><p>Yes.</p>{T}")
    assert html.prompt == "Is it **bold** \\& *clear*?\n\nYes."


def test_refused_mappings_name_the_question_line() -> None:
    text = (
        "Fine{T}\n"
        "\n"
        "::Seasons::Which?{=spring =summer ~easter}\n"
        "\n"
        "Difficult{~wrong ~%50%half =full}\n"
        "\n"
        "The sun {T} rises in the east.\n"
        "\n"
        "Match {=a -> 1 =b -> 2} please.\n"
        "\n"
        '[html]<p>Look:</p><img src="@@PLUGINFILE@@/x.png">{T}\n'
        "\n"
        "// [id:not valid!]\n"
        "Id?{T}\n"
    )
    found = problems(text)
    assert [p.split(": ")[0:2] for p in found] == [
        ["check.gift:3", "question 2"],
        ["check.gift:5", "question 3"],
        ["check.gift:7", "question 4"],
        ["check.gift:9", "question 5"],
        ["check.gift:11", "question 6"],
        ["check.gift:14", "question 7"],
    ]
    assert "2 answers are marked '='" in found[0]
    assert "partial credit" in found[1]
    assert "only supported for choice questions" in found[2] and "missing word" in found[3]
    assert "HTML with <img> cannot be shown" in found[4]
    assert "[id:not valid!] is not valid" in found[5]
    assert [q.id for q in imported(text).questions] == ["q1"]


def test_categories_are_ignored() -> None:
    result = imported("$CATEGORY: $course$/Work\n\nQ{T}\n")
    assert not result.problems and [q.id for q in result.questions] == ["q1"]


def test_reading_files(tmp_path: Path) -> None:
    good = tmp_path / "good.gift"
    good.write_text("Q{T}\n", encoding="utf-8")
    assert [q.id for q in load_gift_questions(good).questions] == ["q1"]
    missing = load_gift_questions(tmp_path / "nope.gift")
    assert [str(p) for p in missing.problems] == [
        f"{tmp_path / 'nope.gift'}:1: file: GIFT file not found"
    ]
    latin = tmp_path / "latin.gift"
    latin.write_bytes(b"Q{T}\n\nCaf\xe9{T}\n")
    assert [str(p) for p in load_gift_questions(latin).problems] == [
        f"{latin}:3: file: is not valid UTF-8 text"
    ]
