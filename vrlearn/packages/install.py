"""Installing a module into the modules folder, all or nothing, and removing one.

An import unpacks (or copies) into `modules_dir/.staging-PID-TOKEN`, a hidden folder the library
scan skips, validates the staged module as `vrlearn validate` would, and renames it to
`modules_dir/<id>`. A newer version replaces an older one: the old folder is renamed aside to
`.old-PID-TOKEN-<id>`, the new one renamed in, and the old one deleted; if the second rename
fails the old one is put back. After a crash, the next import removes leftover staging folders and
puts an `.old-*` folder back if its module is missing. Records (progress, certificates) are kept
elsewhere, by module id, so they are untouched by an upgrade or a removal.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from vrlearn.atomic_file import fsync_folder, unique_tag
from vrlearn.modules.model import Module
from vrlearn.modules.versions import is_newer
from vrlearn.packages.durable import remove_tree
from vrlearn.packages.errors import InstallResult, PackageError
from vrlearn.packages.limits import DEFAULT_LIMITS, Limits
from vrlearn.packages.staged import checked_module

STAGING_PREFIX = ".staging-"
OLD_PREFIX = ".old-"
REMOVED_PREFIX = ".removed-"
_LOCK = threading.Lock()  # one import or removal at a time in this process


def import_module(
    source: Path,
    modules_dir: Path,
    *,
    bundled_dirs: Sequence[Path] = (),
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    durable: bool = True,
    check_videos: bool = True,
    limits: Limits = DEFAULT_LIMITS,
) -> InstallResult:
    """Install the module in `source` (a `.vrmod` file or a module folder) into `modules_dir`.

    Raises PackageError (nothing installed, what was installed untouched) or ImportCancelled.
    `durable=False` skips the fsyncs (benchmarks only).
    """
    source = Path(source)
    modules_dir = Path(modules_dir)
    with _LOCK:
        try:
            modules_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            message = f"The modules folder {modules_dir} cannot be created: {error.strerror}"
            raise PackageError(message) from error
        recover_leftovers(modules_dir)
        staging = modules_dir / f"{STAGING_PREFIX}{unique_tag()}"
        try:
            staging.mkdir()
            if source.is_dir():
                from vrlearn.packages.folder_files import copy_folder

                copy_folder(
                    source, staging, limits, progress=progress, cancelled=cancelled, durable=durable
                )
            else:
                from vrlearn.packages.package_file import unpack

                def early(manifest: bytes) -> None:
                    _refuse_early(manifest, modules_dir, bundled_dirs, source.name)

                unpack(
                    source,
                    staging,
                    limits,
                    progress=progress,
                    cancelled=cancelled,
                    durable=durable,
                    before_extracting=early,
                )
            module = checked_module(staging, source.name, check_videos=check_videos)
            replaced = _replaceable(
                module.id, module.version, module.title, modules_dir, bundled_dirs, source.name
            )
            target = modules_dir / module.id
            _swap_in(staging, target, module.id, durable)
        except OSError as error:
            message = f"{source.name} cannot be installed: {error.strerror or error}"
            raise PackageError(message, (f"{modules_dir}: {error}",)) from error
        finally:
            if staging.exists():
                remove_tree(staging)
    return InstallResult(module.id, module.version, module.title, target, replaced)


def _refuse_early(
    manifest: bytes, modules_dir: Path, bundled_dirs: Sequence[Path], shown: str
) -> None:
    """Refuse a package whose version is already installed before decompressing it (a quick
    look at module.toml; the full checks run on the staged module)."""
    import tomllib

    from vrlearn.modules.manifest import ID_PATTERN
    from vrlearn.modules.versions import VERSION_PATTERN

    try:
        data = tomllib.loads(manifest.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return
    module_id, version, title = data.get("id"), data.get("version"), data.get("title")
    if not isinstance(module_id, str) or not isinstance(version, str):
        return
    if ID_PATTERN.fullmatch(module_id) and VERSION_PATTERN.fullmatch(version):
        title = title if isinstance(title, str) else module_id
        _replaceable(module_id, version, title, modules_dir, bundled_dirs, shown)


def _replaceable(
    module_id: str,
    version: str,
    title: str,
    modules_dir: Path,
    bundled_dirs: Sequence[Path],
    shown: str,
) -> str | None:
    """The installed version the new module replaces (None for a first install), or
    PackageError when the same or a newer version is already there."""
    from vrlearn.modules.manifest import load_module

    for bundled in bundled_dirs:
        shipped = _folder_version(bundled / module_id, module_id)
        if shipped is not None and not is_newer(version, shipped):
            problem = (
                f"{module_id}: version {shipped} is bundled with VR Learn, so version "
                f"{version} would never be shown"
            )
            if shipped == version:
                problem = f"{module_id}: version {shipped} is already installed (bundled)"
            raise PackageError(f"{shown} cannot be imported: {_after_colon(problem)}", (problem,))
    target = modules_dir / module_id
    if not target.exists():
        return None
    installed = load_module(target)
    if not isinstance(installed, Module) or installed.id != module_id:
        return None  # a damaged copy: replaced by the good one
    if installed.version == version:
        problem = f"{module_id}: {title} {version} is already installed"
    elif not is_newer(version, installed.version):
        problem = (
            f"{module_id}: version {installed.version} is installed, which is newer than "
            f"{version}; remove it first to go back to an older version"
        )
    else:
        return installed.version
    raise PackageError(f"{shown} cannot be imported: {_after_colon(problem)}", (problem,))


def _after_colon(problem: str) -> str:
    return problem.split(": ", 1)[1]


def _folder_version(folder: Path, module_id: str) -> str | None:
    from vrlearn.modules.manifest import load_module

    if not folder.is_dir():
        return None
    loaded = load_module(folder)
    return loaded.version if isinstance(loaded, Module) and loaded.id == module_id else None


def _swap_in(staging: Path, target: Path, module_id: str, durable: bool) -> None:
    """Rename `staging` to `target`, moving an existing `target` aside first and back on failure."""
    folder = target.parent
    old = None
    if target.exists():
        old = folder / f"{OLD_PREFIX}{unique_tag()}-{module_id}"
        os.rename(target, old)
    try:
        os.rename(staging, target)
    except OSError:
        if old is not None:
            os.rename(old, target)
        raise
    if durable:
        fsync_folder(folder)
    if old is not None:
        try:
            remove_tree(old)
        except OSError:
            pass  # removed by the next import's clean-up


def recover_leftovers(modules_dir: Path) -> list[str]:
    """Tidy what a crashed import left: staging folders removed, a moved-aside old version put
    back when its module folder is missing (else removed). Folders of an import still running in
    another process are left alone. Returns what was done, for the log."""
    done: list[str] = []
    try:
        names = sorted(entry.name for entry in modules_dir.iterdir())
    except OSError:
        return done
    for name in names:
        path = modules_dir / name
        if name.startswith((STAGING_PREFIX, REMOVED_PREFIX)):
            pid = name.split("-", 2)[1]
            if not _running_elsewhere(pid):
                remove_tree(path)
                done.append(f"removed {name}")
        elif name.startswith(OLD_PREFIX):
            pid, _token, module_id = (name.removeprefix(OLD_PREFIX).split("-", 2) + ["", ""])[:3]
            if _running_elsewhere(pid) or not module_id:
                continue
            if not (modules_dir / module_id).exists():
                os.rename(path, modules_dir / module_id)
                done.append(f"put back {module_id}")
            else:
                remove_tree(path)
                done.append(f"removed {name}")
    if done:
        fsync_folder(modules_dir)
    return done


def _running_elsewhere(pid_text: str) -> bool:
    """True when another live process with this id may still be importing (POSIX only; on
    Windows leftovers are always tidied, as a signal cannot be used to ask)."""
    if not pid_text.isdigit() or int(pid_text) == os.getpid() or os.name != "posix":
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists but belongs to someone else
    return True


def remove_module(module_id: str, modules_dir: Path) -> Path:
    """Delete an installed module's folder (its records stay); PackageError if it is not in
    `modules_dir`. Returns the removed folder."""
    modules_dir = Path(modules_dir)
    target = modules_dir / module_id
    if not module_id or "/" in module_id or "\\" in module_id or module_id.startswith("."):
        raise PackageError(f"{module_id!r} is not a module id")
    with _LOCK:
        if not target.is_dir():
            raise PackageError(f"No module {module_id!r} is installed in {modules_dir}")
        aside = modules_dir / f"{REMOVED_PREFIX}{unique_tag()}"
        try:
            os.rename(target, aside)  # gone from the library at once, even if deleting is slow
            fsync_folder(modules_dir)
        except OSError as error:
            message = f"{module_id} cannot be removed: {error.strerror or error}"
            raise PackageError(
                message + " (close anything using its files and try again)"
            ) from error
        try:
            remove_tree(aside)
        except OSError:
            pass  # already out of the library; the next import deletes what is left
    return target


def installed_versions(content_dirs: Sequence[Path]) -> dict[str, str]:
    """Module id -> version of what the library shows from these content folders."""
    from vrlearn.modules.library import load_modules, module_folders

    folders = [folder for directory in content_dirs for folder in module_folders(directory)]
    return {module.id: module.version for module in load_modules(folders).modules}
