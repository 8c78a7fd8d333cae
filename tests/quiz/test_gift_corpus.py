"""The GIFT parser against the GIFT-grammar-PEG.js corpus: each `.gift` beside its expected `.json`.

Supported blocks (MC, TF, Matching) and categories are compared field by field with the expected
parse. Unsupported blocks (Short, Numerical, Essay, Description) are compared on what is read of
them (type, title, stem) and must be reported as a problem at the line where the block starts,
checked against the file itself.

True/false feedback is positional in GIFT: `{T#first#second}`. GIFT-grammar-PEG.js names the two
`trueFeedback` and `falseFeedback`; Moodle's importer shows the first for a wrong answer and the
second for a right one, and the parser follows Moodle (`wrong_feedback`, `right_feedback`), so
the comparison is by position.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS, corpus_dir
from vrlearn.quiz.gift import UNSUPPORTED, GiftQuestion, parse_gift
from vrlearn.quiz.gift_text import GiftText

NAMES = sorted(path.stem for path in (CORPUS / "quiz" / "gift-peg").glob("*.gift"))


def folder() -> Path:
    return corpus_dir("quiz", "gift-peg")


def text(value: GiftText | None) -> dict[str, str] | None:
    return None if value is None else {"format": value.format, "text": value.text}


def as_peg(question: GiftQuestion) -> dict[str, Any]:
    """What the parser read, in the expected JSON's shape, for the fields it reads."""
    found: dict[str, Any] = {"type": question.type, "title": question.title}
    if question.type == "Category":
        return found
    found.update(
        id=question.id,
        tags=list(question.tags) or None,
        stem=text(question.stem),
        hasEmbeddedAnswers=question.embedded,
    )
    if question.type == "Description":
        return found
    answers = question.answers
    assert answers is not None
    found["globalFeedback"] = text(answers.general_feedback)
    if question.type in ("MC", "Short"):
        found["choices"] = [
            {
                "isCorrect": choice.correct,
                "weight": choice.weight,
                "text": text(choice.text),
                "feedback": text(choice.feedback),
            }
            for choice in answers.choices
        ]
    elif question.type == "TF":
        found["isTrue"] = answers.is_true
        found["trueFeedback"] = text(answers.wrong_feedback)  # first '#', by position
        found["falseFeedback"] = text(answers.right_feedback)  # second '#'
    elif question.type == "Matching":
        found["matchPairs"] = [
            {"subquestion": text(pair.subquestion), "subanswer": pair.subanswer}
            for pair in answers.pairs
        ]
    return found


def expected_fields(expected: dict[str, Any], found: dict[str, Any]) -> dict[str, Any]:
    """The expected JSON cut to the keys compared (numerical answers are not read)."""
    return {key: expected.get(key, "<absent from the expected JSON>") for key in found}


def test_corpus_is_present() -> None:
    gifts = sorted(folder().glob("*.gift"))
    assert len(gifts) >= 40
    assert [path.stem for path in gifts] == NAMES
    assert all(path.with_suffix(".json").is_file() for path in gifts)


@pytest.mark.parametrize("name", NAMES)
def test_corpus_file(name: str) -> None:
    gift = folder() / f"{name}.gift"
    source = gift.read_text(encoding="utf-8")
    expected = json.loads(gift.with_suffix(".json").read_text(encoding="utf-8"))
    document = parse_gift(source, gift)

    assert [q.type for q in document.questions] == [e["type"] for e in expected]
    for question, peg in zip(document.questions, expected, strict=True):
        found = as_peg(question)
        assert found == expected_fields(peg, found), f"{name}: block at line {question.line}"

    unsupported = [q for q in document.questions if q.type in UNSUPPORTED]
    assert sorted((p.line, p.field) for p in document.problems) == sorted(
        (q.line, q.field) for q in unsupported
    )
    assert all(p.path == gift for p in document.problems)
    assert all("not supported" in p.message for p in document.problems)
    lines = source.splitlines()
    for question in unsupported:
        assert_block_starts_at(lines, question)


def assert_block_starts_at(lines: list[str], question: GiftQuestion) -> None:
    """The reported line is the first line of the block in the file, not a comment or blank."""
    line = lines[question.line - 1].strip()
    assert line and not line.startswith("//"), f"line {question.line} is {line!r}"
    if question.title is not None:
        assert line.startswith("::"), f"line {question.line} should hold the title"
    earlier = lines[question.line - 2].strip() if question.line > 1 else ""
    assert not earlier or earlier.startswith("//"), f"line {question.line} is inside a block"
