"""Baseline for start-up: a bare PySide6 window, shown, then quit. Prints `shown` when painted.

"Painted" means what it means for VR Learn's `library_shown`: the window's first paint event has
run, and then the event loop has come round once more (a zero-time timer started from it).
A zero-time timer started right after `show()` would fire before the first paint (6-20 ms
earlier on the bench machine), so the baseline would not include painting while VR Learn does.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QMainWindow


class BareWindow(QMainWindow):
    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self._app = app
        self._painted = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._shown)

    def _shown(self) -> None:
        print("shown", flush=True)
        self._app.quit()


def main() -> int:
    app = QApplication(sys.argv)
    window = BareWindow(app)
    window.setWindowTitle("Bare window")
    window.resize(1200, 760)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
