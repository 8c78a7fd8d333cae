"""Self-test checks of video: which player is used (and libVLC's version), a bundled video
really decoding frames for about a second, and its captions parsing."""

from __future__ import annotations

from pathlib import Path

from vrlearn.paths import resource_path
from vrlearn.self_test.basic_checks import ensure_application
from vrlearn.self_test.runner import CheckContext, CheckResult

SAMPLE_MODULE = "vr-essentials"


def sample_video() -> Path:
    return resource_path("content", SAMPLE_MODULE, "videos", "overview.mp4")


def sample_captions() -> Path:
    return resource_path("content", SAMPLE_MODULE, "videos", "overview.en.vtt")


def check_video_backend(_context: CheckContext) -> CheckResult:
    """The player the reader would use: libVLC passes; the fallback or none fails, saying why."""
    from vrlearn.media.choose import choose_backend
    from vrlearn.media.vlc_backend import VlcBackend

    ensure_application()
    choice = choose_backend(audio_output=False)
    backend = choice.backend
    try:
        if isinstance(backend, VlcBackend):
            return CheckResult("video_backend", True, f"videos play through {backend.name}")
        return CheckResult("video_backend", False, choice.notice or "no video player works")
    finally:
        backend.release()


def check_video_playback(_context: CheckContext) -> CheckResult:
    """Play a bundled video off screen for about a second; frames must really be decoded."""
    from vrlearn.media.frames_check import video_self_test

    video = sample_video()
    result = video_self_test(video)
    version = f"libVLC {result['libvlc_version']}" if result.get("libvlc_version") else "no libVLC"
    detail = f"{video.name} with {version}: {result.get('message')}"
    return CheckResult("video_playback", result.get("ok") is True, detail)


def check_captions(_context: CheckContext) -> CheckResult:
    """The bundled video's captions parse strictly."""
    from vrlearn.media.captions import CaptionError, check_captions

    path = sample_captions()
    try:
        cues = check_captions(path)
    except CaptionError as error:
        return CheckResult("captions", False, str(error))
    return CheckResult("captions", True, f"{path.name}: {len(cues)} captions read")
