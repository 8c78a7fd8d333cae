"""Schema version of the records and the migrations that bring older records up to date.

`MIGRATIONS[n]` upgrades an open store from version n to n + 1; `run_migrations` (called by
`RecordsStore.open`) runs the steps it needs, in order, saving the new version number in
store.json after each one. Before the first step it keeps a copy of every file as
`NAME.json.before-v<new version>`; if a step raises, every file is put back as it was and open()
raises RecordsError. Records written by a newer version of the app are refused (never modified).

To add version N + 1: set `SCHEMA_VERSION = N + 1`, write `def _vN_to_vN1(store) -> None`
using `store.database(...)` / `store.batch(...)`, and register it as `MIGRATIONS[N]`. A step must
be safe to run again from the start (a failed update is undone only for the files that existed
before it, and is retried at the next open).

Versions:
1. learners.json + progress.json (all learners' progress in one file).
2. Progress split into one file per learner (`progress/<learner key>.json`), quiz attempts in
   `attempts/` (see `layout`), and a random `store_id` in store.json (used by backups).
3. certificates.json: issued certificates and reflections. Nothing is converted; the version
   goes up so that an older VR Learn, which knows nothing of certificates (and would leave them
   out of its backups), refuses these records instead of working on them.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .errors import RecordsError
from .files import shard_files_on_disk
from .layout import (
    CERTIFICATES,
    LEGACY_PROGRESS,
    META_DOC_ID,
    META_TABLE,
    MODULES_TABLE,
    STORE,
    progress_file,
)
from .storage import atomic_write_bytes

if TYPE_CHECKING:
    from .files import FileSet
    from .store import RecordsStore

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Migration", "migration_steps", "run_migrations"]

#: The records version this code writes. Read it as `migrations.SCHEMA_VERSION` at run time.
SCHEMA_VERSION = 3

Migration = Callable[["RecordsStore"], None]

log = logging.getLogger(__name__)


def _v1_to_v2(store: RecordsStore) -> None:
    """Split progress.json into one progress file per learner; give the store a random id.

    Each learner's file is rewritten from progress.json as a whole, so running it again after
    a failed or interrupted update gives the same result. progress.json itself is removed by
    the store once version 2 is recorded (a copy stays as progress.json.before-v2).
    """
    by_learner: dict[str, list[dict[str, Any]]] = {}
    for doc in store.database(LEGACY_PROGRESS.name).table(MODULES_TABLE).all():
        learner_id = doc.get("learner_id")
        if not isinstance(learner_id, str) or not learner_id:
            log.warning("Not carried over: progress record %s has no learner id", doc.doc_id)
            continue
        by_learner.setdefault(learner_id, []).append(dict(doc))
    for learner_id, docs in by_learner.items():
        name = progress_file(learner_id)
        table = store.database(name).table(MODULES_TABLE)
        with store.batch(name):
            table.truncate()
            table.insert_multiple(docs)
    meta = store.database(STORE.name).table(META_TABLE)
    current = meta.get(doc_id=META_DOC_ID)
    if isinstance(current, dict) and not current.get("store_id"):
        with store.batch(STORE.name):
            meta.update({"store_id": os.urandom(16).hex()}, doc_ids=[META_DOC_ID])


def _v2_to_v3(store: RecordsStore) -> None:
    """Nothing to convert: certificates.json is created (empty) when the records are opened."""
    store.database(CERTIFICATES.name)


#: from-version -> function upgrading a store from that version to the next one.
MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2, 2: _v2_to_v3}


def migration_steps(from_version: int, to_version: int) -> list[tuple[int, Migration]]:
    """The steps from `from_version` to `to_version`; RecordsError if one is missing."""
    steps: list[tuple[int, Migration]] = []
    for version in range(from_version, to_version):
        step = MIGRATIONS.get(version)
        if step is None:
            raise RecordsError(
                f"These records are version {from_version}, and this version of VR Learn has no "
                f"way to update them from version {version} to {version + 1}. "
                "The records were not changed."
            )
        steps.append((version, step))
    return steps


def run_migrations(store: RecordsStore, files: FileSet, from_version: int) -> None:
    """Bring `store` (just opened, its lock held) from `from_version` to SCHEMA_VERSION.

    Every file is copied first (`NAME.before-v<target>`); if a step raises, every file is put
    back as it was, files the step created are removed, and RecordsError says so.
    """
    target = SCHEMA_VERSION
    if from_version >= target:
        return
    steps = migration_steps(from_version, target)
    records_dir = store.records_dir
    for name in shard_files_on_disk(records_dir):
        store.database(name)  # every file gets a copy and is put back if the update fails
    storages = dict(files.storages)
    for name, storage in storages.items():
        copy = records_dir / f"{name}.before-v{target}"
        if not copy.exists():
            atomic_write_bytes(copy, storage.raw, what=f"copy of the {storage.what}")
    originals = {storage.path: storage.raw for storage in storages.values()}
    meta = store.database(STORE.name).table(META_TABLE)
    try:
        for version, step in steps:
            log.info("Updating records in %s from version %d", records_dir, version)
            step(store)
            with store.batch(STORE.name):
                meta.update({"schema_version": version + 1}, doc_ids=[META_DOC_ID])
    except Exception as exc:
        # Put every file back as it was, so a later open can try again from the start.
        undone = True
        for path, raw in originals.items():
            try:
                atomic_write_bytes(path, raw)
            except RecordsError:
                undone = False
        for storage in files.storages.values():
            if storage.path not in originals and storage.raw:
                try:  # created by the failed update
                    storage.path.unlink()
                except OSError as unlink_error:
                    log.warning("Could not remove %s: %s", storage.path, unlink_error)
        state = (
            "The records were put back as they were."
            if undone
            else f"Copies of the records from before the update are in {records_dir} "
            f"(files ending in .before-v{target})."
        )
        raise RecordsError(
            f"Updating the records in {records_dir} to version {target} failed ({exc}). {state}"
        ) from exc
    for storage in files.storages.values():
        storage.refresh_backup()
