"""Every file of the libzip hazard corpus is refused by `import`, with a message of the right
kind, leaving the installed module and everything around it untouched.

None of the corpus files is a VR Learn module, so every one must be refused; the entry and
streaming checks are also run on each alone (`require_layout=False`), where a well-formed zip
extracts (only inside its staging folder) and a hostile or damaged one is refused.
`bigzero-zip.zip` (a 10 KB nested bomb) and `manyfiles-zip.zip` (inner zips of 65k+ entries)
are never extracted beyond one level, and the bomb is stopped by the ratio check.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, corpus_dir
from tests.packages.conftest import Site
from vrlearn.packages import PackageError, import_module
from vrlearn.packages.limits import DEFAULT_LIMITS
from vrlearn.packages.package_file import unpack

ENCRYPTED = "is encrypted"
METHOD = "uses the compression method"
NOT_A_ZIP = "is damaged or not a zip file"
NOT_A_MODULE = "has no module.toml at its top level"
SPECIAL = "is a special file"
DAMAGED = "is damaged"
CATEGORIES = (
    ENCRYPTED,
    METHOD,
    NOT_A_ZIP,
    NOT_A_MODULE,
    SPECIAL,
    "has a NUL character",
    "appears twice",
    "has an empty name",
    "has a control character",
)

KNOWN = {
    "broken.zip": ENCRYPTED,
    "empty-pkware.zip": ENCRYPTED,
    "encrypt-1234.zip": ENCRYPTED,
    "encrypt-aes256.zip": ENCRYPTED,
    "encrypt-pkware-noentropy.zip": ENCRYPTED,
    "hmac-error.zip": ENCRYPTED,
    "encrypt-none.zip": NOT_A_MODULE,
    "testbzip2.zip": METHOD,
    "testfile-lzma.zip": METHOD,
    "testfile-xz.zip": METHOD,
    "testfile-zstd.zip": METHOD,
    "lzma-no-eos.zip": METHOD,
    "bogus.zip": NOT_A_ZIP,
    "testfile-truncated.zip": NOT_A_ZIP,
    "LICENSE.libzip": NOT_A_ZIP,
    "incons-central-magic-bad.zip": NOT_A_ZIP,
    "incons-eocd-magic-bad.zip": NOT_A_ZIP,
    "incons-filename-nul-byte.zip": "has a NUL character",
    "filename_duplicate.zip": "appears twice",
    "filename_empty.zip": "has an empty name",
    "streamed.zip": SPECIAL,
    "bigzero-zip.zip": NOT_A_MODULE,
    "manyfiles-zip.zip": NOT_A_MODULE,
}
STREAMING = {  # what the entry and streaming checks alone say
    "bigzero-zip.zip": "refused as a zip bomb",
    "incons-central-crc.zip": "does not match its CRC check value",
    "incons-data.zip": "does not match its CRC check value",
    "incons-local-filename.zip": "names a different file",
    "incons-zip64-checkcons-overflow.zip": "truncated",
    "incons-central-size-larger.zip": "but its header says",
    "incons-cdoffset.zip": "cannot be read from the package",
}


def corpus_files() -> list[Path]:
    return sorted(corpus_dir("zip-hazards", "libzip").iterdir())


def test_the_corpus_is_all_there() -> None:
    names = {path.name for path in corpus_files()}
    assert len(names) > 150 and set(KNOWN) <= names and set(STREAMING) <= names


def test_every_corpus_file_is_refused_and_changes_nothing(installed: Site) -> None:
    before = installed.snapshot()
    seen: dict[str, str] = {}
    for path in corpus_files():
        with pytest.raises(PackageError) as caught:
            import_module(path, installed.modules_dir)
        problems = caught.value.problems
        assert problems and str(caught.value).startswith(f"{path.name} cannot be imported: ")
        first = problems[0]
        assert any(category in first for category in CATEGORIES), (path.name, first)
        seen[path.name] = first
        assert installed.snapshot() == before, path.name
        assert installed.leftovers() == [], path.name
    for name, expected in KNOWN.items():
        assert expected in seen[name], (name, seen[name])


def test_entry_and_streaming_checks_alone(tmp_path: Path) -> None:
    """Each corpus zip either extracts inside its staging folder or is refused with a reason."""
    outside = tmp_path / "outside"
    outside.mkdir()
    results: dict[str, str] = {}
    for number, path in enumerate(corpus_files()):
        staging = tmp_path / "modules" / f".staging-{number}"
        staging.mkdir(parents=True)
        try:
            unpack(path, staging, DEFAULT_LIMITS, require_layout=False, durable=False)
        except PackageError as error:
            assert error.problems, path.name
            results[path.name] = error.problems[0]
        else:
            results[path.name] = "extracted"
            for file in staging.rglob("*"):
                assert file.resolve().is_relative_to(staging.resolve()), (path.name, file)
                assert not file.is_symlink()
        assert list(outside.iterdir()) == [], path.name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["modules", "outside"]
    for name, expected in STREAMING.items():
        assert expected in results[name], (name, results[name])
    assert results["testfile.zip"] == "extracted"


SAMPLE = [
    "bigzero-zip.zip",
    "manyfiles-zip.zip",
    "encrypt-aes256.zip",
    "testfile-zstd.zip",
    "testfile-truncated.zip",
    "incons-filename-nul-byte.zip",
    "filename_duplicate.zip",
    "streamed.zip",
    "testfile.zip",
    "incons-central-crc.zip",
]


@pytest.mark.parametrize("name", SAMPLE)
def test_vrlearn_import_refuses_corpus_samples(installed: Site, name: str) -> None:
    path = corpus_dir("zip-hazards", "libzip") / name
    data_dir = installed.modules_dir.parent
    before = installed.snapshot()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "vrlearn",
            "--data-dir",
            str(data_dir),
            "--content-dir",
            str(installed.modules_dir),
            "import",
            str(path),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"{name} cannot be imported: ")
    expected = KNOWN.get(name, NOT_A_MODULE)
    assert expected in done.stderr
    assert installed.snapshot() == before
