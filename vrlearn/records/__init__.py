"""The records store: learner profiles and progress, saved crash-safely in TinyDB files.

Public API for the GUI and CLI::

    store = RecordsStore.open(paths.records_dir)   # RecordsError if it cannot be used
    for notice in store.notices: ...                # recovery messages to show once
    profile = store.save_learner("Zoë Ŵyn", "Occupational therapist")
    store.mark_page_viewed(profile.learner_id, "module-id", "page-id")
    store.close()

No Qt here: pure Python and TinyDB. See `layout` for the files on disk.
"""

from .errors import RecordsError, RecordsWriteError
from .migrations import MIGRATIONS, SCHEMA_VERSION
from .profile import LearnerProfile
from .report import StoreReport
from .store import RecordsStore

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "LearnerProfile",
    "RecordsError",
    "RecordsStore",
    "RecordsWriteError",
    "StoreReport",
]
