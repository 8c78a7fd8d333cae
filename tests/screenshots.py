"""Write screenshots of the library and the reader for the docs: `make screenshots`.

Usage: python tests/screenshots.py OUTPUT_DIR (run under Xvfb with QT_QPA_PLATFORM=xcb).

Starts VR Learn on the bundled content/ modules with a throw-away data folder that already holds
a profile and a little progress, then saves OUTPUT_DIR/library.png and OUTPUT_DIR/reader.png
(the reader on the page with the pathway diagram of vr-essentials, when that module is present).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QTextBrowser

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from a source checkout without installing

from vrlearn.app import build_main_window, create_application  # noqa: E402
from vrlearn.modules.model import Module  # noqa: E402
from vrlearn.paths import AppPaths  # noqa: E402
from vrlearn.records import RecordsStore  # noqa: E402
from vrlearn.ui.main_window import MainWindow  # noqa: E402

WINDOW_SIZE = (1200, 760)
DIAGRAM_MODULE = "vr-essentials"


def settle(app: QApplication, seconds: float = 0.4) -> None:
    """Let Qt lay out and paint for a moment."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def page_with_diagram(module: Module) -> str | None:
    """The first page of `module` whose Markdown shows an SVG image."""
    for item in module.pages:
        try:
            if ".svg" in module.item_path(item).read_text(encoding="utf-8"):
                return item.id
        except OSError:
            continue
    return None


def add_sample_progress(store: RecordsStore, learner_id: str, modules: list[Module]) -> None:
    """One module completed and one part-way through, so the library shows every state."""
    ordered = sorted(modules, key=lambda module: module.id)
    for index, module in enumerate(ordered):
        pages = module.pages
        if module.id == DIAGRAM_MODULE:
            viewed = pages[:2]
        elif index == len(ordered) - 1:
            viewed = pages
        else:
            continue
        for item in viewed:
            store.mark_page_viewed(learner_id, module.id, item.id)


def scroll_to_first_image(browser: QTextBrowser) -> None:
    """Scroll the page so that its first image is in view, from the heading above it."""
    document = browser.document()
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            if fragments.fragment().charFormat().isImageFormat():
                start = block
                for _ in range(4):
                    if start.blockFormat().headingLevel() or not start.previous().isValid():
                        break
                    start = start.previous()
                top = document.documentLayout().blockBoundingRect(start).top()
                gap = browser.fontMetrics().height() * 2
                browser.verticalScrollBar().setValue(int(top - gap))
                return
            fragments += 1
        block = block.next()


def save(window: MainWindow, path: Path) -> None:
    if not window.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(f"wrote {path}")


def main(argv: list[str]) -> int:
    output = Path(argv[1] if len(argv) > 1 else "docs/screenshots")
    output.mkdir(parents=True, exist_ok=True)
    app = create_application(argv[:1])
    with tempfile.TemporaryDirectory(prefix="vrlearn-screens-") as data:
        paths = AppPaths.create(Path(data), (REPO / "content",))
        store = RecordsStore.open(paths.records_dir)
        try:
            learner = store.save_learner("Alex Morgan", "Occupational therapist")
            window = build_main_window(paths, store)
            modules = list(window.library_view.model.modules())
            add_sample_progress(store, learner.learner_id, modules)
            window.library_view.set_all_progress(store.progress_summary(learner.learner_id))
            window.resize(*WINDOW_SIZE)
            window.show()
            settle(app)
            save(window, output / "library.png")

            module = next((m for m in modules if m.id == DIAGRAM_MODULE), modules[0])
            reader = window.open_module(module)
            page = page_with_diagram(module)
            if page is not None:
                reader.go_to(page)
                settle(app)
                scroll_to_first_image(reader.browser)
            settle(app)
            save(window, output / "reader.png")
            window.close()
        finally:
            store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
