"""Shows one rendered page: a QTextBrowser that loads nothing from outside the module.

Links are never followed inside the widget: clicks are reported through `link_clicked` so the
reader can ask before handing a web link to the system browser. `loadResource` only returns files
that `resolve_resource` places inside the module; any other image (web address, file outside the
module, data: URL) gets a "picture not shown" placeholder. The placeholder must be a real image:
given nothing, QTextDocument and QTextImageHandler would try to load the file name themselves.
The text column is kept to about 70 characters, and text zoom is applied to the whole page.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QImage,
    QImageReader,
    QPainter,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from vrlearn.modules.contents import Item
from vrlearn.modules.model import Module
from vrlearn.modules.pages import resolve_resource
from vrlearn.ui import theme

log = logging.getLogger(__name__)

READING_FONT_FACTOR = 1.3  # page text a little larger than the interface text
MEASURE_CHARS = 70  # readable line length
MIN_ZOOM, MAX_ZOOM = 50, 300  # per cent


def page_style_sheet(line_gap: float) -> str:
    """The page CSS; `line_gap` is the body text height in pixels, the unit for spacing."""
    gap = round(line_gap * 0.8)
    return f"""
        body {{ color: {theme.TEXT}; }}
        h1 {{ font-size: x-large; margin-top: 0; margin-bottom: {gap}px; }}
        h2 {{ font-size: large; margin-top: {gap * 2}px; margin-bottom: {gap // 2}px; }}
        h3, h4 {{ margin-top: {gap * 2}px; margin-bottom: {gap // 2}px; }}
        p, li {{ line-height: 145%; }}
        p {{ margin-top: 0; margin-bottom: {gap}px; }}
        li {{ margin-bottom: {gap // 3}px; }}
        a {{ color: {theme.NHS_BLUE}; text-decoration: underline; }}
        .crumb {{ color: {theme.SECONDARY_TEXT}; margin-bottom: {gap // 2}px; }}
        .problem {{ color: {theme.RED}; font-weight: bold; }}
        .url, .meta {{ color: {theme.SECONDARY_TEXT}; }}
        blockquote {{ color: {theme.SECONDARY_TEXT}; }}
        code {{ font-family: monospace; }}
        th {{ background-color: {theme.PALE_GREY}; }}
        .right {{ color: {theme.GREEN}; font-weight: bold; }}
        .wrong {{ color: {theme.RED}; font-weight: bold; }}
        .done {{ color: {theme.GREEN}; }}
        .feedback td {{ background-color: {theme.PALE_BLUE}; }}
        .feedback p {{ margin-bottom: {gap // 2}px; }}
        .label {{ color: {theme.SECONDARY_TEXT}; font-weight: bold; }}
        .matching {{ border-color: {theme.BORDER}; margin-bottom: {gap}px; }}
        ul.checklist {{ list-style-type: none; }}
        hr {{ background-color: {theme.BORDER}; }}
    """


class PageBrowser(QTextBrowser):
    """A read-only page view that only loads images from inside the current module."""

    link_clicked = Signal(QUrl)  # any link except in-page anchors

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageBrowser")
        self.setAccessibleName("Page")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.anchorClicked.connect(self._anchor_clicked)
        self._module: Module | None = None
        self._item: Item | None = None
        self._html = ""
        self._zoom = 100
        self._blocked: QImage | None = None
        self._apply_font()

    @property
    def zoom_percent(self) -> int:
        return self._zoom

    def set_zoom(self, percent: int) -> None:
        """Set the text zoom (clamped to the known levels) and lay the page out again."""
        percent = min(max(percent, MIN_ZOOM), MAX_ZOOM)
        if percent == self._zoom:
            return
        self._zoom = percent
        self._blocked = None
        scroll = self.verticalScrollBar()
        fraction = scroll.value() / scroll.maximum() if scroll.maximum() else 0.0
        self._apply_font()
        self._set_html(self._html)
        scroll.setValue(round(fraction * scroll.maximum()))

    def show_page(self, module: Module, item: Item, html: str) -> None:
        """Show a rendered page of `module`; its images may load from the module folder."""
        self._module, self._item = module, item
        self._set_html(html)

    def show_html(self, html: str) -> None:
        """Show text that belongs to no page (overview, problems); no images load."""
        self._module, self._item = None, None
        self._set_html(html)

    def loadResource(self, resource_type: int, name: QUrl | str) -> Any:
        """Images inside the current module; a placeholder or empty data for everything else."""
        name = QUrl(name)
        if resource_type != QTextDocument.ResourceType.ImageResource.value:
            log.debug("blocked resource %s", name.toString())
            return QByteArray()
        path = None
        if self._module is not None and self._item is not None:
            path = resolve_resource(self._module, self._item, name.toString())
        if path is None:
            log.info("image not shown, it is not inside the module: %s", name.toString())
            return self.blocked_image()
        reader = QImageReader(str(path))
        size = reader.size()
        widest = int(self._measure())
        if size.isValid() and size.width() > widest:
            reader.setScaledSize(QSize(widest, round(size.height() * widest / size.width())))
        image = reader.read()
        if image.isNull():
            log.info("image %s could not be read: %s", path, reader.errorString())
            return self.blocked_image()
        return image

    def blocked_image(self) -> QImage:
        """The placeholder shown instead of a picture that may not or cannot be loaded."""
        if self._blocked is None:
            font = self.document().defaultFont()
            metrics = QFontMetricsF(font)
            text = "Picture not shown"
            width = metrics.horizontalAdvance(text) + metrics.height() * 2
            size = QSize(round(width), round(metrics.height() * 2.2))
            image = QImage(size, QImage.Format.Format_ARGB32)
            image.fill(QColor(theme.PALE_GREY))
            painter = QPainter(image)
            painter.setPen(QColor(theme.SECONDARY_TEXT))
            painter.drawRect(0, 0, size.width() - 1, size.height() - 1)
            painter.setFont(font)
            painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, text)
            painter.end()
            self._blocked = image
        return self._blocked

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_margins()

    def changeEvent(self, event: QEvent) -> None:
        """A new widget font (e.g. given by a parent): QTextEdit resets the page font; redo it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._blocked = None
            self._apply_font()
            if self._html:
                self._set_html(self._html)

    def _anchor_clicked(self, url: QUrl) -> None:
        if url.hasFragment() and not url.path() and not url.scheme():
            self.scrollToAnchor(url.fragment())
            return
        self.link_clicked.emit(url)

    def _apply_font(self) -> None:
        font = self.font()
        base = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        font.setPointSizeF(base * READING_FONT_FACTOR * self._zoom / 100)
        self.document().setDefaultFont(font)
        line = QFontMetricsF(font).height()
        self.document().setDefaultStyleSheet(page_style_sheet(line))

    def _set_html(self, html: str) -> None:
        self._html = html
        self.setHtml(html)
        self._apply_margins()

    def text_column_width(self) -> int:
        """The width of the page's text column (about 70 characters), in pixels."""
        return round(self._measure())

    def _measure(self) -> float:
        return QFontMetricsF(self.document().defaultFont()).averageCharWidth() * MEASURE_CHARS

    def _apply_margins(self) -> None:
        """Centre a column of about 70 characters, with at least a comfortable side margin."""
        line = QFontMetricsF(self.document().defaultFont()).height()
        side = max(line * 1.5, (self.viewport().width() - self._measure()) / 2)
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        if abs(fmt.leftMargin() - side) < 1 and fmt.topMargin() > 0:
            return
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        fmt.setTopMargin(line * 1.5)
        fmt.setBottomMargin(line * 2)
        frame.setFrameFormat(fmt)
