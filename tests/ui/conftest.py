"""GUI test fixtures: module folders on disk, a fresh data folder, the records and a main window.

Dialogs are switched off for every GUI test (`vrlearn.ui.messages`), so nothing can block on a
modal box; tests read what would have been shown from `messages.shown`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from vrlearn.app import build_main_window, create_application
from vrlearn.media.backend import VideoBackend
from vrlearn.paths import AppPaths
from vrlearn.records import RecordsStore
from vrlearn.ui import messages
from vrlearn.ui.main_window import MainWindow

MODULE_TOML = """\
format = 1
id = "{id}"
version = "1.0.0"
title = "{title}"
summary = "{summary}"
audience = ["Occupational therapists"]
estimated_minutes = {minutes}
language = "en-GB"
licence = "CC BY 4.0"
learning_outcomes = ["{outcome}"]

[[authors]]
name = "Test author"

[[references]]
id = "ref-one"
citation = "Author A. A reference. Journal 2024."
url = "https://example.org/ref"

[[lessons]]
id = "lesson-one"
title = "First lesson"
{items}
[completion]
pages = "all"
"""

ITEM_TOML = """
  [[lessons.items]]
  type = "page"
  id = "page-{n}"
  title = "Page {n}"
  file = "pages/{n}.md"
"""

ModuleWriter = Callable[..., Path]


@pytest.fixture(autouse=True)
def no_dialogs() -> Iterator[None]:
    messages.set_dialogs_enabled(False)
    yield
    messages.set_dialogs_enabled(True)


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    return folder


@pytest.fixture
def write_module(content_dir: Path) -> ModuleWriter:
    """Write a module folder with `pages` numbered pages ("1.md", "2.md", …) into content_dir."""

    def write(
        module_id: str,
        title: str,
        *,
        minutes: int = 20,
        summary: str = "A short module used by the tests.",
        outcome: str = "Describe what a test module is.",
        pages: int = 3,
        page_text: dict[int, str] | None = None,
        extra_files: dict[str, bytes] | None = None,
    ) -> Path:
        folder = content_dir / module_id
        (folder / "pages").mkdir(parents=True)
        items = "".join(ITEM_TOML.format(n=n) for n in range(1, pages + 1))
        fields = {"id": module_id, "title": title, "summary": summary, "minutes": minutes}
        manifest = MODULE_TOML.format(**fields, outcome=outcome, items=items)
        (folder / "module.toml").write_text(manifest, encoding="utf-8")
        texts = page_text or {}
        for n in range(1, pages + 1):
            body = texts.get(n, f"# Heading {n}\n\nText of page {n} [@ref-one].\n")
            (folder / "pages" / f"{n}.md").write_text(textwrap.dedent(body), encoding="utf-8")
        for name, data in (extra_files or {}).items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
        return folder

    return write


@pytest.fixture
def three_modules(write_module: ModuleWriter, content_dir: Path) -> Path:
    """Three good modules and one broken one."""
    write_module("stroke-basics", "Stroke basics", minutes=45, summary="Why stroke happens.")
    write_module("fit-notes", "Fit notes explained", minutes=15, summary="Filling in a fit note.")
    write_module(
        "graded-return", "Graded return to work", minutes=30, outcome="Plan a phased return."
    )
    broken = content_dir / "half-written"
    broken.mkdir()
    (broken / "module.toml").write_text('format = 1\nid = "half-written"\n', encoding="utf-8")
    return content_dir


@pytest.fixture
def app_paths(tmp_path: Path, content_dir: Path) -> AppPaths:
    return AppPaths.create(tmp_path / "data", (content_dir,))


@pytest.fixture
def store(app_paths: AppPaths) -> Iterator[RecordsStore]:
    records = RecordsStore.open(app_paths.records_dir)
    yield records
    records.close()


@pytest.fixture
def learner_store(store: RecordsStore) -> RecordsStore:
    store.save_learner("Sam Taylor", "Physiotherapist")
    return store


WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def open_window(qtbot: QtBot, app_paths: AppPaths) -> WindowFactory:
    """Build and show a main window on the test data folder (the records given, or its own)."""

    def open_(store: RecordsStore | None = None) -> MainWindow:
        create_application([])
        window = build_main_window(app_paths, store)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.library_is_shown)
        return window

    return open_


@pytest.fixture
def vlc_players(monkeypatch: pytest.MonkeyPatch) -> list[VideoBackend]:
    """The reader gets real libVLC players without sound; the list of those made."""
    from tests.ui.video_helpers import use_players, vlc_player

    return use_players(monkeypatch, vlc_player)
