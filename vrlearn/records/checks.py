"""Consistency checks behind `RecordsStore.check()`: read every file again from disk and verify
that it parses, that the records version is known, that every record is in the file its ids
say, and that the ids refer to each other."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import migrations
from .errors import RecordsError
from .files import shard_files_on_disk
from .layout import (
    ATTEMPTS_DIR,
    ATTEMPTS_TABLE,
    CERTIFICATES,
    CERTIFICATES_TABLE,
    LEARNERS,
    LEARNERS_TABLE,
    META_DOC_ID,
    META_TABLE,
    MODULES_TABLE,
    OPEN_TABLE,
    PROGRESS_DIR,
    REFLECTIONS_TABLE,
    STATE_DOC_ID,
    STATE_TABLE,
    STORE,
    all_files,
    attempts_file,
    progress_file,
)
from .recovery import meta_problem, read_copy
from .report import StoreReport
from .storage import TinyData
from .videos import VIDEOS_KEY, video_record_problems

__all__ = ["check_store"]

MAX_LISTED_PROBLEMS = 50


@dataclass
class _Counts:
    modules: int = 0
    pages: int = 0
    attempts: int = 0
    open: int = 0
    unknown_learners: set[str] = field(default_factory=set)


def check_store(folder: Path, known_raw: Mapping[str, bytes], schema_version: int) -> StoreReport:
    """Check the files in `folder`; `known_raw` is what the open store last wrote to each."""
    problems: list[str] = []
    files: list[tuple[str, int]] = []
    data: dict[str, TinyData] = {}
    shards = shard_files_on_disk(folder)
    folder_sizes = {PROGRESS_DIR: 0, ATTEMPTS_DIR: 0}
    for name, label in [(spec.name, spec.label) for spec in all_files()] + [
        (name, "progress records" if name.startswith(PROGRESS_DIR) else "quiz attempts")
        for name in shards
    ]:
        path = folder / name
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        top = name.split("/", 1)[0]
        if top in folder_sizes:
            folder_sizes[top] += size
        else:
            files.append((name, size))
        try:
            copy = read_copy(path, meta_problem if name == STORE.name else None)
        except RecordsError as exc:
            problems.append(str(exc))
            continue
        if copy.state == "missing":
            problems.append(f"{name} ({label}) is missing.")
            continue
        if not copy.ok or copy.data is None:
            problems.append(f"{name} ({label}) cannot be read: {copy.reason}.")
            continue
        if name in known_raw and copy.raw != known_raw[name]:
            problems.append(
                f"{name} was changed by another program while VR Learn had it open; "
                "those changes will be overwritten by VR Learn's next save."
            )
        data[name] = copy.data
    files += [
        (f"{top}/ ({count} files)", size) for top, size, count in _folders(shards, folder_sizes)
    ]

    if STORE.name in data:
        meta = data[STORE.name][META_TABLE][str(META_DOC_ID)]
        schema_version = meta["schema_version"]
        if schema_version > migrations.SCHEMA_VERSION:
            problems.append(
                f"The records are version {schema_version}, newer than this version of VR Learn "
                f"understands ({migrations.SCHEMA_VERSION})."
            )
        elif schema_version < migrations.SCHEMA_VERSION:
            problems.append(
                f"The records are version {schema_version} and have not been updated to "
                f"version {migrations.SCHEMA_VERSION}."
            )

    learner_ids = _check_learners(data.get(LEARNERS.name), problems)
    certificates = _check_certificates(data.get(CERTIFICATES.name), learner_ids, problems)
    counts = _Counts()
    for name in shards:
        if name not in data:
            continue
        if name.startswith(f"{PROGRESS_DIR}/"):
            _check_progress(name, data[name], learner_ids, counts, problems)
        else:
            _check_attempts(name, data[name], learner_ids, counts, problems)

    if len(problems) > MAX_LISTED_PROBLEMS:
        extra = len(problems) - MAX_LISTED_PROBLEMS
        problems = problems[:MAX_LISTED_PROBLEMS] + [f"... and {extra} more problems."]
    return StoreReport(
        data_dir=folder,
        schema_version=schema_version,
        files=tuple(files),
        learners=len(learner_ids),
        modules_started=counts.modules,
        pages_viewed=counts.pages,
        problems=tuple(problems),
        attempts=counts.attempts,
        attempts_in_progress=counts.open,
        certificates=certificates,
    )


def _folders(shards: list[str], sizes: dict[str, int]) -> list[tuple[str, int, int]]:
    return [
        (top, size, sum(1 for s in shards if s.startswith(f"{top}/")))
        for top, size in sizes.items()
    ]


def _is_text(value: Any, *, allow_empty: bool = False) -> bool:
    return isinstance(value, str) and (allow_empty or bool(value.strip()))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_learners(data: TinyData | None, problems: list[str]) -> set[str]:
    ids: set[str] = set()
    if data is None:
        return ids
    where = LEARNERS.name
    for doc_id, doc in data.get(LEARNERS_TABLE, {}).items():
        learner_id = doc.get("learner_id")
        if not _is_text(learner_id):
            problems.append(f"{where}: learner record {doc_id} has no learner id.")
            continue
        if learner_id in ids:
            problems.append(f"{where}: learner id {learner_id} is used by more than one learner.")
        ids.add(learner_id)
        for key in ("name", "role"):
            if not _is_text(doc.get(key)):
                problems.append(f"{where}: learner {learner_id} has no {key}.")
        for key in ("registration_number", "email"):
            if not _is_text(doc.get(key, ""), allow_empty=True):
                problems.append(f"{where}: learner {learner_id} has a {key} that is not text.")
    state = data.get(STATE_TABLE, {}).get(str(STATE_DOC_ID), {})
    current = state.get("current_learner_id")
    if current is not None and current not in ids:
        problems.append(f"{where}: the current learner {current!r} does not exist.")
    return ids


def _known_learner(
    where: str, learner_id: str, learner_ids: set[str], counts: _Counts, problems: list[str]
) -> None:
    if learner_id not in learner_ids and learner_id not in counts.unknown_learners:
        counts.unknown_learners.add(learner_id)
        problems.append(f"{where}: records belong to an unknown learner {learner_id!r}.")


def _check_progress(
    where: str, data: TinyData, learner_ids: set[str], counts: _Counts, problems: list[str]
) -> None:
    seen: set[str] = set()
    for doc_id, doc in data.get(MODULES_TABLE, {}).items():
        learner_id, module_id = doc.get("learner_id"), doc.get("module_id")
        if not _is_text(learner_id) or not _is_text(module_id):
            problems.append(f"{where}: progress record {doc_id} has no learner or module id.")
            continue
        if progress_file(learner_id) != where:
            problems.append(f"{where}: holds progress of another learner ({learner_id!r}).")
        _known_learner(where, learner_id, learner_ids, counts, problems)
        if module_id in seen:
            problems.append(
                f"{where}: module {module_id!r} of learner {learner_id} is recorded twice."
            )
        seen.add(module_id)
        counts.modules += 1
        viewed = doc.get("viewed", {})
        if not isinstance(viewed, dict):
            problems.append(f"{where}: the pages viewed in module {module_id!r} are not a list.")
            continue
        counts.pages += len(viewed)
        for item_id, times in viewed.items():
            if not isinstance(times, dict) or not all(
                _is_text(times.get(key)) for key in ("first_viewed", "last_viewed")
            ):
                problems.append(
                    f"{where}: page {item_id!r} of module {module_id!r} has no view times."
                )
        position = doc.get("last_position")
        if position is not None and not _is_text(position):
            problems.append(f"{where}: the last position in module {module_id!r} is not an id.")
        problems += video_record_problems(where, module_id, doc.get(VIDEOS_KEY))


def _check_certificates(data: TinyData | None, learner_ids: set[str], problems: list[str]) -> int:
    """Every certificate has an id (used once), a known learner and a signed envelope; every
    reflection belongs to a certificate. Signatures are checked by `vrlearn certificates
    verify`, not here."""
    if data is None:
        return 0
    where = CERTIFICATES.name
    ids: set[str] = set()
    for doc_id, doc in data.get(CERTIFICATES_TABLE, {}).items():
        cid = doc.get("certificate_id")
        if not _is_text(cid):
            problems.append(f"{where}: certificate record {doc_id} has no certificate id.")
            continue
        if cid in ids:
            problems.append(f"{where}: certificate {cid} is recorded twice.")
        ids.add(cid)
        if doc.get("learner_id") not in learner_ids:
            problems.append(f"{where}: certificate {cid} belongs to an unknown learner.")
        envelope = doc.get("envelope")
        record = envelope.get("record") if isinstance(envelope, dict) else None
        if not isinstance(record, dict) or record.get("certificate_id") != cid:
            problems.append(f"{where}: certificate {cid} has no signed record with its id.")
    for doc_id, doc in data.get(REFLECTIONS_TABLE, {}).items():
        if doc.get("certificate_id") not in ids:
            problems.append(f"{where}: reflection {doc_id} is not on any certificate.")
    return len(ids)


def _check_attempts(
    where: str, data: TinyData, learner_ids: set[str], counts: _Counts, problems: list[str]
) -> None:
    submitted: set[str] = set()
    tables = [(ATTEMPTS_TABLE, doc_id, doc) for doc_id, doc in data.get(ATTEMPTS_TABLE, {}).items()]
    tables += [(OPEN_TABLE, doc_id, doc) for doc_id, doc in data.get(OPEN_TABLE, {}).items()]
    for table, doc_id, doc in tables:
        ids = [doc.get(key) for key in ("learner_id", "module_id", "quiz_id")]
        attempt_id = doc.get("attempt_id")
        if not all(_is_text(value) for value in ids) or not _is_text(attempt_id):
            problems.append(f"{where}: attempt record {doc_id} has no learner, quiz or attempt id.")
            continue
        learner_id, module_id, quiz_id = ids
        if attempts_file(learner_id, module_id, quiz_id) != where:
            problems.append(f"{where}: attempt {attempt_id} belongs to another quiz or learner.")
        _known_learner(where, learner_id, learner_ids, counts, problems)
        if not (_is_int(doc.get("seed")) and _is_int(doc.get("algorithm"))):
            problems.append(f"{where}: attempt {attempt_id} has no seed or algorithm version.")
        if not isinstance(doc.get("answers"), dict):
            problems.append(f"{where}: the answers of attempt {attempt_id} are not a mapping.")
        if table == ATTEMPTS_TABLE:
            if attempt_id in submitted:
                problems.append(f"{where}: attempt {attempt_id} is recorded twice.")
            submitted.add(attempt_id)
            counts.attempts += 1
        elif attempt_id in submitted:
            problems.append(f"{where}: attempt {attempt_id} is both submitted and in progress.")
        else:
            counts.open += 1
