"""The library at start-up, from the library index: the list needs no module's lessons."""

from __future__ import annotations

from pathlib import Path

from vrlearn.modules.progress import module_progress
from vrlearn.records import RecordsStore
from vrlearn.ui.library_model import ENTRY_ROLE, LibraryEntry

from .conftest import WindowFactory


def test_indexed_library_reads_details_only_of_started_modules(
    three_modules: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    open_window(learner_store).close()  # the first start writes the library index
    learner = learner_store.current_learner()
    assert learner is not None
    learner_store.mark_page_viewed(learner.learner_id, "fit-notes", "page-1")
    window = open_window(learner_store)  # the next start reads it
    modules = {module.id: module for module in window.library.modules}
    assert "_details" in modules["stroke-basics"].__dict__  # not started: summary only
    assert "_details" not in modules["fit-notes"].__dict__  # started: its items were read
    proxy = window.library_view.proxy
    rows: dict[str, LibraryEntry] = {}
    for row in range(proxy.rowCount()):
        entry = proxy.index(row, 0).data(ENTRY_ROLE)
        rows[entry.module_id or entry.title] = entry
    assert rows["fit-notes"].progress_text == "33 %"
    assert rows["stroke-basics"].progress_text == "Not started"
    for module_id in ("stroke-basics", "graded-return"):  # as if read from the whole module
        assert rows[module_id].progress == module_progress(modules[module_id], frozenset())
    assert "half-written" in rows and rows["half-written"].broken is not None
