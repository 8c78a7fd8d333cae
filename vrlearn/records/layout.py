"""The files of the records store, what each one holds, and its table names.

Data is split across small TinyDB files so that a save rewrites only the part that changed:
progress is one file per learner, quiz attempts one file per learner and quiz. A progress event
therefore rewrites one learner's progress, and a quiz submission rewrites only that quiz's
attempts, however many records the store holds. Related records that must change together live
in the same file, because each save is atomic per file only.

```
records/                                   (records version 3)
  store.json        meta: schema_version, created, store_id, the fixed data files (written last)
  learners.json     learner profiles + which learner is current
  certificates.json issued certificates (signed, kept whole) and the learner's reflections
  progress/<learner key>.json
                    one learner's progress: per module, pages viewed (first/last time), last
                    position, and each video's position and watched stretches
  attempts/<learner key>/<module>.<quiz>-<hash>.json
                    one learner's attempts at one quiz: the submitted attempts and the attempt
                    in progress (answers saved as they are given)
  NAME.json.bak     last good copy of each file (refreshed when first read and on close)
  NAME.json.corrupt-<UTC time>   a damaged file moved aside, kept for IT support
  NAME.json.before-v<N>          copies kept before updating the records to version N
```

Version 1 had all progress in `progress.json`; `migrations` splits it per learner. Version 3
added certificates.json (created empty when records of version 2 are opened).
File names are derived from ids (see `learner_key`, `attempts_file`) and never trusted: every
record also holds its own ids, and `check()` verifies that they match the file they are in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

__all__ = [
    "ATTEMPTS_DIR",
    "ATTEMPTS_TABLE",
    "CERTIFICATES",
    "CERTIFICATES_TABLE",
    "BACKUP_SUFFIX",
    "CORRUPT_INFIX",
    "DATA_FILES",
    "LEARNERS",
    "LEARNERS_TABLE",
    "LEGACY_PROGRESS",
    "META_DOC_ID",
    "META_TABLE",
    "MODULES_TABLE",
    "OPEN_ATTEMPT_DOC_ID",
    "OPEN_TABLE",
    "PROGRESS_DIR",
    "REFLECTIONS_TABLE",
    "SHARD_DIRS",
    "STATE_DOC_ID",
    "STATE_TABLE",
    "STORE",
    "FileSpec",
    "all_files",
    "attempts_file",
    "attempts_spec",
    "is_shard_path",
    "learner_key",
    "progress_file",
    "progress_spec",
]


@dataclass(frozen=True)
class FileSpec:
    """One TinyDB file of the store."""

    name: str  # path inside the records folder, with "/" separators, e.g. "learners.json"
    label: str  # what it holds, in words for notices, e.g. "learner profiles"


STORE = FileSpec("store.json", "records information")
LEARNERS = FileSpec("learners.json", "learner profiles")
CERTIFICATES = FileSpec("certificates.json", "certificates")
#: Version 1 kept every learner's progress here; only read to update old records.
LEGACY_PROGRESS = FileSpec("progress.json", "progress records")

#: The fixed data files, in the order they are created. store.json is always written after them.
DATA_FILES: tuple[FileSpec, ...] = (LEARNERS, CERTIFICATES)

PROGRESS_DIR = "progress"
ATTEMPTS_DIR = "attempts"
#: Folders holding one file per learner (progress) or per learner and quiz (attempts).
SHARD_DIRS: tuple[str, ...] = (PROGRESS_DIR, ATTEMPTS_DIR)

BACKUP_SUFFIX = ".bak"
CORRUPT_INFIX = ".corrupt-"

# store.json
META_TABLE = "meta"
META_DOC_ID = 1  # {"schema_version": int, "created": iso, "store_id": hex, "files": [names]}

# learners.json
LEARNERS_TABLE = "learners"  # {"learner_id", "name", "role", "registration_number", "email",
#                                "created", "updated"}
STATE_TABLE = "state"
STATE_DOC_ID = 1  # {"current_learner_id": str | None}

# certificates.json (see `certificates`)
CERTIFICATES_TABLE = "certificates"  # {"certificate_id", "learner_id", "module_id",
#   "module_version", "issued": iso, "envelope": the signed certificate as issued}
REFLECTIONS_TABLE = "reflections"  # {"certificate_id", "learned", "practice", "updated": iso}

# progress/<learner key>.json (and progress.json in version 1)
MODULES_TABLE = "modules"  # one per learner and module: {"learner_id", "module_id", "started",
#   "updated", "last_position": str | None,
#   "viewed": {item_id: {"first_viewed": iso, "last_viewed": iso}}}
#   "videos": {item_id: {"position_s": float, "watched": [[start_s, end_s], ...],
#   "duration_s": float, "updated": iso}} (optional; see `videos`), in the same record, so one
#   progress event stays one write of one learner's file.

# attempts/<learner key>/<module>.<quiz>-<hash>.json
ATTEMPTS_TABLE = "attempts"  # submitted attempts, oldest first: the attempt dict given to
#   submit_attempt plus {"learner_id", "module_id", "quiz_id", "attempt_id", "submitted": iso}
OPEN_TABLE = "open"
OPEN_ATTEMPT_DOC_ID = 1  # the attempt in progress, if any: {"learner_id", "module_id",
#   "quiz_id", "attempt_id", "seed", "algorithm", "answers": {question_id: answer},
#   "started": iso, "updated": iso}

_SAFE_KEY = re.compile(r"[0-9a-f]{32}")
_SLUG_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def _digest(*parts: str, length: int) -> str:
    joined = "\0".join(parts).encode("utf-8", "surrogatepass")
    import hashlib  # on first use: OpenSSL is not needed before the library is shown

    return hashlib.sha256(joined).hexdigest()[:length]


def _slug(text: str, limit: int = 40) -> str:
    slug = _SLUG_UNSAFE.sub("-", text.lower()).strip("-")[:limit].strip("-")
    return slug or "x"


def learner_key(learner_id: str) -> str:
    """The file-name key of a learner: their id when it is the store's own uuid hex form."""
    if _SAFE_KEY.fullmatch(learner_id):
        return learner_id
    return f"id-{_slug(learner_id, 20)}-{_digest(learner_id, length=16)}"


def progress_file(learner_id: str) -> str:
    """Path (inside the records folder) of a learner's progress file."""
    return f"{PROGRESS_DIR}/{learner_key(learner_id)}.json"


def attempts_file(learner_id: str, module_id: str, quiz_id: str) -> str:
    """Path (inside the records folder) of a learner's attempts at one quiz of one module.

    Readable parts of the ids for people looking at the folder, and a hash of the exact ids so
    that ids differing only in case or punctuation never share a file (on any file system).
    """
    name = f"{_slug(module_id)}.{_slug(quiz_id)}-{_digest(module_id, quiz_id, length=16)}.json"
    return f"{ATTEMPTS_DIR}/{learner_key(learner_id)}/{name}"


def progress_spec(learner_id: str) -> FileSpec:
    return FileSpec(progress_file(learner_id), "progress records")


def attempts_spec(learner_id: str, module_id: str, quiz_id: str) -> FileSpec:
    return FileSpec(attempts_file(learner_id, module_id, quiz_id), "quiz attempts")


def is_shard_path(name: str) -> bool:
    """True for a path shaped like a progress or attempts file (not a .bak or other file)."""
    parts = PurePosixPath(name).parts
    if not name.endswith(".json"):
        return False
    if len(parts) == 2 and parts[0] == PROGRESS_DIR:
        return True
    return len(parts) == 3 and parts[0] == ATTEMPTS_DIR


def all_files() -> tuple[FileSpec, ...]:
    """Every fixed file, store.json first (it is read first to learn the schema version)."""
    return (STORE, *DATA_FILES)
