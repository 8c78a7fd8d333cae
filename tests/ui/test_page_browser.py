"""The page view loads images from inside the module only: never the web, never other files."""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument
from pytestqt.qtbot import QtBot

from vrlearn.modules.library import scan_library
from vrlearn.modules.model import Module
from vrlearn.modules.pages import render_page
from vrlearn.ui.page_browser import PageBrowser

from .conftest import ModuleWriter

IMAGE = QTextDocument.ResourceType.ImageResource.value


def png_bytes(colour: str) -> bytes:
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "image.png"
        assert image.save(str(path))
        return path.read_bytes()


PAGE = """\
# Pictures

![Inside](../images/inside.png)

![Remote](http://example.com/remote.png)

![Outside](../../outside.png)

![Absolute]({absolute})

![Data](data:image/png;base64,{data})
"""


@pytest.fixture
def module(write_module: ModuleWriter, content_dir: Path) -> Module:
    outside = content_dir / "outside.png"
    outside.write_bytes(png_bytes("red"))
    text = PAGE.format(absolute=outside, data=base64.b64encode(png_bytes("green")).decode())
    write_module(
        "pictures",
        "Pictures",
        pages=1,
        page_text={1: text},
        extra_files={"images/inside.png": png_bytes("blue")},
    )
    return scan_library([content_dir]).modules[0]


def images_in(browser: PageBrowser) -> list[str]:
    """The image names of every picture in the laid-out page."""
    names = []
    block = browser.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            text_format = fragments.fragment().charFormat()
            if text_format.isImageFormat():
                names.append(text_format.toImageFormat().name())
            fragments += 1
        block = block.next()
    return names


@pytest.fixture
def browser(qtbot: QtBot) -> PageBrowser:
    view = PageBrowser()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    return view


def not_shown(browser: PageBrowser, resource: object) -> bool:
    """True for the "picture not shown" placeholder (or nothing at all)."""
    if resource is None:
        return True
    if isinstance(resource, QByteArray):
        return resource.isEmpty()
    if isinstance(resource, QImage):
        return resource.isNull() or resource == browser.blocked_image()
    return False


def test_only_images_inside_the_module_load(
    browser: PageBrowser, module: Module, content_dir: Path
) -> None:
    item = module.pages[0]
    browser.show_page(module, item, render_page(module, item).html)
    inside = browser.loadResource(IMAGE, QUrl("../images/inside.png"))
    assert isinstance(inside, QImage) and not inside.isNull()
    assert inside.pixelColor(1, 1) == QColor("blue")
    blocked = [
        "http://example.com/remote.png",
        "https://example.com/remote.png",
        "../../outside.png",
        str(content_dir / "outside.png"),
        QUrl.fromLocalFile(str(content_dir / "outside.png")).toString(),
        "data:image/png;base64,iVBORw0KGgo=",
    ]
    for url in blocked:
        assert not_shown(browser, browser.loadResource(IMAGE, QUrl(url))), url


def test_rendered_page_does_not_fall_back_to_loading_files(
    browser: PageBrowser, module: Module, content_dir: Path
) -> None:
    """Qt loads an image file itself when loadResource gives no image: that must not happen."""
    item = module.pages[0]
    html = render_page(module, item).html
    browser.show_page(module, item, html)
    browser.grab()  # lay out and paint: every image is fetched now
    document = browser.document()
    inside = document.resource(IMAGE, QUrl("../images/inside.png"))
    assert isinstance(inside, QImage) and inside.pixelColor(1, 1) == QColor("blue")
    data_url = next(part for part in html.split('"') if part.startswith("data:"))
    for url in ("../../outside.png", str(content_dir / "outside.png"), data_url):
        assert not_shown(browser, document.resource(IMAGE, QUrl(url))), url
    assert len(images_in(browser)) == 5
    shown_colours = {
        image.pixelColor(1, 1).name()
        for image in (document.resource(IMAGE, QUrl(u)) for u in images_in(browser))
        if isinstance(image, QImage) and not image.isNull()
    }
    assert QColor("red").name() not in shown_colours
    assert QColor("green").name() not in shown_colours


def test_nothing_loads_outside_a_page(browser: PageBrowser, module: Module) -> None:
    browser.show_html("<h1>Overview</h1><img src='../images/inside.png'>")
    assert not_shown(browser, browser.loadResource(IMAGE, QUrl("../images/inside.png")))
    stylesheet = QTextDocument.ResourceType.StyleSheetResource.value
    assert not_shown(browser, browser.loadResource(stylesheet, QUrl("style.css")))


def test_column_stays_readable_and_links_are_reported(
    qtbot: QtBot, browser: PageBrowser, module: Module
) -> None:
    browser.resize(1600, 600)
    browser.show_html("<p>" + "word " * 400 + "</p><p><a href='#end'>end</a></p>")
    margin = browser.document().rootFrame().frameFormat().leftMargin()
    column = browser.viewport().width() - 2 * margin
    chars = column / browser.fontMetrics().averageCharWidth() / 1.3  # page text is larger
    assert 50 < chars < 90
    with qtbot.waitSignal(browser.link_clicked) as clicked:
        browser.anchorClicked.emit(QUrl("https://example.org/"))
    assert clicked.args == [QUrl("https://example.org/")]
    with qtbot.assertNotEmitted(browser.link_clicked):
        browser.anchorClicked.emit(QUrl("#end"))
