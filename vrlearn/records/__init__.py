"""The records store: learners, progress, quiz attempts and certificates, in crash-safe files.

Public API for the GUI and CLI::

    store = RecordsStore.open(paths.records_dir)   # RecordsError if it cannot be used
    for notice in store.notices: ...                # recovery messages to show once
    profile = store.save_learner("Zoë Ŵyn", "Occupational therapist")     # durable on return
    store.mark_page_viewed(profile.learner_id, "module-id", "page-id")     # written behind
    store.save_video_state(lid, module_id, video_id, position, intervals, duration)  # behind
    store.save_attempt_answers(lid, module_id, quiz_id, attempt_id, seed, algorithm, answers)
    store.submit_attempt(lid, module_id, quiz_id, attempt)                 # durable on return
    store.add_certificate(lid, certificate_id, module_id, version, envelope)  # durable
    store.save_reflection(certificate_id, learned, practice)              # durable on return
    store.flush()     # everything recorded so far is on disk when this returns
    store.close()     # flushes too; raises RecordsWriteBehindError if something was lost

    create_backup(store_or_records_dir, Path("records.zip")) -> BackupInfo
    restore_backup(records_dir, Path("records.zip")) -> RestoreResult   # app must be closed

No Qt here: pure Python and TinyDB. See `layout` for the files on disk, `store` for what is
durable when, and `backup` for the archive format.
"""

from typing import TYPE_CHECKING, Any

from .errors import RecordsError, RecordsWriteBehindError, RecordsWriteError
from .migrations import MIGRATIONS, SCHEMA_VERSION
from .profile import LearnerProfile
from .store import RecordsStore

if TYPE_CHECKING:
    from .backup import BackupInfo, RestoreResult, create_backup, read_backup_info, restore_backup
    from .report import StoreReport

_BACKUP_NAMES = {
    "BackupInfo",
    "RestoreResult",
    "create_backup",
    "read_backup_info",
    "restore_backup",
}


def __getattr__(name: str) -> Any:
    """Backup and restore (zip, hashing) and the store's health report load on first use, not
    at every start-up."""
    if name in _BACKUP_NAMES:
        from . import backup

        return getattr(backup, name)
    if name == "StoreReport":
        from .report import StoreReport

        return StoreReport
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BackupInfo",
    "RestoreResult",
    "create_backup",
    "read_backup_info",
    "restore_backup",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "LearnerProfile",
    "RecordsError",
    "RecordsStore",
    "RecordsWriteBehindError",
    "RecordsWriteError",
    "StoreReport",
]
