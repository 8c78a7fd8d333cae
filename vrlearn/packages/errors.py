"""What an import, pack or remove reports back: a refusal with every problem, a cancel, a result."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


class PackageError(Exception):
    """A package or folder refused.

    `str(error)` is one plain sentence; `.problems` lists every problem as `where: message`
    (where = the entry name inside the package, or `path:line: field` for manifest problems).
    """

    def __init__(self, sentence: str, problems: Iterable[str] = ()) -> None:
        super().__init__(sentence)
        self.problems: tuple[str, ...] = tuple(problems)


class ImportCancelled(Exception):
    """The learner cancelled the import; nothing was installed and nothing was changed."""


@dataclass(frozen=True)
class InstallResult:
    """A module installed into the modules folder."""

    module_id: str
    version: str
    title: str
    folder: Path  # the installed folder
    replaced_version: str | None  # the version it replaced, if any
