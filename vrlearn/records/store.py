"""The records store: learners, progress and quiz attempts, in TinyDB files that survive crashes.

Every public method takes one lock, so the GUI thread and a worker thread can share a store;
every save is atomic (see `storage`). Only one process may have a store open: the app holds its
lock file for that.

Durability, precisely:

- `save_learner`, `submit_attempt`, `add_certificate` and `save_reflection` are on disk
  (fsynced) when they return;
- progress events (`mark_page_viewed`, `set_last_position`, `save_video_state`) and
  in-progress answers (`save_attempt_answers`, `discard_open_attempt`) are written behind by a
  background thread, normally within 0.2-0.5 s and always at `flush()` and `close()`. They count
  as durable only once `flush()` (or `close()`) has returned without raising;
- a failed background save is retried about once a second and reported by the next progress
  call, `flush()` or `close()` as RecordsWriteBehindError (and listed in `write_errors`).
"""

from __future__ import annotations

import atexit
import logging
import threading
import weakref
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from tinydb import TinyDB

from . import migrations
from .attempts import AttemptBook, json_copy
from .certificates import CertificateBook
from .errors import RecordsError, RecordsWriteBehindError, RecordsWriteError
from .files import FileSet
from .layout import DATA_FILES, LEGACY_PROGRESS, META_DOC_ID, META_TABLE, STORE
from .learners import LearnerBook
from .opening import SHARDED_SINCE, new_store_id, read_and_settle, utc_now
from .profile import LearnerProfile, check_record_id
from .progress import ProgressBook
from .storage import backup_path_for, fsync_dir
from .videos import VideoBook, clean_video_state
from .writer import DEFAULT_DELAY_S, BackgroundWriter

if TYPE_CHECKING:
    from .report import StoreReport

__all__ = ["RecordsStore", "utc_now"]

log = logging.getLogger(__name__)

MAX_KEPT_ERRORS = 20

_OPEN_STORES: weakref.WeakSet[RecordsStore] = weakref.WeakSet()


class RecordsStore:
    """The records in one folder. Create it with `RecordsStore.open`; always `close()` it."""

    notices: list[str]
    """Recovery messages to show the user once (the app may clear the list after showing it).

    Most appear at open; a learner's progress or a quiz's attempts file is read when first used,
    so a repair of one of those adds its notice then."""

    write_errors: list[RecordsWriteBehindError]
    """Background saves that failed and were not reported yet (oldest first). The next progress
    call, `flush()` or `close()` raises the latest one and clears the list; a `flush()` that
    succeeds clears it too (everything is on disk then)."""

    def __init__(self, records_dir: Path, files: FileSet, write_delay_s: float) -> None:
        """Use `RecordsStore.open`; this only wires up files that are already checked."""
        self.records_dir = records_dir
        self.notices = files.notices
        self.write_errors = []
        self._lock = threading.RLock()
        self._closed = False
        self._files = files
        self._meta = files.db(STORE.name).table(META_TABLE)
        self._learners = LearnerBook(files)
        self._writer = BackgroundWriter(self._write_behind, delay_s=write_delay_s)
        self._progress = ProgressBook(files, self._writer.poke)
        self._videos = VideoBook(self._progress)
        self._attempts = AttemptBook(files, self._writer.poke)
        self._certificates = CertificateBook(files)

    # ------------------------------------------------------------------ opening and closing

    @classmethod
    def open(cls, records_dir: Path, *, write_delay_s: float = DEFAULT_DELAY_S) -> RecordsStore:
        """Open (creating if needed) the records in `records_dir`, repairing damaged files.

        Raises RecordsError when the folder cannot be created or written, when a file cannot be
        read (e.g. permission denied), or when the records come from a newer version of VR Learn
        (then nothing is changed); RecordsWriteError (a RecordsError) when a repair cannot be
        saved, e.g. because the disk is full. Repairs are reported in `notices`. Older records
        are updated (see `migrations`). `write_delay_s` is how long progress waits in memory
        so that a burst of events becomes one save.
        """
        folder = Path(records_dir).expanduser()
        opened = read_and_settle(folder)
        files = FileSet(folder, opened.notices)
        for spec in opened.specs:
            files.add(spec, opened.settled[spec.name])
        store = cls(folder, files, write_delay_s)
        try:
            with store._lock:
                migrations.run_migrations(store, files, opened.version)
                store._update_file_list()
                store._remove_legacy_files()
                current = store.current_learner()
                if current is not None:  # read now, so a repair is among the start-up notices
                    store._progress.summary(current.learner_id)
        except BaseException as exc:
            store._files.close()
            store._closed = True
            if isinstance(exc, RecordsError) and opened.notices:
                # Repairs made before the failure will not be found again: tell about them now.
                raise type(exc)(f"{exc} Before that: {' '.join(opened.notices)}") from exc
            raise
        store._writer.start()
        _OPEN_STORES.add(store)
        return store

    def flush(self) -> None:
        """Write everything recorded so far to disk; when it returns, all of it is durable.

        Raises RecordsWriteBehindError if something could not be saved (it stays in memory and
        the background writer keeps trying).
        """
        with self._lock:
            self._check_open()
        errors = self._write_pending()
        with self._lock:
            self.write_errors.clear()
        if errors:
            raise _behind_error(errors)

    @property
    def has_unsaved_changes(self) -> bool:
        """True while something recorded is waiting to be written (see `flush`)."""
        with self._lock:
            return bool(self._files.dirty())

    def close(self) -> None:
        """Save what is waiting, refresh the last good copies and close the files.

        Always closes. Raises RecordsWriteBehindError when something recorded could not be
        saved (it is then lost): call `flush()` first to be able to retry. Further calls to
        other methods raise RecordsError; closing twice is fine.
        """
        with self._lock:
            if self._closed:
                return
            self._closed = True  # no change can come in any more
        self._writer.stop()
        errors = self._write_pending()
        with self._lock:
            for storage in self._files.storages.values():
                storage.refresh_backup()
            self._files.close()
            self.write_errors.clear()
        _OPEN_STORES.discard(self)
        if errors:
            raise _behind_error(errors, closing=True)

    def __enter__(self) -> RecordsStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------------ writing behind

    def _write_pending(self) -> list[RecordsWriteError]:
        """Write every file with unsaved changes; the errors of those that failed."""
        errors: list[RecordsWriteError] = []
        with self._lock:
            dirty = self._files.dirty()
        for storage in dirty:
            with self._lock:
                snapshot = storage.snapshot()
            if snapshot is None:
                continue
            try:
                storage.write_snapshot(*snapshot)
            except RecordsWriteError as exc:
                errors.append(exc)
        return errors

    def _write_behind(self) -> bool:
        """One round of the background writer; False (errors kept for reporting) on failure."""
        errors = self._write_pending()
        if not errors:
            return True
        error = _behind_error(errors)
        log.warning("%s", error)
        with self._lock:
            self.write_errors.append(error)
            del self.write_errors[:-MAX_KEPT_ERRORS]
        return False

    def _report_write_errors(self) -> None:
        if self.write_errors:
            error = self.write_errors[-1]
            self.write_errors.clear()
            raise error

    # ------------------------------------------------------------------ learners

    def current_learner(self) -> LearnerProfile | None:
        """The learner using the app, or None before a profile was saved."""
        with self._lock:
            self._check_open()
            return self._learners.current()

    def learners(self) -> list[LearnerProfile]:
        """Every learner profile, in the order they were created."""
        with self._lock:
            self._check_open()
            return self._learners.all()

    def save_learner(
        self,
        name: str,
        role: str,
        registration_number: str = "",
        email: str = "",
        learner_id: str | None = None,
    ) -> LearnerProfile:
        """Create a learner (learner_id None) or update one; either way it becomes current.

        Fields are stripped; ValueError (with a message for the user) when the name or role is
        empty, a field is longer than 200 characters, or the email is not shaped like one, and
        when `learner_id` is not a known learner. One atomic, durable save of learners.json.
        """
        with self._lock:
            self._check_open()
            return self._learners.save(
                name, role, registration_number, email, learner_id, utc_now()
            )

    def _require_learner(self, learner_id: str) -> None:
        self._learners.require(learner_id)

    # ------------------------------------------------------------------ progress (write-behind)

    def mark_page_viewed(self, learner_id: str, module_id: str, item_id: str) -> None:
        """Record that a page was viewed (first and last view time, UTC). Written behind.

        Idempotent and cheap: a page already viewed changes nothing (its last view time is
        refreshed by `set_last_position`, which the reader calls on every page anyway).
        """
        check_record_id(module_id, "module id")
        check_record_id(item_id, "item id")
        with self._lock:
            self._check_open()
            if not self._progress.is_viewed(learner_id, module_id, item_id):
                self._require_learner(learner_id)
                self._progress.mark_viewed(learner_id, module_id, item_id, utc_now())
            self._report_write_errors()

    def viewed_items(self, learner_id: str, module_id: str) -> frozenset[str]:
        """The ids of the pages of a module the learner has viewed."""
        with self._lock:
            self._check_open()
            return self._progress.viewed_items(learner_id, module_id)

    def set_last_position(self, learner_id: str, module_id: str, item_id: str) -> None:
        """Remember where the learner is in a module (and refresh that page's last view time).

        Written behind, like `mark_page_viewed`.
        """
        check_record_id(module_id, "module id")
        check_record_id(item_id, "item id")
        with self._lock:
            self._check_open()
            self._require_learner(learner_id)
            self._progress.set_position(learner_id, module_id, item_id, utc_now())
            self._report_write_errors()

    def last_position(self, learner_id: str, module_id: str) -> str | None:
        """The page the learner was last on in a module, or None."""
        with self._lock:
            self._check_open()
            return self._progress.last_position(learner_id, module_id)

    def progress_summary(self, learner_id: str) -> dict[str, frozenset[str]]:
        """Module id -> ids of viewed pages, for every module the learner started (one read)."""
        with self._lock:
            self._check_open()
            return self._progress.summary(learner_id)

    # ------------------------------------------------------------------ videos (write-behind)

    def save_video_state(
        self,
        learner_id: str,
        module_id: str,
        item_id: str,
        position: float,
        intervals: list[list[float]],
        duration: float,
    ) -> None:
        """Remember where the learner is in a video and the stretches they watched (seconds).

        `intervals` ([[start, end], ...]) is joined to what was saved before, so watched
        coverage only grows; a `duration` of 0 keeps the one saved before. Written behind, like
        `mark_page_viewed`. ValueError for bad ids or values (negative, not finite, not pairs).
        """
        check_record_id(module_id, "module id")
        check_record_id(item_id, "item id")
        state = clean_video_state(position, intervals, duration)
        with self._lock:
            self._check_open()
            self._require_learner(learner_id)
            self._videos.save(learner_id, module_id, item_id, state, utc_now())
            self._report_write_errors()

    def video_state(self, learner_id: str, module_id: str, item_id: str) -> dict[str, Any] | None:
        """{"position", "intervals", "duration", "coverage"} of a video (coverage: the share
        of the video watched, 0.0-1.0), or None if the learner never played it."""
        with self._lock:
            self._check_open()
            return self._videos.state(learner_id, module_id, item_id)

    def video_states(self, learner_id: str, module_id: str) -> dict[str, dict[str, Any]]:
        """`video_state` of every video of a module the learner played, by item id (one read)."""
        with self._lock:
            self._check_open()
            return self._videos.states(learner_id, module_id)

    # ------------------------------------------------------------------ quiz attempts

    def save_attempt_answers(
        self,
        learner_id: str,
        module_id: str,
        quiz_id: str,
        attempt_id: str,
        seed: int,
        algorithm: int,
        answers: Mapping[str, Any],
    ) -> None:
        """Save the answers of the attempt in progress as given so far (all of them, replacing
        the previous ones); starts the attempt in progress if `attempt_id` is new. Written
        behind, like progress. ValueError for bad ids, a seed or algorithm that is not a whole
        number, answers that are not JSON data, or an attempt that was already submitted."""
        ids = self._quiz_ids(learner_id, module_id, quiz_id)
        with self._lock:
            self._check_open()
            self._require_learner(learner_id)
            self._attempts.save_answers(ids, attempt_id, seed, algorithm, answers, utc_now())
            self._report_write_errors()

    def submit_attempt(
        self, learner_id: str, module_id: str, quiz_id: str, attempt: Mapping[str, Any]
    ) -> None:
        """Save a submitted attempt; it is on disk (fsynced) when this returns.

        `attempt` needs "attempt_id" (str), "seed" and "algorithm" (int) and "answers" (a
        mapping); anything else JSON-shaped (score, passed, quiz version...) is kept as given.
        "submitted" (UTC time) is added unless given. The attempt in progress with the same id
        ends in the same write. Submitting the same attempt twice is a no-op; with other
        content a ValueError. RecordsWriteError if it could not be saved (nothing changed).
        """
        ids = self._quiz_ids(learner_id, module_id, quiz_id)
        with self._lock:
            self._check_open()
            self._require_learner(learner_id)
            self._attempts.submit(ids, attempt, utc_now())

    def attempts(self, learner_id: str, module_id: str, quiz_id: str) -> list[dict[str, Any]]:
        """The submitted attempts at a quiz, oldest first (copies)."""
        ids = self._quiz_ids(learner_id, module_id, quiz_id)
        with self._lock:
            self._check_open()
            return self._attempts.submitted(*ids)

    def open_attempt(self, learner_id: str, module_id: str, quiz_id: str) -> dict[str, Any] | None:
        """The attempt in progress, to restore after the app closed mid-quiz, or None.

        A dict with "attempt_id", "seed", "algorithm", "answers", "started" and "updated".
        """
        ids = self._quiz_ids(learner_id, module_id, quiz_id)
        with self._lock:
            self._check_open()
            return self._attempts.open_attempt(*ids)

    def discard_open_attempt(
        self, learner_id: str, module_id: str, quiz_id: str, attempt_id: str | None = None
    ) -> bool:
        """Forget the attempt in progress (only if it is `attempt_id`, when given). Written
        behind. True if there was one to forget."""
        ids = self._quiz_ids(learner_id, module_id, quiz_id)
        with self._lock:
            self._check_open()
            discarded = self._attempts.discard_open(ids, attempt_id)
            self._report_write_errors()
            return discarded

    @staticmethod
    def _quiz_ids(learner_id: str, module_id: str, quiz_id: str) -> tuple[str, str, str]:
        return (
            check_record_id(learner_id, "learner id"),
            check_record_id(module_id, "module id"),
            check_record_id(quiz_id, "quiz id"),
        )

    # ------------------------------------------------------------------ certificates

    def add_certificate(
        self,
        learner_id: str,
        certificate_id: str,
        module_id: str,
        module_version: str,
        envelope: Mapping[str, Any],
    ) -> None:
        """Keep an issued certificate (the signed envelope, whole); on disk when this returns.

        ValueError for an unknown learner or a certificate id already used; RecordsWriteError
        if it could not be saved (nothing changed then). See `certificates`.
        """
        check_record_id(module_id, "module id")
        with self._lock:
            self._check_open()
            self._require_learner(learner_id)
            self._certificates.add(
                certificate_id=certificate_id,
                learner_id=learner_id,
                module_id=module_id,
                module_version=module_version,
                envelope=envelope,
                now=utc_now(),
            )

    def certificates(self) -> list[dict[str, Any]]:
        """Every certificate kept, oldest first: {"certificate_id", "learner_id", "module_id",
        "module_version", "issued", "envelope"} (copies)."""
        with self._lock:
            self._check_open()
            return self._certificates.all()

    def certificate(self, certificate_id: str) -> dict[str, Any] | None:
        """One certificate by its id (exactly as written, e.g. VRL-7K3M-9Q2X-PT4D-H8WE)."""
        with self._lock:
            self._check_open()
            return self._certificates.find(certificate_id)

    def reflections(self) -> dict[str, dict[str, Any]]:
        """Certificate id -> {"learned", "practice", "updated"} for every reflection written."""
        with self._lock:
            self._check_open()
            return self._certificates.reflections()

    def save_reflection(self, certificate_id: str, learned: str, practice: str) -> None:
        """Replace the learner's reflection on a certificate; on disk when this returns."""
        with self._lock:
            self._check_open()
            self._certificates.save_reflection(certificate_id, learned, practice, utc_now())

    def module_progress_record(self, learner_id: str, module_id: str) -> dict[str, Any] | None:
        """A copy of the learner's progress record of a module (page view times, videos), as
        stored (see `layout.MODULES_TABLE`), or None. For measuring time spent."""
        with self._lock:
            self._check_open()
            record = self._progress.module_record(learner_id, module_id)
            if record is None:
                return None
            copied: dict[str, Any] = json_copy(dict(record), "progress record")
            return copied

    # ------------------------------------------------------------------ health and schema

    def check(self) -> StoreReport:
        """Save what is waiting, then read every file again from disk and report on it."""
        from .checks import check_store  # only `vrlearn records check` and backups ask

        problems: list[str] = []
        try:
            self.flush()
        except RecordsWriteError as exc:
            problems.append(str(exc))
        with self._lock:
            self._check_open()
            known = {name: s.raw for name, s in self._files.storages.items() if s.raw}
            report = check_store(self.records_dir, known, self.schema_version)
        if problems:
            report = report.with_problems(problems)
        return report

    @property
    def schema_version(self) -> int:
        with self._lock:
            meta = self._meta.get(doc_id=META_DOC_ID)
            version = meta.get("schema_version") if isinstance(meta, dict) else None
            return version if isinstance(version, int) else migrations.SCHEMA_VERSION

    @property
    def store_id(self) -> str:
        """The random id of these records (given when they were created, kept in backups)."""
        with self._lock:
            self._check_open()
            meta = self._meta.get(doc_id=META_DOC_ID)
            store_id = meta.get("store_id") if isinstance(meta, dict) else None
            if isinstance(store_id, str) and store_id:
                return store_id
            store_id = new_store_id()
            with self._files.batch(STORE.name):
                self._meta.update({"store_id": store_id}, doc_ids=[META_DOC_ID])
            return store_id

    def database(self, file_name: str) -> TinyDB:
        """The TinyDB of one file ("learners.json", "progress/<key>.json", ...), for migrations
        and maintenance only (see `layout` for the paths).

        The app itself must use the methods above. Group related writes with `batch`.
        """
        with self._lock:
            return self._files.db(file_name)

    @contextmanager
    def batch(self, file_name: str) -> Iterator[None]:
        """Hold the lock and save one file once, at the end of the block (all or nothing)."""
        with self._lock:
            self._check_open()
            with self._files.batch(file_name):
                yield

    @contextmanager
    def consistent_files(self) -> Iterator[list[str]]:
        """Everything saved, and no save while inside: the relative paths of the files holding
        the records (for backups). Raises RecordsWriteBehindError if saving fails."""
        self.flush()
        with self._lock:
            self._check_open()
            self.flush()  # anything recorded between the two calls (the lock is re-entrant)
            names = [name for name, s in self._files.storages.items() if s.raw]
            yield names

    def _check_open(self) -> None:
        if self._closed:
            raise RecordsError("The records store has been closed.")

    def _update_file_list(self) -> None:
        names = [spec.name for spec in DATA_FILES]
        meta = self._meta.get(doc_id=META_DOC_ID)
        if isinstance(meta, dict) and meta.get("files") != names:
            with self._files.batch(STORE.name):
                self._meta.update({"files": names}, doc_ids=[META_DOC_ID])

    def _remove_legacy_files(self) -> None:
        """Delete progress.json of version 1 once the records are sharded (a copy is kept)."""
        if self.schema_version < SHARDED_SINCE:
            return
        self._files.forget(LEGACY_PROGRESS.name)
        legacy = self.records_dir / LEGACY_PROGRESS.name
        removed = False
        for path in (legacy, backup_path_for(legacy)):
            try:
                path.unlink()
                removed = True
            except FileNotFoundError:
                pass
            except OSError as exc:
                log.warning("Could not remove the old progress file %s: %s", path, exc)
        if removed:
            fsync_dir(self.records_dir)


def _behind_error(
    errors: list[RecordsWriteError], *, closing: bool = False
) -> RecordsWriteBehindError:
    reasons = " ".join(str(error) for error in errors)
    if closing:
        tail = "Those changes could not be kept: they were recorded after the last save."
    else:
        tail = (
            "VR Learn keeps those changes in memory and tries again every second; they are lost "
            "if VR Learn is closed before saving works again."
        )
    return RecordsWriteBehindError(f"{reasons} {tail}")


@atexit.register
def _flush_open_stores() -> None:
    """A safety net for a program that forgets close(): save what is waiting."""
    for store in list(_OPEN_STORES):
        try:
            store.flush()
        except RecordsError as exc:
            log.error("Records could not be saved at exit: %s", exc)
