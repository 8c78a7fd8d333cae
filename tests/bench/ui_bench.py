"""In-process GUI timings: search as you type over 300 modules, and rendering a 3,000-word page."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from vrlearn.modules.library import scan_library
from vrlearn.modules.manifest import load_module
from vrlearn.modules.model import Module
from vrlearn.modules.pages import render_page
from vrlearn.ui.library_view import LibraryView
from vrlearn.ui.page_browser import PageBrowser

QUERIES = ("w", "wo", "wor", "work", "fatigue", "employer", "graded return", "copy 12", "")


def _app() -> QApplication:
    existing = QApplication.instance()
    return existing if isinstance(existing, QApplication) else QApplication([])


def search_latency_ms(content: Path, rounds: int = 5) -> list[float]:
    """Time from setting the search text to the filtered list being painted, per keystroke."""
    app = _app()
    view = LibraryView()
    view.set_library(scan_library([content]), {})
    view.resize(1200, 760)
    view.show()
    app.processEvents()
    samples = []
    for _ in range(rounds):
        for query in QUERIES:
            start = time.perf_counter()
            view.search.setText(query)
            view.repaint()
            app.processEvents()
            samples.append((time.perf_counter() - start) * 1000)
    view.close()
    return samples


def page_render_ms(module_folder: Path, rounds: int = 15) -> tuple[list[float], int]:
    """Markdown to HTML to a laid-out, painted page in the reader's browser."""
    app = _app()
    module = load_module(module_folder)
    assert isinstance(module, Module), module
    browser = PageBrowser()
    browser.resize(900, 700)
    browser.show()
    app.processEvents()
    samples = []
    words = 0
    for _ in range(rounds):
        start = time.perf_counter()
        rendered = render_page(module, module.pages[0])
        browser.show_page(module, module.pages[0], rendered.html)
        browser.repaint()
        app.processEvents()
        samples.append((time.perf_counter() - start) * 1000)
        words = rendered.word_count
    browser.close()
    return samples, words


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) > 1 else samples[0]
