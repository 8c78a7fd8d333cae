"""Start-up reference: the smallest window that looks like a library; prints `shown` when painted.

A QMainWindow with a menu bar, a search field, a sort box and a QListView whose 3 rows are drawn
by a Python delegate: title and a second line of text. It has no records, no modules and none of
VR Learn's code, so its start-up (against bare_window.py) is a floor for any PySide6 app that paints
its own list rows; `make bench` prints it beside VR Learn's rows.

`--default-pen` draws the rows in the painter's default pen. Without it each row sets its pen
colour, as any real row does; the first `QPainter.setPen` makes PySide build its `Qt` namespace
(93 enums), which is most of the difference between the two.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QMainWindow,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

TITLES = ("Vocational rehabilitation after stroke", "Assessing work", "Building VR into services")
AnyIndex = QModelIndex | QPersistentModelIndex


class Rows(QAbstractListModel):
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(TITLES)

    def data(self, index: AnyIndex, role: int = 0) -> object:
        return TITLES[index.row()] if role == 0 else None  # 0: Qt.ItemDataRole.DisplayRole


class RowPainter(QStyledItemDelegate):
    def __init__(self, set_pen: bool) -> None:
        super().__init__()
        self._set_pen = set_pen

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        return QSize(400, 56)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        painter.save()
        if self._set_pen:
            painter.setPen(QColor("#212B32"))
        rect = option.rect
        painter.drawText(rect.x() + 8, rect.y() + 20, index.data(0))
        painter.drawText(rect.x() + 8, rect.y() + 40, "25 minutes · Not started")
        painter.restore()


class ListWindow(QMainWindow):
    def __init__(self, app: QApplication, set_pen: bool) -> None:
        super().__init__()
        self._app = app
        self._painted = False
        central = QWidget()
        controls = QHBoxLayout()
        controls.addWidget(QLineEdit())
        sort = QComboBox()
        sort.addItems(["Title (A to Z)", "Progress"])
        controls.addWidget(sort)
        rows = QListView()
        rows.setModel(Rows(rows))
        rows.setItemDelegate(RowPainter(set_pen))
        layout = QVBoxLayout(central)
        layout.addLayout(controls)
        layout.addWidget(rows)
        self.setCentralWidget(central)
        for title in ("&File", "&View", "&Go", "&Help"):
            self.menuBar().addMenu(title)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        # as bare_window.py, copied rather than imported so that this script runs nothing else:
        # after the first paint, the event loop once more
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._shown)

    def _shown(self) -> None:
        print("shown", flush=True)
        self._app.quit()


def main() -> int:
    app = QApplication(sys.argv)
    window = ListWindow(app, set_pen="--default-pen" not in sys.argv)
    window.setWindowTitle("List window")
    window.resize(1200, 760)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
