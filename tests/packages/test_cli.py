"""`vrlearn pack`, `vrlearn import` and `vrlearn remove` as a user runs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, ModuleFactory
from tests.packages.conftest import manifest_text


def vrlearn(
    data: Path, *args: str, content: Path | None = None
) -> subprocess.CompletedProcess[str]:
    options = ["--data-dir", str(data)]
    for folder in (content, data / "modules"):
        if folder is not None:
            options += ["--content-dir", str(folder)]
    return subprocess.run(
        [sys.executable, "-m", "vrlearn", *options, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )


def test_pack_import_upgrade_list_remove(make_module: ModuleFactory, tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = make_module(
        "stroke-basics",
        manifest=manifest_text("stroke-basics", "1.0.0", "Basics"),
        parent=tmp_path / "v1",
    )
    second = make_module(
        "stroke-basics",
        manifest=manifest_text("stroke-basics", "1.1.0", "Basics"),
        parent=tmp_path / "v2",
    )
    packed = vrlearn(data, "pack", str(first), "-o", str(tmp_path / "basics-1.vrmod"))
    assert packed.returncode == 0 and packed.stdout.startswith("Packed "), packed.stderr
    done = vrlearn(data, "import", str(tmp_path / "basics-1.vrmod"))
    assert (done.returncode, done.stdout) == (0, "Installed Basics 1.0.0\n"), done.stderr
    done = vrlearn(data, "import", str(second))  # a folder imports too
    assert (done.returncode, done.stdout) == (0, "Installed Basics 1.1.0 (replaced 1.0.0)\n")
    again = vrlearn(data, "import", str(tmp_path / "basics-1.vrmod"))
    assert again.returncode == 1
    assert "version 1.1.0 is installed, which is newer than 1.0.0" in again.stderr
    listed = vrlearn(data, "list")
    assert listed.stdout == "stroke-basics\t1.1.0\tBasics\n"
    removed = vrlearn(data, "remove", "stroke-basics")
    assert removed.returncode == 0 and "progress and certificates are kept" in removed.stdout
    assert vrlearn(data, "list").stdout == ""
    missing = vrlearn(data, "remove", "stroke-basics")
    assert missing.returncode == 1 and "No module 'stroke-basics' is installed" in missing.stderr


def test_every_problem_on_its_own_line(make_module: ModuleFactory, tmp_path: Path) -> None:
    folder = make_module()
    text = (folder / "module.toml").read_text(encoding="utf-8")
    text = text.replace('title = "A test module"', "title = 3").replace('"en-GB"', '"english!"')
    (folder / "module.toml").write_text(text, encoding="utf-8")
    done = vrlearn(tmp_path / "data", "import", str(folder))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0].startswith("test-module cannot be imported: module.toml:4: title:")
    assert "(and 1 more problem)" in lines[0]
    assert lines[1].startswith("module.toml:4: title: ")
    assert lines[2].startswith("module.toml:") and ": language: " in lines[2]
    assert not (tmp_path / "data" / "modules" / "test-module").exists()


def test_bundled_modules_cannot_be_removed(make_module: ModuleFactory, tmp_path: Path) -> None:
    bundled = tmp_path / "bundled"
    make_module("bundled-module", parent=bundled)
    done = vrlearn(tmp_path / "data", "remove", "bundled-module", content=bundled)
    assert done.returncode == 1
    assert done.stderr == "bundled-module is bundled with VR Learn and cannot be removed.\n"
    assert (bundled / "bundled-module" / "module.toml").is_file()


def test_import_and_remove_refuse_while_vr_learn_is_open(
    make_module: ModuleFactory, tmp_path: Path
) -> None:
    """The player holds the data folder's lock; the commands say so and change nothing."""
    from vrlearn.instance_lock import InstanceLock

    data = tmp_path / "data"
    folder = make_module(
        "basics", manifest=manifest_text("basics", "1.0.0", "Basics"), parent=tmp_path / "v1"
    )
    assert vrlearn(data, "import", str(folder)).returncode == 0
    newer = make_module(
        "basics", manifest=manifest_text("basics", "1.1.0", "Basics"), parent=tmp_path / "v2"
    )
    with InstanceLock(data / "vrlearn.lock"):  # as the open player holds it
        for args in (("import", str(newer)), ("remove", "basics")):
            done = vrlearn(data, *args)
            assert done.returncode == 1, done.stderr
            assert "VR Learn is already open using the data folder" in done.stderr
    assert '"1.0.0"' in (data / "modules" / "basics" / "module.toml").read_text()
    assert vrlearn(data, "remove", "basics").returncode == 0  # lock released: works again
