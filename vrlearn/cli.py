"""The command line: `vrlearn [--data-dir DIR] [COMMAND]`; no command opens the GUI."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path

from vrlearn import __version__
from vrlearn.paths import DATA_DIR_ENV, AppPaths


def _add_folder_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        help=f"keep every user file under DIR (default: ${DATA_DIR_ENV} or the user data folder)",
    )
    parser.add_argument(
        "--content-dir",
        type=Path,
        action="append",
        help="read modules from this folder instead of the bundled and installed ones "
        "(may be given more than once)",
    )
    parser.add_argument(
        "--no-crash-dialog",
        action="store_true",
        help="after an unexpected error only write it to the log, showing no dialog "
        "(for unattended runs; also VRLEARN_NO_CRASH_DIALOG=1)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vrlearn",
        description="VR Learn: offline vocational rehabilitation e-learning. "
        "With no command, opens the player.",
    )
    parser.add_argument("--version", action="version", version=f"VR Learn {__version__}")
    _add_folder_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("list", help="list installed modules: id, version, title")
    validate = commands.add_parser("validate", help="check module folders for problems")
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="module folder")
    records = commands.add_parser("records", help="the learner's records")
    records_commands = records.add_subparsers(dest="records_command", metavar="ACTION")
    records_commands.required = True
    records_commands.add_parser("check", help="verify the records and print what they hold")
    backup = records_commands.add_parser("backup", help="save the records to an archive file")
    backup.add_argument("file", type=Path, metavar="FILE", help="the backup archive to write")
    restore = records_commands.add_parser(
        "restore", help="replace the records with a verified backup (the old ones are kept aside)"
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="a backup made by VR Learn")
    self_test = commands.add_parser(
        "self-test", help="check that VR Learn works on this computer (no display needed)"
    )
    self_test.add_argument("--json", action="store_true", help="print the results as JSON")
    self_test.add_argument(
        "--keep", type=Path, metavar="DIR", help="make the checks' files in DIR and keep them"
    )
    self_test.add_argument(
        "--window", action="store_true", help="also play a video in a window (needs a display)"
    )
    from vrlearn.cli_certificates import add_parsers as add_certificate_parsers

    add_certificate_parsers(commands)
    from vrlearn.cli_packages import add_parsers as add_package_parsers

    add_package_parsers(commands)
    from vrlearn.cli_catalogue import add_parsers as add_catalogue_parsers

    add_catalogue_parsers(commands)
    return parser


def _paths(args: argparse.Namespace) -> AppPaths:
    content = tuple(args.content_dir) if args.content_dir else None
    return AppPaths.create(args.data_dir, content)


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def cmd_list(args: argparse.Namespace) -> int:
    from vrlearn.modules.library import scan_library

    library = scan_library(_paths(args).content_dirs)
    for module in sorted(library.modules, key=lambda m: m.id):
        print(f"{module.id}\t{module.version}\t{module.title}")
    for broken in library.broken:
        print(f"{_shown(broken.folder)}\t-\tcannot be opened: {broken.reason}", file=sys.stderr)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from vrlearn.modules.validate import validate_folders

    missing = [path for path in args.paths if not path.is_dir()]
    for path in missing:
        print(f"{path}:1: folder: not a module folder (no such directory)", file=sys.stderr)
    result = validate_folders(path for path in args.paths if path.is_dir())
    for problem in result.problems:
        print(f"{_shown(problem.path)}:{problem.line}: {problem.field}: {problem.message}")
    if missing or not result.ok:
        print(result.summary(), file=sys.stderr)
        return 1
    print(result.summary())
    return 0


def cmd_records(args: argparse.Namespace) -> int:
    from vrlearn.instance_lock import DataFolderInUse, InstanceLock
    from vrlearn.records import RecordsError

    paths = _paths(args)
    action = RECORDS_ACTIONS[args.records_command]
    try:
        with InstanceLock(paths.lock_file):
            return action(args, paths)
    except (DataFolderInUse, RecordsError, OSError) as error:
        print(f"vrlearn: {error}", file=sys.stderr)
        return 2


def records_check(_args: argparse.Namespace, paths: AppPaths) -> int:
    from vrlearn.records import RecordsStore

    store = RecordsStore.open(paths.records_dir)
    try:
        for notice in store.notices:
            print(f"notice: {notice}", file=sys.stderr)
        report = store.check()
    finally:
        store.close()
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1


def records_backup(args: argparse.Namespace, paths: AppPaths) -> int:
    from vrlearn.records import RecordsStore, create_backup

    store = RecordsStore.open(paths.records_dir)
    try:
        for notice in store.notices:
            print(f"notice: {notice}", file=sys.stderr)
        info = create_backup(store, args.file)
    finally:
        store.close()
    print(f"Backup written to {args.file}: {info.summary()}")
    return 0


def records_restore(args: argparse.Namespace, paths: AppPaths) -> int:
    from vrlearn.records import restore_backup

    result = restore_backup(paths.records_dir, args.file)
    print(f"Records restored from {args.file}: {result.backup.summary()}")
    if result.previous is not None:
        print(f"The records you had before are kept in {result.previous}")
    return 0


RECORDS_ACTIONS: dict[str, Callable[[argparse.Namespace, AppPaths], int]] = {
    "check": records_check,
    "backup": records_backup,
    "restore": records_restore,
}


def cmd_self_test(args: argparse.Namespace) -> int:
    """Run every self-test check; exit 0 only when all of them pass."""
    import json
    import tempfile

    from vrlearn.self_test import CheckContext, report, run_checks
    from vrlearn.self_test.runner import lines

    data_dir = _paths(args).data_dir
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        results = run_checks(CheckContext(data_dir, args.keep.resolve(), args.window))
    else:
        with tempfile.TemporaryDirectory(prefix="vrlearn-self-test-") as scratch:
            results = run_checks(CheckContext(data_dir, Path(scratch), args.window))
    summary = report(results)
    if args.json:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        print("\n".join(lines(results)))
    return 0 if summary["ok"] else 1


def cmd_certificates(args: argparse.Namespace) -> int:
    from vrlearn.cli_certificates import cmd_certificates as run_certificates

    return run_certificates(args, _paths(args))


def cmd_keys(args: argparse.Namespace) -> int:
    from vrlearn.cli_certificates import cmd_keys as run_keys

    return run_keys(args, _paths(args))


def cmd_packages(args: argparse.Namespace) -> int:
    from vrlearn import cli_packages

    handlers = {
        "pack": cli_packages.cmd_pack,
        "import": cli_packages.cmd_import,
        "remove": cli_packages.cmd_remove,
    }
    return handlers[args.command](args, _paths(args))


def cmd_catalogue(args: argparse.Namespace) -> int:
    from vrlearn import cli_catalogue

    if args.command == "download":
        return cli_catalogue.cmd_download(args, _paths(args))
    return cli_catalogue.cmd_catalogue(args, _paths(args))


def cmd_gui(args: argparse.Namespace, argv: list[str]) -> int:
    # Start-up runs with the cyclic garbage collector paused: importing PySide, building its enums
    # and reading the library allocate objects that all live on, and the collector's passes over
    # them are wasted. run_gui turns it back on once the library is on screen (or here, if
    # start-up fails first).
    gc.disable()
    try:
        from vrlearn import crash, log
        from vrlearn.app import run_gui

        paths = _paths(args)
        log_file = log.configure(paths.log_dir)
        crash.install(show_dialog=crash.dialog_wanted(args.no_crash_dialog, dict(os.environ)),
                      log_file=log_file)  # fmt: skip
        return run_gui(paths, argv)
    finally:
        gc.enable()


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "list": cmd_list,
    "validate": cmd_validate,
    "records": cmd_records,
    "self-test": cmd_self_test,
    "certificates": cmd_certificates,
    "keys": cmd_keys,
    "pack": cmd_packages,
    "import": cmd_packages,
    "remove": cmd_packages,
    "catalogue": cmd_catalogue,
    "download": cmd_catalogue,
}


def _parse(argv: list[str]) -> argparse.Namespace:
    """The arguments; when they only open the player (folder options, no command, no --help),
    without building every command's parser, which would add to the GUI's start-up time."""
    folders_only = argparse.ArgumentParser(
        prog="vrlearn", add_help=False, allow_abbrev=False, exit_on_error=False
    )
    _add_folder_options(folders_only)
    try:
        args, rest = folders_only.parse_known_args(argv)
    except argparse.ArgumentError:
        rest = argv  # the full parser says what is wrong
    if rest:
        return _parser().parse_args(argv)
    args.command = None
    return args


def run(argv: list[str]) -> int:
    args = _parse(argv)
    if args.data_dir is not None:
        os.environ[DATA_DIR_ENV] = str(args.data_dir)
    if args.command is None:
        return cmd_gui(args, [sys.argv[0], *argv])
    return COMMANDS[args.command](args)
