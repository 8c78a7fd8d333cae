"""Self-test check: which libVLC files this process really uses.

For IT support ("is it the bundled VLC or the one installed on the machine?") and for the
packaged-app smoke test, which runs with every system VLC file hidden and checks that each
path below is inside the bundle. A short off-screen play of the sample video loads the plugins
and codec libraries while one instance of our own keeps them loaded; on Linux their paths are
then read from /proc/self/maps (what is really loaded, not what was asked for); elsewhere the
library path is the one python-vlc loaded and the plugin folder the one libVLC was told.
"""

from __future__ import annotations

import os
from pathlib import Path

from vrlearn.self_test.runner import CheckContext, CheckResult

MAPS = Path("/proc/self/maps")
PLUGIN_SUFFIXES = ("_plugin.so", "_plugin.dll", "_plugin.dylib")


def loaded_files(maps: Path = MAPS) -> list[str]:
    """Every file mapped into this process (Linux), in first-seen order; [] elsewhere."""
    try:
        text = maps.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    seen: dict[str, None] = {}
    for line in text.splitlines():
        fields = line.split(maxsplit=5)
        if len(fields) == 6 and fields[5].startswith("/"):
            seen.setdefault(fields[5].removesuffix(" (deleted)"), None)
    return list(seen)


def describe(library: str, files: list[str], plugin_path: str | None) -> str:
    """`library: PATH; core: PATH; plugins: DIR (N loaded); FFmpeg: PATH` from what is loaded."""
    core = next((f for f in files if "libvlccore" in os.path.basename(f)), "")
    plugins = [f for f in files if f.endswith(PLUGIN_SUFFIXES)]
    folders = sorted({str(Path(p).parent.parent) for p in plugins})
    ffmpeg = next((f for f in files if os.path.basename(f).startswith("libavcodec.")), "")
    parts = [f"library: {library}", f"core: {core or 'not seen'}"]
    if folders:
        parts.append(f"plugins: {', '.join(folders)} ({len(plugins)} loaded)")
    else:
        parts.append(f"plugins: {plugin_path or 'libVLC default'}")
    if ffmpeg:
        parts.append(f"FFmpeg: {ffmpeg}")
    return "; ".join(parts)


def check_vlc_files(_context: CheckContext) -> CheckResult:
    """Where libVLC, its core, its plugins and FFmpeg were loaded from."""
    from vrlearn.media.frames_check import check_frames_decoded
    from vrlearn.media.vlc_loader import VlcUnavailable, start_vlc
    from vrlearn.self_test.video_checks import sample_video

    started = start_vlc(video_output=False)
    if isinstance(started, VlcUnavailable):
        return CheckResult("vlc_files", False, started.reason)
    vlc, holder = started
    try:
        check_frames_decoded(sample_video(), seconds=0.3)  # loads the plugins playback uses
        files = loaded_files()
    finally:
        holder.release()
    named = str(getattr(vlc.dll, "_name", "") or "")
    library = next((f for f in files if os.path.basename(f).startswith("libvlc.")), named)
    plugin_path = os.environ.get("VLC_PLUGIN_PATH") or getattr(vlc, "plugin_path", None)
    return CheckResult("vlc_files", bool(library), describe(library, files, plugin_path))
