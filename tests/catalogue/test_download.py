"""Downloads against a real HTTP server on loopback: resume, pause, drops, stalls, bad answers."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

import vrlearn.catalogue.transfer as transfer_module
from tests.catalogue.conftest import EntryFactory, package_like
from tests.catalogue.loopback import LoopbackServer
from vrlearn.catalogue import (
    CatalogueEntry,
    DownloadError,
    DownloadStopped,
    discard_partial,
    download_package,
    partial_size,
)
from vrlearn.catalogue.partial import DownloadFiles

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Resume after a drop at once instead of waiting 0.5-2 s (the count of retries is kept)."""
    monkeypatch.setattr(transfer_module, "RETRY_DELAYS", (0.01, 0.01, 0.01))


def stop_at(stop: threading.Event, at: int) -> Callable[[int, int], None]:
    """A progress callback that sets `stop` (pause) once `at` bytes have arrived."""

    def progress(done: int, _total: int) -> None:
        if done >= at:
            stop.set()

    return progress


def pause_at(entry: CatalogueEntry, folder: Path, at: int) -> None:
    """Download `entry` into `folder` and pause once `at` bytes have arrived (part kept)."""
    stop = threading.Event()
    with pytest.raises(DownloadStopped):
        download_package(entry, folder, progress=stop_at(stop, at), stop=stop)


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def test_full_download_is_verified_and_named_by_id_and_version(
    serve: EntryFactory, body: bytes, tmp_path: Path
) -> None:
    entry = serve("/p.vrmod", body)
    seen: list[tuple[int, int]] = []
    path = download_package(entry, tmp_path, progress=lambda d, t: seen.append((d, t)))
    assert path == tmp_path / "stroke-basics-1.0.0.vrmod"
    assert path.read_bytes() == body
    assert leftovers(tmp_path) == ["stroke-basics-1.0.0.vrmod"]
    assert seen[0] == (0, len(body)) and seen[-1] == (len(body), len(body))
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert partial_size(entry, tmp_path) == len(body)


def test_pause_then_resume_in_a_new_call_sends_range_and_if_range(
    serve: EntryFactory, body: bytes, server: LoopbackServer, tmp_path: Path
) -> None:
    entry = serve("/p.vrmod", body)
    stop = threading.Event()
    with pytest.raises(DownloadStopped, match="paused at .* it will resume"):
        download_package(entry, tmp_path, progress=stop_at(stop, MB), stop=stop)
    kept = partial_size(entry, tmp_path)
    assert MB <= kept < len(body)
    files = DownloadFiles.of(entry, tmp_path)
    assert files.part.is_file() and files.sidecar.is_file()

    # a new call, as after a restart of the app: nothing shared but the files on disk
    path = download_package(entry, tmp_path)
    assert path.read_bytes() == body
    second = server.requests_for("/p.vrmod")[-1]
    assert second.headers["Range"] == f"bytes={kept}-"
    assert second.headers["If-Range"] == '"v1"'
    assert leftovers(tmp_path) == [path.name]


def test_dropped_connection_resumes_automatically(
    serve: EntryFactory, body: bytes, server: LoopbackServer, tmp_path: Path
) -> None:
    entry = serve("/p.vrmod", body, drop_after=MB, drop_times=2)
    path = download_package(entry, tmp_path)
    assert path.read_bytes() == body
    ranges = [request.headers.get("Range") for request in server.requests_for("/p.vrmod")]
    assert ranges == [None, f"bytes={MB}-", f"bytes={2 * MB}-"]


def test_connection_dropping_every_time_gives_up_and_keeps_the_part(
    serve: EntryFactory, body: bytes, server: LoopbackServer, tmp_path: Path
) -> None:
    entry = serve("/p.vrmod", body, drop_after=500_000)
    with pytest.raises(DownloadError, match=r"connection dropped at 1\.9 MB of 3\.0 MB") as info:
        download_package(entry, tmp_path)
    assert "resume from there" in str(info.value)
    assert len(server.requests_for("/p.vrmod")) == 1 + len(transfer_module.RETRY_DELAYS)
    assert partial_size(entry, tmp_path) == 4 * 500_000
    server.routes["/p.vrmod"].drop_after = None
    assert download_package(entry, tmp_path).read_bytes() == body


def test_stall_keeps_the_part_and_a_later_call_resumes(
    serve: EntryFactory, body: bytes, server: LoopbackServer, tmp_path: Path
) -> None:
    entry = serve("/p.vrmod", body, stall_after=MB, stall_seconds=2.0, stall_times=1)
    with pytest.raises(DownloadError, match=r"stalled: nothing arrived .* for 0\.5 seconds"):
        download_package(entry, tmp_path, stall_timeout=0.5)
    assert partial_size(entry, tmp_path) == MB
    path = download_package(entry, tmp_path, stall_timeout=0.5)
    assert path.read_bytes() == body
    assert server.requests_for("/p.vrmod")[-1].headers["Range"] == f"bytes={MB}-"


def test_stop_while_the_server_is_quiet_pauses_without_waiting_for_the_stall(
    serve: EntryFactory, body: bytes, tmp_path: Path
) -> None:
    entry = serve("/p.vrmod", body, stall_after=MB, stall_seconds=30.0)
    stop = threading.Event()
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            download_package(entry, tmp_path, stop=stop, stall_timeout=60.0)
        except BaseException as error:  # noqa: BLE001 - handed to the test thread
            outcome.append(error)

    def progress_watch() -> None:
        for _ in range(1500):  # liveness only: 30 s
            if partial_size(entry, tmp_path) >= MB:
                break
            stop.wait(0.02)
        stop.set()

    worker = threading.Thread(target=run)
    worker.start()
    progress_watch()
    worker.join(timeout=15)  # liveness only: a stall of 60 s would still be blocking here
    assert not worker.is_alive(), "the stop event did not interrupt a quiet connection"
    assert len(outcome) == 1 and isinstance(outcome[0], DownloadStopped)
    assert partial_size(entry, tmp_path) == MB


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (404, r"answered 404 Not Found \(the file is not there; the catalogue may be out of date"),
        (500, r"answered 500 Internal Server Error \(a problem at the server; try again later"),
        (403, r"answered 403 Forbidden \(the server or the network wants you to sign in"),
    ],
)
def test_error_status_names_the_status_and_the_url(
    serve: EntryFactory, body: bytes, tmp_path: Path, status: int, expected: str
) -> None:
    entry = serve("/p.vrmod", body, status=status)
    with pytest.raises(DownloadError, match=expected) as info:
        download_package(entry, tmp_path)
    assert entry.url in str(info.value)


def test_error_status_on_resume_keeps_the_part(
    serve: EntryFactory, body: bytes, server: LoopbackServer, tmp_path: Path
) -> None:
    entry = serve("/p.vrmod", body)
    pause_at(entry, tmp_path, MB)
    kept = partial_size(entry, tmp_path)
    server.routes["/p.vrmod"].status = 503
    with pytest.raises(DownloadError, match="503"):
        download_package(entry, tmp_path)
    assert partial_size(entry, tmp_path) == kept


def test_a_server_that_hangs_up_without_answering(
    serve: EntryFactory, body: bytes, tmp_path: Path
) -> None:
    entry = serve("/p.vrmod", body, hang_up=True)
    with pytest.raises(DownloadError, match="the connection was closed before the server answered"):
        download_package(entry, tmp_path)
    assert leftovers(tmp_path) == []


def test_a_redirect_loop_is_refused(serve: EntryFactory, body: bytes, tmp_path: Path) -> None:
    entry = serve("/p.vrmod", body, redirect_to="/p.vrmod")
    with pytest.raises(DownloadError, match="too many redirects"):
        download_package(entry, tmp_path)


def test_missing_path_is_404(server: LoopbackServer, serve: EntryFactory, tmp_path: Path) -> None:
    entry = serve("/p.vrmod", b"PK\x03\x04rest")
    server.routes.clear()
    with pytest.raises(DownloadError, match="404"):
        download_package(entry, tmp_path)
    assert leftovers(tmp_path) == []


def test_web_page_by_content_type_is_refused_and_deleted(
    serve: EntryFactory, tmp_path: Path
) -> None:
    page = b"<!DOCTYPE html><html><body>Sign in to NHS Wi-Fi</body></html>"
    entry = serve("/p.vrmod", page, size=5000, content_type="text/html; charset=utf-8")
    with pytest.raises(DownloadError, match="web page instead of the module package .* Wi-Fi"):
        download_package(entry, tmp_path)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    "page", [b"<!DOCTYPE html><html>sign in</html>", b"\n  <html><head><title>Portal</title>"]
)
def test_web_page_sent_as_a_binary_type_is_recognised_by_its_first_bytes(
    serve: EntryFactory, tmp_path: Path, page: bytes
) -> None:
    entry = serve("/p.vrmod", page)
    with pytest.raises(DownloadError, match="web page instead of the module package"):
        download_package(entry, tmp_path)
    assert leftovers(tmp_path) == []


def test_not_a_zip_is_refused_and_deleted(serve: EntryFactory, tmp_path: Path) -> None:
    entry = serve("/p.vrmod", b"\x1f\x8b\x08\x00 this is a gzip file, not a package" * 100)
    with pytest.raises(DownloadError, match="not a module package"):
        download_package(entry, tmp_path)
    assert leftovers(tmp_path) == []


def test_wrong_hash_deletes_the_part(serve: EntryFactory, body: bytes, tmp_path: Path) -> None:
    entry = serve("/p.vrmod", body, sha256=hashlib.sha256(b"another file").hexdigest())
    with pytest.raises(DownloadError, match="does not match the catalogue .*SHA-256"):
        download_package(entry, tmp_path)
    assert leftovers(tmp_path) == []
    assert partial_size(entry, tmp_path) == 0


@pytest.mark.parametrize("claimed", [-1000, +1000])
def test_wrong_size_is_refused_and_deleted(
    serve: EntryFactory, body: bytes, tmp_path: Path, claimed: int
) -> None:
    entry = serve("/p.vrmod", body, size=len(body) + claimed)
    with pytest.raises(DownloadError, match="does not match the catalogue: it is"):
        download_package(entry, tmp_path)
    assert leftovers(tmp_path) == []


def test_body_longer_than_the_catalogue_without_a_length_is_refused(
    serve: EntryFactory, body: bytes, tmp_path: Path
) -> None:
    entry = serve("/p.vrmod", body, size=len(body) - 10, send_length=False)
    with pytest.raises(DownloadError, match="bigger than the .* bytes the catalogue says"):
        download_package(entry, tmp_path)
    assert leftovers(tmp_path) == []


def test_body_shorter_than_the_catalogue_without_a_length_is_refused_and_deleted(
    serve: EntryFactory, body: bytes, tmp_path: Path
) -> None:
    entry = serve("/p.vrmod", body, size=len(body) + 10, send_length=False)
    with pytest.raises(DownloadError, match=f"does not match the catalogue: it is {len(body):,}"):
        download_package(entry, tmp_path)  # the resume asks past the end: 416 bytes */size
    assert leftovers(tmp_path) == []


def test_a_server_that_ignores_range_starts_again_cleanly(
    serve: EntryFactory, body: bytes, server: LoopbackServer, tmp_path: Path
) -> None:
    entry = serve("/p.vrmod", body)
    pause_at(entry, tmp_path, MB)
    server.routes["/p.vrmod"].ignore_range = True
    seen: list[int] = []
    path = download_package(entry, tmp_path, progress=lambda done, _t: seen.append(done))
    assert path.read_bytes() == body
    assert server.requests_for("/p.vrmod")[-1].headers["Range"].startswith("bytes=")
    assert 0 in seen[1:]  # the count went back to 0 when the whole file came again


def test_a_changed_file_on_the_server_fails_if_range_and_starts_again(
    serve: EntryFactory, body: bytes, server: LoopbackServer, tmp_path: Path
) -> None:
    entry = serve("/p.vrmod", body)
    pause_at(entry, tmp_path, MB)
    server.routes["/p.vrmod"].etag = '"v2"'  # our If-Range "v1" no longer matches: 200
    assert download_package(entry, tmp_path).read_bytes() == body
    assert len(server.requests_for("/p.vrmod")) == 2


def test_a_mismatched_content_range_starts_again(
    serve: EntryFactory, body: bytes, server: LoopbackServer, tmp_path: Path
) -> None:
    entry = serve("/p.vrmod", body)
    pause_at(entry, tmp_path, MB)
    server.routes["/p.vrmod"].wrong_content_range = True
    assert download_package(entry, tmp_path).read_bytes() == body
    ranges = [request.headers.get("Range") for request in server.requests_for("/p.vrmod")]
    assert ranges[1] is not None and ranges[2] is None  # restarted without Range


def test_416_for_a_part_longer_than_the_servers_file(
    serve: EntryFactory, body: bytes, server: LoopbackServer, tmp_path: Path
) -> None:
    entry = serve("/p.vrmod", body)
    pause_at(entry, tmp_path, 2 * MB)
    server.routes["/p.vrmod"].body = body[:MB]  # the server's file shrank below our part
    with pytest.raises(DownloadError, match=f"does not match the catalogue: it is {MB:,} bytes"):
        download_package(entry, tmp_path)
    assert leftovers(tmp_path) == []


def test_redirect_is_followed(
    serve: EntryFactory, body: bytes, server: LoopbackServer, tmp_path: Path
) -> None:
    entry = serve("/old.vrmod", b"", size=len(body), sha256=hashlib.sha256(body).hexdigest(),
                  redirect_to="/new.vrmod")  # fmt: skip
    serve("/new.vrmod", body)
    assert download_package(entry, tmp_path).read_bytes() == body
    assert len(server.requests_for("/new.vrmod")) == 1


def test_a_part_changed_on_disk_is_caught_by_the_rehash_on_resume(
    serve: EntryFactory, body: bytes, tmp_path: Path
) -> None:
    entry = serve("/p.vrmod", body)
    pause_at(entry, tmp_path, MB)
    part = DownloadFiles.of(entry, tmp_path).part
    data = bytearray(part.read_bytes())
    data[1000] ^= 0xFF
    part.write_bytes(bytes(data))
    with pytest.raises(DownloadError, match="SHA-256"):
        download_package(entry, tmp_path)
    assert leftovers(tmp_path) == []


def test_a_part_from_another_catalogue_entry_is_not_resumed(
    serve: EntryFactory, body: bytes, server: LoopbackServer, tmp_path: Path
) -> None:
    entry = serve("/p.vrmod", body)
    pause_at(entry, tmp_path, MB)
    newer = serve("/p.vrmod", package_like(len(body), seed=2))  # same name, other checksum
    assert newer.sha256 != entry.sha256
    assert partial_size(newer, tmp_path) == 0
    download_package(newer, tmp_path)
    assert "Range" not in server.requests_for("/p.vrmod")[-1].headers


def test_a_whole_verified_file_is_not_downloaded_again(
    serve: EntryFactory, body: bytes, server: LoopbackServer, tmp_path: Path
) -> None:
    entry = serve("/p.vrmod", body)
    download_package(entry, tmp_path)
    download_package(entry, tmp_path)
    assert len(server.requests_for("/p.vrmod")) == 1


def test_a_second_download_of_the_same_entry_at_once_is_refused(
    serve: EntryFactory, body: bytes, tmp_path: Path
) -> None:
    entry = serve("/p.vrmod", body, stall_after=MB, stall_seconds=30.0)
    stop = threading.Event()
    first = threading.Thread(
        target=lambda: pytest.raises(DownloadStopped, download_package, entry, tmp_path, stop=stop)
    )
    first.start()
    try:
        while partial_size(entry, tmp_path) < MB and first.is_alive():
            stop.wait(0.02)
        with pytest.raises(DownloadError, match="Stroke basics is already being downloaded"):
            download_package(entry, tmp_path)
    finally:
        stop.set()
        first.join(timeout=15)
    assert not first.is_alive()
    assert partial_size(entry, tmp_path) == MB  # the refused call left the part alone


def test_discard_partial_removes_part_sidecar_and_whole_file(
    serve: EntryFactory, body: bytes, tmp_path: Path
) -> None:
    entry = serve("/p.vrmod", body)
    pause_at(entry, tmp_path, MB)
    assert len(leftovers(tmp_path)) == 2
    discard_partial(entry, tmp_path)
    assert leftovers(tmp_path) == []
    download_package(entry, tmp_path)
    discard_partial(entry, tmp_path)
    assert leftovers(tmp_path) == []


def test_unreachable_server_says_so_and_names_the_host(body: bytes, tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    entry = CatalogueEntry("stroke-basics", "1.0.0", "Stroke basics", "", len(body),
                           hashlib.sha256(body).hexdigest(), f"http://127.0.0.1:{port}/p.vrmod",
                           "0.1.0")  # fmt: skip
    with pytest.raises(DownloadError, match=r"from 127\.0\.0\.1: could not connect"):
        download_package(entry, tmp_path)


def test_not_enough_free_space_is_found_before_starting(
    serve: EntryFactory,
    body: bytes,
    tmpfs,
    server: LoopbackServer,  # type: ignore[no-untyped-def]
) -> None:
    folder = tmpfs("1m")
    entry = serve("/p.vrmod", body)
    with pytest.raises(DownloadError, match=r"not enough free disk space .* needs 3\.0 MB more"):
        download_package(entry, folder / "downloads")
    assert server.requests_for("/p.vrmod") == []


def test_disk_filling_up_during_the_download_keeps_the_part(
    serve: EntryFactory,
    body: bytes,
    tmpfs,  # type: ignore[no-untyped-def]
) -> None:
    import shutil

    folder = tmpfs("4m")
    downloads = folder / "downloads"
    filler = folder / "someone-elses-file"

    def fill_the_disk(done: int, _total: int) -> None:
        if done == 0 and not filler.exists():  # after the space check, before any data
            filler.write_bytes(b"\0" * (shutil.disk_usage(folder).free - 256 * 1024))

    entry = serve("/p.vrmod", body)
    with pytest.raises(DownloadError, match=r"The disk is full: .* it will resume from there"):
        download_package(entry, downloads, progress=fill_the_disk)
    kept = partial_size(entry, downloads)
    assert 0 < kept < len(body)
    filler.unlink()
    assert download_package(entry, downloads).read_bytes() == body
