"""Which libVLC plugins the packaged app carries, and where the build finds them.

VR Learn plays H.264/AAC MP4 (and WebM, Matroska, QuickTime, Ogg files) from local files, with
WebVTT or SubRip captions drawn by libVLC itself (`VlcBackend.draws_captions`), into a native
window (X11 on Linux, a HWND on Windows, an NSView on macOS). Every plugin below serves that;
the rest of VLC (streaming, discs, capture, encoders, effects, interfaces, Lua) stays out, and
with it the ~200 extra libraries the full set pulls in.

Plugins are named as libVLC names them: `libNAME_plugin.so` (`.dll`, `.dylib`) in a family
folder. `PLUGINS[family]` is the set of NAMEs kept, or `ALL` for the whole family.
"""

from __future__ import annotations

import sys
from pathlib import Path

ALL = frozenset({"*"})

PLUGINS: dict[str, frozenset[str]] = {
    # reading local files only
    "access": frozenset({"filesystem"}),
    "stream_filter": frozenset({"cache_read", "record", "prefetch", "skiptags"}),
    # containers: MP4/MOV/M4V, WebM/MKV, Ogg, and the caption files (SubRip; WebVTT is in codec)
    "demux": frozenset({"mp4", "mkv", "ogg", "es", "subtitle"}),
    # decoders: FFmpeg for pictures and most sound, FAAD for AAC, Vorbis/Opus, and captions
    # (webvtt holds both the WebVTT demuxer and decoder; subsdec decodes SubRip)
    "codec": frozenset({"avcodec", "faad", "vorbis", "opus", "webvtt", "subsdec"}),
    "packetizer": ALL,
    # captions are drawn with FreeType onto the picture (blend) after scaling
    "text_renderer": frozenset({"freetype", "tdummy"}),
    "video_chroma": ALL,
    "video_filter": frozenset({"blend", "scale", "deinterlace", "transform"}),
    "audio_filter": frozenset(
        {
            "audio_format",
            "remap",
            "trivial_channel_mixer",
            "simple_channel_mixer",
            "ugly_resampler",
            "speex_resampler",
            "samplerate",
            "scaletempo",  # playback speed without changing the pitch
        }
    ),
    "audio_mixer": ALL,
    # screensaver inhibition while a video plays. Not the `xml` reader: only XML formats (TTML,
    # DASH, playlists) need it, and it alone pulls in libxml2 and ICU 72 (about 33 MB).
    "misc": frozenset({"xdg_screensaver", "dbus_screensaver"}),
    "logger": frozenset({"console_logger"}),
    "keystore": frozenset({"memory_keystore"}),
}

# Output plugins differ by platform; `vdummy`/`adummy` are the self-test's off-screen outputs.
OUTPUTS: dict[str, dict[str, frozenset[str]]] = {
    "linux": {
        "video_output": frozenset(
            {"xcb_window", "xcb_x11", "xcb_xv", "gl", "glx", "egl_x11", "vdummy"}
        ),
        "audio_output": frozenset({"pulse", "alsa", "adummy"}),
    },
    "win32": {
        "video_output": frozenset(
            {"direct3d11", "direct3d9", "glwin32", "wgl", "wingdi", "gl", "vdummy"}
        ),
        "audio_output": frozenset({"mmdevice", "directsound", "waveout", "adummy"}),
    },
    "darwin": {
        "video_output": frozenset({"macosx", "caopengllayer", "vdummy"}),
        "audio_output": frozenset({"auhal", "adummy"}),
    },
}

SUFFIX = {"linux": ".so", "win32": ".dll", "darwin": ".dylib"}


def platform_key(platform: str = sys.platform) -> str:
    return "linux" if platform.startswith("linux") else platform


def wanted(platform: str = sys.platform) -> dict[str, frozenset[str]]:
    """Every family kept on `platform`, with its plugin names (or ALL)."""
    return {**PLUGINS, **OUTPUTS[platform_key(platform)]}


def plugin_name(file: Path, suffix: str) -> str | None:
    """`libavcodec_plugin.so` -> `avcodec`; None for anything that is not a plugin."""
    name = file.name
    if not (name.startswith("lib") and name.endswith("_plugin" + suffix)):
        return None
    return name[len("lib") : -len("_plugin" + suffix)]


def select_plugins(plugins_dir: Path, platform: str = sys.platform) -> list[tuple[Path, str]]:
    """(plugin file, family) for every kept plugin found under `plugins_dir`."""
    suffix = SUFFIX[platform_key(platform)]
    chosen = []
    for family, names in sorted(wanted(platform).items()):
        folder = plugins_dir / family
        if not folder.is_dir():
            continue
        for file in sorted(folder.iterdir()):
            name = plugin_name(file, suffix)
            if name is not None and (names is ALL or name in names):
                chosen.append((file, family))
    return chosen


def missing_plugins(plugins_dir: Path, platform: str = sys.platform) -> list[str]:
    """`family/name` of each named plugin that `plugins_dir` does not have."""
    suffix = SUFFIX[platform_key(platform)]
    missing = []
    for family, names in sorted(wanted(platform).items()):
        if names is ALL:
            continue
        for name in sorted(names):
            if not (plugins_dir / family / f"lib{name}_plugin{suffix}").is_file():
                missing.append(f"{family}/{name}")
    return missing
