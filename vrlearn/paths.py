"""Every folder VR Learn touches, in one place.

User files live under one data folder: `--data-dir DIR` or `VRLEARN_DATA_DIR` when given; for a
packaged app with a `portable.txt` file beside its executable (portable mode, e.g. on a USB
stick), the `data` folder beside it; the platform's user data folder otherwise. Bundled files
(the sample content) are found the same way from a source checkout and from a frozen
(PyInstaller) app.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "VRLearn"
DATA_DIR_ENV = "VRLEARN_DATA_DIR"
PORTABLE_MARKER = "portable.txt"  # beside the packaged executable: keep all data beside it
PORTABLE_DATA = "data"


def resource_path(*parts: str) -> Path:
    """A bundled file or folder, from source or from a frozen app."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    root = Path(frozen_root) if frozen_root else Path(__file__).resolve().parent.parent
    return root.joinpath(*parts)


def portable_data_dir(executable: Path) -> Path | None:
    """`data/` beside the app when `portable.txt` is there, else None. The app's folder is the
    executable's, or on macOS the one holding `VR Learn.app`."""
    folder = executable.resolve().parent
    if folder.name == "MacOS" and folder.parent.parent.suffix == ".app":
        folder = folder.parent.parent.parent
    return folder / PORTABLE_DATA if (folder / PORTABLE_MARKER).is_file() else None


def default_data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    if getattr(sys, "frozen", False):  # portable mode is for the packaged app only
        portable = portable_data_dir(Path(sys.executable))
        if portable is not None:
            return portable
    import platformdirs  # only needed without --data-dir; keeps start-up lean

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


@dataclass(frozen=True)
class AppPaths:
    """The folders of one VR Learn installation."""

    data_dir: Path
    content_dirs: tuple[Path, ...]

    @classmethod
    def create(
        cls, data_dir: Path | None = None, content_dirs: tuple[Path, ...] | None = None
    ) -> AppPaths:
        data = (data_dir or default_data_dir()).expanduser().resolve()
        if content_dirs is None:
            content_dirs = (resource_path("content"), data / "modules")  # = modules_dir
        return cls(data_dir=data, content_dirs=tuple(p.resolve() for p in content_dirs))

    @property
    def records_dir(self) -> Path:
        return self.data_dir / "records"

    @property
    def modules_dir(self) -> Path:
        """Modules the learner imported or downloaded (one folder each, named by module id)."""
        return self.data_dir / "modules"

    @property
    def downloads_dir(self) -> Path:
        """Package downloads in progress (`.part` files kept for resuming) and finished."""
        return self.data_dir / "downloads"

    @property
    def catalogue_cache(self) -> Path:
        """The last catalogue fetched, shown when offline."""
        return self.data_dir / "cache" / "catalogue.json"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def library_index(self) -> Path:
        """A cache of loaded manifests (safe to delete)."""
        return self.data_dir / "cache" / "library-index.json"

    @property
    def keys_dir(self) -> Path:
        """This installation's certificate signing key and the keys it trusts (owner-only)."""
        return self.data_dir / "keys"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "vrlearn.lock"

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "settings.json"
