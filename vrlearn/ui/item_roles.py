"""Qt's item data roles as the plain numbers they are, for the library list's model.

A view asks its model for data with the role as a plain int. Comparing it with
`Qt.ItemDataRole.DisplayRole` would make PySide build all 93 enums of its `Qt` namespace during
the library's first paint (see `plain_painting`); these are the same values
(tests/ui/test_item_roles.py compares them with Qt's).
"""

from __future__ import annotations

DISPLAY = 0  # Qt.ItemDataRole.DisplayRole
TOOL_TIP = 3  # Qt.ItemDataRole.ToolTipRole
ACCESSIBLE_TEXT = 11  # Qt.ItemDataRole.AccessibleTextRole
USER = 256  # Qt.ItemDataRole.UserRole: the first role an application may use for itself
