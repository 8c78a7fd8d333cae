"""The background helper: work in a worker thread; results, errors and progress on the GUI."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from vrlearn.ui.background import Job, Progress, ProgressWindow, run_in_background


def test_result_and_progress_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    gui_thread = threading.get_ident()
    worker_threads: list[int] = []
    seen: list[tuple[int, int, int]] = []

    def work(progress: Progress, stop: threading.Event) -> str:
        worker_threads.append(threading.get_ident())
        for done in range(0, 101, 10):
            progress(done, 100)
        return "all done"

    job = Job(work)
    job.progressed.connect(lambda done, total: seen.append((done, total, threading.get_ident())))
    with qtbot.waitSignal(job.succeeded, timeout=5000) as blocker:
        job.start()
    assert blocker.args == ["all done"]
    assert worker_threads and worker_threads[0] != gui_thread
    assert seen, "no progress was delivered"
    assert all(thread == gui_thread for _, _, thread in seen)
    assert seen[-1][:2] == (100, 100)  # coalesced, but the latest report always arrives
    assert job.result == "all done" and job.error is None and not job.running


def test_an_exception_in_the_worker_arrives_as_failed(qtbot: QtBot) -> None:
    def work(progress: Progress, stop: threading.Event) -> None:
        raise ValueError("the package is not a zip file")

    job = Job(work)
    succeeded: list[object] = []
    job.succeeded.connect(succeeded.append)
    finished: list[bool] = []
    job.finished.connect(lambda: finished.append(True))
    with qtbot.waitSignal(job.failed, timeout=5000) as blocker:
        job.start()
    error = blocker.args[0]
    assert finished == [True]
    assert isinstance(error, ValueError)
    assert str(error) == "the package is not a zip file"
    assert job.error is error
    assert succeeded == []


def test_cancel_sets_the_stop_event_the_work_checks(qtbot: QtBot) -> None:
    started = threading.Event()
    loops: list[int] = []

    def work(progress: Progress, stop: threading.Event) -> int:
        started.set()
        count = 0
        while not stop.wait(0.01):
            count += 1
            progress(count, 1000)
            if count > 2000:  # 20 s: the cancel never arrived
                raise AssertionError("not cancelled")
        loops.append(count)
        raise InterruptedError("stopped")

    job = run_in_background(work, name="cancel test")
    assert started.wait(5)
    assert job.running
    with qtbot.waitSignal(job.failed, timeout=5000) as blocker:
        job.cancel()
    assert isinstance(blocker.args[0], InterruptedError)
    assert job.cancelled and not job.running
    assert job.wait(5)
    assert loops


def test_a_job_cannot_be_started_twice(qtbot: QtBot) -> None:
    job = Job(lambda progress, stop: 1)
    with qtbot.waitSignal(job.finished, timeout=5000):
        job.start()
    with pytest.raises(RuntimeError):
        job.start()


def test_progress_window_appears_only_for_slow_work_and_cancels_it(qtbot: QtBot) -> None:
    quick = Job(lambda progress, stop: "quick")
    quick_window = ProgressWindow(quick, "Importing", "Importing the module…", show_after_ms=300)
    qtbot.addWidget(quick_window)
    with qtbot.waitSignal(quick.finished, timeout=5000):
        quick.start()
    qtbot.wait(400)
    assert not quick_window.isVisible()

    def slow(progress: Progress, stop: threading.Event) -> None:
        progress(3 * 1024 * 1024, 12 * 1024 * 1024)
        if not stop.wait(20):
            raise AssertionError("not cancelled")
        raise InterruptedError("cancelled")

    job = Job(slow)
    window = ProgressWindow(job, "Importing", "Importing the module…", show_after_ms=50)
    qtbot.addWidget(window)
    job.start()
    qtbot.waitUntil(window.isVisible, timeout=5000)
    qtbot.waitUntil(lambda: window.detail.text() == "3.0 MB of 12.0 MB", timeout=5000)
    assert window.bar.value() * 4 == window.bar.maximum()
    with qtbot.waitSignal(job.failed, timeout=5000):
        window.cancel_button.click()
    assert job.cancelled
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
