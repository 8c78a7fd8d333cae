"""The Get modules screen against a real catalogue on a loopback HTTP server (Range support).

The feed lists four modules: one installed (bundled), one with an update, one available and one
that needs a newer VR Learn. Downloads use the real catalogue and package code; a route that
sends part of a package and then goes quiet holds a download in progress for pause and cancel.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.catalogue.loopback import LoopbackServer, Route
from tests.conftest import MANIFEST, ModuleFactory
from tests.ui.conftest import ModuleWriter, WindowFactory
from tests.ui.test_accessibility import tab_chain, unnamed_controls
from vrlearn.catalogue import partial_size
from vrlearn.packages import import_module, pack_module
from vrlearn.paths import AppPaths
from vrlearn.settings import Settings, load_settings, save_settings
from vrlearn.ui import messages
from vrlearn.ui.get_modules_row import EntryRow
from vrlearn.ui.get_modules_view import NO_CATALOGUE, GetModulesView
from vrlearn.ui.main_window import MainWindow

FEED = "/feed/catalogue.json"
STALL_AFTER = 300_000  # bytes sent before the stalling route goes quiet (> one progress report)


@pytest.fixture
def app_paths(tmp_path: Path, content_dir: Path) -> AppPaths:
    data = tmp_path / "data"
    return AppPaths.create(data, (content_dir, data / "modules"))


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as running:
        yield running


def build_package(
    make_module: ModuleFactory,
    tmp_path: Path,
    module_id: str,
    title: str,
    version: str = "1.0.0",
    padding: int = 0,
) -> Path:
    """A real .vrmod; `padding` bytes of incompressible data make it big enough to pause."""
    manifest = MANIFEST.format(id=module_id, title=title).replace(
        'version = "1.0.0"', f'version = "{version}"'
    )
    extra: dict[str, str | bytes] = {}
    if padding:
        extra["pictures/noise.png"] = hashlib.sha256(b"seed").digest() * (padding // 32)
    parent = tmp_path / "authoring" / version
    folder = make_module(module_id, manifest=manifest, pages=extra, parent=parent)
    output = tmp_path / "packages" / f"{module_id}-{version}.vrmod"
    output.parent.mkdir(parents=True, exist_ok=True)
    return pack_module(folder, output)


def feed_entry(
    file: Path, module_id: str, title: str, version: str, min_app: str = "0.1.0"
) -> dict[str, object]:
    data = file.read_bytes()
    return {
        "id": module_id,
        "version": version,
        "title": title,
        "summary": f"About {title.lower()}.",
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "url": f"packages/{file.name}",
        "min_app_version": min_app,
    }


@pytest.fixture
def catalogue(
    server: LoopbackServer,
    write_module: ModuleWriter,
    make_module: ModuleFactory,
    tmp_path: Path,
    app_paths: AppPaths,
) -> dict[str, Path]:
    """Serve a feed of four modules; stroke-basics is bundled and fit-notes 1.0.0 installed."""
    write_module("stroke-basics", "Stroke basics")
    old = build_package(make_module, tmp_path, "fit-notes", "Fit notes", "1.0.0")
    import_module(old, app_paths.modules_dir)
    files = {
        "stroke-basics": build_package(make_module, tmp_path, "stroke-basics", "Stroke basics"),
        "fit-notes": build_package(make_module, tmp_path, "fit-notes", "Fit notes", "1.1.0"),
        "graded-return": build_package(
            make_module, tmp_path, "graded-return", "Graded return", padding=1_200_000
        ),
        "future-module": build_package(make_module, tmp_path, "future-module", "Future module"),
    }
    entries = [
        feed_entry(files["stroke-basics"], "stroke-basics", "Stroke basics", "1.0.0"),
        feed_entry(files["fit-notes"], "fit-notes", "Fit notes", "1.1.0"),
        feed_entry(files["graded-return"], "graded-return", "Graded return", "1.0.0"),
        feed_entry(files["future-module"], "future-module", "Future module", "1.0.0", "2.0.0"),
    ]
    feed = json.dumps({"format": 1, "modules": entries}).encode()
    server.routes[FEED] = Route(body=feed, content_type="application/json")
    for file in files.values():
        server.routes[f"/feed/packages/{file.name}"] = Route(body=file.read_bytes())
    save_settings(app_paths.settings_file, Settings().with_catalogue_url(server.url(FEED)))
    return files


def open_screen(qtbot: QtBot, window: MainWindow) -> GetModulesView:
    view = window.show_get_modules()
    job = view.refresh_job
    assert job is not None
    qtbot.waitUntil(lambda: not job.running, timeout=20000)
    return view


def status(view: GetModulesView, module_id: str) -> str:
    return view.rows[module_id].status_label.text()


def stall_package(server: LoopbackServer, file: Path, seconds: float = 30) -> None:
    """The package route sends STALL_AFTER bytes, then nothing (once; then the whole answer)."""
    server.routes[f"/feed/packages/{file.name}"] = Route(
        body=file.read_bytes(), stall_after=STALL_AFTER, stall_seconds=seconds, stall_times=1
    )


def wait_downloading(qtbot: QtBot, row: EntryRow) -> None:
    qtbot.waitUntil(lambda: row.bar.isVisible() and row.bar.value() > 0, timeout=20000)


@pytest.mark.usefixtures("catalogue")
def test_every_entry_says_its_status_in_words(
    qtbot: QtBot, open_window: WindowFactory, server: LoopbackServer
) -> None:
    window = open_window()
    view = open_screen(qtbot, window)

    assert list(view.rows) == ["stroke-basics", "fit-notes", "graded-return", "future-module"]
    assert status(view, "stroke-basics") == "Installed (version 1.0.0)"
    assert status(view, "fit-notes") == "Update available (1.0.0 → 1.1.0)"
    assert status(view, "graded-return") == "Available"
    assert status(view, "future-module").startswith("Needs VR Learn 2.0.0 (this is ")
    buttons = {key: row.action_button for key, row in view.rows.items()}
    assert buttons["fit-notes"].text() == "Update" and buttons["fit-notes"].isVisibleTo(view)
    assert buttons["graded-return"].text() == "Download"
    assert buttons["graded-return"].accessibleName() == "Download Graded return"
    assert not buttons["stroke-basics"].isVisibleTo(view)
    assert not buttons["future-module"].isVisibleTo(view)
    assert view.state_label.text().startswith("Last updated ")
    assert re.fullmatch(r"Free disk space: [\d,]+\.\d (MB|GB)", view.space_label.text())
    assert not view.explanation.isVisible()
    assert server.requests_for(FEED)


@pytest.mark.usefixtures("catalogue")
def test_download_shows_progress_then_installs_and_the_library_has_it(
    qtbot: QtBot, open_window: WindowFactory, app_paths: AppPaths
) -> None:
    window = open_window()
    view = open_screen(qtbot, window)
    row = view.rows["graded-return"]
    seen: list[tuple[int, int]] = []
    with qtbot.waitSignal(view.installed, timeout=30000) as installed:
        row.action_button.click()
        job = view.downloads["graded-return"].job
        job.progressed.connect(lambda done, total: seen.append((done, total)))
    result = installed.args[0]
    assert (result.module_id, result.version, result.replaced_version) == (
        "graded-return",
        "1.0.0",
        None,
    )
    assert seen and seen[-1][0] == seen[-1][1] == row.entry.size
    assert window.library.find("graded-return") is not None
    assert "Graded return" in window.library_view.visible_titles()
    assert status(view, "graded-return") == "Installed (version 1.0.0)"
    assert not row.bar.isVisibleTo(view)
    assert list(app_paths.downloads_dir.iterdir()) == []  # the package is deleted once installed


@pytest.mark.usefixtures("catalogue")
def test_update_replaces_the_installed_version(qtbot: QtBot, open_window: WindowFactory) -> None:
    window = open_window()
    view = open_screen(qtbot, window)
    with qtbot.waitSignal(view.installed, timeout=30000) as installed:
        view.rows["fit-notes"].action_button.click()
    assert installed.args[0].replaced_version == "1.0.0"
    module = window.library.find("fit-notes")
    assert module is not None and module.version == "1.1.0"
    assert status(view, "fit-notes") == "Installed (version 1.1.0)"
    assert window.statusBar().currentMessage() == "Updated “Fit notes” to 1.1.0 (from 1.0.0)."


def test_pause_keeps_the_part_across_a_restart_and_resume_finishes_it(
    qtbot: QtBot,
    open_window: WindowFactory,
    server: LoopbackServer,
    catalogue: dict[str, Path],
    app_paths: AppPaths,
) -> None:
    stall_package(server, catalogue["graded-return"])
    window = open_window()
    view = open_screen(qtbot, window)
    row = view.rows["graded-return"]
    row.action_button.click()
    wait_downloading(qtbot, row)
    assert row.status_label.text().startswith("Downloading: ")
    assert row.pause_button.isVisibleTo(view) and row.cancel_button.isVisibleTo(view)

    row.pause_button.click()
    qtbot.waitUntil(lambda: "graded-return" not in view.downloads, timeout=10000)
    entry = row.entry
    assert partial_size(entry, app_paths.downloads_dir) == STALL_AFTER
    percent = STALL_AFTER * 100 // entry.size
    assert row.status_label.text().startswith(f"Paused at {percent} % (")
    assert row.action_button.text() == "Resume"
    window.close()

    again = open_window()  # as after closing and starting VR Learn again
    view = open_screen(qtbot, again)
    row = view.rows["graded-return"]
    assert row.status_label.text().startswith(f"Paused at {percent} % (")
    assert row.bar.isVisibleTo(view)
    with qtbot.waitSignal(view.installed, timeout=30000):
        row.action_button.click()
    ranges = [
        r.headers.get("Range")
        for r in server.requests_for(f"/feed/packages/{catalogue['graded-return'].name}")
    ]
    assert ranges[-1] == f"bytes={STALL_AFTER}-"
    assert again.library.find("graded-return") is not None


def test_cancel_stops_the_download_and_deletes_the_part(
    qtbot: QtBot,
    open_window: WindowFactory,
    server: LoopbackServer,
    catalogue: dict[str, Path],
    app_paths: AppPaths,
) -> None:
    stall_package(server, catalogue["graded-return"])
    window = open_window()
    view = open_screen(qtbot, window)
    row = view.rows["graded-return"]
    row.action_button.click()
    wait_downloading(qtbot, row)
    row.cancel_button.click()
    qtbot.waitUntil(lambda: "graded-return" not in view.downloads, timeout=10000)

    assert partial_size(row.entry, app_paths.downloads_dir) == 0
    assert status(view, "graded-return") == "Available"
    assert row.action_button.text() == "Download"
    assert window.library.find("graded-return") is None
    assert window.statusBar().currentMessage() == "Download of “Graded return” cancelled."


def test_a_package_with_the_wrong_checksum_is_not_installed(
    qtbot: QtBot, open_window: WindowFactory, server: LoopbackServer, catalogue: dict[str, Path]
) -> None:
    file = catalogue["graded-return"]
    server.routes[f"/feed/packages/{file.name}"] = Route(body=b"PK\x03\x04" + b"x" * 100)
    window = open_window()
    view = open_screen(qtbot, window)
    row = view.rows["graded-return"]
    row.action_button.click()
    qtbot.waitUntil(lambda: "graded-return" not in view.downloads, timeout=20000)

    assert row.error_label.isVisibleTo(view)
    assert row.error_label.text().startswith("Not installed: ")
    shown = messages.shown[-1]
    assert shown.title == "The module was not installed"
    assert shown.text.startswith("“Graded return” was not installed: ")
    assert window.library.find("graded-return") is None


@pytest.mark.usefixtures("catalogue")
def test_offline_the_last_catalogue_shows_with_when_and_why(
    qtbot: QtBot, open_window: WindowFactory, server: LoopbackServer
) -> None:
    first = open_window()
    open_screen(qtbot, first)  # fetched once: now cached
    first.close()
    server.httpd.shutdown()
    server.httpd.server_close()
    server.thread.join()

    window = open_window()
    view = open_screen(qtbot, window)
    text = view.state_label.text()
    assert text.startswith("Could not check for new modules: ")
    assert "Showing the catalogue as last updated on " in text
    assert list(view.rows) == ["stroke-basics", "fit-notes", "graded-return", "future-module"]
    assert status(view, "fit-notes") == "Update available (1.0.0 → 1.1.0)"


def test_without_an_address_the_screen_explains_and_saves_one(
    qtbot: QtBot, open_window: WindowFactory, app_paths: AppPaths, server: LoopbackServer
) -> None:
    window = open_window()
    view = window.show_get_modules()
    assert view.refresh_job is None
    assert view.explanation.isVisible() and view.explanation.text() == NO_CATALOGUE
    assert "team lead" in NO_CATALOGUE
    assert view.address.hasFocus()

    view.address.setText("catalogue.json")
    assert view.save_address() is False
    assert view.address_error.isVisible()
    assert "is not a web address" in view.address_error.text()
    assert load_settings(app_paths.settings_file).catalogue_url is None

    server.routes[FEED] = Route(body=b'{"format": 1, "modules": []}')
    view.address.setText(server.url(FEED))
    assert view.save_address() is True
    assert load_settings(app_paths.settings_file).catalogue_url == server.url(FEED)
    assert not view.address_error.isVisible() and not view.explanation.isVisible()
    job = view.refresh_job
    assert job is not None
    qtbot.waitUntil(lambda: not job.running, timeout=20000)
    assert view.state_label.text().endswith("The catalogue lists no modules yet.")


@pytest.mark.usefixtures("catalogue")
def test_escape_goes_back_and_zoom_scales_the_text(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    window = open_window()
    view = open_screen(qtbot, window)
    assert window.stack.currentWidget() is view
    title = view.rows["fit-notes"].title_label
    size = title.font().pointSizeF()
    assert title.font().bold()
    window.set_zoom(150)
    assert view.entries.font().pointSizeF() == pytest.approx(size * 1.5)
    assert title.font().pointSizeF() == pytest.approx(size * 1.5)
    assert title.font().bold()
    assert window.commands.back_to_library.isEnabled()
    window.commands.back_to_library.trigger()
    assert window.stack.currentWidget() is window.library_view
    view.back_button.click()  # harmless when already there
    window.show_get_modules()
    assert view.refresh_job is not None
    view.back_button.click()
    assert window.stack.currentWidget() is window.library_view


@pytest.mark.usefixtures("catalogue")
def test_every_control_is_named_and_tab_reaches_each_button(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    window = open_window()
    view = open_screen(qtbot, window)
    assert unnamed_controls(view) == []
    chain = tab_chain(view.refresh_button, 10)
    names = [widget.accessibleName() for widget in chain]
    assert names[:2] == ["Update Fit notes", "Download Graded return"]
    assert view.rows["fit-notes"].accessibleDescription() == "Update available (1.0.0 → 1.1.0)"
