"""Baseline for start-up: a bare PySide6 window, shown, then quit. Prints `shown` when painted."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("Bare window")
    window.resize(1200, 760)
    window.show()

    def shown() -> None:
        print("shown", flush=True)
        app.quit()

    QTimer.singleShot(0, shown)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
