"""A quiz item in the reader: intro, answering, submit, review and retake.

The paper of an attempt is built from a fresh seed and saved with empty answers as soon as the
learner starts, then every change of answer is saved, so an attempt interrupted at any moment
continues with the same paper and the same answers ("Continue your attempt"). A quiz file with
problems is never shown: the screen says so and lists each problem as `file:line: field: message`.
"""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget

from vrlearn.modules.contents import Item
from vrlearn.modules.model import Module, Problem
from vrlearn.quiz.attempt import AttemptPaper
from vrlearn.quiz.engine import attempts_left, build_attempt, score
from vrlearn.quiz.model import Quiz
from vrlearn.quiz.record import (
    Answers,
    answers_from_json,
    answers_to_json,
    is_fully_answered,
    new_attempt_id,
    new_seed,
    paper_for_record,
    submitted_attempt,
    utc_now,
)
from vrlearn.quiz.toml_quiz import load_quiz
from vrlearn.ui import messages
from vrlearn.ui.learner_session import LearnerSession
from vrlearn.ui.page_browser import PageBrowser
from vrlearn.ui.quiz_intro import QuizIntro, QuizStatus
from vrlearn.ui.quiz_paper import QuizPaperView
from vrlearn.ui.quiz_review import QuizReview

log = logging.getLogger(__name__)

QUIZ_FONT_FACTOR = 1.25  # quiz text a little larger than the interface text, near a page's
SUBMIT, KEEP_ANSWERING = "Submit answers", "Keep answering"


def quiz_problem_html(title: str, folder: Path, problems: list[Problem]) -> str:
    """Shown instead of a quiz whose file has problems; the learner never sees its questions."""
    lines = []
    for problem in problems:
        try:
            where = problem.path.relative_to(folder).as_posix()
        except ValueError:
            where = str(problem.path)
        lines.append(f"<li>{escape(f'{where}:{problem.line}: {problem.field}: {problem.message}')}")
    return (
        f"<h1>{escape(title)}</h1>"
        "<p class='problem'>⚠ This quiz cannot be shown.</p>"
        "<p>Its quiz file has problems, so its questions could not be checked. You can carry on "
        "with the rest of the module. Please tell whoever looks after your training modules, "
        "so that the quiz can be fixed:</p>"
        f"<ul>{''.join(lines)}</ul>"
    )


class QuizView(QStackedWidget):
    """Runs one quiz item of a module for the current learner."""

    own_navigation_changed = Signal(bool)  # True while the quiz shows its own buttons
    back_requested = Signal()  # "Back to module"
    profile_requested = Signal()
    status_changed = Signal(str)

    def __init__(self, session: LearnerSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quizView")
        self.setAccessibleName("Quiz")
        self._session = session
        self._zoom = 100
        self._module: Module | None = None
        self._item: Item | None = None
        self.quiz: Quiz | None = None
        self.problems: list[Problem] = []
        self.paper: AttemptPaper | None = None
        self._attempt_id = ""
        self._started = ""
        self.problem_browser = PageBrowser()
        self.problem_browser.setAccessibleName("Why this quiz cannot be shown")
        self.intro: QuizIntro | None = None
        self.paper_view: QuizPaperView | None = None
        self.review: QuizReview | None = None
        self.addWidget(self.problem_browser)

    # ------------------------------------------------------------------ showing a quiz item

    def show_quiz(self, module: Module, item: Item) -> None:
        """Load the quiz file and show its intro (or its problems)."""
        self._module, self._item = module, item
        loaded = load_quiz(module.item_path(item))
        if isinstance(loaded, list):
            log.warning("quiz %s/%s cannot be shown: %d problems", module.id, item.id, len(loaded))
            self.quiz, self.problems, self.paper = None, loaded, None
            self.problem_browser.show_html(quiz_problem_html(item.title, module.folder, loaded))
            self._show(self.problem_browser)
            self.status_changed.emit("This quiz cannot be shown: its file has problems.")
            return
        self.quiz, self.problems = loaded, []
        self.show_intro()

    def show_intro(self) -> None:
        if self.quiz is None or self._module is None or self._item is None:
            return
        self.paper = None
        status = QuizStatus(
            attempts=self._attempts(),
            open_answered=self._open_answered(),
            has_learner=self._session.learner is not None,
        )
        intro = QuizIntro(self._font(), self)  # built in place: see quiz_fonts
        intro.show_quiz(self.quiz, status)
        intro.start_requested.connect(self.start_attempt)
        intro.continue_requested.connect(self.continue_attempt)
        intro.review_requested.connect(self.review_last_attempt)
        intro.profile_requested.connect(self.profile_requested)
        self.intro = self._replace(self.intro, intro)
        self._show(intro)
        intro.focus_first()

    def refresh(self) -> None:
        """Show the intro again if it is on screen (e.g. after the learner added a profile)."""
        if self.intro is not None and self.currentWidget() is self.intro:
            self.show_intro()

    def set_zoom(self, percent: int) -> None:
        self._zoom = percent
        self.problem_browser.set_zoom(percent)
        if self.review is not None:
            self.review.set_zoom(percent)
        if self.intro is not None and self.currentWidget() is self.intro:
            self.show_intro()
        elif self.paper_view is not None and self.currentWidget() is self.paper_view:
            self._show_paper(self.paper_view.paper, self.paper_view.answers(), keep_place=True)

    # ------------------------------------------------------------------ attempts

    def start_attempt(self) -> None:
        """A new paper from a fresh seed, saved at once so an interruption can continue it."""
        if self.quiz is None:
            return
        self._attempt_id, self._started = new_attempt_id(), utc_now()
        paper = build_attempt(self.quiz, new_seed())
        self._show_paper(paper, {})
        self._save_answers()

    def continue_attempt(self) -> None:
        """The unfinished attempt: the same paper from its seed, with the answers saved so far."""
        if self.quiz is None or self._module is None or self._item is None:
            return
        record = self._session.open_quiz_attempt(self._module.id, self._item.id)
        paper = paper_for_record(self.quiz, record) if record is not None else None
        if record is None or paper is None:
            self._session.discard_quiz_attempt(self._module.id, self._item.id)
            messages.information(
                self,
                "Your attempt cannot be continued",
                "The quiz has changed since you started this attempt, so it cannot be "
                "continued. Please start again.",
            )
            self.show_intro()
            return
        self._attempt_id = str(record.get("attempt_id") or new_attempt_id())
        self._started = str(record.get("started") or utc_now())
        self._show_paper(paper, answers_from_json(paper, record.get("answers")))

    def submit(self) -> bool:
        """Ask for confirmation, mark and record the attempt, then show the review."""
        view, module, item = self.paper_view, self._module, self._item
        if view is None or module is None or item is None or self.paper is None:
            return False
        missing = view.unanswered_numbers()
        total = len(view.boxes)
        if missing:
            numbers = ", ".join(str(number) for number in missing)
            count = len(missing)
            text = (
                f"{count} of {total} question{'s are' if count != 1 else ' is'} not answered "
                f"(question{'s' if count != 1 else ''} {numbers}). Unanswered questions are "
                "marked as incorrect."
            )
            default = KEEP_ANSWERING
        else:
            text = f"You have answered all {total} questions."
            default = SUBMIT
        choice = messages.choose(
            self,
            "Submit your answers?",
            text,
            [(SUBMIT, messages.Role.AcceptRole), (KEEP_ANSWERING, messages.Role.RejectRole)],
            default=default,
            details="You cannot change your answers after submitting.",
        )
        if choice != SUBMIT:
            view.focus_first()
            return False
        answers = view.answers()
        result = score(self.paper, answers)
        attempt = submitted_attempt(
            attempt_id=self._attempt_id,
            quiz_item_id=item.id,
            module_version=module.version,
            paper=self.paper,
            answers=answers,
            result=result,
            started=self._started,
        )
        if not self._session.submit_quiz_attempt(module.id, item.id, attempt):
            messages.warning(
                self,
                "Your answers could not be submitted",
                "Your answers are still here and saved as far as possible. Please try "
                "submitting again.",
            )
            return False
        self._show_review(self.paper, answers, note="Your result has been saved.")
        return True

    def review_last_attempt(self) -> None:
        """Rebuild the last submitted attempt from its seed and answers, and review it."""
        attempts = self._attempts()
        if self.quiz is None or not attempts:
            return
        paper = paper_for_record(self.quiz, attempts[-1])
        if paper is None:
            messages.information(
                self,
                "This attempt cannot be shown",
                "The quiz has changed since this attempt, so its questions cannot be shown again.",
            )
            return
        answers = answers_from_json(paper, attempts[-1].get("answers"))
        self._show_review(paper, answers)

    # ------------------------------------------------------------------ screens

    def _show_paper(self, paper: AttemptPaper, answers: Answers, keep_place: bool = False) -> None:
        place = self.paper_view.current_index if keep_place and self.paper_view else 0
        self.paper = paper
        view = QuizPaperView(paper, answers, self._font(), self)
        view.answers_changed.connect(self._save_answers)
        view.submit_requested.connect(self.submit)
        self.paper_view = self._replace(self.paper_view, view)
        self._show(view)
        view.show_question(place)
        view.focus_first()

    def _show_review(self, paper: AttemptPaper, answers: Answers, note: str = "") -> None:
        quiz = self.quiz
        if quiz is None:
            return
        review = QuizReview(self._font(), self._zoom, self)
        review.show_result(
            paper,
            answers,
            score(paper, answers),
            attempts_left=attempts_left(quiz, self._attempts()),
            note=note,
        )
        review.retake_requested.connect(self.start_attempt)
        review.back_requested.connect(self.back_requested)
        self.review = self._replace(self.review, review)
        self.paper = None
        self._show(review)
        review.focus_first()

    def _show(self, screen: QWidget) -> None:
        self.setCurrentWidget(screen)
        self.own_navigation_changed.emit(screen in (self.paper_view, self.review))

    def _replace(self, old: Any, new: Any) -> Any:
        self.addWidget(new)
        if old is not None:
            self.removeWidget(old)
            old.deleteLater()
        return new

    def _font(self) -> QFont:
        font = QFont(QApplication.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * QUIZ_FONT_FACTOR * self._zoom / 100)
        return font

    # ------------------------------------------------------------------ records

    def _attempts(self) -> list[dict[str, Any]]:
        if self._module is None or self._item is None:
            return []
        return self._session.quiz_attempts(self._module.id, self._item.id)

    def _open_answered(self) -> int | None:
        if self.quiz is None or self._module is None or self._item is None:
            return None
        record = self._session.open_quiz_attempt(self._module.id, self._item.id)
        if record is None:
            return None
        paper = paper_for_record(self.quiz, record)
        if paper is None:
            return 0
        answers = answers_from_json(paper, record.get("answers"))
        return sum(1 for q in paper.questions if is_fully_answered(q, answers.get(q.question.id)))

    def _save_answers(self) -> None:
        if self.paper is None or self._module is None or self._item is None:
            return
        answers = self.paper_view.answers() if self.paper_view is not None else {}
        self._session.save_quiz_answers(
            self._module.id,
            self._item.id,
            attempt_id=self._attempt_id,
            seed=self.paper.seed,
            algorithm=self.paper.algorithm,
            answers=answers_to_json(answers),
        )
