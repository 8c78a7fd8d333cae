"""Helpers for the video view tests: a module with a video, and players the tests control."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QObject

from tests.conftest import unavailable
from tests.ui.conftest import ITEM_TOML, MODULE_TOML
from tests.video_samples import SAMPLE_CAPTIONS, SAMPLE_POSTER, SAMPLE_VIDEO
from vrlearn.media.backend import VideoBackend
from vrlearn.media.choose import BackendChoice, choose_backend
from vrlearn.media.fake_backend import FakeBackend
from vrlearn.media.vlc_backend import VlcBackend
from vrlearn.records import RecordsStore
from vrlearn.ui.main_window import MainWindow
from vrlearn.ui.reader_view import ReaderView
from vrlearn.ui.video_hooks import hooks
from vrlearn.ui.video_view import VideoView

MODULE_ID = "video-lessons"
VIDEO_ID = "intro-video"
WELSH = SAMPLE_CAPTIONS.read_text(encoding="utf-8").replace(
    "This overview introduces", "Mae'r trosolwg hwn yn cyflwyno"
)

VIDEO_TOML = """
  [[lessons.items]]
  type = "video"
  id = "intro-video"
  title = "Introduction video"
  file = "videos/intro.mp4"
  poster = "videos/intro.png"
  captions = [{captions}]
  required_coverage = {coverage}
"""
ENGLISH = '{ language = "en", label = "English", file = "videos/intro.en.vtt" }'
CYMRAEG = '{ language = "cy", label = "Cymraeg", file = "videos/intro.cy.vtt" }'


def write_video_module(
    content_dir: Path,
    *,
    video: bytes | None = None,
    welsh: bool = False,
    coverage: int = 90,
    pages: int = 2,
) -> Path:
    """A module: the video item first, then `pages` pages; the video from the bundled sample."""
    folder = content_dir / MODULE_ID
    (folder / "pages").mkdir(parents=True)
    (folder / "videos").mkdir()
    captions = f"{ENGLISH}, {CYMRAEG}" if welsh else ENGLISH
    items = VIDEO_TOML.format(captions=captions, coverage=coverage)
    items += "".join(ITEM_TOML.format(n=n) for n in range(1, pages + 1))
    fields = {"id": MODULE_ID, "title": "Video lessons", "summary": "A module with a video."}
    manifest = MODULE_TOML.format(**fields, minutes=20, outcome="Watch a video.", items=items)
    (folder / "module.toml").write_text(manifest, encoding="utf-8")
    for n in range(1, pages + 1):
        (folder / "pages" / f"{n}.md").write_text(f"# Page {n}\n\nText of page {n}.\n", "utf-8")
    (folder / "videos" / "intro.mp4").write_bytes(
        SAMPLE_VIDEO.read_bytes() if video is None else video
    )
    (folder / "videos" / "intro.en.vtt").write_bytes(SAMPLE_CAPTIONS.read_bytes())
    (folder / "videos" / "intro.png").write_bytes(SAMPLE_POSTER.read_bytes())
    if welsh:
        (folder / "videos" / "intro.cy.vtt").write_text(WELSH, encoding="utf-8")
    return folder


class SteppedPlayer(FakeBackend):
    """A fake player the test moves through the video (`play_to`) instead of a timer."""

    running = False

    def play(self) -> None:
        super().play()
        self.running = self._timer.isActive()
        self._timer.stop()  # the test moves the position

    def pause(self) -> None:
        self.calls.append(("pause", None))
        if self.running:
            self.running = False
            self.paused.emit()

    def play_to(self, seconds: float, step: float = 0.25) -> None:
        """Play on to `seconds`, reporting the position every `step` seconds as libVLC does."""
        assert self.running, "the player is not playing"
        while self._position < seconds - 1e-9:
            self._position = min(seconds, self._position + step, self._length)
            self.time_changed.emit(self._position)
            if self._position >= self._length:
                self.running = False
                self.ended.emit()
                return


PlayerFactory = Callable[[QObject | None], BackendChoice]


def use_players(
    monkeypatch: pytest.MonkeyPatch,
    make: Callable[[QObject | None], VideoBackend],
    notice: str = "",
) -> list[VideoBackend]:
    """Make the reader use players from `make`; returns the list of players made."""
    made: list[VideoBackend] = []

    def factory(parent: QObject | None) -> BackendChoice:
        backend = make(parent)
        made.append(backend)
        return BackendChoice(backend, notice or backend.notice)

    monkeypatch.setattr(hooks, "make_backend", factory)
    return made


def vlc_player(parent: QObject | None) -> VideoBackend:
    """A libVLC player without sound output (off screen it uses `--vout=dummy`)."""
    backend = choose_backend(order=("vlc",), audio_output=False, parent=parent).backend
    if not isinstance(backend, VlcBackend):
        reason = getattr(backend, "reason", "unknown")
        unavailable(f"libVLC is not available: {reason}")
    return backend


def open_video(window: MainWindow, module_id: str = MODULE_ID, item: str = VIDEO_ID) -> VideoView:
    module = next(m for m in window.library_view.model.modules() if m.id == module_id)
    reader = window.open_module(module)
    reader.go_to(item)
    assert reader.video_view is not None
    return reader.video_view


def reader_of(window: MainWindow) -> ReaderView:
    assert window.reader is not None
    return window.reader


def learner_id(store: RecordsStore) -> str:
    learner = store.current_learner()
    assert learner is not None
    return learner.learner_id
