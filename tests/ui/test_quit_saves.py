"""Quitting flushes the records; if that fails the learner decides: retry, quit, or stay."""

from __future__ import annotations

import pytest

from tests.ui.conftest import WindowFactory
from vrlearn.records import RecordsStore, RecordsWriteError
from vrlearn.ui import messages


def failing_flush(store: RecordsStore, monkeypatch: pytest.MonkeyPatch, failures: int) -> list[int]:
    calls: list[int] = []
    real_flush = store.flush

    def flush() -> None:
        calls.append(1)
        if len(calls) <= failures:
            raise RecordsWriteError("progress.json: the disk is full")
        real_flush()

    monkeypatch.setattr(store, "flush", flush)
    return calls


def test_close_flushes_the_records(
    open_window: WindowFactory, learner_store: RecordsStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = failing_flush(learner_store, monkeypatch, failures=0)
    window = open_window(learner_store)
    assert window.close()
    assert calls == [1]
    assert not messages.shown


def test_failed_save_keeps_the_window_open_when_asked(
    open_window: WindowFactory, learner_store: RecordsStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    failing_flush(learner_store, monkeypatch, failures=5)
    window = open_window(learner_store)
    messages.queue_answer("Keep VR Learn open")
    assert not window.close()
    assert window.isVisible()
    (shown,) = messages.shown
    assert shown.title == "Your progress could not be saved"
    assert "the disk is full" in shown.text


def test_try_again_then_success_closes(
    open_window: WindowFactory, learner_store: RecordsStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = failing_flush(learner_store, monkeypatch, failures=1)
    window = open_window(learner_store)
    messages.queue_answer("Try again")
    assert window.close()
    assert len(calls) == 2


def test_quit_anyway_closes(
    open_window: WindowFactory, learner_store: RecordsStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    failing_flush(learner_store, monkeypatch, failures=5)
    window = open_window(learner_store)
    messages.queue_answer("Quit anyway")
    assert window.close()
