"""Every sentence the learner reads about a download: what went wrong, where it stopped, what next.

Plain functions of the values they name, so the wording can be read (and changed) in one place
and `download.py` keeps to the download itself. Each says what was kept: a part that will resume,
or that nothing was installed.
"""

from __future__ import annotations

import errno
from pathlib import Path
from urllib.parse import urlsplit

from vrlearn.catalogue.feed import CatalogueEntry
from vrlearn.catalogue.sizes import megabytes


def host(url: str) -> str:
    """The server's name in `url`, as a place the learner may recognise."""
    return urlsplit(url).hostname or url


def where(entry: CatalogueEntry, done: int) -> str:
    """How far the download got: "12.3 MB of 40.0 MB"."""
    return f"{megabytes(done)} of {megabytes(entry.size)}"


def folder_failed_message(downloads_dir: Path, error: OSError) -> str:
    return f"The download folder {downloads_dir} could not be made: {error.strerror or error}."


def already_downloading_message(entry: CatalogueEntry) -> str:
    return f"{entry.title} is already being downloaded."


def paused_message(entry: CatalogueEntry, done: int) -> str:
    return (
        f"The download of {entry.title} is paused at {where(entry, done)}; "
        f"it will resume from there."
    )


def not_enough_space_message(entry: CatalogueEntry, needed: int, free: int, folder: Path) -> str:
    return (
        f"There is not enough free disk space to download {entry.title}: it needs "
        f"{megabytes(needed)} more and {megabytes(free)} is free on the drive with "
        f"{folder}. Free some space and try again."
    )


def keeps_restarting_message(entry: CatalogueEntry, reason: Exception) -> str:
    return (
        f"The server for {entry.title} keeps sending a different part "
        f"of the file than the one asked for ({reason}). Try again later."
    )


def request_failed_message(entry: CatalogueEntry, failure: str, done: int) -> str:
    kept = " What was downloaded so far is kept." if done else ""
    return f"{entry.title} could not be downloaded from {host(entry.url)}: {failure}.{kept}"


def stalled_message(entry: CatalogueEntry, stall: float, done: int) -> str:
    return (
        f"The download of {entry.title} stalled: nothing arrived from "
        f"{host(entry.url)} for {stall:g} seconds (at {where(entry, done)}). Try again "
        f"later; it will resume from there."
    )


def dropped_message(entry: CatalogueEntry, done: int, tries: int) -> str:
    return (
        f"The connection dropped at {where(entry, done)} while downloading {entry.title}, "
        f"even after {tries} tries to resume. Try again later; it will resume "
        f"from there."
    )


def status_message(entry: CatalogueEntry, status: int, reason: str | None) -> str:
    hint = ""
    if status == 404:
        hint = " (the file is not there; the catalogue may be out of date)"
    elif status in (401, 403, 407):
        hint = " (the server or the network wants you to sign in first)"
    elif status >= 500:
        hint = " (a problem at the server; try again later)"
    answered = f"{status} {reason or ''}".rstrip()
    return (
        f"{entry.title} could not be downloaded: the server answered {answered}{hint} "
        f"for {entry.url}."
    )


def web_page_message(entry: CatalogueEntry) -> str:
    return (
        f"The server sent a web page instead of the module package for {entry.title}. You may "
        f"need to sign in to the Wi-Fi first (open any web page in your browser), then try again."
    )


def not_a_package_message(entry: CatalogueEntry) -> str:
    return (
        f"The server sent something that is not a module package for {entry.title} "
        f"({entry.url}), so it was deleted and nothing was installed."
    )


def wrong_size_message(entry: CatalogueEntry, size: int) -> str:
    return (
        f"The file the server has for {entry.title} does not match the catalogue: it is "
        f"{size:,} bytes and the catalogue says {entry.size:,}. Nothing was installed; "
        f"tell whoever looks after the catalogue."
    )


def too_big_message(entry: CatalogueEntry) -> str:
    return (
        f"The file the server sent for {entry.title} does not match the catalogue: "
        f"it is bigger than the {entry.size:,} bytes the catalogue says. It was "
        f"deleted and nothing was installed."
    )


def wrong_checksum_message(entry: CatalogueEntry) -> str:
    return (
        f"The downloaded file for {entry.title} does not match the catalogue (its SHA-256 "
        f"checksum is different), so it was deleted and nothing was installed. Try "
        f"again; if it happens again, tell whoever looks after the catalogue."
    )


def not_kept_message(entry: CatalogueEntry, folder: Path, error: OSError) -> str:
    return (
        f"The downloaded file for {entry.title} could not be kept in "
        f"{folder}: {error.strerror or error}."
    )


def write_failed_message(entry: CatalogueEntry, folder: Path, done: int, error: OSError) -> str:
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return (
            f"The disk is full: the download of {entry.title} stopped at "
            f"{where(entry, done)}. Free some space on the drive with {folder} and try again; "
            f"it will resume from there."
        )
    return (
        f"The download of {entry.title} could not be saved in {folder}: "
        f"{error.strerror or error}. What was downloaded so far is kept."
    )
