"""Schema version of the records and the migrations that bring older records up to date.

`MIGRATIONS[n]` upgrades an open store from version n to n + 1; the store runs the steps it needs
on open, in order, saving the new version number in store.json after each one. Before the first
step it keeps a copy of every file as `NAME.json.before-v<new version>`; if a step raises, every
file is put back as it was and open() raises RecordsError. Records written by a newer version of
the app are refused (never modified).

To add version 2: set `SCHEMA_VERSION = 2`, write `def _v1_to_v2(store: RecordsStore) -> None`
using `store.database(...)` / `store.batch(...)`, and register it as `MIGRATIONS[1]`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .errors import RecordsError

if TYPE_CHECKING:
    from .store import RecordsStore

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Migration", "migration_steps"]

#: The records version this code writes. Read it as `migrations.SCHEMA_VERSION` at run time.
SCHEMA_VERSION = 1

Migration = Callable[["RecordsStore"], None]

#: from-version -> function upgrading a store from that version to the next one.
MIGRATIONS: dict[int, Migration] = {}


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
