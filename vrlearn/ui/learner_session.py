"""The current learner and their progress, as the widgets see it.

A thin Qt-facing wrapper over the records store: widgets ask it what has been viewed and tell it
what was just viewed. A failed save never raises into a widget; it is announced through
`records_failed` so the window can show a non-modal notice and carry on.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from vrlearn.records import LearnerProfile, RecordsError, RecordsStore

log = logging.getLogger(__name__)


class LearnerSession(QObject):
    """Who is learning, and a safe way to read and record their progress."""

    learner_changed = Signal(object)  # LearnerProfile
    page_recorded = Signal(str, str)  # module id, item id
    records_failed = Signal(str)  # a message for the learner (reading or saving failed)

    def __init__(self, store: RecordsStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._learner = store.current_learner()

    @property
    def learner(self) -> LearnerProfile | None:
        return self._learner

    def save_profile(
        self, name: str, role: str, registration_number: str = "", email: str = ""
    ) -> LearnerProfile:
        """Save the learner's details; raises ValueError or RecordsError for the dialog to show."""
        learner_id = self._learner.learner_id if self._learner else None
        learner = self._store.save_learner(
            name, role, registration_number=registration_number, email=email, learner_id=learner_id
        )
        self._learner = learner
        self.learner_changed.emit(learner)
        return learner

    def progress_summary(self) -> dict[str, frozenset[str]]:
        if self._learner is None:
            return {}
        try:
            return self._store.progress_summary(self._learner.learner_id)
        except RecordsError as error:
            self._failed(error, "read")
            return {}

    def viewed_items(self, module_id: str) -> frozenset[str]:
        if self._learner is None:
            return frozenset()
        try:
            return self._store.viewed_items(self._learner.learner_id, module_id)
        except RecordsError as error:
            self._failed(error, "read")
            return frozenset()

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
        try:
            self._store.mark_page_viewed(learner_id, module_id, item_id)
            self._store.set_last_position(learner_id, module_id, item_id)
        except RecordsError as error:
            self._failed(error, "saved")
            return
        self.page_recorded.emit(module_id, item_id)

    def _failed(self, error: RecordsError, what: str) -> None:
        log.warning("records could not be %s: %s", what, error)
        self.records_failed.emit(f"Your progress could not be {what}: {error}")
