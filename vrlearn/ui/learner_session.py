"""The current learner and their progress, as the widgets see it.

A thin Qt-facing wrapper over the records store: widgets ask it what has been done and tell it
what was just viewed, answered or submitted. A failed save never raises into a widget; it is
announced through `records_failed` so the window can show a non-modal notice and carry on.

"Done" items are pages viewed, quizzes passed (at least once) and videos watched to their
required coverage: what the completion rule counts. When a page view, a quiz pass or a video's
coverage completes a module, `module_completed` is emitted, once, on that transition from not
complete to complete (the certificate hooks into it).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QObject, Signal

from vrlearn.modules.model import Module
from vrlearn.modules.progress import module_progress, video_watched
from vrlearn.records import LearnerProfile, RecordsError, RecordsStore

log = logging.getLogger(__name__)


class LearnerSession(QObject):
    """Who is learning, and a safe way to read and record their progress and quiz attempts."""

    learner_changed = Signal(object)  # LearnerProfile
    page_recorded = Signal(str, str)  # module id, item id
    quiz_submitted = Signal(str, str, bool)  # module id, quiz item id, passed
    video_recorded = Signal(str, str, float)  # module id, video item id, coverage (0.0-1.0)
    progress_changed = Signal(str)  # module id: its done items changed
    module_completed = Signal(str)  # module id: the module has just become complete
    records_failed = Signal(str)  # a message for the learner (reading or saving failed)

    def __init__(
        self,
        store: RecordsStore,
        modules: Iterable[Module] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._learner = store.current_learner()
        self._modules = {module.id: module for module in modules}
        self._quiz_outcomes: dict[str, dict[str, bool]] = {}  # module -> quiz item -> passed

    def flush(self) -> str | None:
        """Put everything recorded so far on disk; the reason in words if that failed."""
        try:
            self._store.flush()
        except RecordsError as error:
            return str(error)
        return None

    @property
    def learner(self) -> LearnerProfile | None:
        return self._learner

    def set_modules(self, modules: Iterable[Module]) -> None:
        """The modules whose completion this session follows (the library's modules)."""
        self._modules = {module.id: module for module in modules}
        self._quiz_outcomes.clear()

    def save_profile(
        self, name: str, role: str, registration_number: str = "", email: str = ""
    ) -> LearnerProfile:
        """Save the learner's details; raises ValueError or RecordsError for the dialog to show."""
        learner_id = self._learner.learner_id if self._learner else None
        learner = self._store.save_learner(
            name, role, registration_number=registration_number, email=email, learner_id=learner_id
        )
        self._learner = learner
        self._quiz_outcomes.clear()
        self.learner_changed.emit(learner)
        return learner

    # ------------------------------------------------------------------ progress

    def progress_summary(self) -> dict[str, frozenset[str]]:
        """Module id -> done item ids (pages viewed, quizzes passed), for every module started.

        Quiz results are only looked up for started modules: a quiz on screen always records
        its position, so a module with attempts is always a started one.
        """
        if self._learner is None:
            return {}
        try:
            viewed = self._store.progress_summary(self._learner.learner_id)
        except RecordsError as error:
            self._failed(error, "read")
            return {}
        return {
            module_id: items | self.passed_quizzes(module_id) | self.watched_videos(module_id)
            for module_id, items in viewed.items()
        }

    def viewed_items(self, module_id: str) -> frozenset[str]:
        if self._learner is None:
            return frozenset()
        try:
            return self._store.viewed_items(self._learner.learner_id, module_id)
        except RecordsError as error:
            self._failed(error, "read")
            return frozenset()

    def done_items(self, module_id: str) -> frozenset[str]:
        """Pages viewed, quizzes passed, videos watched: what counts towards completing."""
        return (
            self.viewed_items(module_id)
            | self.passed_quizzes(module_id)
            | self.watched_videos(module_id)
        )

    def is_completed(self, module_id: str) -> bool:
        module = self._modules.get(module_id)
        return module is not None and module_progress(module, self.done_items(module_id)).completed

    def last_position(self, module_id: str) -> str | None:
        if self._learner is None:
            return None
        try:
            return self._store.last_position(self._learner.learner_id, module_id)
        except RecordsError as error:
            self._failed(error, "read")
            return None

    def record_page_viewed(self, module_id: str, item_id: str) -> None:
        """Mark the page viewed and remember it as the place to resume; never raises."""
        if self._learner is None:
            return
        learner_id = self._learner.learner_id
        viewed = self.viewed_items(module_id)
        first_view = item_id not in viewed
        if first_view:
            done = viewed | self.passed_quizzes(module_id) | self.watched_videos(module_id)
        else:
            done = viewed
        was_completed = first_view and self._completed_with(module_id, done)
        try:
            self._store.mark_page_viewed(learner_id, module_id, item_id)
            self._store.set_last_position(learner_id, module_id, item_id)
        except RecordsError as error:
            self._failed(error, "saved")
            return
        self.page_recorded.emit(module_id, item_id)
        if first_view:
            self._progress_changed(module_id, was_completed, done | {item_id})

    def record_position(self, module_id: str, item_id: str) -> None:
        """Remember a non-page item (a quiz) as the place to resume; never raises."""
        if self._learner is None:
            return
        try:
            self._store.set_last_position(self._learner.learner_id, module_id, item_id)
        except RecordsError as error:
            self._failed(error, "saved")

    # ------------------------------------------------------------------ videos

    def video_state(self, module_id: str, item_id: str) -> dict[str, Any] | None:
        """Where the learner stopped and what they watched: {"position", "intervals",
        "duration", "coverage"} (seconds; coverage 0.0-1.0), or None."""
        if self._learner is None:
            return None
        try:
            return self._store.video_state(self._learner.learner_id, module_id, item_id)
        except RecordsError as error:
            self._failed(error, "read")
            return None

    def video_coverages(self, module_id: str) -> dict[str, float]:
        """Video item id -> share watched (0.0-1.0), for every video the learner played."""
        if self._learner is None:
            return {}
        try:
            states = self._store.video_states(self._learner.learner_id, module_id)
        except RecordsError as error:
            self._failed(error, "read")
            return {}
        return {item_id: float(state["coverage"]) for item_id, state in states.items()}

    def watched_videos(self, module_id: str) -> frozenset[str]:
        """Videos watched to their required coverage (they count as done)."""
        module = self._modules.get(module_id)
        if module is None or not module.videos:
            return frozenset()
        coverages = self.video_coverages(module_id)
        return frozenset(
            item.id for item in module.videos if video_watched(item, coverages.get(item.id))
        )

    def record_video_state(
        self,
        module_id: str,
        item_id: str,
        position: float,
        intervals: list[list[float]],
        duration: float,
    ) -> float | None:
        """Save a video's position and watched stretches; the coverage saved, or None if it
        could not be (no learner, or saving failed: said through `records_failed`)."""
        if self._learner is None:
            return None
        learner_id = self._learner.learner_id
        before = self.done_items(module_id)
        was_completed = self._completed_with(module_id, before)
        try:
            self._store.save_video_state(
                learner_id, module_id, item_id, position, intervals, duration
            )
            state = self._store.video_state(learner_id, module_id, item_id)
        except (RecordsError, ValueError) as error:
            log.warning("video progress could not be saved: %s", error)
            self.records_failed.emit(f"Your progress could not be saved: {error}")
            return None
        coverage = float(state["coverage"]) if state is not None else 0.0
        self.video_recorded.emit(module_id, item_id, coverage)
        module = self._modules.get(module_id)
        item = module.find_item(item_id) if module is not None else None
        if item_id not in before and item is not None and video_watched(item, coverage):
            self._progress_changed(module_id, was_completed, before | {item_id})
        return coverage

    # ------------------------------------------------------------------ quizzes

    def quiz_outcomes(self, module_id: str) -> dict[str, bool]:
        """Quiz item id -> whether it has been passed, for every quiz with a submitted attempt."""
        cached = self._quiz_outcomes.get(module_id)
        if cached is not None:
            return cached
        module = self._modules.get(module_id)
        outcomes: dict[str, bool] = {}
        for item in module.quizzes if module is not None else ():
            attempts = self.quiz_attempts(module_id, item.id)
            if attempts:
                outcomes[item.id] = any(attempt.get("passed") is True for attempt in attempts)
        if self._learner is not None:
            self._quiz_outcomes[module_id] = outcomes
        return outcomes

    def passed_quizzes(self, module_id: str) -> frozenset[str]:
        return frozenset(item for item, passed in self.quiz_outcomes(module_id).items() if passed)

    def quiz_attempts(self, module_id: str, quiz_id: str) -> list[dict[str, Any]]:
        """The learner's submitted attempts at a quiz, oldest first."""
        if self._learner is None:
            return []
        try:
            return list(self._store.attempts(self._learner.learner_id, module_id, quiz_id))
        except RecordsError as error:
            self._failed(error, "read")
            return []

    def open_quiz_attempt(self, module_id: str, quiz_id: str) -> dict[str, Any] | None:
        """The attempt in progress (its seed and the answers saved so far), if there is one."""
        if self._learner is None:
            return None
        try:
            return self._store.open_attempt(self._learner.learner_id, module_id, quiz_id)
        except RecordsError as error:
            self._failed(error, "read")
            return None

    def save_quiz_answers(
        self,
        module_id: str,
        quiz_id: str,
        *,
        attempt_id: str,
        seed: int,
        algorithm: int,
        answers: dict[str, Any],
    ) -> bool:
        """Save the answers of the attempt in progress, as given; never raises."""
        if self._learner is None:
            return False
        try:
            self._store.save_attempt_answers(
                self._learner.learner_id, module_id, quiz_id, attempt_id, seed, algorithm, answers
            )
        except RecordsError as error:
            self._failed(error, "saved")
            return False
        return True

    def discard_quiz_attempt(self, module_id: str, quiz_id: str) -> None:
        if self._learner is None:
            return
        try:
            self._store.discard_open_attempt(self._learner.learner_id, module_id, quiz_id)
        except RecordsError as error:
            self._failed(error, "saved")

    def submit_quiz_attempt(self, module_id: str, quiz_id: str, attempt: dict[str, Any]) -> bool:
        """Record a submitted attempt (on disk when this returns True); never raises."""
        if self._learner is None:
            return False
        before = self.done_items(module_id)
        was_completed = self._completed_with(module_id, before)
        try:
            self._store.submit_attempt(self._learner.learner_id, module_id, quiz_id, attempt)
        except RecordsError as error:
            self._failed(error, "saved")
            return False
        passed = attempt.get("passed") is True
        outcomes = dict(self.quiz_outcomes(module_id))
        outcomes[quiz_id] = outcomes.get(quiz_id, False) or passed
        self._quiz_outcomes[module_id] = outcomes
        self.quiz_submitted.emit(module_id, quiz_id, passed)
        if passed and quiz_id not in before:
            self._progress_changed(module_id, was_completed, before | {quiz_id})
        return True

    # ------------------------------------------------------------------ helpers

    def _completed_with(self, module_id: str, done: frozenset[str]) -> bool:
        module = self._modules.get(module_id)
        return module is not None and module_progress(module, done).completed

    def _progress_changed(self, module_id: str, was_completed: bool, done: frozenset[str]) -> None:
        self.progress_changed.emit(module_id)
        if not was_completed and self._completed_with(module_id, done):
            log.info("module %s completed", module_id)
            self.module_completed.emit(module_id)

    def _failed(self, error: RecordsError, what: str) -> None:
        log.warning("records could not be %s: %s", what, error)
        self.records_failed.emit(f"Your progress could not be {what}: {error}")
