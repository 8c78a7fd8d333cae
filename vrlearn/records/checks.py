"""Consistency checks behind `RecordsStore.check()`: read every file again from disk and verify
that it parses, that the records version is known, and that the ids refer to each other."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import migrations
from .errors import RecordsError
from .layout import (
    LEARNERS,
    LEARNERS_TABLE,
    META_DOC_ID,
    META_TABLE,
    MODULES_TABLE,
    PROGRESS,
    STATE_DOC_ID,
    STATE_TABLE,
    STORE,
    all_files,
)
from .recovery import meta_problem, read_copy
from .report import StoreReport
from .storage import TinyData

__all__ = ["check_store"]

MAX_LISTED_PROBLEMS = 50


def check_store(folder: Path, known_raw: Mapping[str, bytes], schema_version: int) -> StoreReport:
    """Check the files in `folder`; `known_raw` is what the open store last wrote to each."""
    problems: list[str] = []
    files: list[tuple[str, int]] = []
    data: dict[str, TinyData] = {}
    for spec in all_files():
        path = folder / spec.name
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        files.append((spec.name, size))
        try:
            copy = read_copy(path, meta_problem if spec is STORE else None)
        except RecordsError as exc:
            problems.append(str(exc))
            continue
        if copy.state == "missing":
            problems.append(f"{spec.name} ({spec.label}) is missing.")
            continue
        if not copy.ok or copy.data is None:
            problems.append(f"{spec.name} ({spec.label}) cannot be read: {copy.reason}.")
            continue
        if spec.name in known_raw and copy.raw != known_raw[spec.name]:
            problems.append(
                f"{spec.name} was changed by another program while VR Learn had it open; "
                "those changes will be overwritten by VR Learn's next save."
            )
        data[spec.name] = copy.data

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
    modules_started, pages_viewed = _check_progress(data.get(PROGRESS.name), learner_ids, problems)

    if len(problems) > MAX_LISTED_PROBLEMS:
        extra = len(problems) - MAX_LISTED_PROBLEMS
        problems = problems[:MAX_LISTED_PROBLEMS] + [f"... and {extra} more problems."]
    return StoreReport(
        data_dir=folder,
        schema_version=schema_version,
        files=tuple(files),
        learners=len(learner_ids),
        modules_started=modules_started,
        pages_viewed=pages_viewed,
        problems=tuple(problems),
    )


def _is_text(value: Any, *, allow_empty: bool = False) -> bool:
    return isinstance(value, str) and (allow_empty or bool(value.strip()))


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
        for field in ("name", "role"):
            if not _is_text(doc.get(field)):
                problems.append(f"{where}: learner {learner_id} has no {field}.")
        for field in ("registration_number", "email"):
            if not _is_text(doc.get(field, ""), allow_empty=True):
                problems.append(f"{where}: learner {learner_id} has a {field} that is not text.")
    state = data.get(STATE_TABLE, {}).get(str(STATE_DOC_ID), {})
    current = state.get("current_learner_id")
    if current is not None and current not in ids:
        problems.append(f"{where}: the current learner {current!r} does not exist.")
    return ids


def _check_progress(
    data: TinyData | None, learner_ids: set[str], problems: list[str]
) -> tuple[int, int]:
    if data is None:
        return 0, 0
    where = PROGRESS.name
    seen: set[tuple[str, str]] = set()
    unknown_learners: set[str] = set()
    pages = 0
    for doc_id, doc in data.get(MODULES_TABLE, {}).items():
        learner_id, module_id = doc.get("learner_id"), doc.get("module_id")
        if not _is_text(learner_id) or not _is_text(module_id):
            problems.append(f"{where}: progress record {doc_id} has no learner or module id.")
            continue
        if learner_id not in learner_ids and learner_id not in unknown_learners:
            unknown_learners.add(learner_id)
            problems.append(f"{where}: progress belongs to an unknown learner {learner_id!r}.")
        if (learner_id, module_id) in seen:
            problems.append(
                f"{where}: module {module_id!r} of learner {learner_id} is recorded twice."
            )
        seen.add((learner_id, module_id))
        viewed = doc.get("viewed", {})
        if not isinstance(viewed, dict):
            problems.append(f"{where}: the pages viewed in module {module_id!r} are not a list.")
            continue
        pages += len(viewed)
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
    return len(seen), pages
