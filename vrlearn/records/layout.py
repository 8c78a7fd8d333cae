"""The files of the records store, what each one holds, and its table names.

Data is split across several small TinyDB files so that a save rewrites only the part that
changed, and so later work can add files (attempts, certificates, the xAPI outbox) or batch
writes per file. Related records that must change together live in the same file, because
each save is atomic per file only.

```
records/
  store.json        meta: schema_version, created, the list of data files   (written last)
  learners.json     learner profiles + which learner is current
  progress.json     per learner and module: pages viewed (first/last time), last position
  NAME.json.bak     last good copy of each file (refreshed on open and on close)
  NAME.json.corrupt-<UTC time>   a damaged file moved aside, kept for IT support
```
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BACKUP_SUFFIX",
    "CORRUPT_INFIX",
    "DATA_FILES",
    "LEARNERS",
    "LEARNERS_TABLE",
    "META_DOC_ID",
    "META_TABLE",
    "MODULES_TABLE",
    "PROGRESS",
    "STATE_TABLE",
    "STORE",
    "STATE_DOC_ID",
    "FileSpec",
    "all_files",
]


@dataclass(frozen=True)
class FileSpec:
    """One TinyDB file of the store."""

    name: str  # file name inside the records folder, e.g. "learners.json"
    label: str  # what it holds, in words for notices, e.g. "learner profiles"


STORE = FileSpec("store.json", "records information")
LEARNERS = FileSpec("learners.json", "learner profiles")
PROGRESS = FileSpec("progress.json", "progress records")

#: The data files, in the order they are created. store.json is always written after them.
DATA_FILES: tuple[FileSpec, ...] = (LEARNERS, PROGRESS)

BACKUP_SUFFIX = ".bak"
CORRUPT_INFIX = ".corrupt-"

# store.json
META_TABLE = "meta"
META_DOC_ID = 1  # {"schema_version": int, "created": iso, "files": [names of data files]}

# learners.json
LEARNERS_TABLE = "learners"  # {"learner_id", "name", "role", "registration_number", "email",
#                                "created", "updated"}
STATE_TABLE = "state"
STATE_DOC_ID = 1  # {"current_learner_id": str | None}

# progress.json
MODULES_TABLE = "modules"  # one per learner and module: {"learner_id", "module_id", "started",
#   "updated", "last_position": str | None,
#   "viewed": {item_id: {"first_viewed": iso, "last_viewed": iso}}}


def all_files() -> tuple[FileSpec, ...]:
    """Every file, store.json first (it is read first to learn the schema version)."""
    return (STORE, *DATA_FILES)
