"""Fixtures for the media tests: the real corpus video, broken videos made on the spot, and a
real libVLC player (offscreen with --vout=dummy, no sound device with --aout=dummy)."""

from __future__ import annotations

import random
import wave
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QLoggingCategory
from pytestqt.qtbot import QtBot

from tests.conftest import corpus_dir, unavailable
from vrlearn.media.vlc_backend import VlcBackend
from vrlearn.media.vlc_loader import VlcUnavailable, load_vlc

VIDEO_NAME = "mountains_31175.mp4"  # H.264, 1280x720, 8.0 s, no sound track


@pytest.fixture(scope="session", autouse=True)
def quiet_qt_multimedia() -> None:
    """Keep QtMultimedia's worker threads from logging through Qt's message handler.

    pytest-qt swaps the handler around every test; a message sent from another thread at that
    moment reaches a half-swapped handler and crashes the process (seen in 1 run in 3 with
    FFmpeg's "could not open media" warning). The app itself never swaps handlers.
    """
    QLoggingCategory.setFilterRules("qt.multimedia*=false")


@pytest.fixture(scope="session")
def real_video() -> Path:
    return corpus_dir("video", "catapult") / VIDEO_NAME


@pytest.fixture(scope="session")
def vlc() -> ModuleType:
    module = load_vlc()
    if isinstance(module, VlcUnavailable):
        unavailable(f"libVLC is not available: {module.reason}")
    return module


BackendFactory = Callable[..., VlcBackend]


@pytest.fixture
def make_vlc_backend(qtbot: QtBot, vlc: ModuleType) -> Iterator[BackendFactory]:
    """Build libVLC players without sound output; all are released at teardown."""
    made: list[VlcBackend] = []

    def make(start_timeout: float = 4.0) -> VlcBackend:
        backend = VlcBackend.create(vlc, audio_output=False, start_timeout=start_timeout)
        assert isinstance(backend, VlcBackend), backend
        made.append(backend)
        return backend

    yield make
    for backend in made:
        backend.release()


@pytest.fixture
def vlc_backend(make_vlc_backend: BackendFactory) -> VlcBackend:
    return make_vlc_backend()


def write_wav(path: Path, seconds: float = 1.0) -> Path:
    """A real WAV file (silence), whatever the file is called."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\0\0" * int(8000 * seconds))
    return path


RANDOM_SEED = 0  # probes as no tracks and no length (seeds 209, 637 and 1225 do not open at all)
BROKEN_KINDS = ("zero-byte", "random-bytes", "truncated-10pc", "text-file", "wav-as-mp4")


def make_broken_video(kind: str, folder: Path, real_video: Path) -> Path:
    """A broken or mislabelled file named like a video."""
    path = folder / f"{kind}.mp4"
    if kind == "zero-byte":
        path.write_bytes(b"")
    elif kind == "random-bytes":
        # Seeded, so a failure can be replayed: libVLC's demuxers guess at noise, and one CI run's
        # os.urandom bytes were taken for a video track (3,300 seeds tried here never were).
        path.write_bytes(random.Random(RANDOM_SEED).randbytes(256 * 1024))
    elif kind == "truncated-10pc":
        data = real_video.read_bytes()
        path.write_bytes(data[: len(data) // 10])
    elif kind == "text-file":
        path.write_text("These are the speaker's notes, not a video.\n" * 50, encoding="utf-8")
    elif kind == "wav-as-mp4":
        write_wav(path)
    else:
        raise ValueError(kind)
    return path
