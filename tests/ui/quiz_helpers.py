"""Helpers for the quiz GUI tests: bundled modules copied in, and answers given through widgets."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import CONTENT
from vrlearn.quiz.attempt import PaperQuestion, Response
from vrlearn.quiz.model import (
    ChoiceQuestion,
    MatchingQuestion,
    MultipleResponseQuestion,
    TrueFalseQuestion,
)
from vrlearn.records import RecordsStore
from vrlearn.ui.main_window import MainWindow
from vrlearn.ui.question_widgets import ChoiceBox, MatchingBox, QuestionBox
from vrlearn.ui.quiz_view import QuizView
from vrlearn.ui.reader_view import ReaderView

ESSENTIALS = "vr-essentials"
QUIZ_ITEM = "knowledge-check"


def copy_bundled(content_dir: Path, name: str = ESSENTIALS) -> Path:
    """A copy of a bundled module in the test's content folder (so tests may change it)."""
    return Path(shutil.copytree(CONTENT / name, content_dir / name))


def learner_id(store: RecordsStore) -> str:
    learner = store.current_learner()
    assert learner is not None
    return learner.learner_id


def open_module(window: MainWindow, module_id: str = ESSENTIALS) -> ReaderView:
    module = next(m for m in window.library_view.model.modules() if m.id == module_id)
    return window.open_module(module)


def open_quiz(window: MainWindow, module_id: str = ESSENTIALS) -> tuple[ReaderView, QuizView]:
    """Open the module and go to its quiz item; returns the reader and the quiz view."""
    reader = open_module(window, module_id)
    module = reader.module
    assert module is not None
    reader.go_to(module.quizzes[0].id)
    assert reader.quiz_view is not None
    return reader, reader.quiz_view


def right_answer(entry: PaperQuestion) -> Response:
    question = entry.question
    if isinstance(question, MultipleResponseQuestion):
        return question.correct_option_ids
    if isinstance(question, ChoiceQuestion):
        return next(iter(question.correct_option_ids))
    if isinstance(question, TrueFalseQuestion):
        return question.answer
    assert isinstance(question, MatchingQuestion)
    return {pair.id: pair.answer for pair in question.pairs}


def wrong_answer(entry: PaperQuestion) -> Response:
    question = entry.question
    if isinstance(question, MultipleResponseQuestion):
        return frozenset({next(o.id for o in question.options if not o.correct)})
    if isinstance(question, ChoiceQuestion):
        return next(o.id for o in question.options if not o.correct)
    if isinstance(question, TrueFalseQuestion):
        return not question.answer
    assert isinstance(question, MatchingQuestion)
    first, *rest = question.pairs
    other = next(a for a in question.answer_choices if a != first.answer)
    return {first.id: other, **{pair.id: pair.answer for pair in rest}}


def click_answer(box: QuestionBox, response: Response) -> None:
    """Give `response` through the widgets, as a mouse user would (each change is signalled)."""
    if isinstance(box, MatchingBox):
        assert isinstance(response, dict)
        for pair_id, answer in response.items():
            choices = box.lists[pair_id]
            choices.setCurrentIndex(choices.findData(answer))
        return
    assert isinstance(box, ChoiceBox)
    if isinstance(response, bool):
        keys = {"true" if response else "false"}
    elif isinstance(response, str):
        keys = {response}
    else:
        keys = {str(key) for key in response}
    for key in keys:
        box.option_row(key).button.click()


def key_answer(qtbot: QtBot, box: QuestionBox, response: Response) -> None:
    """Give `response` with the keyboard only: arrows, Space, Tab and the Down key in lists."""
    if isinstance(box, MatchingBox):
        assert isinstance(response, dict)
        first = True
        for pair_id, choices in box.lists.items():
            if not first:
                qtbot.keyClick(focused(), Qt.Key.Key_Tab)
            first = False
            assert focused() is choices
            target = choices.findData(response[pair_id])
            for _ in range(target - choices.currentIndex()):
                qtbot.keyClick(choices, Qt.Key.Key_Down)
            assert choices.currentIndex() == target
        return
    assert isinstance(box, ChoiceBox)
    keys = list(box.rows)
    if isinstance(response, bool):
        wanted = {"true" if response else "false"}
    elif isinstance(response, str):
        wanted = {response}
    else:
        wanted = {str(key) for key in response}
    assert focused() is box.rows[keys[0]].button
    if box.multiple:
        for index, key in enumerate(keys):
            if key in wanted:
                qtbot.keyClick(focused(), Qt.Key.Key_Space)
            if index + 1 < len(keys):
                qtbot.keyClick(focused(), Qt.Key.Key_Down)
        return
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # choose the first, then arrows move the choice
    for _ in range(keys.index(next(iter(wanted)))):
        qtbot.keyClick(focused(), Qt.Key.Key_Down)
    assert box.rows[next(iter(wanted))].button.isChecked()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget
