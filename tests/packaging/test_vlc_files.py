"""`vrlearn self-test`'s vlc_files check: where libVLC and its plugins were really loaded from."""

from __future__ import annotations

from pathlib import Path

from vrlearn.self_test import CheckContext
from vrlearn.self_test.vlc_files import check_vlc_files, describe, loaded_files


def test_loaded_files_lists_this_process_libraries() -> None:
    files = loaded_files()
    assert any("libpython" in f or "python3" in f for f in files)
    assert all(f.startswith("/") for f in files) and len(files) == len(set(files))


def test_a_missing_maps_file_gives_nothing(tmp_path: Path) -> None:
    assert loaded_files(tmp_path / "no-maps") == []


def test_describe_names_each_part() -> None:
    files = [
        "/app/_internal/libvlc.so.5",
        "/app/_internal/libvlccore.so.9",
        "/app/_internal/vlc/plugins/codec/libavcodec_plugin.so",
        "/app/_internal/vlc/plugins/demux/libmp4_plugin.so",
        "/app/_internal/libavcodec.so.59",
    ]
    assert describe("/app/_internal/libvlc.so.5", files, None) == (
        "library: /app/_internal/libvlc.so.5; core: /app/_internal/libvlccore.so.9; "
        "plugins: /app/_internal/vlc/plugins (2 loaded); FFmpeg: /app/_internal/libavcodec.so.59"
    )


def test_from_source_it_finds_the_system_libvlc(tmp_path: Path) -> None:
    result = check_vlc_files(CheckContext(tmp_path, tmp_path))
    assert result.ok, result.detail
    library = result.detail.split(";")[0].removeprefix("library: ")
    assert Path(library).name.startswith("libvlc.so") and Path(library).is_file()
    assert "core: /" in result.detail and "loaded)" in result.detail
