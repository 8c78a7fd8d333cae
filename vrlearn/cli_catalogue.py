"""`vrlearn catalogue` and `vrlearn download`: the module catalogue from a shell.

    vrlearn catalogue [--feed URL] [--set-feed URL]
    vrlearn download ID [--feed URL]

`catalogue` prints one line per module: id, version, status (available, installed, update
available, needs VR Learn X), size and title, then the free disk space. Offline it shows the
catalogue fetched last, says when, and why the fetch failed. `--set-feed` saves the address in
the settings, so later commands (and the "Get modules" screen) use it without `--feed`.

`download` downloads the module (resuming a download left paused or broken), checks its size
and SHA-256 against the catalogue and installs it. Ctrl+C pauses: what was downloaded is kept
and the same command resumes it. Exit codes: 0 done, 1 failed (with a message).
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from vrlearn.paths import AppPaths

if TYPE_CHECKING:
    from vrlearn.catalogue import Catalogue
    from vrlearn.packages import InstallResult

__all__ = ["add_parsers", "cmd_catalogue", "cmd_download"]

EXIT_OK = 0
EXIT_FAILED = 1


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `catalogue` and `download` commands to the main parser."""
    catalogue = commands.add_parser(
        "catalogue", help="list the modules the catalogue offers: available, installed, updates"
    )
    catalogue.add_argument(
        "--feed", metavar="URL", help="the catalogue's address (default: the one in the settings)"
    )
    catalogue.add_argument(
        "--set-feed", metavar="URL", help="save URL as the catalogue's address, then list it"
    )
    download = commands.add_parser(
        "download", help="download a module from the catalogue, check it and install it"
    )
    download.add_argument("id", metavar="ID", help="the module id, as `vrlearn catalogue` lists it")
    download.add_argument(
        "--feed", metavar="URL", help="the catalogue's address (default: the one in the settings)"
    )


def cmd_catalogue(args: argparse.Namespace, paths: AppPaths) -> int:
    from vrlearn import __version__
    from vrlearn.catalogue import disk_size, free_space, megabytes, partial_size
    from vrlearn.catalogue.status import entry_status, status_text

    found = _feed_and_catalogue(args, paths)
    if found is None:
        return EXIT_FAILED
    _feed, catalogue = found
    installed = _installed(paths)
    for entry in sorted(catalogue.entries, key=lambda e: e.id):
        status = status_text(entry, entry_status(entry, installed, __version__))
        paused = partial_size(entry, paths.downloads_dir)
        if 0 < paused < entry.size:
            status += f" ({megabytes(paused)} downloaded)"
        elif paused == entry.size and status != "installed":
            status += " (downloaded, not installed)"
        print(f"{entry.id}\t{entry.version}\t{status}\t{megabytes(entry.size)}\t{entry.title}")
    if not catalogue.entries:
        print("The catalogue lists no modules.", file=sys.stderr)
    for problem in catalogue.problems:
        print(f"catalogue: left out {problem}", file=sys.stderr)
    try:
        print(f"Free disk space: {disk_size(free_space(paths.downloads_dir))}")
    except OSError as error:
        print(f"Free disk space: unknown ({error.strerror or error})", file=sys.stderr)
    return EXIT_OK


def cmd_download(args: argparse.Namespace, paths: AppPaths) -> int:
    from vrlearn import __version__
    from vrlearn.catalogue import DownloadError, DownloadStopped, download_and_install
    from vrlearn.catalogue.status import EntryStatus, entry_status
    from vrlearn.instance_lock import DataFolderInUse, InstanceLock
    from vrlearn.packages import ImportCancelled, PackageError

    found = _feed_and_catalogue(args, paths)
    if found is None:
        return EXIT_FAILED
    feed_url, catalogue = found
    entry = catalogue.entry(args.id)
    if entry is None:
        _fail(f"{args.id!r} is not in the catalogue at {feed_url} (`vrlearn catalogue` lists it).")
        return EXIT_FAILED
    status = entry_status(entry, _installed(paths), __version__)
    if status is EntryStatus.INSTALLED:
        print(f"{entry.id} {entry.version} ({entry.title}) is already installed.")
        return EXIT_OK
    if status is EntryStatus.NEEDS_NEWER_APP:
        _fail(f"{entry.title} needs VR Learn {entry.min_app_version} or later; this is VR Learn "
              f"{__version__}.")  # fmt: skip
        return EXIT_FAILED
    stop = threading.Event()
    try:
        with InstanceLock(paths.lock_file), _ProgressLine() as progress:
            result = _pausable(
                lambda: download_and_install(entry, paths, progress=progress.show, stop=stop), stop
            )
    except DownloadStopped as paused:
        _fail(f"{paused} Run `vrlearn download {entry.id}` again to resume.")
        return EXIT_FAILED
    except ImportCancelled:
        _fail(f"Stopped before {entry.title} was installed; nothing was changed. The download is "
              f"kept: run `vrlearn download {entry.id}` again to install it.")  # fmt: skip
        return EXIT_FAILED
    except PackageError as refused:
        _fail(str(refused))
        for problem in refused.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_FAILED
    except (DownloadError, DataFolderInUse, OSError) as error:
        _fail(str(error))
        return EXIT_FAILED
    replaced = f", replacing {result.replaced_version}" if result.replaced_version else ""
    print(f"Installed {result.module_id} {result.version} ({result.title}){replaced}.")
    return EXIT_OK


def _feed_and_catalogue(args: argparse.Namespace, paths: AppPaths) -> tuple[str, Catalogue] | None:
    """The feed's address and its catalogue, or None after saying why there is none."""
    feed_url = _feed_url(args, paths)
    if feed_url is None:
        return None
    catalogue = _catalogue(feed_url, paths)
    return None if catalogue is None else (feed_url, catalogue)


def _feed_url(args: argparse.Namespace, paths: AppPaths) -> str | None:
    from vrlearn.settings import load_settings, save_settings

    settings = load_settings(paths.settings_file)
    if settings.notice:
        print(f"notice: {settings.notice}", file=sys.stderr)
    new_feed = getattr(args, "set_feed", None)
    if new_feed is not None:
        try:
            settings = settings.with_catalogue_url(new_feed)
            save_settings(paths.settings_file, settings)
        except ValueError as error:
            _fail(f"The catalogue address was not saved: {error}.")
            return None
        except OSError as error:
            _fail(f"The catalogue address could not be saved in {paths.settings_file}: "
                  f"{error.strerror or error}.")  # fmt: skip
            return None
        print(f"Catalogue address saved: {new_feed}", file=sys.stderr)
    url: str | None = args.feed or new_feed or settings.catalogue_url
    if url is None:
        _fail("No catalogue address is set. Give one with --feed URL, or save one with "
              "`vrlearn catalogue --set-feed URL`.")  # fmt: skip
    return url


def _catalogue(feed_url: str, paths: AppPaths) -> Catalogue | None:
    """The catalogue online, or the one fetched last (saying when and why), or None."""
    from vrlearn.catalogue import CatalogueError, fetch_catalogue, load_cached_catalogue

    try:
        return fetch_catalogue(feed_url, paths.catalogue_cache)
    except CatalogueError as error:
        cached = load_cached_catalogue(paths.catalogue_cache)
        if cached is None or cached.feed_url != feed_url:
            _fail(str(error))
            return None
        print(f"vrlearn: {error}", file=sys.stderr)
        print(f"Showing the catalogue fetched on {_when(cached.fetched_at)}.", file=sys.stderr)
        return cached


def _installed(paths: AppPaths) -> dict[str, str]:
    from vrlearn.packages import installed_versions

    return installed_versions(paths.content_dirs)


def _when(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{local.day} {local:%B %Y} at {local:%H:%M}"


def _fail(message: str) -> None:
    print(f"vrlearn: {message}", file=sys.stderr)


def _pausable(work: Callable[[], InstallResult], stop: threading.Event) -> InstallResult:
    """Run `work` in a worker thread; Ctrl+C sets `stop` (the download pauses and keeps its part)
    instead of a traceback. The main thread waits in short steps, so Ctrl+C is seen at once
    even while the download is blocked on a quiet server (on Windows too)."""
    outcome: list[InstallResult | BaseException] = []
    finished = threading.Event()  # not Thread.join: on 3.11 a Ctrl+C inside join() can make
    # is_alive() wrongly False

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as error:  # handed to the main thread
            outcome.append(error)
        finally:
            finished.set()

    threading.Thread(target=run, name="download", daemon=True).start()
    while not finished.is_set():
        try:
            finished.wait(0.2)
        except KeyboardInterrupt:
            stop.set()
    (result,) = outcome
    if isinstance(result, BaseException):
        raise result
    return result


class _ProgressLine:
    """The line "Downloading: 12.3 MB of 200.0 MB (6%)" on stderr, rewritten in place, on a
    terminal only."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.shown_at = 0.0
        self.width = 0

    def __enter__(self) -> _ProgressLine:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.width:
            sys.stderr.write("\r" + " " * self.width + "\r")
            sys.stderr.flush()

    @property
    def show(self) -> Callable[[int, int], None]:
        return self._show

    def _show(self, done: int, total: int) -> None:
        from vrlearn.catalogue import megabytes

        now = time.monotonic()
        if not self.enabled or (now - self.shown_at < 0.2 and done < total):
            return
        self.shown_at = now
        percent = done * 100 // total if total else 100
        text = f"Downloading: {megabytes(done)} of {megabytes(total)} ({percent}%)"
        self.width = max(self.width, len(text))
        sys.stderr.write("\r" + text.ljust(self.width))
        sys.stderr.flush()
