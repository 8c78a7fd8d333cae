"""Every menu command with its keyboard shortcuts, defined once for the menus and the help list.

Keys are written out ("Ctrl+F") rather than taken from QKeySequence.StandardKey: they are the
Windows conventions our learners use, and it keeps start-up from building that large enum.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar, QWidget


def _action(parent: QWidget, text: str, *keys: str) -> QAction:
    action = QAction(parent)  # (text, parent) would make PySide resolve the QIcon overload
    action.setText(text)
    sequences = [QKeySequence(key) for key in keys]
    action.setShortcuts([sequence for sequence in sequences if not sequence.isEmpty()])
    action.setToolTip(text.replace("&", "").rstrip("…"))
    parent.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action


class WindowActions:
    """The main window's commands; the window connects them and enables them by screen."""

    def __init__(self, parent: QWidget) -> None:
        self.profile = _action(parent, "&Profile…")
        self.get_modules = _action(parent, "&Get modules…")
        self.import_module = _action(parent, "&Import module…", "Ctrl+I")
        self.import_folder = _action(parent, "Import module &folder…")
        self.remove_module = _action(parent, "&Remove module…", "Del")
        # Delete only acts in the module list (the window adds it there), never in a text field.
        # Set by name through Qt's property system: `Qt.ShortcutContext` would cost start-up the
        # whole Qt namespace (see plain_painting).
        self.remove_module.setProperty("shortcutContext", "WidgetShortcut")
        self.certificates = _action(parent, "&Certificates…", "Ctrl+Shift+C")
        self.verify_certificate = _action(parent, "&Verify a certificate…")
        self.quit = _action(parent, "&Quit", "Ctrl+Q")
        self.find = _action(parent, "&Search modules", "Ctrl+F")
        self.zoom_in = _action(parent, "Zoom &in", "Ctrl++", "Ctrl+=")
        self.zoom_out = _action(parent, "Zoom &out", "Ctrl+-")
        self.zoom_reset = _action(parent, "&Actual size", "Ctrl+0")
        self.previous_page = _action(parent, "&Previous page", "Alt+Left", "Ctrl+PgUp")
        self.next_page = _action(parent, "&Next page", "Alt+Right", "Ctrl+PgDown")
        self.back_to_library = _action(parent, "&Back to library", "Esc", "Alt+Home")
        self.shortcuts = _action(parent, "&Keyboard shortcuts", "F1")
        self.about = _action(parent, "&About VR Learn")

    def reader_actions(self) -> list[QAction]:
        """Commands that only make sense while a module is open."""
        return [self.previous_page, self.next_page, self.back_to_library]

    def fill_menus(self, menu_bar: QMenuBar) -> None:
        file_menu = menu_bar.addMenu("&File")
        file_menu.addAction(self.profile)
        file_menu.addSeparator()
        file_menu.addActions([self.get_modules, self.import_module, self.import_folder])
        file_menu.addAction(self.remove_module)
        file_menu.addSeparator()
        file_menu.addAction(self.certificates)
        file_menu.addAction(self.verify_certificate)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        view_menu = menu_bar.addMenu("&View")
        view_menu.addAction(self.find)
        view_menu.addSeparator()
        view_menu.addActions([self.zoom_in, self.zoom_out, self.zoom_reset])
        go_menu = menu_bar.addMenu("&Go")
        go_menu.addActions(self.reader_actions())
        help_menu = menu_bar.addMenu("&Help")
        help_menu.addAction(self.shortcuts)
        help_menu.addSeparator()
        help_menu.addAction(self.about)

    def with_shortcuts(self) -> list[QAction]:
        every = [self.find, self.zoom_in, self.zoom_out, self.zoom_reset, *self.reader_actions()]
        every.insert(0, self.certificates)
        every[0:0] = [self.import_module, self.remove_module]
        return [*every, self.shortcuts, self.quit]
