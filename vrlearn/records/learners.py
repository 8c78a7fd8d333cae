"""The learner profiles and which of them is using the app, in `learners.json`.

```
learners.json
  "learners": {"learner_id", "name", "role", "registration_number", "email",
               "created": iso, "updated": iso}              # creation order
  "state":    {"current_learner_id"}                         # one document
```

Saving a profile is durable (fsynced) when it returns: one atomic save of this one file, which
also makes the learner current. The caller (the store) holds the lock.
"""

from __future__ import annotations

from tinydb import where
from tinydb.table import Document

from .files import FileSet
from .layout import LEARNERS, LEARNERS_TABLE, STATE_DOC_ID, STATE_TABLE
from .profile import (
    LearnerProfile,
    check_record_id,
    clean_learner_fields,
    new_learner_id,
    profile_from_doc,
)

__all__ = ["LearnerBook"]


class LearnerBook:
    """Reads and records learner profiles and the current learner."""

    def __init__(self, files: FileSet) -> None:
        self._files = files
        self._learners = files.db(LEARNERS.name).table(LEARNERS_TABLE)
        self._state = files.db(LEARNERS.name).table(STATE_TABLE)

    def current(self) -> LearnerProfile | None:
        state = self._state.get(doc_id=STATE_DOC_ID)
        current = state.get("current_learner_id") if isinstance(state, dict) else None
        doc = self._doc(current) if isinstance(current, str) else None
        return profile_from_doc(doc) if doc is not None else None

    def all(self) -> list[LearnerProfile]:
        return [profile_from_doc(doc) for doc in self._learners.all()]

    def save(
        self,
        name: str,
        role: str,
        registration_number: str,
        email: str,
        learner_id: str | None,
        now: str,
    ) -> LearnerProfile:
        """See `RecordsStore.save_learner`."""
        fields = clean_learner_fields(name, role, registration_number, email)
        if learner_id is None:
            learner_id = new_learner_id()
            with self._files.batch(LEARNERS.name):
                doc = {"learner_id": learner_id, **fields, "created": now, "updated": now}
                self._learners.insert(doc)
                self._set_current(learner_id)
        else:
            existing = self._doc(check_record_id(learner_id, "learner id"))
            if existing is None:
                raise ValueError(f"There is no learner with the id {learner_id!r}.")
            with self._files.batch(LEARNERS.name):
                if any(existing.get(key) != value for key, value in fields.items()):
                    self._learners.update({**fields, "updated": now}, doc_ids=[existing.doc_id])
                self._set_current(learner_id)
        return LearnerProfile(learner_id=learner_id, **fields)

    def require(self, learner_id: str) -> None:
        """ValueError (for the user) unless `learner_id` is a well-formed id of a known learner."""
        check_record_id(learner_id, "learner id")
        if self._doc(learner_id) is None:
            raise ValueError(f"There is no learner with the id {learner_id!r}.")

    def _set_current(self, learner_id: str) -> None:
        state = self._state.get(doc_id=STATE_DOC_ID)
        if isinstance(state, dict) and state.get("current_learner_id") == learner_id:
            return
        self._state.upsert(Document({"current_learner_id": learner_id}, doc_id=STATE_DOC_ID))

    def _doc(self, learner_id: str) -> Document | None:
        found = self._learners.search(where("learner_id") == learner_id)
        return found[0] if found else None
