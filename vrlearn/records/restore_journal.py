"""Finishing a restore that was cut short between its two renames.

A restore swaps folders with two renames: the current records aside, then the verified new
records into place. Between the two, the records folder does not exist; if the app started then
(after a crash) it would create an empty store. So before the first rename the restore writes a
journal beside the records folder, and `finish_interrupted_restore` (run by every open) completes
the swap when it finds the journal and no records folder.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from .errors import RecordsError, describe_os_error
from .storage import atomic_write_bytes, fsync_dir

__all__ = ["finish_interrupted_restore", "journal_path", "remove_journal", "write_journal"]

log = logging.getLogger(__name__)


def journal_path(records_dir: Path) -> Path:
    return records_dir.with_name(f".{records_dir.name}.restore-journal.json")


def write_journal(records_dir: Path, staging: Path, aside: Path | None) -> None:
    payload = {"staging": staging.name, "aside": aside.name if aside else None}
    atomic_write_bytes(journal_path(records_dir), json.dumps(payload).encode(), what="restore note")


def remove_journal(records_dir: Path) -> None:
    try:
        os.unlink(journal_path(records_dir))
    except FileNotFoundError:
        return
    fsync_dir(records_dir.parent)


def finish_interrupted_restore(records_dir: Path) -> str | None:
    """Complete a restore cut short by a crash; a notice saying so, or None if there was none."""
    path = journal_path(records_dir)
    try:
        note = json.loads(path.read_bytes())
        staging = records_dir.with_name(str(note["staging"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("Ignoring an unreadable restore note %s: %s", path, exc)
        return None
    if records_dir.exists() or not staging.is_dir():
        remove_journal(records_dir)  # the swap was finished (or never started)
        return None
    try:
        os.rename(staging, records_dir)
    except OSError as exc:
        raise RecordsError(
            f"A restore of the records was interrupted and could not be completed: moving "
            f"{staging} to {records_dir} failed ({describe_os_error(exc)})."
        ) from exc
    fsync_dir(records_dir.parent)
    remove_journal(records_dir)
    aside = note.get("aside")
    kept = f" The records from before are kept in {records_dir.with_name(aside)}." if aside else ""
    return (
        f"A restore of the records from a backup was interrupted; it has now been completed.{kept}"
    )
