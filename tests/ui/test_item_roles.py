"""The plain role numbers of `item_roles` are Qt's own."""

from __future__ import annotations

from PySide6.QtCore import Qt

from vrlearn.ui import item_roles


def test_role_numbers_are_qts() -> None:
    assert item_roles.DISPLAY == Qt.ItemDataRole.DisplayRole.value
    assert item_roles.TOOL_TIP == Qt.ItemDataRole.ToolTipRole.value
    assert item_roles.ACCESSIBLE_TEXT == Qt.ItemDataRole.AccessibleTextRole.value
    assert item_roles.USER == Qt.ItemDataRole.UserRole.value
