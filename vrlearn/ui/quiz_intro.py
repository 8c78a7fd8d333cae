"""The quiz's first screen: how many questions, the pass mark, attempts left, and Start.

It also offers to continue an attempt that was interrupted (its answers were saved as they were
given), to review the last submitted attempt, and, with no learner profile yet, to add one first
(a result that cannot be saved would be lost).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from vrlearn.quiz.engine import attempts_left
from vrlearn.quiz.model import Quiz
from vrlearn.ui.quiz_fonts import own_font, spread_font
from vrlearn.ui.quiz_paper import COLUMN_CHARS, centred_column, quiz_button


@dataclass(frozen=True)
class QuizStatus:
    """What the intro needs to know about the learner and this quiz."""

    attempts: list[dict[str, Any]]  # submitted, oldest first
    open_answered: int | None = None  # questions answered in an unfinished attempt, if any
    has_learner: bool = True


def _plain_label(text: str = "", object_name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    return label


def result_words(attempt: dict[str, Any]) -> str:
    """ "88 % – Passed ✓" for a submitted attempt."""
    percent = attempt.get("score_percent")
    shown = f"{int(percent)} %" if isinstance(percent, int | float) else "no score"
    return f"{shown} – {'Passed ✓' if attempt.get('passed') is True else 'Not passed ✗'}"


class QuizIntro(QWidget):
    """Tells the learner what the quiz is like and starts (or continues) an attempt."""

    start_requested = Signal()
    continue_requested = Signal()
    review_requested = Signal()
    profile_requested = Signal()

    def __init__(self, font: QFont, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(font)
        self.setObjectName("quizIntro")
        self.crumb = _plain_label("Quiz", "crumb")
        self.title_label = _plain_label("", "heading")
        own_font(self.title_label, font, 1.6, bold=True)
        self.facts_label = QLabel()
        self.facts_label.setObjectName("quizFacts")
        self.facts_label.setTextFormat(Qt.TextFormat.RichText)
        self.facts_label.setWordWrap(True)
        own_font(self.facts_label, font, 1.1)
        self.facts_label.setAccessibleName("About this quiz")
        self.status_label = _plain_label("", "quizStatus")
        own_font(self.status_label, font, 1.1)
        self.status_label.setAccessibleName("Your results")
        self.start_button = quiz_button("Start the quiz", "Start the quiz", "primaryButton")
        self.start_button.clicked.connect(self._start_clicked)
        self.review_button = quiz_button(
            "Review your last attempt", "Review your last attempt", "linkButton"
        )
        self.review_button.clicked.connect(self.review_requested)
        self.profile_button = quiz_button("Add your profile…", "Add your profile", "linkButton")
        self.profile_button.clicked.connect(self.profile_requested)
        self._continuing = False

        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.profile_button)
        buttons.addWidget(self.review_button)
        buttons.addStretch()
        content = QWidget()
        line = self.fontMetrics().height()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(line)
        layout.addWidget(self.crumb)
        layout.addWidget(self.title_label)
        layout.addWidget(self.facts_label)
        layout.addWidget(self.status_label)
        layout.addSpacing(line // 2)
        layout.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(line * 2, line * 2, line * 2, line * 2)
        width = self.fontMetrics().averageCharWidth() * COLUMN_CHARS
        outer.addWidget(centred_column(content, width))
        outer.addStretch(1)
        spread_font(self, font)

    def show_quiz(self, quiz: Quiz, status: QuizStatus) -> None:
        self.title_label.setText(quiz.title)
        count = quiz.paper_size
        left = attempts_left(quiz, status.attempts)
        layout = "one per screen" if quiz.layout == "one-per-screen" else "all on one page"
        facts = [
            ("Questions", f"{count}, {layout}"),
            ("Pass mark", f"{quiz.pass_mark} % of the questions right"),
            (
                "Attempts",
                "as many as you need" if left is None else f"{left} of {quiz.attempt_limit} left",
            ),
        ]
        rows = "<br>".join(f"<b>{name}:</b> {escape(value)}" for name, value in facts)
        self.facts_label.setText(f"<p style='line-height: 150%'>{rows}</p>")
        self.facts_label.setAccessibleDescription(
            ". ".join(f"{name}: {value}" for name, value in facts)
        )
        self.status_label.setText(self._status_text(status, left))
        self._continuing = status.open_answered is not None
        can_start = status.has_learner and (self._continuing or left is None or left > 0)
        if self._continuing:
            text = "Continue your attempt"
        elif status.attempts:
            text = "Retake the quiz"
        else:
            text = "Start the quiz"
        self.start_button.setText(text)
        self.start_button.setAccessibleName(text)
        self.start_button.setVisible(can_start)
        self.profile_button.setVisible(not status.has_learner)
        self.review_button.setVisible(bool(status.attempts))

    def focus_first(self) -> None:
        for button in (self.start_button, self.profile_button, self.review_button):
            if button.isVisible():
                button.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def _status_text(self, status: QuizStatus, left: int | None) -> str:
        lines = []
        if not status.has_learner:
            lines.append("Add your profile before you start, so that your answers are saved.")
        if status.attempts:
            passed = [a for a in status.attempts if a.get("passed") is True]
            last = status.attempts[-1]
            lines.append(f"Your last result: {result_words(last)}")
            if passed and last.get("passed") is not True:
                lines.append("You have passed this quiz before.")
        elif status.open_answered is None:
            lines.append("You have not taken this quiz yet.")
        if status.open_answered == 0:
            lines.append("You have started an attempt but not answered any questions yet.")
        elif status.open_answered is not None:
            count = status.open_answered
            lines.append(
                f"You have an unfinished attempt: {count} question{'s' if count != 1 else ''} "
                "answered so far. Your answers were saved as you gave them."
            )
        elif left == 0:
            lines.append("You have used all your attempts at this quiz.")
        return "\n".join(lines)

    def _start_clicked(self) -> None:
        if self._continuing:
            self.continue_requested.emit()
        else:
            self.start_requested.emit()
