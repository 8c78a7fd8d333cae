"""The library as a Qt list model: one row per module (loaded or broken) with its progress.

Everything the view, the search and the sort need is computed once per row (`LibraryEntry`), so
filtering 300 modules is a few string look-ups, not 300 widgets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
)

from vrlearn.modules.library import Library
from vrlearn.modules.model import BrokenModule, Module
from vrlearn.modules.progress import ModuleProgress, module_progress
from vrlearn.ui import item_roles

ENTRY_ROLE = item_roles.USER + 1
AnyIndex = QModelIndex | QPersistentModelIndex


def _progress(module: Module, viewed: frozenset[str]) -> ModuleProgress:
    """`module_progress`, without reading a module's lessons when nothing in it is done yet
    (at start-up most modules come from the library index without their lessons)."""
    if not viewed:
        return ModuleProgress(done=0, total=module.counted_total, started=False)
    return module_progress(module, viewed)


class SortKey(Enum):
    TITLE = "Title (A to Z)"
    DURATION = "Duration (shortest first)"
    PROGRESS = "Progress (furthest first)"


@dataclass
class LibraryEntry:
    """One row of the library: a module that opens, or a broken one that says why it cannot."""

    title: str
    summary: str
    module: Module | None = None
    broken: BrokenModule | None = None
    progress: ModuleProgress | None = None

    @classmethod
    def for_module(cls, module: Module, viewed: frozenset[str]) -> LibraryEntry:
        return cls(module.title, module.summary, module, None, _progress(module, viewed))

    @classmethod
    def for_broken(cls, broken: BrokenModule) -> LibraryEntry:
        return cls(broken.display_title, "", None, broken)

    def __post_init__(self) -> None:
        parts = [self.title, self.summary]
        if self.module is not None:
            parts.extend(self.module.learning_outcomes)
        self.search_text = " ".join(parts).casefold()
        self.sort_title = self.title.casefold()

    @property
    def module_id(self) -> str:
        return self.module.id if self.module else ""

    @property
    def minutes(self) -> int:
        return self.module.estimated_minutes if self.module else 0

    @property
    def duration_text(self) -> str:
        return f"{self.minutes} min" if self.module else ""

    @property
    def progress_text(self) -> str:
        if self.progress is None:
            return ""
        return f"✓ {self.progress.label}" if self.progress.completed else self.progress.label

    @property
    def broken_text(self) -> str:
        return f"Cannot be opened: {self.broken.reason}" if self.broken else ""

    def sort_value(self, key: SortKey) -> tuple[bool, int, str]:
        """Where this row goes under `key`; broken modules always come last."""
        if key is SortKey.DURATION:
            number = self.minutes
        elif key is SortKey.PROGRESS and self.progress is not None:
            number = -(self.progress.percent * 2 + self.progress.started)
        else:
            number = 0
        return (self.broken is not None, number, self.sort_title)

    def tooltip(self) -> str:
        """The title and summary whole (the row may have shortened them), or why it is broken."""
        if self.broken is not None:
            problems = "\n".join(str(problem) for problem in self.broken.problems)
            return f"{self.broken_text}\n\n{problems or 'No details were given.'}"
        return f"{self.title}\n\n{self.summary}"

    def accessible_text(self) -> str:
        if self.broken is not None:
            return f"{self.title}. {self.broken_text}"
        return f"{self.title}. {self.minutes} minutes. {self.progress_text}. {self.summary}"


class LibraryModel(QAbstractListModel):
    """Rows of `LibraryEntry`, kept in the chosen sort order.

    Sorting happens here, once, with Python's sort; the filter proxy then only hides rows. (A
    proxy `lessThan` written in Python costs thousands of calls per search at 300 modules.)
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[LibraryEntry] = []
        self._key = SortKey.TITLE

    @property
    def sort_key(self) -> SortKey:
        return self._key

    def sort_by(self, key: SortKey) -> None:
        """Reorder the rows, keeping selections and the current row on the same modules."""
        self._key = key
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        moved = [self.entries[index.row()] for index in before]
        self.entries.sort(key=lambda entry: entry.sort_value(key))
        rows = {id(entry): row for row, entry in enumerate(self.entries)}
        self.changePersistentIndexList(before, [self.index(rows[id(e)]) for e in moved])
        self.layoutChanged.emit()

    def set_library(self, library: Library, viewed: Mapping[str, frozenset[str]]) -> None:
        self.beginResetModel()
        self.entries = [
            LibraryEntry.for_module(module, viewed.get(module.id, frozenset()))
            for module in library.modules
        ]
        self.entries.extend(LibraryEntry.for_broken(broken) for broken in library.broken)
        self.entries.sort(key=lambda entry: entry.sort_value(self._key))
        self.endResetModel()

    def modules(self) -> list[Module]:
        return [entry.module for entry in self.entries if entry.module is not None]

    def set_progress(self, module_id: str, viewed: frozenset[str]) -> None:
        for row, entry in enumerate(self.entries):
            if entry.module is not None and entry.module.id == module_id:
                entry.progress = _progress(entry.module, viewed)
                index = self.index(row)
                self.dataChanged.emit(index, index)
        if self._key is SortKey.PROGRESS:
            self.sort_by(self._key)

    def set_all_progress(self, viewed: Mapping[str, frozenset[str]]) -> None:
        for entry in self.entries:
            if entry.module is not None:
                entry.progress = _progress(entry.module, viewed.get(entry.module.id, frozenset()))
        if self.entries:
            self.dataChanged.emit(self.index(0), self.index(len(self.entries) - 1))
        if self._key is SortKey.PROGRESS:
            self.sort_by(self._key)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index: AnyIndex, role: int = item_roles.DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        if role == item_roles.DISPLAY:
            return entry.title
        if role == ENTRY_ROLE:
            return entry
        if role == item_roles.TOOL_TIP:
            return entry.tooltip()
        if role == item_roles.ACCESSIBLE_TEXT:
            return entry.accessible_text()
        return None


class LibraryFilter(QSortFilterProxyModel):
    """Search as you type: a module is shown when every word typed appears in it."""

    def __init__(self, source: LibraryModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._terms: list[str] = []
        self.setSourceModel(source)

    def set_query(self, text: str) -> None:
        terms = text.casefold().split()
        if not hasattr(self, "beginFilterChange"):  # Qt before 6.10
            self._terms = terms
            self.invalidateRowsFilter()
            return
        self.beginFilterChange()
        self._terms = terms
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def entry(self, index: QModelIndex) -> LibraryEntry:
        return self._source.entries[self.mapToSource(index).row()]

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        text = self._source.entries[source_row].search_text
        return all(term in text for term in self._terms)
