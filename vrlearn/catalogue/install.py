"""Download a catalogue entry and install it: `download_package`, then `packages.import_module`.

The downloaded file is deleted once the module is installed. When the install fails or is
cancelled, the verified file is kept in the downloads folder: trying again installs it without
downloading it again (its size and SHA-256 are checked again first), which matters after a full
disk or a locked folder; a package the importer refuses is refused again with the same reason,
since its bytes are exactly what the catalogue lists. `discard_partial` (cancel) deletes it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from vrlearn.catalogue.download import download_package
from vrlearn.catalogue.feed import CatalogueEntry
from vrlearn.paths import AppPaths

if TYPE_CHECKING:
    from vrlearn.packages import InstallResult

__all__ = ["download_and_install"]

log = logging.getLogger(__name__)


def download_and_install(
    entry: CatalogueEntry,
    paths: AppPaths,
    *,
    progress: Callable[[int, int], None] | None = None,
    stop: threading.Event | None = None,
    stall_timeout: float = 30.0,
) -> InstallResult:
    """Download (resuming), verify and install `entry` into `paths.modules_dir`.

    Raises DownloadError / DownloadStopped (nothing installed), PackageError (the package was
    refused; nothing installed), ImportCancelled (stop set during the install).
    """
    from vrlearn.packages import import_module

    package = download_package(
        entry, paths.downloads_dir, progress=progress, stop=stop, stall_timeout=stall_timeout
    )
    modules_dir = paths.modules_dir.resolve()
    bundled = tuple(folder for folder in paths.content_dirs if folder.resolve() != modules_dir)
    result = import_module(
        package,
        paths.modules_dir,
        bundled_dirs=bundled,
        cancelled=stop.is_set if stop is not None else None,
    )
    _delete(package)
    if (result.module_id, result.version) != (entry.id, entry.version):
        log.warning(
            "The catalogue lists %s %s at %s, but the package holds %s %s",
            entry.id, entry.version, entry.url, result.module_id, result.version,
        )  # fmt: skip
    return result


def _delete(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        log.warning("Could not delete the downloaded package %s: %s", path, error)
