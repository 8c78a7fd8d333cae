"""The answering screen: the questions of one paper, one per screen or all on one, and a submit.

Keys: Tab, the arrow keys and Space answer; Enter (or Alt+N) goes to the next question, Alt+P to
the previous one; on the last question Enter asks to submit, as does Ctrl+Enter from anywhere.
`answers_changed` fires on every change so the caller can save the answers as they are given.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from vrlearn.quiz.attempt import AttemptPaper
from vrlearn.quiz.record import Answers, is_fully_answered
from vrlearn.ui.question_widgets import QuestionBox, question_box
from vrlearn.ui.quiz_fonts import own_font, spread_font

SUBMIT_KEYS = ("Ctrl+Return", "Ctrl+Enter")
COLUMN_CHARS = 84  # a little wider than a page's text, for the option cards' padding


def quiz_button(text: str, accessible: str, object_name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible)
    button.setObjectName(object_name)
    button.setAutoDefault(True)  # Enter presses the focused button
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


def centred_column(content: QWidget, width: int) -> QWidget:
    """`content` in a column at most `width` pixels wide, centred in the space available."""
    column = QWidget()
    column.setObjectName("quizColumn")
    layout = QHBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    content.setMaximumWidth(width)
    layout.addStretch(0)
    layout.addWidget(content, 100)
    layout.addStretch(0)
    return column


class QuizPaperView(QWidget):
    """Answers one paper; the caller saves (`answers_changed`) and submits (`submit_requested`)."""

    answers_changed = Signal()
    submit_requested = Signal()

    def __init__(
        self, paper: AttemptPaper, answers: Answers, font: QFont, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setFont(font)
        self.setObjectName("quizPaper")
        self.paper = paper
        self.one_per_screen = paper.quiz.layout == "one-per-screen"
        self._current = 0
        total = len(paper.questions)
        line = self.fontMetrics().height()
        width = self.fontMetrics().averageCharWidth() * COLUMN_CHARS

        self.title_label = QLabel(paper.quiz.title)
        self.title_label.setObjectName("heading")
        own_font(self.title_label, font, 1.35, bold=True)
        self.title_label.setWordWrap(True)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("quizProgress")
        self.progress_label.setAccessibleName("Quiz progress")
        self.answered_bar = QProgressBar()
        self.answered_bar.setObjectName("answeredBar")
        self.answered_bar.setRange(0, total)
        self.answered_bar.setTextVisible(False)
        self.answered_bar.setFixedHeight(max(4, line // 3))
        self.answered_bar.setAccessibleName("Questions answered")
        self.saved_label = QLabel("Your answers are saved as you go.")
        self.saved_label.setObjectName("secondaryText")

        self.boxes: list[QuestionBox] = []
        questions = QWidget()
        questions.setObjectName("quizQuestions")
        question_layout = QVBoxLayout(questions)
        question_layout.setContentsMargins(0, 0, 0, 0)
        question_layout.setSpacing(line * 2)
        for number, entry in enumerate(paper.questions, start=1):
            box = question_box(entry, number, total, font)
            box.number_label.setVisible(not self.one_per_screen)  # the header says it
            box.set_answer(answers.get(entry.question.id))
            box.answer_changed.connect(self._answer_changed)
            question_layout.addWidget(box)
            self.boxes.append(box)
        question_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("quizScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(centred_column(questions, width))
        self.scroll_area.setAccessibleName("Questions")
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.previous_button = quiz_button(
            "← &Previous question", "Previous question", "linkButton"
        )
        self.previous_button.clicked.connect(self.previous_question)
        self.next_button = quiz_button("&Next question →", "Next question", "primaryButton")
        self.next_button.clicked.connect(self.next_question)
        self.submit_button = quiz_button("&Submit answers…", "Submit answers", "primaryButton")
        self.submit_button.clicked.connect(self.submit_requested)
        for keys in SUBMIT_KEYS:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.submit_requested)

        header = QVBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.setSpacing(round(line * 0.35))
        header.addWidget(self.title_label)
        status = QHBoxLayout()
        status.addWidget(self.progress_label)
        status.addStretch()
        status.addWidget(self.saved_label)
        header.addLayout(status)
        header.addWidget(self.answered_bar)
        header_box = QWidget()
        header_box.setLayout(header)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.previous_button)
        buttons.addStretch()
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.submit_button)
        footer = QWidget()
        footer.setObjectName("quizFooter")
        footer.setLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(line * 2, round(line * 1.2), line * 2, round(line * 0.8))
        layout.setSpacing(line)
        layout.addWidget(centred_column(header_box, width))
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(centred_column(footer, width))
        spread_font(self, font)
        self._show_current()

    @property
    def current_index(self) -> int:
        """The question on screen (0-based); with all questions on one screen, always 0."""
        return self._current

    def current_box(self) -> QuestionBox:
        return self.boxes[self._current]

    def answers(self) -> Answers:
        given = {box.question_id: box.answer() for box in self.boxes}
        return {question_id: answer for question_id, answer in given.items() if answer is not None}

    def answered_count(self) -> int:
        return sum(1 for box in self.boxes if is_fully_answered(box.entry, box.answer()))

    def unanswered_numbers(self) -> list[int]:
        """Question numbers (1-based) not fully answered."""
        return [box.number for box in self.boxes if not is_fully_answered(box.entry, box.answer())]

    def show_question(self, index: int) -> None:
        if not self.one_per_screen or not 0 <= index < len(self.boxes):
            return
        self._current = index
        self._show_current()
        self.current_box().first_control().setFocus(Qt.FocusReason.OtherFocusReason)

    def next_question(self) -> bool:
        if not self.one_per_screen or self._current + 1 >= len(self.boxes):
            return False
        self.show_question(self._current + 1)
        return True

    def previous_question(self) -> bool:
        if not self.one_per_screen or self._current == 0:
            return False
        self.show_question(self._current - 1)
        return True

    def focus_first(self) -> None:
        self.current_box().first_control().setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            if not self.next_question():
                self.submit_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def _answer_changed(self) -> None:
        self._update_progress()
        self.answers_changed.emit()

    def _show_current(self) -> None:
        last = len(self.boxes) - 1
        if self.one_per_screen:
            for index, box in enumerate(self.boxes):
                box.setVisible(index == self._current)
            self.scroll_area.verticalScrollBar().setValue(0)
        self.previous_button.setVisible(self.one_per_screen)
        self.previous_button.setEnabled(self._current > 0)
        self.next_button.setVisible(self.one_per_screen and self._current < last)
        self.submit_button.setVisible(not self.one_per_screen or self._current == last)
        self._update_progress()

    def _update_progress(self) -> None:
        total = len(self.boxes)
        answered = self.answered_count()
        self.answered_bar.setValue(answered)
        self.answered_bar.setAccessibleDescription(f"{answered} of {total} answered")
        if self.one_per_screen:
            text = f"Question {self._current + 1} of {total} · {answered} of {total} answered"
        else:
            text = f"{total} questions · {answered} of {total} answered"
        self.progress_label.setText(text)
