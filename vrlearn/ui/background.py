"""Long work off the GUI thread: one small helper, results handed back on the GUI thread.

`Job(work)` runs `work(progress, stop)` in a Python thread, where `progress(done, total)` reports
how far it has got and `stop` is a `threading.Event` set when the learner cancels or pauses (pass
`stop.is_set` to code that wants a `cancelled()` check). The work is plain Python: it never
touches Qt. What it returns arrives in `succeeded`, an exception it raises arrives (as the
exception object) in `failed`, then `finished` is emitted; all three, and `progressed`, are
emitted on the GUI thread. Progress reports are coalesced: however often the worker reports,
the GUI thread handles only the latest one.

`ProgressWindow` is the small window that goes with a job: it appears only if the job is still
running after `SHOW_AFTER_MS` (a quick import never flashes a window) and has a Cancel button.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from vrlearn.catalogue.sizes import megabytes

log = logging.getLogger(__name__)

SHOW_AFTER_MS = 300
Progress = Callable[[int, int], None]
Work = Callable[[Progress, threading.Event], Any]


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits these, Qt queues them to the GUI thread."""

    progress_ready = Signal()
    done = Signal(bool, object)  # ok, result or exception


class Job(QObject):
    """One piece of long work in a worker thread; create and start it on the GUI thread."""

    progressed = Signal(int, int)  # done, total
    succeeded = Signal(object)  # what the work returned
    failed = Signal(object)  # the exception the work raised
    finished = Signal()  # after succeeded or failed

    def __init__(self, work: Work, parent: QObject | None = None, name: str = "job") -> None:
        super().__init__(parent)
        self._work = work
        self._name = name
        self.stop = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self.progress: tuple[int, int] = (0, 0)
        self._latest: tuple[int, int] = (0, 0)
        self._lock = threading.Lock()
        self._pending = False
        self._running = False
        self._thread: threading.Thread | None = None
        self._relay = _Relay(self)
        self._relay.progress_ready.connect(self._deliver_progress)
        self._relay.done.connect(self._deliver_done)

    @property
    def running(self) -> bool:
        """Started and its results not yet handed back."""
        return self._running

    @property
    def cancelled(self) -> bool:
        return self.stop.is_set()

    def start(self) -> Job:
        if self._thread is not None:
            raise RuntimeError(f"{self._name} was already started")
        self._running = True
        _alive.add(self)  # kept until it has finished, even without a parent
        self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
        self._thread.start()
        return self

    def cancel(self) -> None:
        """Ask the work to stop; it finishes (usually by raising) at its next check."""
        self.stop.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the worker thread has ended (closing, tests); False on timeout."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _report(self, done: int, total: int) -> None:  # worker thread
        with self._lock:
            self._latest = (done, total)
            if self._pending:
                return
            self._pending = True
        try:
            self._relay.progress_ready.emit()
        except RuntimeError:  # the window closed; the work is being stopped
            pass

    def _run(self) -> None:  # worker thread
        try:
            result: object = self._work(self._report, self.stop)
            ok = True
        except Exception as error:  # handed to the GUI thread, which decides what to say
            log.info("%s ended with %s: %s", self._name, type(error).__name__, error)
            result, ok = error, False
        try:
            self._relay.done.emit(ok, result)
        except RuntimeError:  # the window (and this job) closed while the work went on
            log.info("%s finished after its window closed", self._name)

    @Slot()
    def _deliver_progress(self) -> None:
        with self._lock:
            self._pending = False
            self.progress = self._latest
        if self._running:
            self.progressed.emit(*self.progress)

    @Slot(bool, object)
    def _deliver_done(self, ok: bool, value: object) -> None:
        self._deliver_progress()
        self._running = False
        _alive.discard(self)
        if ok:
            self.result = value
            self.succeeded.emit(value)
        else:
            assert isinstance(value, BaseException)
            self.error = value
            self.failed.emit(value)
        self.finished.emit()


_alive: set[Job] = set()


def run_in_background(work: Work, parent: QObject | None = None, name: str = "job") -> Job:
    """Start `work` in a worker thread; connect to the returned job's signals at once."""
    job = Job(work, parent, name)
    return job.start()


class ProgressWindow(QDialog):
    """A job's progress bar and Cancel button, shown only once the job has run a moment."""

    def __init__(
        self,
        job: Job,
        title: str,
        text: str,
        parent: QWidget | None = None,
        *,
        show_after_ms: int = SHOW_AFTER_MS,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._job = job
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setAccessibleName(title)
        self.bar.setRange(0, 0)  # busy until the first report
        self.detail = QLabel()
        self.detail.setObjectName("secondaryText")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName("Cancel")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.detail)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        job.progressed.connect(self._progressed)
        job.finished.connect(self._job_finished)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_if_running)
        self._timer.start(show_after_ms)

    def reject(self) -> None:
        """Cancel (the button, Esc or closing the window) asks the job to stop."""
        self._job.cancel()
        self.cancel_button.setEnabled(False)
        self.label.setText("Cancelling…")

    def _show_if_running(self) -> None:
        if self._job.running:
            self.open()

    def _progressed(self, done: int, total: int) -> None:
        if total <= 0:
            return
        scale = max(1, total // 1_000_000)  # QProgressBar counts in int (32-bit)
        self.bar.setRange(0, total // scale)
        self.bar.setValue(min(done, total) // scale)
        self.detail.setText(f"{megabytes(done)} of {megabytes(total)}")

    def _job_finished(self) -> None:
        self.dismiss()

    def dismiss(self) -> None:
        """Hide now, and never appear (call before showing the outcome in a message)."""
        self._timer.stop()
        self.hide()
