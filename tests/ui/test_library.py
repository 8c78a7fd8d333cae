"""The library screen: listing, search, sort, broken modules, and speed at 300 modules."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from vrlearn.modules.contents import Item, Lesson
from vrlearn.modules.library import Library, scan_library
from vrlearn.modules.model import BrokenModule, Module, Problem
from vrlearn.records import RecordsStore
from vrlearn.ui import messages
from vrlearn.ui.library_model import ENTRY_ROLE, LibraryEntry, SortKey
from vrlearn.ui.library_view import LibraryView

from .conftest import ModuleWriter, WindowFactory

REPO = Path(__file__).resolve().parents[2]


def entries(view: LibraryView) -> list[LibraryEntry]:
    proxy = view.proxy
    return [proxy.index(row, 0).data(ENTRY_ROLE) for row in range(proxy.rowCount())]


def test_lists_modules_with_duration_and_progress(
    three_modules: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    window = open_window(learner_store)
    view = window.library_view
    assert view.visible_titles() == [
        "Fit notes explained",
        "Graded return to work",
        "Stroke basics",
        "half-written",
    ]
    rows = {entry.title: entry for entry in entries(view)}
    assert rows["Stroke basics"].duration_text == "45 min"
    assert rows["Stroke basics"].progress_text == "Not started"
    assert view.count_label.text() == "4 modules"
    assert view.learner_label.text() == "Sam Taylor · Physiotherapist"


def test_progress_is_text(
    three_modules: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    learner = learner_store.current_learner()
    assert learner is not None
    learner_store.mark_page_viewed(learner.learner_id, "fit-notes", "page-1")
    for page in ("page-1", "page-2", "page-3"):
        learner_store.mark_page_viewed(learner.learner_id, "stroke-basics", page)
    window = open_window(learner_store)
    rows = {entry.title: entry for entry in entries(window.library_view)}
    assert rows["Fit notes explained"].progress_text == "33 %"
    assert rows["Stroke basics"].progress_text == "✓ Completed"
    accessible = window.library_view.proxy.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "15 minutes" in accessible and "33 %" in accessible


def test_search_filters_title_summary_and_outcomes(
    qtbot: QtBot, three_modules: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    view = open_window(learner_store).library_view
    qtbot.keyClicks(view.search, "fit")
    assert view.visible_titles() == ["Fit notes explained"]
    assert view.count_label.text() == "1 of 4 modules"
    view.search.setText("why stroke")  # summary, every word must match
    assert view.visible_titles() == ["Stroke basics"]
    view.search.setText("PHASED")  # learning outcome, any case
    assert view.visible_titles() == ["Graded return to work"]
    view.search.setText("nothing like this")
    assert view.visible_titles() == []
    assert "No modules match" in view.empty_label.text()
    assert view.empty_label.isVisible()
    view.search.clear()
    assert len(view.visible_titles()) == 4


def test_sort_by_duration_and_progress(
    three_modules: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    learner = learner_store.current_learner()
    assert learner is not None
    learner_store.mark_page_viewed(learner.learner_id, "graded-return", "page-1")
    view = open_window(learner_store).library_view
    view.sort.setCurrentIndex(view.sort.findText(SortKey.DURATION.value))
    assert view.visible_titles() == [
        "Fit notes explained",
        "Graded return to work",
        "Stroke basics",
        "half-written",  # broken modules always last
    ]
    view.sort.setCurrentIndex(view.sort.findText(SortKey.PROGRESS.value))
    assert view.visible_titles()[0] == "Graded return to work"
    view.sort.setCurrentIndex(view.sort.findText(SortKey.TITLE.value))
    assert view.visible_titles()[0] == "Fit notes explained"


def test_broken_module_is_listed_with_reason_and_does_not_open(
    qtbot: QtBot, three_modules: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    window = open_window(learner_store)
    view = window.library_view
    row = view.visible_titles().index("half-written")
    index = view.proxy.index(row, 0)
    entry: LibraryEntry = index.data(ENTRY_ROLE)
    assert entry.broken_text.startswith("Cannot be opened: ")
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert entry.broken is not None
    for problem in entry.broken.problems:
        assert problem.message in tooltip
    view.list.setFocus()
    view.list.setCurrentIndex(index)
    qtbot.keyClick(view.list, Qt.Key.Key_Return)
    assert window.reader is None
    assert window.stack.currentWidget() is view
    assert messages.shown[-1].title == "This module cannot be opened"


def test_enter_opens_module(
    qtbot: QtBot, three_modules: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    window = open_window(learner_store)
    view = window.library_view
    qtbot.keyClicks(view.search, "stroke")
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert view.list.hasFocus()
    with qtbot.waitSignal(window.module_opened) as opened:
        qtbot.keyClick(view.list, Qt.Key.Key_Return)
    assert opened.args is not None and opened.args[0].id == "stroke-basics"
    assert window.stack.currentWidget() is window.reader


def test_bundled_content_is_listed(qtbot: QtBot) -> None:
    content = REPO / "content"
    view = LibraryView()
    qtbot.addWidget(view)
    library = scan_library([content])
    view.set_library(library, {})
    titles = view.visible_titles()
    assert len(titles) == len(library.modules) + len(library.broken)
    assert "Vocational rehabilitation after stroke: the essentials" in titles


def fake_library(count: int) -> Library:
    items = tuple(Item("page", f"p{n}", f"Page {n}", f"pages/{n}.md") for n in range(5))
    lesson = Lesson("l", "Lesson", items)
    modules = tuple(
        Module(
            folder=Path(f"/nowhere/m{n}"),
            id=f"module-{n}",
            version="1.0.0",
            title=f"Module {n} about {'work' if n % 3 else 'fatigue'}",
            summary="A summary that is about as long as a real one, in a sentence or two.",
            audience=("Occupational therapists",),
            estimated_minutes=10 + n % 50,
            language="en-GB",
            licence="CC BY 4.0",
            authors=(),
            references=(),
            learning_outcomes=("Explain one thing.", "Describe another thing."),
            lessons=(lesson,),
        )
        for n in range(count)
    )
    broken = (BrokenModule(Path("/nowhere/bad"), (Problem(Path("x"), 1, "id", "missing"),)),)
    return Library(modules, broken)


def test_search_filters_300_modules(qtbot: QtBot) -> None:
    """Search works at library scale; its speed is measured by `make bench`, not here."""
    view = LibraryView()
    qtbot.addWidget(view)
    view.set_library(fake_library(300), {})
    view.show()
    view.search.setText("module 12")
    qtbot.wait(0)
    narrowed = len(view.visible_titles())
    assert 0 < narrowed < 300
    view.search.setText("")
    qtbot.wait(0)
    assert len(view.visible_titles()) == 301


LONG_TITLE = "Working with employers on reasonable adjustments after a stroke at work"


def test_long_titles_get_two_lines_when_the_text_is_large(
    write_module: ModuleWriter, content_dir: Path, learner_store: RecordsStore,
    open_window: WindowFactory, qtbot: QtBot,
) -> None:  # fmt: skip
    write_module("adjustments", LONG_TITLE, minutes=20, summary="Adjustments in practice.")
    write_module("basics", "Stroke basics", minutes=45, summary="Why stroke happens.")
    window = open_window(learner_store)
    window.resize(1100, 700)
    view = window.library_view
    qtbot.waitUntil(lambda: view.list.width() > 900)
    assert view.list.title_lines == 1
    one_line_height = view.list.visualRect(view.proxy.index(0, 0)).height()

    window.set_zoom(200)
    qtbot.waitUntil(lambda: view.list.title_lines == 2)
    qtbot.waitUntil(
        lambda: view.list.visualRect(view.proxy.index(0, 0)).height() > 2 * one_line_height
    )
    heights = {view.list.visualRect(view.proxy.index(row, 0)).height() for row in range(2)}
    assert len(heights) == 1  # every row the same height, short titles too

    view.search.setText("basics")  # the long title is hidden: the rows keep their height
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 1)
    assert view.list.title_lines == 2

    window.set_zoom(100)
    qtbot.waitUntil(lambda: view.list.title_lines == 1)


def test_a_row_tooltip_gives_the_whole_title_and_summary(
    write_module: ModuleWriter, content_dir: Path, learner_store: RecordsStore,
    open_window: WindowFactory,
) -> None:  # fmt: skip
    write_module("adjustments", LONG_TITLE, minutes=20, summary="Adjustments in practice.")
    window = open_window(learner_store)
    tooltip = window.library_view.proxy.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == f"{LONG_TITLE}\n\nAdjustments in practice."
