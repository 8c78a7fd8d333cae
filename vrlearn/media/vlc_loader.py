"""Loading libVLC through python-vlc, with every way that fails turned into a reason, not a crash.

python-vlc fails in three different ways when libVLC cannot be used:
- `import vlc` raises NotImplementedError (not ImportError) when libvlc is not installed;
- a PYTHON_VLC_LIB_PATH (or PYTHON_VLC_MODULE_PATH) that points nowhere makes the import call
  sys.exit(1);
- `vlc.Instance()` returns None when libVLC's plugins are missing (or an option is wrong).
`load_vlc()` and `new_instance()` return a `VlcUnavailable(reason)` for each of them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from types import ModuleType
from typing import Any

log = logging.getLogger(__name__)

SUPPORTED_MAJOR = "3."  # python-vlc 3.0.x speaks to libVLC 3

# Options for every player: captions only from the module's files and a third larger than
# libVLC's default (learners often watch with the sound low or off), no on-screen text over the
# video, no snapshot pop-ups, no file name shown when a video starts, no log output on stderr.
COMMON_ARGS = (
    "--no-sub-autodetect-file",
    "--sub-text-scale=130",
    "--no-osd",
    "--no-snapshot-preview",
    "--no-video-title-show",
    "--quiet",
)


@dataclass(frozen=True)
class VlcUnavailable:
    """libVLC cannot be used here; `reason` says why in plain words."""

    reason: str


def load_vlc() -> ModuleType | VlcUnavailable:
    """The python-vlc module with libVLC loaded, or why it cannot be."""
    try:
        import vlc  # type: ignore[import-untyped]  # python-vlc ships no type information
    except NotImplementedError:
        return _unavailable("libVLC (the VLC media player library) is not installed")
    except SystemExit:
        return _unavailable(
            "libVLC could not be loaded: PYTHON_VLC_LIB_PATH or PYTHON_VLC_MODULE_PATH "
            "points to a missing or wrong file"
        )
    except ImportError:
        return _unavailable("the python-vlc package is not installed")
    except OSError as error:
        return _unavailable(f"libVLC could not be loaded ({error})")
    version = vlc_version(vlc)
    if not version.startswith(SUPPORTED_MAJOR):
        return _unavailable(f"libVLC {version} is installed, but this app needs libVLC 3")
    return vlc


def vlc_version(vlc: ModuleType | None = None) -> str:
    """libVLC's version, e.g. "3.0.24 Vetinari"; "" when libVLC cannot be loaded."""
    module = vlc if vlc is not None else load_vlc()
    if isinstance(module, VlcUnavailable):
        return ""
    raw = module.libvlc_get_version()
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def vlc_args(*, video_output: bool = True, audio_output: bool = True) -> list[str]:
    """libVLC options: `video_output=False` for offscreen use (`--vout=dummy`; without it VLC
    falls back to text-mode output and can crash), `audio_output=False` where there is no sound
    device (tests, CI)."""
    args = list(COMMON_ARGS)
    if not video_output:
        args.append("--vout=dummy")
    if not audio_output:
        args.append("--aout=dummy")
    return args


def start_vlc(
    *, video_output: bool, audio_output: bool = False
) -> tuple[ModuleType, Any] | VlcUnavailable:
    """python-vlc and a new libVLC instance with the common options, or why there is none."""
    vlc = load_vlc()
    if isinstance(vlc, VlcUnavailable):
        return vlc
    instance = new_instance(vlc, vlc_args(video_output=video_output, audio_output=audio_output))
    if isinstance(instance, VlcUnavailable):
        return instance
    return vlc, instance


def new_instance(vlc: ModuleType, args: list[str]) -> Any:
    """A `vlc.Instance`, or VlcUnavailable when libVLC will not start (missing plugins)."""
    try:
        instance = vlc.Instance(args)
    except Exception as error:  # python-vlc raises whatever ctypes or libVLC gives it
        return _unavailable(f"libVLC could not start ({error})")
    if instance is None:
        return _unavailable(
            "libVLC could not start: its plugins are missing or damaged (reinstall VLC)"
        )
    return instance


def _unavailable(reason: str) -> VlcUnavailable:
    log.warning("libVLC unavailable: %s", reason)
    return VlcUnavailable(reason)
