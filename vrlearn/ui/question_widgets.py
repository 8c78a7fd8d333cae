"""One widget per question kind: radio buttons, check boxes, true/false, and matching lists.

Each is a group box named by its question (the accessible name is "Question 3 of 8: <prompt>"),
reports `answer_changed` whenever the learner changes the answer, and reads and restores the
answer in the engine's form (`attempt.Response`). Restoring emits nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGroupBox,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from vrlearn.quiz.attempt import PaperQuestion, Response
from vrlearn.quiz.model import ChoiceQuestion, MatchingQuestion, MultipleResponseQuestion
from vrlearn.ui.option_row import OptionRow, rich_label
from vrlearn.ui.quiz_fonts import own_font
from vrlearn.ui.quiz_text import markdown_html, plain_text

NO_MATCH = "Choose an answer…"
ARROW_STEPS = {Qt.Key.Key_Up: -1, Qt.Key.Key_Left: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_Right: 1}
HINTS = {
    "single-choice": "Choose one answer.",
    "multiple-response": "Choose every answer that applies.",
    "true-false": "Choose true or false.",
    "matching": "Choose the matching answer from each list.",
}


class QuestionBox(QGroupBox):
    """The number, the prompt and a hint; subclasses add the controls that take the answer."""

    answer_changed = Signal()

    def __init__(
        self,
        entry: PaperQuestion,
        number: int,
        total: int,
        font: QFont,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setFont(font)
        self.entry = entry
        self.number = number
        question = entry.question
        self.setObjectName("questionBox")
        self.setAccessibleName(f"Question {number} of {total}: {plain_text(question.prompt)}")
        hint = HINTS[question.kind]
        self.setAccessibleDescription(hint)
        self.number_label = QLabel(f"Question {number} of {total}")
        self.number_label.setObjectName("questionNumber")
        self.prompt_label = rich_label(markdown_html(question.prompt), "questionPrompt")
        own_font(self.prompt_label, font, 1.12, bold=True)
        self.hint_label = QLabel(hint)
        self.hint_label.setObjectName("secondaryText")
        self.controls = QVBoxLayout()
        line = self.fontMetrics().height()
        self.controls.setSpacing(round(line * 0.5))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, round(line * 0.5))
        layout.setSpacing(round(line * 0.4))
        layout.addWidget(self.number_label)
        layout.addWidget(self.prompt_label)
        layout.addWidget(self.hint_label)
        layout.addSpacing(round(line * 0.3))
        layout.addLayout(self.controls)

    @property
    def question_id(self) -> str:
        return self.entry.question.id

    def answer(self) -> Response | None:
        raise NotImplementedError

    def set_answer(self, response: Response | None) -> None:
        raise NotImplementedError

    def first_control(self) -> QWidget:
        raise NotImplementedError


class ChoiceBox(QuestionBox):
    """Single choice, multiple response and true/false: one option row per answer."""

    def __init__(
        self,
        entry: PaperQuestion,
        number: int,
        total: int,
        font: QFont,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(entry, number, total, font, parent)
        question = entry.question
        self.multiple = isinstance(question, MultipleResponseQuestion)
        self.group = QButtonGroup(self)
        self.group.setExclusive(not self.multiple)
        self.rows: dict[str, OptionRow] = {}
        for key in entry.order:
            if isinstance(question, ChoiceQuestion):
                option = question.option(key)
                text = option.text if option is not None else key
            else:
                text = "True" if key == "true" else "False"
            row = OptionRow(text, exclusive=not self.multiple, parent=self)
            self.group.addButton(row.button)
            self.rows[key] = row
            self.controls.addWidget(row)
            if self.multiple:  # Qt moves between check boxes with Tab only; arrows too, here
                row.button.installEventFilter(self)
        self.group.buttonToggled.connect(self._toggled)

    def answer(self) -> Response | None:
        chosen = [key for key, row in self.rows.items() if row.button.isChecked()]
        if self.multiple:
            return frozenset(chosen) or None
        if not chosen:
            return None
        if isinstance(self.entry.question, ChoiceQuestion):
            return chosen[0]
        return chosen[0] == "true"

    def set_answer(self, response: Response | None) -> None:
        if isinstance(response, bool):
            wanted = {"true" if response else "false"}
        elif isinstance(response, str):
            wanted = {response}
        elif response is None or isinstance(response, Mapping):
            wanted = set()
        else:
            wanted = {str(key) for key in response}
        self.group.blockSignals(True)
        self.group.setExclusive(False)  # so that an exclusive group can be cleared, too
        for key, row in self.rows.items():
            row.button.setChecked(key in wanted)
        self.group.setExclusive(not self.multiple)
        self.group.blockSignals(False)

    def first_control(self) -> QWidget:
        checked = self.group.checkedButton()
        if checked is not None and not self.multiple:
            return checked
        return next(iter(self.rows.values())).button

    def option_row(self, key: str) -> OptionRow:
        return self.rows[key]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        step = ARROW_STEPS.get(Qt.Key(event.key()))
        if step is None or event.modifiers() != Qt.KeyboardModifier.NoModifier:
            return False
        buttons = [row.button for row in self.rows.values()]
        if watched not in buttons:
            return False
        index = buttons.index(watched) + step
        if 0 <= index < len(buttons):
            buttons[index].setFocus(Qt.FocusReason.TabFocusReason)
        return True

    def _toggled(self, _button: object, checked: bool) -> None:
        if checked or self.multiple:
            self.answer_changed.emit()


class AnswerList(QComboBox):
    """A drop-down list of answers that the mouse wheel never changes by accident."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()


class MatchingBox(QuestionBox):
    """A matching question: each prompt with a list of the answers to choose from."""

    def __init__(
        self,
        entry: PaperQuestion,
        number: int,
        total: int,
        font: QFont,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(entry, number, total, font, parent)
        question = entry.question
        assert isinstance(question, MatchingQuestion)
        self.lists: dict[str, QComboBox] = {}
        line = self.fontMetrics().height()
        for pair in question.pairs:
            label = rich_label(markdown_html(pair.prompt), "matchPrompt")
            choices = AnswerList()
            choices.setAccessibleName(plain_text(pair.prompt))
            choices.setAccessibleDescription("Choose the matching answer")
            choices.addItem(NO_MATCH, None)
            for answer in entry.order:
                choices.addItem(answer, answer)
                choices.setItemData(choices.count() - 1, answer, Qt.ItemDataRole.ToolTipRole)
            choices.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            choices.setMinimumContentsLength(24)
            choices.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            choices.view().setTextElideMode(Qt.TextElideMode.ElideNone)
            widest = max(choices.fontMetrics().horizontalAdvance(a) for a in entry.order)
            choices.view().setMinimumWidth(min(widest + line * 3, line * 60))
            choices.currentIndexChanged.connect(self._chosen)
            label.setBuddy(choices)
            block = QVBoxLayout()
            block.setSpacing(round(line * 0.25))
            block.addWidget(label)
            block.addWidget(choices)
            self.controls.addLayout(block)
            self.controls.addSpacing(round(line * 0.3))
            self.lists[pair.id] = choices

    def answer(self) -> Response | None:
        chosen = {
            pair_id: choices.currentData()
            for pair_id, choices in self.lists.items()
            if isinstance(choices.currentData(), str)
        }
        return chosen or None

    def set_answer(self, response: Response | None) -> None:
        chosen = response if isinstance(response, Mapping) else {}
        for pair_id, choices in self.lists.items():
            choices.blockSignals(True)
            index = choices.findData(chosen.get(pair_id)) if pair_id in chosen else 0
            choices.setCurrentIndex(max(index, 0))
            choices.setToolTip(choices.currentText() if index > 0 else "")
            choices.blockSignals(False)

    def first_control(self) -> QWidget:
        return next(iter(self.lists.values()))

    def _chosen(self) -> None:
        for choices in self.lists.values():
            choices.setToolTip(choices.currentText() if choices.currentIndex() > 0 else "")
        self.answer_changed.emit()


def question_box(entry: PaperQuestion, number: int, total: int, font: QFont) -> QuestionBox:
    """The widget for one question on the paper, drawn in `font` (the quiz's zoomed font)."""
    if isinstance(entry.question, MatchingQuestion):
        return MatchingBox(entry, number, total, font)
    return ChoiceBox(entry, number, total, font)
