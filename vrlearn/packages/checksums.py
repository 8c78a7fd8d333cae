"""`CHECKSUMS.sha256`: one line per file of the package, as `sha256sum` writes and checks them.

Each line is `<64 lower-case hex digits><two spaces><path relative to the module folder>`, in
path order, ending with a newline. Every file of the package except this one must be listed,
and nothing listed may be missing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

CHECKSUMS_NAME = "CHECKSUMS.sha256"
LINE = re.compile(r"([0-9a-fA-F]{64}) [ *](.+)")


def format_checksums(digests: Mapping[str, str]) -> bytes:
    """The file's bytes for `digests` (relative path -> hex SHA-256)."""
    lines = (f"{digests[name]}  {name}\n" for name in sorted(digests))
    return "".join(lines).encode("utf-8")


def parse_checksums(raw: bytes) -> tuple[dict[str, str], list[str]]:
    """The digests listed (path -> lower-case hex), and every problem as
    `CHECKSUMS.sha256:LINE: message`."""
    digests: dict[str, str] = {}
    problems: list[str] = []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return digests, [f"{CHECKSUMS_NAME}:1: is not UTF-8 text"]
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = LINE.fullmatch(line)
        if match is None:
            problems.append(
                f"{CHECKSUMS_NAME}:{number}: is not '<64 hex digits>  <path>' (as sha256sum writes)"
            )
            continue
        digest, name = match.group(1).lower(), match.group(2)
        if name in digests:
            problems.append(f"{CHECKSUMS_NAME}:{number}: {name!r} is listed twice")
        digests[name] = digest
    return digests, problems
