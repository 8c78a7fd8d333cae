"""Taking a quiz in the reader: keyboard, confirmation, review, retake, restore, broken files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from vrlearn.paths import AppPaths
from vrlearn.quiz.attempt import ALGORITHM
from vrlearn.quiz.engine import build_attempt
from vrlearn.quiz.model import ChoiceQuestion
from vrlearn.quiz.toml_quiz import load_quiz
from vrlearn.records import RecordsStore
from vrlearn.ui import messages
from vrlearn.ui.contents_tree import QUIZ_NOT_ATTEMPTED, QUIZ_NOT_PASSED, QUIZ_PASSED
from vrlearn.ui.main_window import MainWindow
from vrlearn.ui.question_widgets import QuestionBox
from vrlearn.ui.quiz_view import QuizView

from .conftest import WindowFactory
from .quiz_helpers import (
    ESSENTIALS,
    QUIZ_ITEM,
    click_answer,
    copy_bundled,
    focused,
    key_answer,
    learner_id,
    open_quiz,
    right_answer,
    wrong_answer,
)

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def essentials(content_dir: Path) -> Path:
    return copy_bundled(content_dir)


def activate(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())


def start(qtbot: QtBot, quiz_view: QuizView) -> None:
    assert quiz_view.intro is not None
    quiz_view.intro.start_button.setFocus()
    qtbot.keyClick(quiz_view.intro.start_button, Qt.Key.Key_Space)
    assert quiz_view.paper_view is not None


def test_take_the_quiz_with_the_keyboard_and_review_it(
    qtbot: QtBot, essentials: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    window = open_window(learner_store)
    activate(qtbot, window)
    reader, quiz_view = open_quiz(window)
    assert reader.contents.quiz_state(QUIZ_ITEM) == QUIZ_NOT_ATTEMPTED
    intro = quiz_view.intro
    assert intro is not None and quiz_view.currentWidget() is intro
    facts = intro.facts_label.text()
    assert "8, one per screen" in facts and "80 %" in facts and "as many as you need" in facts
    assert intro.start_button.text() == "Start the quiz"
    start(qtbot, quiz_view)
    paper = quiz_view.paper_view
    assert paper is not None
    assert not reader.navigation_bar.isVisible()  # the quiz's own buttons take over
    assert paper.progress_label.text() == "Question 1 of 8 · 0 of 8 answered"

    last = len(paper.boxes) - 1
    for index, box in enumerate(paper.boxes):
        assert paper.current_box() is box and box.isVisible()
        answer = wrong_answer(box.entry) if index == last else right_answer(box.entry)
        key_answer(qtbot, box, answer)
        if index < last:
            qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter: next question
    assert paper.progress_label.text() == "Question 8 of 8 · 8 of 8 answered"
    qtbot.keyClick(focused(), Qt.Key.Key_P, ALT)  # a mnemonic: the button clicks shortly after
    qtbot.waitUntil(lambda: paper.current_index == last - 1)
    qtbot.keyClick(focused(), Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: paper.current_index == last)

    messages.queue_answer("Submit answers")
    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    question = messages.shown[-1]
    assert question.title == "Submit your answers?"
    assert "answered all 8 questions" in question.text

    review = quiz_view.review
    assert review is not None and quiz_view.currentWidget() is review
    assert review.result_label.text() == "Passed"
    assert review.mark_label.text() == "✓" and review.mark_label.accessibleName() == "Passed"
    assert "7 of 8 questions right (87\u00a0%)" in review.score_label.text()
    text = review.browser.toPlainText()
    assert text.count("✓ Correct") == 7 and text.count("✗ Incorrect") == 1
    assert "Your answer" in text and "Right answer" in text and "Feedback" in text
    wrong_entry = paper.boxes[last].entry
    chosen = wrong_answer(wrong_entry)
    assert isinstance(wrong_entry.question, ChoiceQuestion) and isinstance(chosen, str)
    option = wrong_entry.question.option(chosen)
    assert (
        option is not None and option.feedback.split(".")[0] in text
    )  # the chosen option's feedback is shown
    assert reader.contents.quiz_state(QUIZ_ITEM) == QUIZ_PASSED

    who = learner_id(learner_store)
    attempts = learner_store.attempts(who, ESSENTIALS, QUIZ_ITEM)
    assert len(attempts) == 1
    saved = attempts[0]
    assert saved["passed"] is True and saved["correct"] == 7 and saved["total"] == 8
    assert saved["seed"] == paper.paper.seed and saved["algorithm"] == ALGORITHM
    assert saved["quiz_file_id"] == "vr-essentials-check" and saved["module_version"] == "1.0.0"
    assert saved["started"] <= saved["submitted"]
    assert all(isinstance(a, str | bool | list | dict) for a in saved["answers"].values())
    assert learner_store.open_attempt(who, ESSENTIALS, QUIZ_ITEM) is None

    first_seed = paper.paper.seed
    qtbot.mouseClick(review.retake_button, Qt.MouseButton.LeftButton)
    retake = quiz_view.paper_view
    assert retake is not None and retake is not paper and quiz_view.currentWidget() is retake
    assert retake.paper.seed != first_seed
    assert retake.answers() == {}
    assert learner_store.open_attempt(who, ESSENTIALS, QUIZ_ITEM) is not None


def test_the_review_rebuilds_the_same_paper_from_the_record(
    qtbot: QtBot, essentials: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    window = open_window(learner_store)
    _reader, quiz_view = open_quiz(window)
    quiz_view.start_attempt()
    paper = quiz_view.paper_view
    assert paper is not None
    for box in paper.boxes:
        click_answer(box, wrong_answer(box.entry))
    messages.queue_answer("Submit answers")
    assert quiz_view.submit()
    assert quiz_view.review is not None
    first_review = quiz_view.review.browser.toPlainText()
    assert quiz_view.review.result_label.text() == "Not passed"
    assert quiz_view.review.mark_label.text() == "✗"
    quiz_view.show_intro()
    assert quiz_view.intro is not None
    assert "Not passed ✗" in quiz_view.intro.status_label.text()
    assert quiz_view.intro.start_button.text() == "Retake the quiz"
    qtbot.mouseClick(quiz_view.intro.review_button, Qt.MouseButton.LeftButton)
    assert quiz_view.review.browser.toPlainText() == first_review
    reader = window.reader
    assert reader is not None and reader.contents.quiz_state(QUIZ_ITEM) == QUIZ_NOT_PASSED


def test_unanswered_questions_are_named_and_keep_answering_is_the_default(
    essentials: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    window = open_window(learner_store)
    _reader, quiz_view = open_quiz(window)
    quiz_view.start_attempt()
    paper = quiz_view.paper_view
    assert paper is not None
    click_answer(paper.boxes[0], right_answer(paper.boxes[0].entry))
    assert not quiz_view.submit()  # no answer queued: the box's default, Keep answering
    asked = messages.shown[-1]
    assert "7 of 8 questions are not answered (questions 2, 3, 4, 5, 6, 7, 8)" in asked.text
    assert "marked as incorrect" in asked.text
    assert quiz_view.currentWidget() is paper
    who = learner_id(learner_store)
    assert learner_store.attempts(who, ESSENTIALS, QUIZ_ITEM) == []


def test_answers_are_saved_as_given_and_restored_after_a_restart(
    qtbot: QtBot, essentials: Path, app_paths: AppPaths, open_window: WindowFactory
) -> None:
    store = RecordsStore.open(app_paths.records_dir)
    who = store.save_learner("Ana Lopez", "Occupational therapist").learner_id
    store.close()

    first = open_window()  # its own records, closed with the window, like the real app
    _reader, quiz_view = open_quiz(first)
    quiz_view.start_attempt()
    paper = quiz_view.paper_view
    assert paper is not None
    given = {}
    for box in paper.boxes[:3]:
        given[box.question_id] = right_answer(box.entry)
        click_answer(box, given[box.question_id])
    paper.show_question(3)
    seed, order = paper.paper.seed, paper.paper.questions
    first.close()

    with RecordsStore.open(app_paths.records_dir) as records:
        saved = records.open_attempt(who, ESSENTIALS, QUIZ_ITEM)
    assert saved is not None and saved["seed"] == seed and len(saved["answers"]) == 3

    second = open_window()
    reader = second.open_module(second.library_view.model.modules()[0])
    assert reader.position == QUIZ_ITEM  # resumes at the quiz
    restored_view = reader.quiz_view
    assert restored_view is not None and restored_view.intro is not None
    intro = restored_view.intro
    assert intro.start_button.text() == "Continue your attempt"
    assert "3 questions answered so far" in intro.status_label.text()
    qtbot.mouseClick(intro.start_button, Qt.MouseButton.LeftButton)
    restored = restored_view.paper_view
    assert restored is not None
    assert restored.paper.seed == seed and restored.paper.questions == order
    assert restored.answers() == given
    assert restored.progress_label.text().endswith("3 of 8 answered")


def test_a_broken_quiz_shows_its_problems_and_no_questions(
    essentials: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    quiz_file = essentials / "quiz.toml"
    text = quiz_file.read_text(encoding="utf-8").replace("pass_mark = 80", "pass_mark = 120")
    quiz_file.write_text(text.replace("correct = true\n", "", 1), encoding="utf-8")
    problems = load_quiz(quiz_file)
    assert isinstance(problems, list) and len(problems) == 2

    window = open_window(learner_store)
    reader, quiz_view = open_quiz(window)
    assert quiz_view.currentWidget() is quiz_view.problem_browser
    shown = quiz_view.problem_browser.toPlainText()
    assert "This quiz cannot be shown" in shown
    for problem in problems:
        assert f"quiz.toml:{problem.line}: {problem.field}: {problem.message}" in shown
    assert quiz_view.findChildren(QuestionBox) == []
    assert quiz_view.intro is None and quiz_view.paper_view is None
    assert reader.navigation_bar.isVisible()
    assert reader.contents.quiz_state(QUIZ_ITEM) == QUIZ_NOT_ATTEMPTED


def test_all_on_one_layout_and_the_attempt_limit(
    content_dir: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    folder = copy_bundled(content_dir, "vr-in-services")
    quiz_file = folder / "quiz.toml"
    text = quiz_file.read_text(encoding="utf-8")
    quiz_file.write_text(text.replace("pass_mark = 80", "pass_mark = 80\nattempt_limit = 1"))
    window = open_window(learner_store)
    _reader, quiz_view = open_quiz(window, "vr-in-services")
    assert quiz_view.intro is not None
    assert "1 of 1 left" in quiz_view.intro.facts_label.text()
    assert "all on one page" in quiz_view.intro.facts_label.text()
    quiz_view.start_attempt()
    paper = quiz_view.paper_view
    assert paper is not None and not paper.one_per_screen
    assert all(box.isVisible() for box in paper.boxes)
    assert all(box.number_label.isVisible() for box in paper.boxes)
    assert not paper.next_button.isVisible() and paper.submit_button.isVisible()
    assert paper.progress_label.text() == "8 questions · 0 of 8 answered"
    for box in paper.boxes:
        click_answer(box, right_answer(box.entry))
    messages.queue_answer("Submit answers")
    assert quiz_view.submit()
    review = quiz_view.review
    assert review is not None
    assert not review.retake_button.isEnabled()
    assert review.retake_button.text() == "No attempts left"
    assert "Attempts left: 0" in review.score_label.text()
    qtbot_back = review.back_button
    qtbot_back.click()
    reader = window.reader
    assert reader is not None and reader.position == ""  # back at the overview
    reader.go_to(next(i.id for i in reader.module.quizzes))  # type: ignore[union-attr]
    assert quiz_view.intro is not None
    assert not quiz_view.intro.start_button.isVisible()
    assert "used all your attempts" in quiz_view.intro.status_label.text()


def test_without_a_profile_the_quiz_asks_for_one_first(
    essentials: Path, store: RecordsStore, open_window: WindowFactory
) -> None:
    window = open_window(store)
    _reader, quiz_view = open_quiz(window)
    intro = quiz_view.intro
    assert intro is not None
    assert not intro.start_button.isVisible() and intro.profile_button.isVisible()
    assert "Add your profile" in intro.status_label.text()
    intro.profile_button.click()
    dialog = window.profile_dialog
    assert dialog is not None
    dialog.name.setText("Sam Taylor")
    dialog.role.setEditText("Physiotherapist")
    assert dialog.save()
    assert quiz_view.intro is not None and quiz_view.intro.start_button.isVisible()


def test_a_changed_quiz_cannot_continue_an_old_attempt(
    essentials: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    who = learner_id(learner_store)
    learner_store.save_attempt_answers(who, ESSENTIALS, QUIZ_ITEM, "a" * 32, 7, ALGORITHM + 1, {})
    window = open_window(learner_store)
    _reader, quiz_view = open_quiz(window)
    assert quiz_view.intro is not None
    quiz_view.intro.start_button.click()  # "Continue your attempt"
    assert messages.shown[-1].title == "Your attempt cannot be continued"
    assert quiz_view.paper_view is None and quiz_view.intro.start_button.text() == "Start the quiz"
    assert learner_store.open_attempt(who, ESSENTIALS, QUIZ_ITEM) is None


def test_papers_come_from_the_seed(essentials: Path) -> None:
    quiz = load_quiz(essentials / "quiz.toml")
    assert not isinstance(quiz, list)
    assert build_attempt(quiz, 5) == build_attempt(quiz, 5)


def test_zoom_keeps_the_answers_and_the_question_on_screen(
    essentials: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    window = open_window(learner_store)
    _reader, quiz_view = open_quiz(window)
    quiz_view.start_attempt()
    paper = quiz_view.paper_view
    assert paper is not None
    click_answer(paper.boxes[0], right_answer(paper.boxes[0].entry))
    paper.show_question(2)
    size = paper.boxes[0].prompt_label.font().pointSizeF()
    window.set_zoom(150)
    zoomed = quiz_view.paper_view
    assert zoomed is not None and zoomed is not paper
    assert zoomed.current_index == 2
    assert zoomed.answers() == {paper.boxes[0].question_id: right_answer(paper.boxes[0].entry)}
    assert zoomed.boxes[0].prompt_label.font().pointSizeF() == pytest.approx(size * 1.5)
