"""GIFT questions as quiz questions: the mapping from a parsed GIFT file to the quiz model.

- Multiple choice with an `=` answer is single choice: the `=` answer is the right one. Only one
  `=` is allowed (Moodle would accept any of several), and `~` answers take no weight (VR Learn
  has no partial credit).
- Multiple choice with only `~` answers is multiple response: answers with a positive weight
  (`~%50%`) are the right ones, the rest (no weight, zero or negative) are wrong; the weights'
  sizes are ignored because multiple response is marked all-or-nothing.
- Missing-word questions (text after the braces) are supported for choice questions, whose stem
  shows `_____` where the braces were; true/false and matching must end at the closing brace.
- True/false: the first `#feedback` is shown for a wrong answer, the second for a right one
  (Moodle's reading; GIFT-grammar-PEG.js calls them trueFeedback and falseFeedback).
- Matching: `= -> answer` (no prompt) adds a wrong answer to choose from.
- Text: `[markdown]` is kept, `[moodle]` and `[plain]` text is escaped to show as written,
  `[html]` is converted (see `markdown_text`); HTML with images, tables or media is refused.
- Question ids come from `// [id:...]` comments, or are `q1`, `q2`... by position in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from vrlearn.modules.model import Problem
from vrlearn.quiz.gift import SUPPORTED_TYPES, GiftDocument, GiftQuestion, parse_gift
from vrlearn.quiz.gift_answers import GiftChoice
from vrlearn.quiz.gift_text import GiftText
from vrlearn.quiz.markdown_text import html_to_markdown, plain_to_markdown
from vrlearn.quiz.model import (
    MatchingQuestion,
    MatchPair,
    MultipleResponseQuestion,
    Option,
    Question,
    QuestionFeedback,
    SingleChoiceQuestion,
    TrueFalseQuestion,
)

MAX_GIFT_BYTES = 1_000_000
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


@dataclass(frozen=True)
class GiftImport:
    """Questions made from a GIFT file; `sources[i]` is the block `questions[i]` came from.

    The rules across questions and fields (`checks.quiz_issues`) are not applied here: the quiz
    file that names the GIFT file applies them, with the draw, and reports them at these lines.
    """

    path: Path
    questions: tuple[Question, ...]
    sources: tuple[GiftQuestion, ...]
    problems: tuple[Problem, ...]


def read_gift(path: Path) -> GiftDocument:
    """Parse the GIFT file at `path`; a file that cannot be read is one problem at line 1."""
    try:
        size = path.stat().st_size
        if size > MAX_GIFT_BYTES:
            return _unreadable(path, f"is {size:,} bytes; at most 1 MB")
        raw = path.read_bytes()
    except FileNotFoundError:
        return _unreadable(path, "GIFT file not found")
    except OSError as error:
        return _unreadable(path, f"cannot be read: {error.strerror}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return GiftDocument(path, (), (Problem(path, line, "file", "is not valid UTF-8 text"),))
    return parse_gift(text, path)


def _unreadable(path: Path, message: str) -> GiftDocument:
    return GiftDocument(path, (), (Problem(path, 1, "file", message),))


def import_gift(document: GiftDocument) -> GiftImport:
    """The supported questions of a parsed GIFT file, with every problem (the parser's too)."""
    converter = _Converter(document.path)
    questions: list[Question] = []
    sources: list[GiftQuestion] = []
    for source in document.questions:
        question = converter.question(source)
        if question is not None:
            questions.append(question)
            sources.append(source)
    problems = (*document.problems, *converter.problems)
    return GiftImport(document.path, tuple(questions), tuple(sources), problems)


class _Converter:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def report(self, source: GiftQuestion, message: str) -> None:
        self.problems.append(Problem(self.path, source.line, source.field, message))

    def question(self, source: GiftQuestion) -> Question | None:
        answers = source.answers
        if answers is None or answers.type not in SUPPORTED_TYPES:
            return None  # categories are ignored; unsupported types the parser reported
        before = len(self.problems)
        question_id = source.id or f"q{source.number}"
        if not ID_PATTERN.fullmatch(question_id):
            self.report(source, f"[id:{question_id}] is not valid: use letters, digits, - and _")
        prompt = self.text(source, source.stem)
        feedback = QuestionFeedback(general=self.text(source, answers.general_feedback))
        question: Question | None
        if answers.type == "MC":
            question = self.choice(source, question_id, prompt, feedback)
        elif source.embedded:
            self.report(
                source,
                "text after the answer block {...} (a missing word) is only "
                "supported for choice questions",
            )
            question = None
        elif answers.type == "TF":
            question = self.true_false(source, question_id, prompt, feedback)
        else:
            question = self.matching(source, question_id, prompt, feedback)
        return question if len(self.problems) == before else None

    def choice(
        self, source: GiftQuestion, question_id: str, prompt: str, feedback: QuestionFeedback
    ) -> Question | None:
        choices = source.choices
        options = tuple(self.option(source, index, choice) for index, choice in enumerate(choices))
        right = [choice for choice in choices if choice.correct]
        if not right:
            return MultipleResponseQuestion(question_id, prompt, options, feedback)
        if len(right) > 1:
            self.report(
                source,
                f"{len(right)} answers are marked '=': a single-choice question "
                "has one right answer; for a pick-all-that-apply question write every "
                "answer with ~ and give the right ones a weight, as ~%50%",
            )
        if any(c.weight not in (None, 100.0) for c in right) or any(
            c.weight not in (None, 0.0) for c in choices if not c.correct
        ):
            self.report(
                source,
                "partial credit (an answer weighted like ~%50%) is not supported "
                "in a question with an '=' answer: each question is right or wrong",
            )
        return SingleChoiceQuestion(question_id, prompt, options, feedback)

    def option(self, source: GiftQuestion, index: int, choice: GiftChoice) -> Option:
        correct = choice.correct or (choice.weight is not None and choice.weight > 0)
        return Option(
            id=str(index + 1),
            text=self.text(source, choice.text),
            correct=correct,
            feedback=self.text(source, choice.feedback),
        )

    def true_false(
        self, source: GiftQuestion, question_id: str, prompt: str, feedback: QuestionFeedback
    ) -> Question:
        assert source.answers is not None
        answer = bool(source.answers.is_true)
        wrong = self.text(source, source.answers.wrong_feedback)
        right = self.text(source, source.answers.right_feedback)
        return TrueFalseQuestion(
            id=question_id,
            prompt=prompt,
            answer=answer,
            true_feedback=right if answer else wrong,
            false_feedback=wrong if answer else right,
            feedback=feedback,
        )

    def matching(
        self, source: GiftQuestion, question_id: str, prompt: str, feedback: QuestionFeedback
    ) -> Question:
        pairs: list[MatchPair] = []
        distractors: list[str] = []
        for gift_pair in source.pairs:
            answer = gift_pair.subanswer
            if gift_pair.subquestion.text:
                text = self.text(source, gift_pair.subquestion)
                pairs.append(MatchPair(str(len(pairs) + 1), text, answer))
            else:
                distractors.append(answer)
        return MatchingQuestion(question_id, prompt, tuple(pairs), tuple(distractors), feedback)

    def text(self, source: GiftQuestion, text: GiftText | None) -> str:
        if text is None:
            return ""
        if text.format == "markdown":
            return text.text
        if text.format != "html":
            return plain_to_markdown(text.text)
        markdown, unshowable = html_to_markdown(text.text)
        if unshowable:
            names = ", ".join(f"<{name}>" for name in unshowable)
            self.report(
                source,
                f"HTML with {names} cannot be shown by VR Learn; images and "
                "media must be files in the module",
            )
        return markdown


def load_gift_questions(path: Path) -> GiftImport:
    """Read, parse and import the GIFT file at `path`."""
    return import_gift(read_gift(path))
