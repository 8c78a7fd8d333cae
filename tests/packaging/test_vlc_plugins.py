"""The libVLC plugins the packaged app carries (packaging/vlc_plugins.py), checked against the
real VLC plugin folder of this machine (Debian's libvlc5 and plugin packages)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "packaging"))
import vlc_plugins  # noqa: E402

DEBIAN_PLUGINS = Path("/usr/lib/x86_64-linux-gnu/vlc/plugins")


@pytest.fixture
def system_plugins() -> Path:
    if not DEBIAN_PLUGINS.is_dir():
        pytest.fail(f"no VLC plugins at {DEBIAN_PLUGINS}: install libvlc5 vlc-plugin-base")
    return DEBIAN_PLUGINS


def test_every_named_plugin_exists_in_debians_vlc(system_plugins: Path) -> None:
    assert vlc_plugins.missing_plugins(system_plugins, "linux") == []


def test_the_plugins_playback_and_captions_need_are_chosen(system_plugins: Path) -> None:
    chosen = {
        f"{family}/{vlc_plugins.plugin_name(file, '.so')}"
        for file, family in vlc_plugins.select_plugins(system_plugins, "linux")
    }
    needed = {
        "access/filesystem", "demux/mp4", "codec/avcodec", "codec/faad", "codec/webvtt",
        "codec/subsdec", "demux/subtitle", "text_renderer/freetype", "video_output/xcb_window",
        "video_output/xcb_x11", "video_output/vdummy", "audio_output/pulse",
        "audio_output/adummy", "video_chroma/swscale", "audio_filter/scaletempo",
    }  # fmt: skip
    assert needed <= chosen
    assert not any(
        name.startswith(("gui/", "lua/", "stream_out/", "access/http")) for name in chosen
    )
    assert len(chosen) < 120  # a selection, not the whole of VLC (about 400 plugins)


def test_plugin_names_are_read_from_file_names() -> None:
    assert vlc_plugins.plugin_name(Path("libavcodec_plugin.so"), ".so") == "avcodec"
    assert vlc_plugins.plugin_name(Path("libavcodec_plugin.dll"), ".dll") == "avcodec"
    assert vlc_plugins.plugin_name(Path("plugins.dat"), ".so") is None
    assert vlc_plugins.plugin_name(Path("libvlc_pulse.so.0"), ".so") is None


def test_each_platform_has_its_own_outputs(tmp_path: Path) -> None:
    for family, name in (("video_output", "direct3d11"), ("audio_output", "mmdevice")):
        (tmp_path / family).mkdir()
        (tmp_path / family / f"lib{name}_plugin.dll").write_bytes(b"MZ")
    chosen = vlc_plugins.select_plugins(tmp_path, "win32")
    assert sorted(family for _, family in chosen) == ["audio_output", "video_output"]
    assert vlc_plugins.select_plugins(tmp_path, "linux") == []
