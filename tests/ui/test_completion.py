"""Completing a module: the checklist, the `module_completed` event (once), and the library."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from vrlearn.app import build_main_window
from vrlearn.paths import AppPaths
from vrlearn.records import RecordsStore
from vrlearn.ui import messages
from vrlearn.ui.contents_tree import OVERVIEW, QUIZ_NOT_PASSED, QUIZ_PASSED
from vrlearn.ui.main_window import MainWindow
from vrlearn.ui.quiz_view import QuizView
from vrlearn.ui.reader_view import ReaderView

from .conftest import WindowFactory
from .quiz_helpers import (
    ESSENTIALS,
    QUIZ_ITEM,
    click_answer,
    copy_bundled,
    open_module,
    right_answer,
    wrong_answer,
)

VIDEO_ITEM = "overview-video"


@pytest.fixture
def essentials(content_dir: Path) -> Path:
    return copy_bundled(content_dir)


def completions(window: MainWindow) -> list[str]:
    """Every module id `module_completed` reports from now on."""
    seen: list[str] = []
    window.session.module_completed.connect(seen.append)
    return seen


def take_quiz(reader: ReaderView, *, right: bool) -> QuizView:
    reader.go_to(QUIZ_ITEM)
    quiz_view = reader.quiz_view
    assert quiz_view is not None
    quiz_view.start_attempt()
    paper = quiz_view.paper_view
    assert paper is not None
    for box in paper.boxes:
        click_answer(box, right_answer(box.entry) if right else wrong_answer(box.entry))
    messages.queue_answer("Submit answers")
    assert quiz_view.submit()
    return quiz_view


def read_every_page(reader: ReaderView) -> None:
    assert reader.module is not None
    for page in reader.module.pages:
        reader.go_to(page.id)


def watch_video(store: RecordsStore) -> None:
    """Record the module's overview video as watched, so pages and the quiz are what is left."""
    learner = store.current_learner()
    assert learner is not None
    store.save_video_state(learner.learner_id, ESSENTIALS, VIDEO_ITEM, 65.0, [[0.0, 65.0]], 65.0)


def library_text(window: MainWindow, module_id: str = ESSENTIALS) -> str:
    entry = next(e for e in window.library_view.model.entries if e.module_id == module_id)
    return entry.progress_text


def test_passing_the_quiz_last_completes_the_module_once(
    essentials: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    watch_video(learner_store)
    window = open_window(learner_store)
    seen = completions(window)
    reader = open_module(window)
    module = reader.module
    assert module is not None
    total, pages = len(module.counted_items()), len(module.pages)
    overview = reader.browser.toPlainText()
    assert "Your checklist" in overview and f"1 of {total} done" in overview
    assert "☐ To do: read “A working definition”" in overview
    read_every_page(reader)
    assert library_text(window) == f"{100 * (pages + 1) // total} %"
    reader.go_to(OVERVIEW)
    overview = reader.browser.toPlainText()
    assert f"{pages + 1} of {total} done" in overview
    assert "pass the quiz “Knowledge check” (not attempted)" in overview
    assert "read “" not in overview
    assert seen == []

    take_quiz(reader, right=False)
    assert seen == [] and reader.contents.quiz_state(QUIZ_ITEM) == QUIZ_NOT_PASSED
    reader.go_to(OVERVIEW)
    assert "(not passed yet)" in reader.browser.toPlainText()

    quiz_view = take_quiz(reader, right=True)
    assert seen == [ESSENTIALS]
    assert quiz_view.review is not None and quiz_view.review.result_label.text() == "Passed"
    assert reader.contents.quiz_state(QUIZ_ITEM) == QUIZ_PASSED
    assert library_text(window) == "✓ Completed"
    notices = window.notice_bar.notices
    assert [n for n in notices if "Module completed" in n] == [
        "✓ Module completed: “Vocational rehabilitation after stroke: the essentials”. Well done!"
    ]
    reader.go_to(OVERVIEW)
    assert "✓ Module completed." in reader.browser.toPlainText()

    take_quiz(reader, right=False)  # a later fail does not undo the pass
    read_every_page(reader)  # nor do pages seen again complete it again
    assert seen == [ESSENTIALS]
    assert library_text(window) == "✓ Completed"
    lesson = reader.contents.topLevelItem(5)
    assert lesson is not None and lesson.text(1) == "1 of 1"


def test_the_last_page_can_be_what_completes_the_module(
    essentials: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    watch_video(learner_store)
    window = open_window(learner_store)
    seen = completions(window)
    reader = open_module(window)
    take_quiz(reader, right=True)
    module = reader.module
    assert module is not None
    assert seen == [] and library_text(window) == f"{200 // len(module.counted_items())} %"
    for page in module.pages[:-1]:
        reader.go_to(page.id)
    assert seen == []
    reader.go_to(module.pages[-1].id)
    assert seen == [ESSENTIALS]
    assert library_text(window) == "✓ Completed"


def test_the_library_counts_passed_quizzes_after_a_restart(
    qtbot: QtBot, essentials: Path, app_paths: AppPaths, learner_store: RecordsStore
) -> None:
    watch_video(learner_store)
    first = build_main_window(app_paths, learner_store)
    qtbot.addWidget(first)
    reader = first.open_module(first.library_view.model.modules()[0])
    read_every_page(reader)
    take_quiz(reader, right=True)
    first.close()

    second = build_main_window(app_paths, learner_store)
    qtbot.addWidget(second)
    seen = completions(second)
    assert library_text(second) == "✓ Completed"
    reader = open_module(second)
    assert reader.contents.quiz_state(QUIZ_ITEM) == QUIZ_PASSED
    read_every_page(reader)
    assert seen == []  # it was already complete
