"""The pinned Qt binding must not leak or drop references on hot paths.

PySide6-Essentials 6.12.0 drops a reference to None on each call of a Qt method that returns
nothing; on Python 3.11 the interpreter aborts after a few thousand calls. This test keeps such a
release from being pinned again (it runs in a child process, because the failure is an abort).
"""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(["probe"])
widget = QWidget()
before = sys.getrefcount(None)
for _ in range(20000):
    widget.setToolTip("x")
print(sys.getrefcount(None) - before)
"""


def test_void_qt_calls_keep_none_alive() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr[-1000:]
    assert abs(int(result.stdout.strip())) < 100
