"""The module reader: contents on the left, the page, video or quiz on the right, previous and
next below.

Opening a module resumes at the learner's last position (or the overview). Each page shown is
recorded as viewed and as the new last position; a page that cannot be shown explains why in
place of its text and is not counted as viewed. A video item shows the video view (see
`video_view`, created for the first video; it never starts playing by itself, and pauses and
saves when the reader moves on); in full screen only the video and its controls show. A quiz item
shows the quiz (see `quiz_view`); while its questions or its review are on screen, the quiz's
own buttons replace previous and next. The overview carries the completion checklist.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from vrlearn.modules.contents import Item
from vrlearn.modules.model import Module
from vrlearn.modules.pages import PageError, render_page
from vrlearn.modules.progress import module_progress
from vrlearn.ui import theme
from vrlearn.ui.completion_checklist import checklist_html
from vrlearn.ui.contents_tree import OVERVIEW, ContentsTree
from vrlearn.ui.learner_session import LearnerSession
from vrlearn.ui.module_overview import overview_html
from vrlearn.ui.page_browser import PageBrowser
from vrlearn.ui.page_html import page_html, problem_html
from vrlearn.ui.web_links import offer_web_link

if TYPE_CHECKING:
    from vrlearn.ui.quiz_view import QuizView
    from vrlearn.ui.video_view import VideoView


def _button(text: str, accessible: str, object_name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible)
    button.setObjectName(object_name)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


class ReaderView(QWidget):
    """Reads one module page by page."""

    library_requested = Signal()
    page_viewed = Signal(str, str)  # module id, item id
    status_changed = Signal(str)  # a short message for the status bar
    profile_requested = Signal()  # a quiz needs a learner profile before it can start
    full_screen_changed = Signal(bool)  # a video went full screen (True) or left it

    def __init__(self, session: LearnerSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerView")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._session = session
        self._module: Module | None = None
        self._positions: list[str] = [OVERVIEW]
        self._position = OVERVIEW
        self._zoom = 100
        self.quiz_view: QuizView | None = None  # created for the first quiz shown
        self.video_view: VideoView | None = None  # created for the first video shown

        self.back_button = _button("← Back to library", "Back to library", "linkButton")
        self.back_button.clicked.connect(self.library_requested)
        self.title_label = QLabel()
        self.title_label.setObjectName("heading")
        self.title_label.setFont(theme.scaled_font(self.font(), 1.25, bold=True))
        self.title_label.setAccessibleName("Module title")
        self.contents = ContentsTree()
        self.contents.position_chosen.connect(self.go_to)
        self.browser = PageBrowser()
        self.browser.link_clicked.connect(self._link_clicked)
        self.previous_button = _button("← Previous", "Previous page", "linkButton")
        self.previous_button.clicked.connect(self.previous_page)
        self.next_button = _button("Next →", "Next page", "primaryButton")
        self.next_button.clicked.connect(self._next_clicked)
        self.position_label = QLabel()
        self.position_label.setObjectName("secondaryText")
        self.position_label.setAccessibleName("Position in module")
        session.page_recorded.connect(self._page_recorded)
        session.quiz_submitted.connect(self._quiz_submitted)
        session.video_recorded.connect(self._video_recorded)

        self.header = QWidget()
        header = QHBoxLayout(self.header)
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.back_button)
        header.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        header.addWidget(self.title_label, 1)
        navigation = QHBoxLayout()
        navigation.addWidget(self.previous_button)
        navigation.addStretch()
        navigation.addWidget(self.position_label)
        navigation.addStretch()
        navigation.addWidget(self.next_button)
        self.navigation_bar = QWidget()
        self.navigation_bar.setLayout(navigation)
        navigation.setContentsMargins(0, 0, 0, 0)
        self.page_stack = QStackedWidget()
        self.page_stack.addWidget(self.browser)
        page_side = QWidget()
        page_layout = QVBoxLayout(page_side)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(self.page_stack, 1)
        page_layout.addWidget(self.navigation_bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.contents)
        self.splitter.addWidget(page_side)
        self.splitter.setStretchFactor(1, 1)
        self.contents.setMinimumWidth(self.fontMetrics().averageCharWidth() * 24)
        self.splitter.setSizes([self.fontMetrics().averageCharWidth() * 44, 10_000])
        layout = QVBoxLayout(self)
        margin = self.fontMetrics().height()
        layout.setContentsMargins(margin, round(margin * 0.6), margin, round(margin * 0.6))
        layout.setSpacing(round(margin * 0.6))
        layout.addWidget(self.header)
        layout.addWidget(self.splitter, 1)
        for first, second in (
            (self.back_button, self.contents),
            (self.contents, self.browser),
            (self.browser, self.previous_button),
            (self.previous_button, self.next_button),
        ):
            self.setTabOrder(first, second)

    @property
    def module(self) -> Module | None:
        return self._module

    @property
    def position(self) -> str:
        """The item id shown, or OVERVIEW."""
        return self._position

    def open_module(self, module: Module) -> None:
        """Show `module` at the learner's last position, or at its overview."""
        self.pause_media()
        self._module = module
        shown = [item.id for item in module.items if item.is_page or item.is_quiz or item.is_video]
        self._positions = [OVERVIEW, *shown]
        self.title_label.setText(module.title)
        outcomes = self._session.quiz_outcomes(module.id)
        viewed = self._session.viewed_items(module.id)
        coverage = self._session.video_coverages(module.id)
        self.contents.show_module(module, viewed, outcomes, coverage)
        last = self._session.last_position(module.id)
        self._position = "\0"  # nothing shown yet
        self.go_to(last if last in self._positions else OVERVIEW)
        if self.page_stack.currentWidget() is self.browser:
            self.browser.setFocus()
        elif self.video_view is not None and self.page_stack.currentWidget() is self.video_view:
            self.video_view.focus_player()

    def go_to(self, position: str) -> None:
        if self._module is None or position == self._position or position not in self._positions:
            return
        self._position = position
        item = self._module.find_item(position) if position != OVERVIEW else None
        if self.video_view is not None and (item is None or not item.is_video):
            self.video_view.leave()
        if item is not None and item.is_quiz:
            self._show_quiz(self._module, item)
        elif item is not None and item.is_video:
            self._show_video(self._module, item)
        else:
            if self.page_stack.currentWidget() is not self.browser:
                self.page_stack.setCurrentWidget(self.browser)
                self._set_tab_order([self.browser])
            self.navigation_bar.show()
            if item is None:
                self._show_overview(self._module)
            else:
                self._show_item(self._module, item)
        self.contents.set_current(position)
        self._update_navigation()

    def next_page(self) -> bool:
        index = self._positions.index(self._position)
        if index + 1 >= len(self._positions):
            return False
        self.go_to(self._positions[index + 1])
        return True

    def previous_page(self) -> bool:
        index = self._positions.index(self._position)
        if index == 0:
            return False
        self.go_to(self._positions[index - 1])
        return True

    @property
    def is_full_screen(self) -> bool:
        return self.video_view is not None and self.video_view.is_full_screen

    def leave_full_screen(self) -> bool:
        """Leave a video's full screen; False if no video was full screen."""
        return self.video_view is not None and self.video_view.leave_full_screen()

    def pause_media(self) -> None:
        """Pause a playing video and save where the learner is in it."""
        if self.video_view is not None:
            self.video_view.leave()

    def release_media(self) -> None:
        """Free the video player (the window is closing)."""
        if self.video_view is not None:
            self.video_view.release()

    def close_media(self) -> None:
        """Free the video player and the files it holds open (the open module's folder is about
        to be replaced or removed); the next video shown gets a new player."""
        view, self.video_view = self.video_view, None
        if view is None:
            return
        view.release()
        self.page_stack.removeWidget(view)
        view.deleteLater()

    def set_zoom(self, percent: int) -> None:
        self._zoom = percent
        self.browser.set_zoom(percent)
        if self.quiz_view is not None:
            self.quiz_view.set_zoom(percent)

    def refresh_quiz(self) -> None:
        """Show the quiz's intro again (e.g. the learner has just added a profile)."""
        if self.quiz_view is not None:
            self.quiz_view.refresh()

    def show_overview(self) -> None:
        """Go to the module overview (showing it afresh if it is already there)."""
        if self._module is not None and self._position == OVERVIEW:
            self._show_overview(self._module)
        self.go_to(OVERVIEW)

    def _show_overview(self, module: Module) -> None:
        done = self._session.done_items(module.id)
        progress = module_progress(module, done)
        outcomes = self._session.quiz_outcomes(module.id)
        coverage = self._session.video_coverages(module.id)
        checklist = checklist_html(module, done, outcomes, coverage)
        self.browser.show_html(overview_html(module, progress.label, checklist))

    def _ensure_quiz_view(self) -> QuizView:
        if self.quiz_view is None:
            from vrlearn.ui.quiz_view import QuizView

            self.quiz_view = QuizView(self._session)
            self.quiz_view.set_zoom(self._zoom)
            self.quiz_view.own_navigation_changed.connect(self._quiz_navigation_changed)
            self.quiz_view.back_requested.connect(self.show_overview)
            self.quiz_view.profile_requested.connect(self.profile_requested)
            self.quiz_view.status_changed.connect(self.status_changed)
            self.page_stack.addWidget(self.quiz_view)
        return self.quiz_view

    def _show_quiz(self, module: Module, item: Item) -> None:
        quiz_view = self._ensure_quiz_view()
        self.page_stack.setCurrentWidget(quiz_view)
        self._session.record_position(module.id, item.id)
        quiz_view.show_quiz(module, item)

    def _ensure_video_view(self) -> VideoView:
        if self.video_view is None:
            from vrlearn.ui.video_view import VideoView

            self.video_view = VideoView(self._session)
            self.video_view.status_changed.connect(self.status_changed)
            self.video_view.full_screen_changed.connect(self._full_screen_changed)
            self.page_stack.addWidget(self.video_view)
        return self.video_view

    def _show_video(self, module: Module, item: Item) -> None:
        video_view = self._ensure_video_view()
        self.page_stack.setCurrentWidget(video_view)
        self.navigation_bar.show()
        self._session.record_position(module.id, item.id)
        video_view.show_video(module, item)
        self._set_tab_order(_focus_chain(video_view))

    def _full_screen_changed(self, full: bool) -> None:
        """Only the video and its controls show in full screen."""
        for widget in (self.header, self.contents, self.navigation_bar):
            widget.setVisible(not full)
        margin = 0 if full else self.fontMetrics().height()
        layout = self.layout()
        if layout is not None:
            layout.setContentsMargins(margin, round(margin * 0.6), margin, round(margin * 0.6))
        self.full_screen_changed.emit(full)

    def _quiz_navigation_changed(self, own_buttons: bool) -> None:
        """A new quiz screen: its controls go where the page is in the tab order."""
        self.navigation_bar.setVisible(not own_buttons)
        screen = self.quiz_view.currentWidget() if self.quiz_view is not None else None
        if screen is None:
            return
        self._set_tab_order(_focus_chain(screen))

    def _set_tab_order(self, middle: list[QWidget]) -> None:
        """Tab goes: contents, `middle` (the page or the quiz's controls), previous, next."""
        chain = [self.contents, *middle, self.previous_button, self.next_button]
        for first, second in zip(chain, chain[1:], strict=False):
            self.setTabOrder(first, second)

    def _show_item(self, module: Module, item: Item) -> None:
        lesson = next(lesson for lesson in module.lessons if item in lesson.items)
        try:
            page = render_page(module, item)
        except PageError as error:
            self.browser.show_html(problem_html(item.title, str(error)))
            self.status_changed.emit(f"This page cannot be shown: {error}")
            return
        self.browser.show_page(module, item, page_html(lesson.title, page.title, page.html))
        self._session.record_page_viewed(module.id, item.id)
        self.page_viewed.emit(module.id, item.id)

    def _page_recorded(self, module_id: str, item_id: str) -> None:
        if self._module is not None and module_id == self._module.id:
            self.contents.mark_viewed(item_id)

    def _quiz_submitted(self, module_id: str, item_id: str, passed: bool) -> None:
        if self._module is not None and module_id == self._module.id:
            self.contents.set_quiz_outcome(item_id, passed)

    def _video_recorded(self, module_id: str, item_id: str, coverage: float) -> None:
        if self._module is not None and module_id == self._module.id:
            self.contents.set_video_coverage(item_id, coverage)

    def _update_navigation(self) -> None:
        index = self._positions.index(self._position)
        pages = len(self._positions) - 1
        item = self._module.find_item(self._position) if self._module and index else None
        kind = "page"
        if item is not None and (item.is_quiz or item.is_video):
            kind = "quiz" if item.is_quiz else "video"
        # The count is of every step in the module, so name the kind apart: "Step 1 of 3 (video)".
        self.position_label.setText(f"Step {index} of {pages} ({kind})" if index else "Overview")
        self.previous_button.setEnabled(index > 0)
        at_end = index == pages
        self.next_button.setText("Back to library" if at_end else "Next →")
        self.next_button.setAccessibleName("Back to library" if at_end else "Next page")

    def _next_clicked(self) -> None:
        if not self.next_page():
            self.library_requested.emit()

    def _link_clicked(self, url: QUrl) -> None:
        if url.scheme().lower() in ("http", "https", "mailto"):
            self.status_changed.emit(offer_web_link(self, url))
            return
        target = self._page_for_link(url) if not url.scheme() else None
        if target is not None:
            self.go_to(target.id)
        else:
            self.status_changed.emit(f"This link cannot be opened in VR Learn: {url.toString()}")

    def _page_for_link(self, url: QUrl) -> Item | None:
        """The module page a relative link such as `02-why.md` points to, if any."""
        current = self._module.find_item(self._position) if self._module else None
        if self._module is None or current is None or not url.path():
            return None
        here = PurePosixPath(current.file).parent
        wanted = _normalised(here / unquote(url.path()))
        pages = self._module.pages
        return next((p for p in pages if _normalised(PurePosixPath(p.file)) == wanted), None)


def _focus_chain(top: QWidget) -> list[QWidget]:
    """The widgets inside `top` that can take the focus, in their focus chain order."""
    found: list[QWidget] = []
    widget = top.nextInFocusChain()
    while widget is not None and widget is not top and len(found) < 10_000:
        if top.isAncestorOf(widget) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def _normalised(path: PurePosixPath) -> str:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)
