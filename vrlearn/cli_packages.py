"""`vrlearn pack`, `vrlearn import` and `vrlearn remove`: module packages from a shell.

    vrlearn pack DIR -o FILE.vrmod     make a package of a module folder (for authors)
    vrlearn import PATH                install a .vrmod file or a module folder
    vrlearn remove ID                  remove an installed module (its records stay)

Exit codes: 0 done, 1 refused (each problem printed on its own line), 2 interrupted.
Modules are installed into the data folder's `modules` folder; the other content folders are
the bundled ones, which cannot be removed. `import` and `remove` hold the data folder's lock,
so they refuse while VR Learn is open on the same data folder (the open player would not see the
change, and its reader may have the module's files open). Only QtCore is imported, for the lock.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vrlearn.paths import AppPaths

__all__ = ["add_parsers", "cmd_import", "cmd_pack", "cmd_remove"]

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_INTERRUPTED = 2


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `pack`, `import` and `remove` commands to the main parser."""
    pack = commands.add_parser("pack", help="make a module package (.vrmod) from a module folder")
    pack.add_argument("folder", type=Path, metavar="DIR", help="the module folder")
    pack.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.vrmod",
        help="the package file to write",
    )  # fmt: skip
    install = commands.add_parser(
        "import", help="install a module from a .vrmod package or a module folder"
    )
    install.add_argument("path", type=Path, metavar="PATH", help="a .vrmod file or module folder")
    remove = commands.add_parser("remove", help="remove an installed module (records are kept)")
    remove.add_argument("module_id", metavar="ID", help="the module id, as `vrlearn list` shows")


def bundled_dirs(paths: AppPaths) -> tuple[Path, ...]:
    """The content folders other than the modules folder: modules bundled with VR Learn."""
    modules_dir = paths.modules_dir.resolve()
    return tuple(folder for folder in paths.content_dirs if folder.resolve() != modules_dir)


def cmd_pack(args: argparse.Namespace, _paths: AppPaths) -> int:
    from vrlearn.packages import PackageError, pack_module

    try:
        output = pack_module(args.folder, args.output)
    except PackageError as error:
        return _refused(error)
    print(f"Packed {args.folder} into {output} ({output.stat().st_size:,} bytes)")
    return EXIT_OK


def cmd_import(args: argparse.Namespace, paths: AppPaths) -> int:
    from vrlearn.instance_lock import DataFolderInUse, InstanceLock
    from vrlearn.packages import ImportCancelled, PackageError, import_module

    try:
        with InstanceLock(paths.lock_file):
            result = import_module(args.path, paths.modules_dir, bundled_dirs=bundled_dirs(paths))
    except (DataFolderInUse, OSError) as error:
        print(error, file=sys.stderr)
        return EXIT_REFUSED
    except PackageError as error:
        return _refused(error)
    except (ImportCancelled, KeyboardInterrupt):
        print("Import interrupted; nothing was installed.", file=sys.stderr)
        return EXIT_INTERRUPTED
    replaced = f" (replaced {result.replaced_version})" if result.replaced_version else ""
    print(f"Installed {result.title} {result.version}{replaced}")
    return EXIT_OK


def cmd_remove(args: argparse.Namespace, paths: AppPaths) -> int:
    from vrlearn.instance_lock import DataFolderInUse, InstanceLock
    from vrlearn.packages import PackageError, remove_module

    module_id = args.module_id
    if not (paths.modules_dir / module_id).is_dir():
        for folder in bundled_dirs(paths):
            if (folder / module_id).is_dir():
                print(
                    f"{module_id} is bundled with VR Learn and cannot be removed.", file=sys.stderr
                )
                return EXIT_REFUSED
    try:
        with InstanceLock(paths.lock_file):
            removed = remove_module(module_id, paths.modules_dir)
    except (DataFolderInUse, OSError) as error:
        print(error, file=sys.stderr)
        return EXIT_REFUSED
    except PackageError as error:
        return _refused(error)
    print(f"Removed {module_id} from {removed.parent} (progress and certificates are kept)")
    return EXIT_OK


def _refused(error: Exception) -> int:
    """The sentence, then every problem on its own line when there is more than one."""
    print(error, file=sys.stderr)
    problems = getattr(error, "problems", ())
    for problem in problems if len(problems) > 1 else ():
        print(problem, file=sys.stderr)
    return EXIT_REFUSED
