"""Reading a quiz file (`quiz.toml`, quiz format 1) into a Quiz, or every problem with its line.

```toml
format = 1                     # quiz format version; this document describes 1
id = "vr-essentials-check"     # letters, digits, '-' and '_', at most 64
title = "Check your understanding"
pass_mark = 80                 # percent of the questions on the paper, 0-100
attempt_limit = 3              # optional; leave out for unlimited attempts
layout = "one-per-screen"      # optional: "one-per-screen" (default) or "all-on-one"
draw = 5                       # optional: each attempt draws 5 questions from the bank
shuffle_options = true         # optional, default true
# gift = "check.gift"          # optional: take the questions from a Moodle GIFT file instead

[[questions]]
id = "first-contact"           # unique in the quiz
type = "single-choice"         # "single-choice", "multiple-response", "true-false", "matching"
prompt = "When should vocational rehabilitation first be discussed?"
feedback = "Shown after submitting, whatever the answer."            # optional
correct_feedback = "Shown when the answer is right."                 # optional
incorrect_feedback = "Shown when the answer is wrong."               # optional

  [[questions.options]]        # choice questions: at least 2 options
  id = "a"                     # optional, default "1", "2", ... by position
  text = "In the first weeks after the stroke."
  correct = true               # optional, default false
  feedback = "Shown when the learner chose this option."             # optional

[[questions]]
id = "work-matters"
type = "true-false"
prompt = "Returning to work is a common goal after stroke."
answer = true
true_feedback = "Shown when the learner answered true."              # optional
false_feedback = "Shown when the learner answered false."            # optional

[[questions]]
id = "who-does-what"
type = "matching"
prompt = "Match each role to a task."
distractors = ["Prescribes medication"]   # optional extra wrong answers

  [[questions.pairs]]          # at least 2 pairs
  id = "ot"                    # optional, default "1", "2", ...
  prompt = "Occupational therapist"
  answer = "Workplace assessment"
```

Prompts, options and feedback are Markdown; matching answers are plain text. A single-choice
question has exactly one correct option, a multiple-response question at least one (marked
all-or-nothing). With `gift`, the file (relative to the quiz file, inside its folder) supplies the
questions and `[[questions]]` must be left out; see `gift_import` for how GIFT maps.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from vrlearn.modules.fields import FieldReader
from vrlearn.modules.files import UnsafePath, module_file
from vrlearn.modules.model import Problem
from vrlearn.modules.toml_lines import FieldLines, strip_position, toml_error_line
from vrlearn.quiz.checks import Issue, quiz_issues
from vrlearn.quiz.gift_import import GiftImport, load_gift_questions
from vrlearn.quiz.model import LAYOUTS, Layout, Question, Quiz
from vrlearn.quiz.toml_questions import ID_HELP, ID_PATTERN, QuestionReader

FORMAT_VERSION = 1
MAX_QUIZ_BYTES = 256_000
QUIZ_KEYS = {
    "format", "id", "title", "pass_mark", "attempt_limit", "layout", "draw", "shuffle_options",
    "gift", "questions",
}  # fmt: skip


def load_quiz(path: Path) -> Quiz | list[Problem]:
    """The quiz in the TOML file at `path`, or every problem found (sorted by file and line)."""
    try:
        size = path.stat().st_size
        if size > MAX_QUIZ_BYTES:
            return [Problem(path, 1, "file", f"is {size:,} bytes; at most 256 KB")]
        raw = path.read_bytes()
    except FileNotFoundError:
        return [Problem(path, 1, "file", "quiz file not found")]
    except OSError as error:
        return [Problem(path, 1, "file", f"cannot be read: {error.strerror}")]
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        return [Problem(path, raw[: error.start].count(b"\n") + 1, "file", "is not valid UTF-8")]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = f"not valid TOML: {strip_position(str(error))}"
        return [Problem(path, toml_error_line(str(error)), "toml", message)]
    return _QuizReader(path, text).read(data)


class _QuizReader:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = FieldLines(text)
        self.fields = FieldReader(path, self.lines)
        self.gift: GiftImport | None = None
        self.uses_gift = False
        self.prefixes: list[str] = []  # the TOML field of each question read, by index
        self.misread: set[int] = set()  # questions with a bad field: rule checks would only echo it
        self.dropped = False  # a question whose type is unknown was left out

    def read(self, data: dict[str, Any]) -> Quiz | list[Problem]:
        f = self.fields
        f.unknown_keys(data, QUIZ_KEYS, "")
        self._format(data)
        quiz_id = f.text(data, "id", "", max_length=64, pattern=ID_PATTERN, pattern_help=ID_HELP)
        title = f.text(data, "title", "", max_length=200)
        pass_mark = f.integer(data, "pass_mark", "", 0, 100)
        attempt_limit = (
            f.integer(data, "attempt_limit", "", 1, 1000) if "attempt_limit" in data else None
        )
        draw = f.integer(data, "draw", "", 1, 1000) if "draw" in data else None
        layout = self._layout(data)
        shuffle = f.flag(data, "shuffle_options", "", default=True)
        questions = self._gift_questions(data) if "gift" in data else self._questions(data)
        for issue in quiz_issues(questions, draw):
            self._report_issue(issue)
        if f.problems:
            return sorted(f.problems, key=lambda p: (str(p.path), p.line))
        return Quiz(
            id=quiz_id,
            title=title,
            questions=questions,
            pass_mark=pass_mark,
            attempt_limit=attempt_limit,
            layout=layout,
            draw=draw,
            shuffle_options=shuffle,
        )

    def _format(self, data: dict[str, Any]) -> None:
        if "format" not in data:
            self.fields.report(
                "format", f"missing (required); this version reads format {FORMAT_VERSION}"
            )
        elif data["format"] != FORMAT_VERSION or isinstance(data["format"], bool):
            self.fields.report(
                "format",
                f"{data['format']!r} is not supported; this version reads format {FORMAT_VERSION}",
            )

    def _layout(self, data: dict[str, Any]) -> Layout:
        value = data.get("layout", "one-per-screen")
        for layout in LAYOUTS:
            if value == layout:
                return layout
        choices = " or ".join(f'"{layout}"' for layout in LAYOUTS)
        self.fields.report("layout", f"{value!r} is not a layout; use {choices}")
        return "one-per-screen"

    def _report_issue(self, issue: Issue) -> None:
        if self.uses_gift:
            # with an unusable gift file, "no questions" would only echo its problems
            echo = issue.field == "questions" and (self.gift is None or self.gift.problems)
            if self.gift is not None and not echo:
                self._report_gift_issue(self.gift, issue)
            return
        if issue.question in self.misread and issue.field != "id":
            return
        if issue.field == "questions" and self.dropped:
            return
        field = issue.field
        if issue.question is not None:
            field = f"{self.prefixes[issue.question]}.{issue.field}"
        line = self.lines.line_of(f"{field}[0]" if field.endswith(("options", "pairs")) else field)
        self.fields.report(field, issue.message, line)

    def _report_gift_issue(self, gift: GiftImport, issue: Issue) -> None:
        if issue.question is None:
            field = "gift" if issue.field == "questions" else issue.field
            message = issue.message
            if issue.field == "questions":
                message = f"{gift.path.name} has no questions VR Learn can use"
            self.fields.report(field, message)
            return
        source = gift.sources[issue.question]
        self.fields.problems.append(Problem(gift.path, source.line, source.field, issue.message))

    def _gift_questions(self, data: dict[str, Any]) -> tuple[Question, ...]:
        f = self.fields
        self.uses_gift = True
        if "questions" in data:
            f.report(
                "questions",
                "give the questions either as [[questions]] or in a gift file, not both",
                self.lines.line_of("questions[0]"),
            )
        name = f.text(data, "gift", "", max_length=300)
        if not name:
            return ()
        try:
            module_file(self.path.parent, name)
        except UnsafePath as error:
            f.report("gift", f"{name!r} {error}")
            return ()
        self.gift = load_gift_questions(self.path.parent / name)
        f.problems.extend(self.gift.problems)
        return self.gift.questions

    def _questions(self, data: dict[str, Any]) -> tuple[Question, ...]:
        questions: list[Question] = []
        for prefix, table in self.fields.tables(data, "questions", "", min_items=0):
            before = len(self.fields.problems)
            question = QuestionReader(self.fields).question(prefix, table)
            self.dropped = self.dropped or question is None
            if question is not None:
                if len(self.fields.problems) > before:
                    self.misread.add(len(questions))
                questions.append(question)
                self.prefixes.append(prefix)
        return tuple(questions)
