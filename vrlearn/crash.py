"""Unhandled errors in the player: written to the log with their traceback, then shown.

`install()` sets `sys.excepthook` (which PySide6 also calls for an exception escaping a Qt slot)
and `threading.excepthook`. Each unhandled error is logged at CRITICAL with its traceback, so it
lands in the rotating log in the data folder (vrlearn.log), and then, on the GUI thread, a
dialog shows what happened with details the user can copy for their IT service desk.

The handler never raises: anything that goes wrong inside it is written to stderr. While the
dialog is open a further error is only logged (no stack of dialogs). `--no-crash-dialog` or
VRLEARN_NO_CRASH_DIALOG=1 (CI, unattended runs) turns the dialog off, as does turning dialogs
off in vrlearn.ui.messages (tests). Only the standard library is imported here; Qt is imported
when an error is shown, so installing the handler costs nothing at start-up.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

log = logging.getLogger("vrlearn.crash")

NO_DIALOG_ENV = "VRLEARN_NO_CRASH_DIALOG"

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]

_settings: dict[str, object] = {"dialog": True, "log_file": None}
_dialog_open = threading.Event()


def install(*, show_dialog: bool = True, log_file: Path | None = None) -> None:
    """Handle every unhandled error from now on; `log_file` is named in the dialog."""
    _settings["dialog"] = show_dialog
    _settings["log_file"] = log_file
    sys.excepthook = _on_exception
    threading.excepthook = _on_thread_exception


def dialog_wanted(flag: bool, environ: dict[str, str]) -> bool:
    """False when `--no-crash-dialog` was given or VRLEARN_NO_CRASH_DIALOG is set (not "0")."""
    return not flag and environ.get(NO_DIALOG_ENV, "0") in ("", "0")


def _on_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C in a terminal: Python's own handling
        sys.__excepthook__(exc_type, exc, tb)
        return
    handle((exc_type, exc, tb), where="")


def _on_thread_exception(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None or issubclass(args.exc_type, SystemExit):
        return
    name = args.thread.name if args.thread is not None else "unknown"
    handle((args.exc_type, args.exc_value, args.exc_traceback), where=f" in thread {name}")


def handle(info: ExcInfo, where: str) -> None:
    """Log the error, then show it (on the GUI thread) unless dialogs are off or one is open."""
    try:
        details = about() + "".join(traceback.format_exception(*info))
        log.critical("unhandled error%s:\n%s", where, details.rstrip())
    except Exception:  # never raise from here: say it on stderr, as Python would
        _last_resort(info)
        return
    try:
        if _settings["dialog"] and not _dialog_open.is_set():
            _show_later(details)
    except Exception:
        _last_resort(sys.exc_info())


def about() -> str:
    """The first line of the details: which VR Learn, on which Python and system."""
    import platform

    from vrlearn import __version__

    build = "packaged" if getattr(sys, "frozen", False) else "from source"
    return (
        f"VR Learn {__version__} ({build}), Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()} ({platform.machine()})\n"
    )


def _show_later(details: str) -> None:
    """Show the dialog on the GUI thread, from whichever thread the error happened in."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from vrlearn.ui import messages

    app = QApplication.instance()
    if app is None or not messages.dialogs_enabled():
        return
    if threading.current_thread() is threading.main_thread():
        _show(details)
    else:
        QTimer.singleShot(0, app, lambda: _show(details))


def _show(details: str) -> None:
    if _dialog_open.is_set():
        return
    _dialog_open.set()
    try:
        show_dialog(details, _log_file())
    except Exception:
        log.exception("the error dialog could not be shown")
    finally:
        _dialog_open.clear()


def _show_crash_dialog(details: str, log_file: Path | None) -> None:
    from vrlearn.ui.crash_dialog import show_crash_dialog

    show_crash_dialog(details, log_file)


#: What shows the dialog (tests put a recorder here); called on the GUI thread.
show_dialog: Callable[[str, Path | None], None] = _show_crash_dialog


def dialog_is_open() -> bool:
    return _dialog_open.is_set()


def _log_file() -> Path | None:
    value = _settings["log_file"]
    return value if isinstance(value, Path) else None


def _last_resort(info: ExcInfo | tuple[None, None, None]) -> None:
    try:
        sys.__stderr__.write("vrlearn: an unhandled error could not be logged:\n")  # type: ignore[union-attr]
        if info[0] is not None:
            traceback.print_exception(info[1], file=sys.__stderr__)
    except Exception:
        pass
