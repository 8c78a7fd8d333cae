"""The pretend player used by the reader's tests behaves like the real ones."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from vrlearn.media.coverage import WatchedCoverage
from vrlearn.media.fake_backend import FakeBackend


def test_fake_plays_to_the_end_and_feeds_coverage(qtbot: QtBot) -> None:
    fake = FakeBackend(duration=1.0, tick_ms=10)
    coverage = WatchedCoverage()
    fake.time_changed.connect(coverage.observe)
    fake.seeked.connect(lambda _s: coverage.interrupt())
    fake.load(Path("lesson.mp4"))
    fake.seek(0.5)
    with qtbot.waitSignal(fake.ended, timeout=3000):
        fake.play()
    assert coverage.intervals[0][0] >= 0.5
    assert coverage.fraction(1.0) <= 0.5 + 1e-9
    assert [name for name, _arg in fake.calls] == ["load", "seek", "play"]


def test_fake_fails_when_told_to(qtbot: QtBot) -> None:
    fake = FakeBackend()
    fake.load(Path("lesson.mp4"))
    fake.fail_with("The video lesson.mp4 could not be played.")
    with qtbot.waitSignal(fake.failed, timeout=1000) as failed:
        fake.play()
    assert failed.args == ["The video lesson.mp4 could not be played."]
