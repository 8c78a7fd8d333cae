"""The GIFT parser on hand-written input: escapes, feedback, formats, and problems with lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from vrlearn.quiz.gift import GiftDocument, GiftQuestion, parse_gift
from vrlearn.quiz.gift_text import GiftText

PATH = Path("quiz.gift")


def parse(text: str) -> GiftDocument:
    return parse_gift(text, PATH)


def only(text: str) -> GiftQuestion:
    document = parse(text)
    assert not document.problems, [str(p) for p in document.problems]
    (question,) = document.questions
    return question


def problems(text: str) -> list[str]:
    return [str(problem) for problem in parse(text).problems]


def moodle(value: str) -> GiftText:
    return GiftText("moodle", value)


def test_single_choice_with_feedback_and_general_feedback() -> None:
    question = only(
        "::Early::When should work be discussed?{\n"
        "  =Early#Yes, early.\n"
        "  ~At discharge # Too late.\n"
        "  ####Ask about work in the first weeks.\n"
        "}\n"
    )
    assert (question.type, question.title, question.line) == ("MC", "Early", 1)
    assert question.stem == moodle("When should work be discussed?")
    assert [(c.correct, c.text.text, c.feedback) for c in question.choices] == [
        (True, "Early", moodle("Yes, early.")),
        (False, "At discharge", moodle("Too late.")),
    ]
    assert question.general_feedback == moodle("Ask about work in the first weeks.")


def test_weights_are_read_as_numbers() -> None:
    question = only("Pick two.{~%50%a ~%50%b ~%-100%c ~%33.3%d ~e}")
    assert [c.weight for c in question.choices] == [50, 50, -100, 33.3, None]
    assert not any(c.correct for c in question.choices)


@pytest.mark.parametrize(
    ("block", "is_true"),
    [("{T}", True), ("{TRUE}", True), ("{F}", False), ("{FALSE}", False), ("{ true }", True)],
)
def test_true_false_spellings(block: str, is_true: bool) -> None:
    question = only(f"Stroke can affect work.{block}")
    assert question.type == "TF" and question.answers is not None
    assert question.answers.is_true is is_true


def test_true_false_feedback_first_wrong_then_right() -> None:
    answers = only("It is true.{TRUE#No, it is true.#Yes.####Both ways.}").answers
    assert answers is not None
    assert answers.wrong_feedback == moodle("No, it is true.")
    assert answers.right_feedback == moodle("Yes.")
    assert answers.general_feedback == moodle("Both ways.")
    only_right = only("It is true.{T# #Yes.}").answers
    assert only_right is not None and only_right.wrong_feedback is None
    assert only_right.right_feedback == moodle("Yes.")


def test_matching_pairs_and_distractor() -> None:
    question = only("Match.{\n =Canada -> Ottawa\n =Italy  ->  Rome\n = -> Madrid\n}")
    assert [(p.subquestion.text, p.subanswer) for p in question.pairs] == [
        ("Canada", "Ottawa"),
        ("Italy", "Rome"),
        ("", "Madrid"),
    ]


def test_every_escape() -> None:
    question = only(
        r"::A\: title::Use \~ \= \# \{ \} \: and \\ here\nplease.{=a\=b#c\#d ~x\~y}" + "\n"
    )
    assert question.title == "A: title"
    assert question.stem.text == "Use ~ = # { } : and \\ here\nplease."
    assert [c.text.text for c in question.choices] == ["a=b", "x~y"]
    assert question.choices[0].feedback == moodle("c#d")


def test_a_backslash_before_anything_else_is_itself() -> None:
    assert only(r"C:\Windows\system is a path.{T}").stem.text == r"C:\Windows\system is a path."


def test_format_markers_and_inheritance() -> None:
    question = only(
        "[markdown]Which is **right**?{\n  =[plain]*this*#[html]<b>yes</b>\n  ~that#no\n}"
    )
    assert question.stem == GiftText("markdown", "Which is **right**?")
    assert question.choices[0].text == GiftText("plain", "*this*")
    assert question.choices[0].feedback == GiftText("html", "<b>yes</b>")
    assert question.choices[1].text == GiftText("markdown", "that")
    assert question.choices[1].feedback == GiftText("markdown", "no")


def test_moodle_text_folds_whitespace_but_markdown_keeps_lines() -> None:
    folded = only("A long\n   question\tstem.{T}")
    assert folded.stem.text == "A long question stem."
    kept = only("[markdown]First line  \nsecond line{T}")
    assert kept.stem.text == "First line  \nsecond line"


def test_missing_word_stem() -> None:
    question = only("Grant is {~buried =entombed ~living} in Grant's tomb.")
    assert question.embedded
    assert question.stem.text == "Grant is _____ in Grant's tomb."
    assert only("{=Asia ~Europe} is the largest.").stem.text == "_____ is the largest."


def test_comments_ids_tags_and_categories() -> None:
    document = parse(
        "// a file comment\n"
        "$CATEGORY: $course$/Stroke/Work\n"
        "\n"
        "// [id:work-1] [tag:vr] [tag:nice]\n"
        "Q1{T}\n"
        "// between lines of a question\n"
        "\n"
        "// only a comment\n"
        "\n"
        "Q2{F}\n"
    )
    assert not document.problems
    category, first, second = document.questions
    assert (category.type, category.title, category.line) == ("Category", "$course$/Stroke/Work", 2)
    assert (first.id, first.tags, first.line, first.number) == ("work-1", ("vr", "nice"), 5, 1)
    assert (second.id, second.tags, second.line, second.number) == (None, (), 10, 2)


def test_windows_line_endings_and_byte_order_mark() -> None:
    document = parse("\ufeff// c\r\nFirst{T}\r\n\r\nSecond\r\nline{F}\r\n")
    assert [(q.line, q.stem.text) for q in document.questions] == [
        (2, "First"),
        (4, "Second line"),
    ]


UNSUPPORTED = """\
// A file with one of each kind VR Learn cannot import.
Fine?{T}

Numeric: when?{#1822:5}

::Short::Who?{=no one =nobody}

Bare short answer{One}

Write an essay.{}

Just some text for the learner.

Two plus two is {#4} exactly.

A missing word short answer: {=Asia} is large.
"""


def test_unsupported_types_are_reported_at_their_first_line() -> None:
    found = problems(UNSUPPORTED)
    assert [problem.split(": ")[0:2] for problem in found] == [
        ["quiz.gift:4", "question 2"],
        ["quiz.gift:6", "question 3"],
        ["quiz.gift:8", "question 4"],
        ["quiz.gift:10", "question 5"],
        ["quiz.gift:12", "question 6"],
        ["quiz.gift:14", "question 7"],
        ["quiz.gift:16", "question 8"],
    ]
    assert "numerical questions ({#...}) are not supported" in found[0]
    assert "short-answer questions" in found[1] and "short-answer questions" in found[2]
    assert "essay questions" in found[3]
    assert "a Moodle description" in found[4]
    assert "numerical" in found[5] and "short-answer" in found[6]
    assert found[0].endswith(
        "VR Learn imports single choice, multiple response, true/false and matching questions"
    )
    types = [q.type for q in parse(UNSUPPORTED).questions]
    assert types == [
        "TF",
        "Numerical",
        "Short",
        "Short",
        "Essay",
        "Description",
        "Numerical",
        "Short",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Line one\nline two {=a ~b\n~c\n", "quiz.gift:2: question 1: the answer block opened"),
        ("::Title without end\nQ{T}", "quiz.gift:1: question 1: the title opened with ::"),
        ("Q1{T}\nQ2{F}\n", "quiz.gift:2: question 1: a second answer block"),
        ("Q{\nstray =a ~b}", "quiz.gift:1: question 1: text before the first answer"),
        ("Q{\n=a\n~%half%b}", "quiz.gift:3: question 1: a weight is written %50%"),
        ("Q{\n=a -> 1\n=b}", "quiz.gift:3: question 1: every answer of a matching question"),
        ("Q{T#a#b#c}", "quiz.gift:1: question 1: true/false takes at most two #feedback"),
        ("Q{=a ~#feedback only}", "quiz.gift:1: question 1: an answer after '~' has no text"),
    ],
)
def test_syntax_problems_name_the_line(text: str, expected: str) -> None:
    found = problems(text)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_a_broken_question_does_not_hide_the_next_one() -> None:
    document = parse("Broken {=a\n\n// next\nFine{T}\n")
    assert [str(p).split(": ")[0] for p in document.problems] == ["quiz.gift:1"]
    assert [(q.type, q.line, q.number) for q in document.questions] == [("TF", 4, 2)]
