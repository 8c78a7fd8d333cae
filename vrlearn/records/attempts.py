"""Quiz attempts: answers saved as they are given, and submitted attempts saved durably.

One small file per learner and quiz (see `layout.attempts_file`) holds the submitted attempts and
the attempt in progress, so:

- saving an answer changes that file in memory and leaves the write to the background writer
  (like a progress event); after a crash `open_attempt` gives back the answers last written;
- submitting rewrites only that file, synchronously (temp file, fsync, rename, fsync folder),
  and removes the attempt in progress in the same atomic write, so the attempt is either still
  in progress or submitted, never both and never neither.

Values are stored as JSON: sets and frozensets become sorted lists, tuples become lists. The
caller (the store) holds the store lock.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from tinydb.table import Document, Table

from .files import FileSet
from .layout import ATTEMPTS_TABLE, OPEN_ATTEMPT_DOC_ID, OPEN_TABLE, attempts_spec
from .profile import check_record_id

__all__ = ["AttemptBook", "json_copy"]

_ID_FIELDS = ("learner_id", "module_id", "quiz_id")


def _to_json(value: object) -> object:
    if isinstance(value, set | frozenset):
        try:
            return sorted(value)
        except TypeError:
            return list(value)
    raise TypeError(f"{type(value).__name__} values cannot be saved")


def json_copy(value: object, label: str) -> Any:
    """A deep copy of `value` as JSON data; ValueError (for the developer) if it is not JSON."""
    try:
        text = json.dumps(value, default=_to_json, allow_nan=False, ensure_ascii=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"The {label} cannot be saved as JSON: {exc}") from None
    return json.loads(text)


def _check_int(value: object, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"The {label} must be a whole number, not {value!r}.")
    return value


def _check_answers(answers: object) -> dict[str, Any]:
    if not isinstance(answers, Mapping):
        raise ValueError(
            f"The answers must be a mapping of question id to answer, not {answers!r}."
        )
    for key in answers:
        if not isinstance(key, str) or not key:
            raise ValueError(f"The answers must be keyed by question id, not {key!r}.")
    copied: dict[str, Any] = json_copy(dict(answers), "answers")
    return copied


class AttemptBook:
    """Reads and records quiz attempts; `changed()` is called after write-behind changes."""

    def __init__(self, files: FileSet, changed: Callable[[], None]) -> None:
        self._files = files
        self._changed = changed

    def _name(self, learner_id: str, module_id: str, quiz_id: str) -> str:
        return attempts_spec(learner_id, module_id, quiz_id).name

    def _table(self, name: str, table: str) -> Table:
        return self._files.db(name).table(table)

    def _raw(self, name: str, table: str) -> dict[str, Any]:
        self._files.db(name)
        docs = self._files.storages[name].read().get(table, {})
        return docs if isinstance(docs, dict) else {}

    def _submitted_docs(self, name: str, ids: tuple[str, str, str]) -> list[dict[str, Any]]:
        docs = self._raw(name, ATTEMPTS_TABLE)
        ordered = sorted(docs.items(), key=lambda item: int(item[0]))
        return [doc for _, doc in ordered if tuple(doc.get(k) for k in _ID_FIELDS) == ids]

    def _open_doc(self, name: str, ids: tuple[str, str, str]) -> dict[str, Any] | None:
        doc = self._raw(name, OPEN_TABLE).get(str(OPEN_ATTEMPT_DOC_ID))
        if isinstance(doc, dict) and tuple(doc.get(k) for k in _ID_FIELDS) == ids:
            return doc
        return None

    # ------------------------------------------------------------------ reading

    def submitted(self, learner_id: str, module_id: str, quiz_id: str) -> list[dict[str, Any]]:
        """The submitted attempts, oldest first (deep copies)."""
        ids = (learner_id, module_id, quiz_id)
        name = self._name(*ids)
        copied: list[dict[str, Any]] = json_copy(self._submitted_docs(name, ids), "attempts")
        return copied

    def open_attempt(self, learner_id: str, module_id: str, quiz_id: str) -> dict[str, Any] | None:
        """The attempt in progress (a deep copy), or None."""
        ids = (learner_id, module_id, quiz_id)
        name = self._name(*ids)
        doc = self._open_doc(name, ids)
        if doc is None:
            return None
        submitted = {d.get("attempt_id") for d in self._submitted_docs(name, ids)}
        if doc.get("attempt_id") in submitted:
            return None
        copied: dict[str, Any] = json_copy(doc, "attempt")
        return copied

    # ------------------------------------------------------------------ writing

    def save_answers(
        self,
        ids: tuple[str, str, str],
        attempt_id: str,
        seed: int,
        algorithm: int,
        answers: Mapping[str, Any],
        now: str,
    ) -> None:
        """Replace the answers of the attempt in progress (starting it if needed); write-behind."""
        check_record_id(attempt_id, "attempt id")
        _check_int(seed, "seed")
        _check_int(algorithm, "algorithm version")
        copied = _check_answers(answers)
        name = self._name(*ids)
        if any(d.get("attempt_id") == attempt_id for d in self._submitted_docs(name, ids)):
            raise ValueError(f"Attempt {attempt_id!r} was already submitted.")
        current = self._open_doc(name, ids)
        started = now
        if current is not None and current.get("attempt_id") == attempt_id:
            started = current.get("started", now)
        doc = {
            **dict(zip(_ID_FIELDS, ids, strict=True)),
            "attempt_id": attempt_id,
            "seed": seed,
            "algorithm": algorithm,
            "answers": copied,
            "started": started,
            "updated": now,
        }
        self._table(name, OPEN_TABLE).upsert(Document(doc, doc_id=OPEN_ATTEMPT_DOC_ID))
        self._changed()

    def discard_open(self, ids: tuple[str, str, str], attempt_id: str | None) -> bool:
        """Forget the attempt in progress (only if it is `attempt_id`, when given); write-behind."""
        name = self._name(*ids)
        current = self._open_doc(name, ids)
        if current is None or (attempt_id is not None and current.get("attempt_id") != attempt_id):
            return False
        self._table(name, OPEN_TABLE).remove(doc_ids=[OPEN_ATTEMPT_DOC_ID])
        self._changed()
        return True

    def submit(self, ids: tuple[str, str, str], attempt: Mapping[str, Any], now: str) -> None:
        """Add a submitted attempt and end the attempt in progress, in one durable write.

        Submitting the same attempt again with the same content does nothing (a safe retry);
        with different content it is a ValueError.
        """
        if not isinstance(attempt, Mapping):
            raise ValueError(f"The attempt must be a mapping, not {attempt!r}.")
        attempt_id = check_record_id(attempt.get("attempt_id"), "attempt id")
        _check_int(attempt.get("seed"), "seed")
        _check_int(attempt.get("algorithm"), "algorithm version")
        _check_answers(attempt.get("answers"))
        for field, value in zip(_ID_FIELDS, ids, strict=True):
            if field in attempt and attempt[field] != value:
                raise ValueError(f"The attempt's {field} {attempt[field]!r} is not {value!r}.")
        doc: dict[str, Any] = json_copy(dict(attempt), "attempt")
        doc.update(zip(_ID_FIELDS, ids, strict=True))
        doc.setdefault("submitted", now)

        name = self._name(*ids)
        for existing in self._submitted_docs(name, ids):
            if existing.get("attempt_id") != attempt_id:
                continue
            if _same_attempt(existing, doc, keep_time="submitted" in attempt):
                return
            raise ValueError(f"Attempt {attempt_id!r} was already submitted with other answers.")
        current = self._open_doc(name, ids)
        with self._files.batch(name):
            if current is not None and current.get("attempt_id") == attempt_id:
                self._table(name, OPEN_TABLE).remove(doc_ids=[OPEN_ATTEMPT_DOC_ID])
            self._table(name, ATTEMPTS_TABLE).insert(doc)


def _same_attempt(a: dict[str, Any], b: dict[str, Any], *, keep_time: bool) -> bool:
    if keep_time:
        return a == b
    return {k: v for k, v in a.items() if k != "submitted"} == {
        k: v for k, v in b.items() if k != "submitted"
    }
