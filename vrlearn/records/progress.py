"""Progress events: pages viewed and the last position, one write-behind file per learner.

A progress event changes the learner's file in memory and leaves the saving to the background
writer, so it returns in microseconds however large the records are. Lookups read the learner's
file directly (a dict scan of that learner's modules, no TinyDB query objects). The caller (the
store) holds the store lock and has checked the ids.

Video position and coverage live in the same module record (a `videos` entry, see `videos` and
`layout.MODULES_TABLE`), recorded through `module_record` / `update_module_record` with the same
write-behind pattern.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tinydb.table import Table

from .files import FileSet
from .layout import MODULES_TABLE, progress_spec

__all__ = ["ProgressBook"]


class ProgressBook:
    """Reads and records progress; `changed()` is called after every in-memory change."""

    def __init__(self, files: FileSet, changed: Callable[[], None]) -> None:
        self._files = files
        self._changed = changed

    def _table(self, learner_id: str) -> Table:
        return self._files.load(progress_spec(learner_id), deferred=True).table(MODULES_TABLE)

    def _docs(self, learner_id: str) -> dict[str, Any]:
        name = progress_spec(learner_id).name
        self._table(learner_id)  # loads the file
        docs = self._files.storages[name].read().get(MODULES_TABLE, {})
        return docs if isinstance(docs, dict) else {}

    def _find(self, learner_id: str, module_id: str) -> tuple[int, dict[str, Any]] | None:
        for doc_id, doc in self._docs(learner_id).items():
            if doc.get("module_id") == module_id and doc.get("learner_id") == learner_id:
                return int(doc_id), doc
        return None

    def is_viewed(self, learner_id: str, module_id: str, item_id: str) -> bool:
        found = self._find(learner_id, module_id)
        return found is not None and item_id in _viewed_of(found[1])

    def mark_viewed(self, learner_id: str, module_id: str, item_id: str, now: str) -> None:
        """Record a first view of a page (the caller checked it was not viewed yet)."""
        found = self._find(learner_id, module_id)
        table = self._table(learner_id)
        viewed = _viewed_of(found[1] if found else None)
        viewed = {**viewed, item_id: {"first_viewed": now, "last_viewed": now}}
        if found is None:
            table.insert(_new_module_doc(learner_id, module_id, now, viewed))
        else:
            table.update({"viewed": viewed, "updated": now}, doc_ids=[found[0]])
        self._changed()

    def set_position(self, learner_id: str, module_id: str, item_id: str, now: str) -> None:
        found = self._find(learner_id, module_id)
        table = self._table(learner_id)
        viewed = _viewed_of(found[1] if found else None)
        if item_id in viewed:
            times = viewed[item_id] if isinstance(viewed[item_id], dict) else {}
            viewed = {**viewed, item_id: {**times, "last_viewed": now}}
        if found is None:
            new = _new_module_doc(learner_id, module_id, now, viewed)
            table.insert({**new, "last_position": item_id})
        else:
            changes = {"last_position": item_id, "updated": now, "viewed": viewed}
            table.update(changes, doc_ids=[found[0]])
        self._changed()

    def module_record(self, learner_id: str, module_id: str) -> dict[str, Any] | None:
        """The learner's record of a module as stored (read only), or None."""
        found = self._find(learner_id, module_id)
        return found[1] if found is not None else None

    def update_module_record(
        self, learner_id: str, module_id: str, changes: dict[str, Any], now: str
    ) -> None:
        """Set fields of the module's record (creating the record if needed)."""
        found = self._find(learner_id, module_id)
        table = self._table(learner_id)
        if found is None:
            table.insert({**_new_module_doc(learner_id, module_id, now, {}), **changes})
        else:
            table.update({**changes, "updated": now}, doc_ids=[found[0]])
        self._changed()

    def viewed_items(self, learner_id: str, module_id: str) -> frozenset[str]:
        found = self._find(learner_id, module_id)
        return frozenset(_viewed_of(found[1] if found else None))

    def last_position(self, learner_id: str, module_id: str) -> str | None:
        found = self._find(learner_id, module_id)
        position = found[1].get("last_position") if found else None
        return position if isinstance(position, str) and position else None

    def summary(self, learner_id: str) -> dict[str, frozenset[str]]:
        summary: dict[str, frozenset[str]] = {}
        for doc in self._docs(learner_id).values():
            module_id = doc.get("module_id")
            if isinstance(module_id, str) and doc.get("learner_id") == learner_id:
                summary[module_id] = frozenset(_viewed_of(doc))
        return summary


def _viewed_of(doc: dict[str, Any] | None) -> dict[str, Any]:
    viewed = doc.get("viewed") if doc is not None else None
    return viewed if isinstance(viewed, dict) else {}


def _new_module_doc(
    learner_id: str, module_id: str, now: str, viewed: dict[str, Any]
) -> dict[str, Any]:
    return {
        "learner_id": learner_id,
        "module_id": module_id,
        "started": now,
        "updated": now,
        "last_position": None,
        "viewed": viewed,
    }
