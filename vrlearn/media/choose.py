"""Choosing the video player once at start-up: libVLC, else QtMultimedia, else none that works.

`choose_backend()` returns the backend and a one-line notice for the reader ("" when libVLC is
used). With no working player the backend is a `NoBackend` that says why; the reader still shows
the transcript. IT support can force a choice with VRLEARN_VIDEO_BACKEND=vlc|qt|none.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject

from vrlearn.media.backend import NoBackend, VideoBackend

log = logging.getLogger(__name__)

BACKEND_ENV = "VRLEARN_VIDEO_BACKEND"
BACKENDS = ("vlc", "qt")


@dataclass(frozen=True)
class BackendChoice:
    """The player to use, and the line the reader shows about it ("" for the usual one)."""

    backend: VideoBackend
    notice: str


def default_order() -> tuple[str, ...]:
    """libVLC then QtMultimedia; VRLEARN_VIDEO_BACKEND names one of them (or "none")."""
    forced = os.environ.get(BACKEND_ENV, "").strip().lower()
    if forced == "none":
        return ()
    return (forced,) if forced in BACKENDS else BACKENDS


def choose_backend(
    *,
    order: Sequence[str] | None = None,
    audio_output: bool = True,
    parent: QObject | None = None,
) -> BackendChoice:
    """The first backend in `order` that works; a `NoBackend` with the reasons otherwise."""
    order = default_order() if order is None else tuple(order)
    reasons: list[str] = []
    for name in order:
        if name == "vlc":
            backend = _try_vlc(audio_output, reasons)
        else:
            backend = _try_qt(audio_output, reasons)
        if backend is not None:
            backend.setParent(parent)
            backend.notice = _fallback_notice(backend, reasons) if name != "vlc" else ""
            log.info("video backend: %s %s", backend.name, backend.notice)
            return BackendChoice(backend, backend.notice)
    if not order:
        reasons.append(f"video playback is turned off ({BACKEND_ENV}=none)")
    none = NoBackend("; ".join(reasons) or "no video player is available", parent)
    log.warning("no video backend: %s", none.reason)
    return BackendChoice(none, none.notice)


def _try_vlc(audio_output: bool, reasons: list[str]) -> VideoBackend | None:
    from vrlearn.media.vlc_loader import VlcUnavailable, load_vlc
    from vrlearn.media.vlc_surface import embedding_problem

    problem = embedding_problem()
    if problem:
        reasons.append(problem)
        return None
    vlc = load_vlc()
    if isinstance(vlc, VlcUnavailable):
        reasons.append(vlc.reason)
        return None
    from vrlearn.media.vlc_backend import VlcBackend

    backend = VlcBackend.create(vlc, audio_output=audio_output)
    if isinstance(backend, str):
        reasons.append(backend)
        return None
    return backend


def _try_qt(audio_output: bool, reasons: list[str]) -> VideoBackend | None:
    try:
        from vrlearn.media.qt_backend import QtBackend
    except ImportError as error:
        if isinstance(error, ModuleNotFoundError):
            reasons.append("Qt Multimedia is not installed (PySide6-Addons)")
        else:  # installed, but a library it needs is missing (on Linux: libpulse0)
            reasons.append(f"Qt Multimedia could not be loaded ({error})")
        return None
    backend = QtBackend(audio_output=audio_output)
    if not backend.is_available():
        reasons.append("Qt Multimedia has no working media backend")
        backend.release()
        return None
    return backend


def _fallback_notice(backend: VideoBackend, reasons: list[str]) -> str:
    why = "; ".join(reasons) or f"{BACKEND_ENV} asks for it"
    return f"Videos play through {backend.name} because {why}."
