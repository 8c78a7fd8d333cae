"""The records store: learner profiles and progress, kept in TinyDB files that survive crashes.

Every public method takes one lock, so the GUI thread and a worker thread can share a store;
every save is atomic (see `storage`). Only one process may have a store open: the app holds its
lock file for that.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from tinydb import TinyDB, where
from tinydb.table import Document, Table

from . import migrations
from .checks import check_store
from .errors import RecordsError
from .layout import (
    DATA_FILES,
    LEARNERS,
    LEARNERS_TABLE,
    META_DOC_ID,
    META_TABLE,
    MODULES_TABLE,
    PROGRESS,
    STATE_DOC_ID,
    STATE_TABLE,
    STORE,
    FileSpec,
)
from .profile import (
    LearnerProfile,
    check_record_id,
    clean_learner_fields,
    new_learner_id,
    profile_from_doc,
)
from .recovery import (
    Inspection,
    SettledFile,
    ensure_writable_dir,
    inspect_file,
    meta_problem,
    remove_stale_temp_files,
    settle_file,
)
from .report import StoreReport
from .storage import AtomicJSONStorage, TinyData, atomic_write_bytes

__all__ = ["RecordsStore"]

log = logging.getLogger(__name__)

_EMPTY_WORDS = {
    LEARNERS.name: "no learner profiles",
    PROGRESS.name: "no progress records",
}


def utc_now() -> str:
    """The current time as an ISO 8601 UTC time stamp, e.g. 2025-01-31T09:15:02+00:00."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _new_meta(schema_version: int) -> TinyData:
    return {
        META_TABLE: {
            str(META_DOC_ID): {
                "schema_version": schema_version,
                "created": utc_now(),
                "files": [spec.name for spec in DATA_FILES],
            }
        }
    }


class RecordsStore:
    """Learner profiles and progress in one records folder. Create it with `RecordsStore.open`."""

    notices: list[str]
    """Recovery messages to show the user once (the app may clear the list after showing it)."""

    def __init__(
        self, records_dir: Path, files: dict[str, SettledFile], notices: list[str]
    ) -> None:
        """Use `RecordsStore.open`; this only wires up files that are already checked."""
        self.records_dir = records_dir
        self.notices = notices
        self._lock = threading.RLock()
        self._closed = False
        self._storages: dict[str, AtomicJSONStorage] = {}
        self._dbs: dict[str, TinyDB] = {}
        for spec in (STORE, *DATA_FILES):
            settled = files[spec.name]
            storage = AtomicJSONStorage(
                records_dir / spec.name,
                settled.data,
                settled.raw,
                what=spec.label,
                backup_raw=settled.backup_raw,
            )
            self._storages[spec.name] = storage
            self._dbs[spec.name] = TinyDB(storage=lambda storage=storage: storage)
        self._meta = self._table(STORE, META_TABLE)
        self._learners = self._table(LEARNERS, LEARNERS_TABLE)
        self._state = self._table(LEARNERS, STATE_TABLE)
        self._modules = self._table(PROGRESS, MODULES_TABLE)

    # ------------------------------------------------------------------ opening and closing

    @classmethod
    def open(cls, records_dir: Path) -> RecordsStore:
        """Open (creating if needed) the records in `records_dir`, repairing damaged files.

        Raises RecordsError when the folder cannot be created or written, when a file cannot be
        read (e.g. permission denied), or when the records come from a newer version of VR Learn
        (then nothing is changed); RecordsWriteError (a RecordsError) when a repair cannot be
        saved, e.g. because the disk is full. Repairs are reported in `notices`.
        """
        folder = Path(records_dir).expanduser()
        ensure_writable_dir(folder)
        remove_stale_temp_files(folder)

        # Read everything first, change nothing until the schema version is known to be fine.
        store_insp = inspect_file(folder, STORE, meta_problem)
        data_insps = [inspect_file(folder, spec) for spec in DATA_FILES]
        meta = cls._meta_of(store_insp)
        version = meta["schema_version"] if meta else None
        if version is not None and version > migrations.SCHEMA_VERSION:
            raise RecordsError(
                f"The records in {folder} were saved by a newer version of VR Learn (records "
                f"version {version}; this version understands up to "
                f"{migrations.SCHEMA_VERSION}). Please update VR Learn. "
                "The records were not changed."
            )
        fresh = _is_new_store(store_insp, data_insps)
        default_names = [spec.name for spec in DATA_FILES]
        listed = set(meta.get("files", default_names) if meta else default_names)

        if version is None:
            version = migrations.SCHEMA_VERSION
        notices: list[str] = []
        try:
            settled = _settle_all(store_insp, data_insps, version, fresh, listed, notices)
        except RecordsError as exc:
            if not notices:
                raise
            # Repairs made before the failure will not be found again: tell about them now.
            raise type(exc)(f"{exc} Before that: {' '.join(notices)}") from exc

        store = cls(folder, settled, notices)
        try:
            with store._lock:
                store._update_file_list()
                store._migrate(version)
        except BaseException:
            store._close_files()
            raise
        return store

    @staticmethod
    def _meta_of(insp: Inspection) -> dict[str, Any] | None:
        for copy in (insp.main, insp.backup):
            if copy.ok and copy.data is not None:
                meta: dict[str, Any] = copy.data[META_TABLE][str(META_DOC_ID)]
                return meta
        return None

    def close(self) -> None:
        """Refresh the last good copies and close the files. Further calls raise RecordsError."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            for storage in self._storages.values():
                storage.refresh_backup()
            self._close_files()

    def _close_files(self) -> None:
        self._closed = True
        for db in self._dbs.values():
            db.close()

    def __enter__(self) -> RecordsStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------------ learners

    def current_learner(self) -> LearnerProfile | None:
        """The learner using the app, or None before a profile was saved."""
        with self._lock:
            self._check_open()
            state = self._state.get(doc_id=STATE_DOC_ID)
            current = state.get("current_learner_id") if isinstance(state, dict) else None
            doc = self._learner_doc(current) if isinstance(current, str) else None
            return profile_from_doc(doc) if doc is not None else None

    def learners(self) -> list[LearnerProfile]:
        """Every learner profile, in the order they were created."""
        with self._lock:
            self._check_open()
            return [profile_from_doc(doc) for doc in self._learners.all()]

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
        when `learner_id` is not a known learner. One atomic save of learners.json.
        """
        fields = clean_learner_fields(name, role, registration_number, email)
        with self._lock:
            self._check_open()
            now = utc_now()
            if learner_id is None:
                learner_id = new_learner_id()
                with self._batch(LEARNERS):
                    doc = {"learner_id": learner_id, **fields, "created": now, "updated": now}
                    self._learners.insert(doc)
                    self._set_current(learner_id)
            else:
                existing = self._learner_doc(check_record_id(learner_id, "learner id"))
                if existing is None:
                    raise ValueError(f"There is no learner with the id {learner_id!r}.")
                with self._batch(LEARNERS):
                    if any(existing.get(key) != value for key, value in fields.items()):
                        self._learners.update({**fields, "updated": now}, doc_ids=[existing.doc_id])
                    self._set_current(learner_id)
            return LearnerProfile(learner_id=learner_id, **fields)

    def _set_current(self, learner_id: str) -> None:
        state = self._state.get(doc_id=STATE_DOC_ID)
        if isinstance(state, dict) and state.get("current_learner_id") == learner_id:
            return
        self._state.upsert(Document({"current_learner_id": learner_id}, doc_id=STATE_DOC_ID))

    def _learner_doc(self, learner_id: str) -> Document | None:
        found = self._learners.search(where("learner_id") == learner_id)
        return found[0] if found else None

    def _require_learner(self, learner_id: str) -> None:
        check_record_id(learner_id, "learner id")
        if self._learner_doc(learner_id) is None:
            raise ValueError(f"There is no learner with the id {learner_id!r}.")

    # ------------------------------------------------------------------ progress

    def mark_page_viewed(self, learner_id: str, module_id: str, item_id: str) -> None:
        """Record that a page was viewed (first and last view time, UTC).

        Idempotent and cheap: a page already viewed causes no save (its last view time is
        refreshed by `set_last_position`, which the reader calls on every page anyway).
        """
        check_record_id(module_id, "module id")
        check_record_id(item_id, "item id")
        with self._lock:
            self._check_open()
            doc = self._module_doc(learner_id, module_id)
            viewed = _viewed_of(doc)
            if item_id in viewed:
                return
            self._require_learner(learner_id)
            now = utc_now()
            viewed = {**viewed, item_id: {"first_viewed": now, "last_viewed": now}}
            with self._batch(PROGRESS):
                if doc is None:
                    self._modules.insert(_new_module_doc(learner_id, module_id, now, viewed))
                else:
                    self._modules.update({"viewed": viewed, "updated": now}, doc_ids=[doc.doc_id])

    def viewed_items(self, learner_id: str, module_id: str) -> frozenset[str]:
        """The ids of the pages of a module the learner has viewed."""
        with self._lock:
            self._check_open()
            return frozenset(_viewed_of(self._module_doc(learner_id, module_id)))

    def set_last_position(self, learner_id: str, module_id: str, item_id: str) -> None:
        """Remember where the learner is in a module (and refresh that page's last view time)."""
        check_record_id(module_id, "module id")
        check_record_id(item_id, "item id")
        with self._lock:
            self._check_open()
            self._require_learner(learner_id)
            now = utc_now()
            doc = self._module_doc(learner_id, module_id)
            viewed = _viewed_of(doc)
            if item_id in viewed:
                times = viewed[item_id] if isinstance(viewed[item_id], dict) else {}
                viewed = {**viewed, item_id: {**times, "last_viewed": now}}
            with self._batch(PROGRESS):
                if doc is None:
                    new = _new_module_doc(learner_id, module_id, now, viewed)
                    self._modules.insert({**new, "last_position": item_id})
                else:
                    changes = {"last_position": item_id, "updated": now, "viewed": viewed}
                    self._modules.update(changes, doc_ids=[doc.doc_id])

    def last_position(self, learner_id: str, module_id: str) -> str | None:
        """The page the learner was last on in a module, or None."""
        with self._lock:
            self._check_open()
            doc = self._module_doc(learner_id, module_id)
            position = doc.get("last_position") if doc is not None else None
            return position if isinstance(position, str) and position else None

    def progress_summary(self, learner_id: str) -> dict[str, frozenset[str]]:
        """Module id -> ids of viewed pages, for every module the learner started (one read)."""
        with self._lock:
            self._check_open()
            summary: dict[str, frozenset[str]] = {}
            for doc in self._modules.search(where("learner_id") == learner_id):
                module_id = doc.get("module_id")
                if isinstance(module_id, str):
                    summary[module_id] = frozenset(_viewed_of(doc))
            return summary

    def _module_doc(self, learner_id: str, module_id: str) -> Document | None:
        found = self._modules.search(
            (where("learner_id") == learner_id) & (where("module_id") == module_id)
        )
        return found[0] if found else None

    # ------------------------------------------------------------------ health and schema

    def check(self) -> StoreReport:
        """Read every file again from disk and report sizes, counts and problems."""
        with self._lock:
            self._check_open()
            known = {name: storage.raw for name, storage in self._storages.items()}
            return check_store(self.records_dir, known, self.schema_version)

    @property
    def schema_version(self) -> int:
        with self._lock:
            meta = self._meta.get(doc_id=META_DOC_ID)
            version = meta.get("schema_version") if isinstance(meta, dict) else None
            return version if isinstance(version, int) else migrations.SCHEMA_VERSION

    def database(self, file_name: str) -> TinyDB:
        """The TinyDB of one file ("learners.json" ...), for migrations and maintenance only.

        The app itself must use the methods above. Group related writes with `batch`.
        """
        try:
            return self._dbs[file_name]
        except KeyError:
            raise KeyError(f"No records file named {file_name!r}") from None

    @contextmanager
    def batch(self, file_name: str) -> Iterator[None]:
        """Hold the lock and save one file once, at the end of the block (all or nothing)."""
        spec = next((s for s in (STORE, *DATA_FILES) if s.name == file_name), None)
        if spec is None:
            raise KeyError(f"No records file named {file_name!r}")
        with self._lock:
            self._check_open()
            with self._batch(spec):
                yield

    @contextmanager
    def _batch(self, spec: FileSpec) -> Iterator[None]:
        try:
            with self._storages[spec.name].batch():
                yield
        except BaseException:
            # The storage went back to what is on disk; drop query results cached meanwhile.
            for table in self._dbs[spec.name]._tables.values():
                table.clear_cache()
            raise

    def _table(self, spec: FileSpec, name: str) -> Table:
        return self._dbs[spec.name].table(name)

    def _check_open(self) -> None:
        if self._closed:
            raise RecordsError("The records store has been closed.")

    def _update_file_list(self) -> None:
        names = [spec.name for spec in DATA_FILES]
        meta = self._meta.get(doc_id=META_DOC_ID)
        if isinstance(meta, dict) and meta.get("files") != names:
            with self._batch(STORE):
                self._meta.update({"files": names}, doc_ids=[META_DOC_ID])

    def _set_schema_version(self, version: int) -> None:
        with self._batch(STORE):
            self._meta.update({"schema_version": version}, doc_ids=[META_DOC_ID])

    def _migrate(self, from_version: int) -> None:
        target = migrations.SCHEMA_VERSION
        if from_version >= target:
            return
        steps = migrations.migration_steps(from_version, target)
        for name, storage in self._storages.items():
            copy = self.records_dir / f"{name}.before-v{target}"
            if not copy.exists():
                atomic_write_bytes(copy, storage.raw, what=f"copy of the {storage.what}")
        originals = {storage.path: storage.raw for storage in self._storages.values()}
        try:
            for version, step in steps:
                log.info("Updating records in %s from version %d", self.records_dir, version)
                step(self)
                self._set_schema_version(version + 1)
        except Exception as exc:
            # Put every file back as it was, so a later open can try again from the start.
            undone = True
            for path, raw in originals.items():
                try:
                    atomic_write_bytes(path, raw)
                except RecordsError:
                    undone = False
            state = (
                "The records were put back as they were."
                if undone
                else f"Copies of the records from before the update are in {self.records_dir} "
                f"(files ending in .before-v{target})."
            )
            raise RecordsError(
                f"Updating the records in {self.records_dir} to version {target} failed "
                f"({exc}). {state}"
            ) from exc
        for storage in self._storages.values():
            storage.refresh_backup()


def _settle_all(
    store_insp: Inspection,
    data_insps: list[Inspection],
    version: int,
    fresh: bool,
    listed: set[str],
    notices: list[str],
) -> dict[str, SettledFile]:
    settled: dict[str, SettledFile] = {}
    for insp in data_insps:  # data files first: store.json marks a complete store
        settled[insp.spec.name] = settle_file(
            insp,
            empty={},
            empty_words=_EMPTY_WORDS.get(insp.spec.name, f"empty {insp.spec.label}"),
            expected=not fresh and insp.spec.name in listed,
            notices=notices,
        )
    settled[STORE.name] = settle_file(
        store_insp,
        empty=_new_meta(version),
        empty_words=(
            f"new records information, assuming the records are version {version} "
            "(the learner and progress files were kept)"
        ),
        expected=not fresh,
        notices=notices,
    )
    return settled


def _is_new_store(store: Inspection, data: list[Inspection]) -> bool:
    """True for a new store, or one whose creation was cut short before any record was saved.

    store.json is written last when a store is created, so without it (and its copy) the store
    is new unless a data file holds records or is damaged (then records may have been lost).
    """
    if store.main.state != "missing" or store.backup.state != "missing":
        return False
    for insp in data:
        for copy in (insp.main, insp.backup):
            if copy.state == "damaged" or (copy.data and any(copy.data.values())):
                return False
    return True


def _viewed_of(doc: Document | None) -> dict[str, Any]:
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
