"""The review screen after submitting: the result in words and a mark, every question, Retake.

The result reads "✓ Passed" or "✗ Not passed" with the score; the marked questions and their
feedback follow in a read-only page (see `review_html`). Retake is offered while attempts are
left; otherwise the button says there are none.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from vrlearn.quiz.attempt import AttemptPaper, AttemptResult, Response
from vrlearn.quiz.record import shown_percent
from vrlearn.ui.page_browser import PageBrowser
from vrlearn.ui.quiz_fonts import own_font, spread_font
from vrlearn.ui.quiz_paper import centred_column, quiz_button
from vrlearn.ui.review_html import review_html


class QuizReview(QWidget):
    """Shows one marked attempt."""

    retake_requested = Signal()
    back_requested = Signal()

    def __init__(self, font: QFont, zoom: int = 100, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(font)
        self.setObjectName("quizReview")
        line = self.fontMetrics().height()
        self.mark_label = QLabel()
        self.mark_label.setObjectName("resultMark")
        own_font(self.mark_label, font, 1.6, bold=True)
        self.mark_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        side = round(line * 2.4)
        self.mark_label.setFixedSize(side, side)
        self.mark_label.setStyleSheet(f"border-radius: {side // 2}px;")
        self.result_label = QLabel()
        self.result_label.setObjectName("heading")
        own_font(self.result_label, font, 1.5, bold=True)
        self.result_label.setAccessibleName("Result")
        self.score_label = QLabel()
        self.score_label.setObjectName("scoreText")
        self.score_label.setWordWrap(True)
        own_font(self.score_label, font, 1.1)
        self.score_label.setAccessibleName("Score")
        self.browser = PageBrowser()
        own_font(self.browser, QApplication.font())  # zoomed like a page, not like the quiz
        self.browser.set_zoom(zoom)
        self.browser.setObjectName("reviewBrowser")
        self.browser.setAccessibleName("Your answers and feedback")
        self.browser.setFrameShape(PageBrowser.Shape.NoFrame)
        self.retake_button = quiz_button("Retake the quiz", "Retake the quiz", "primaryButton")
        self.retake_button.clicked.connect(self.retake_requested)
        self.back_button = quiz_button("Back to module", "Back to module", "linkButton")
        self.back_button.clicked.connect(self.back_requested)

        words = QVBoxLayout()
        words.setSpacing(round(line * 0.2))
        words.addWidget(self.result_label)
        words.addWidget(self.score_label)
        summary = QHBoxLayout()
        summary.setContentsMargins(0, 0, 0, 0)
        summary.setSpacing(line)
        summary.addWidget(self.mark_label, 0, Qt.AlignmentFlag.AlignTop)
        summary.addLayout(words, 1)
        summary_box = QWidget()
        summary_box.setLayout(summary)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.back_button)
        buttons.addStretch()
        buttons.addWidget(self.retake_button)
        footer = QWidget()
        footer.setLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(line * 2, round(line * 1.2), line * 2, round(line * 0.8))
        layout.setSpacing(round(line * 0.8))
        layout.addWidget(centred_column(summary_box, self.browser.text_column_width()))
        layout.addWidget(self.browser, 1)
        layout.addWidget(centred_column(footer, self.browser.text_column_width()))
        spread_font(self, font)
        self.setTabOrder(self.browser, self.back_button)
        self.setTabOrder(self.back_button, self.retake_button)

    def show_result(
        self,
        paper: AttemptPaper,
        answers: Mapping[str, Response],
        result: AttemptResult,
        *,
        attempts_left: int | None,
        note: str = "",
    ) -> None:
        passed = result.passed
        self.mark_label.setText("✓" if passed else "✗")
        self.mark_label.setProperty("passed", passed)
        self.mark_label.setAccessibleName("Passed" if passed else "Not passed")
        self.style().unpolish(self.mark_label)
        self.style().polish(self.mark_label)
        self.result_label.setText("Passed" if passed else "Not passed")
        lines = [
            f"You got {result.correct_count} of {result.total} questions right "
            f"({shown_percent(result)}\u00a0%).",
            f"The pass mark is {result.pass_mark}\u00a0%."
            + (f" Attempts left: {attempts_left}." if attempts_left is not None else ""),
        ]
        if note:
            lines.append(note)
        self.score_label.setText("\n".join(lines))
        self.browser.show_html(review_html(paper, answers, result))
        can_retake = attempts_left is None or attempts_left > 0
        self.retake_button.setEnabled(can_retake)
        text = "Retake the quiz" if can_retake else "No attempts left"
        self.retake_button.setText(text)
        self.retake_button.setAccessibleName(text)

    def focus_first(self) -> None:
        self.browser.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_zoom(self, percent: int) -> None:
        self.browser.set_zoom(percent)
