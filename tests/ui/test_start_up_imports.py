"""What start-up leaves for later: the real `python -m vrlearn`, run until the library is shown.

Start-up time is measured in `make bench`; these tests hold the structure that keeps it down.
Everything the library's first paint does not need is imported on first use, a second start
reads the modules from the library index instead of parsing their manifests, and nothing before
the first paint names PySide's `Qt` namespace (whose first use builds 93 enums; see
`vrlearn.ui.plain_painting`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from vrlearn.records import RecordsStore

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"

# Runs the player as `python -m vrlearn` does; once it has quit (the library was shown), prints
# the names of the modules it imported, and whether PySide had built its `Qt` namespace when the
# library was shown (PySide builds a type on first use and only then puts it in the module), and
# whether the garbage collector ran while the window was built and once the library was shown.
START_UP = """
import gc, runpy, sys
import PySide6.QtCore
import vrlearn.app
shown, build = vrlearn.app._report_shown_and_quit, vrlearn.app.build_main_window
def report_shown_and_quit(app):
    print("qt-namespace-built:", "Qt" in vars(PySide6.QtCore))
    print("gc-when-shown:", gc.isenabled())
    shown(app)
def build_main_window(*args):
    print("gc-while-building:", gc.isenabled())
    return build(*args)
vrlearn.app._report_shown_and_quit = report_shown_and_quit
vrlearn.app.build_main_window = build_main_window
sys.argv = ["vrlearn", *sys.argv[1:]]
try:
    runpy.run_module("vrlearn", run_name="__main__", alter_sys=True)
except SystemExit as stop:
    assert not stop.code, stop.code
print("imported:", " ".join(sorted(sys.modules)))
"""

GETTING_MODULES = (
    "vrlearn.packages",
    "vrlearn.catalogue",
    "vrlearn.settings",
    "vrlearn.ui.background",
    "vrlearn.ui.import_flow",
    "vrlearn.ui.get_modules_view",
    "urllib3",
)
OPENING_A_MODULE = (
    "vrlearn.modules.contents",  # lessons, items, videos: built when a module's details are read
    "vrlearn.media",
    "vrlearn.quiz",
    "vrlearn.ui.reader_view",
    "vrlearn.ui.video_view",
    "vlc",
    "PySide6.QtMultimedia",
)
CERTIFICATES = ("vrlearn.certificates", "cryptography", "secrets", "hashlib")
RECORDS_MAINTENANCE = ("vrlearn.records.checks", "vrlearn.records.report", "vrlearn.records.backup")


def start_up(data_dir: Path) -> str:
    """What the START_UP script printed."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "VRLEARN_QUIT_WHEN_SHOWN": "1"}
    arguments = ["--data-dir", str(data_dir), "--content-dir", str(CONTENT)]
    result = subprocess.run(
        [sys.executable, "-c", START_UP, *arguments],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "library-shown" in result.stdout, result.stdout
    return result.stdout


def printed(output: str, label: str) -> list[str]:
    line = next(line for line in output.splitlines() if line.startswith(f"{label}:"))
    return line.split()[1:]


@pytest.fixture(scope="module")
def second_start_up_output(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The second start of a learner with a profile (the first start wrote the library index)."""
    data = tmp_path_factory.mktemp("start-up") / "data"
    store = RecordsStore.open(data / "records")
    store.save_learner("Test Learner", "Occupational therapist")
    store.close()
    start_up(data)
    return start_up(data)


@pytest.fixture
def second_start_up(second_start_up_output: str) -> list[str]:
    """The modules imported by the second start."""
    return printed(second_start_up_output, "imported")


def started_with(modules: list[str], packages: tuple[str, ...]) -> list[str]:
    """The modules that are one of `packages` or inside one."""
    inside = tuple(f"{package}." for package in packages)
    return [name for name in modules if name in packages or name.startswith(inside)]


def test_start_up_shows_the_library_from_the_real_entry_point(second_start_up: list[str]) -> None:
    assert "vrlearn.ui.library_view" in second_start_up
    assert "PySide6.QtWidgets" in second_start_up


def test_start_up_imports_none_of_the_code_for_getting_modules(second_start_up: list[str]) -> None:
    assert started_with(second_start_up, GETTING_MODULES) == []


def test_start_up_imports_nothing_for_reading_a_module(second_start_up: list[str]) -> None:
    assert started_with(second_start_up, OPENING_A_MODULE) == []


def test_start_up_imports_no_certificates_or_hashing(second_start_up: list[str]) -> None:
    assert started_with(second_start_up, CERTIFICATES) == []


def test_start_up_imports_no_records_check_or_backup(second_start_up: list[str]) -> None:
    assert started_with(second_start_up, RECORDS_MAINTENANCE) == []


def test_second_start_up_parses_no_manifest(second_start_up: list[str]) -> None:
    assert started_with(second_start_up, ("tomllib", "vrlearn.modules.manifest")) == []


def test_the_library_is_shown_without_building_pyside_qt_namespace(
    second_start_up_output: str,
) -> None:
    assert printed(second_start_up_output, "qt-namespace-built") == ["False"]


def test_garbage_is_collected_again_once_the_library_is_shown(second_start_up_output: str) -> None:
    assert printed(second_start_up_output, "gc-while-building") == ["False"]  # paused to start
    assert printed(second_start_up_output, "gc-when-shown") == ["True"]
