"""Command-line parsing: options that only open the player skip building every command's parser."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from vrlearn import cli

PLAYER_ONLY = [
    [],
    ["--data-dir", "data"],
    ["--data-dir=data", "--content-dir", "one", "--content-dir=two"],
]


@pytest.mark.parametrize("argv", PLAYER_ONLY)
def test_player_options_parse_as_the_full_parser_does(argv: list[str]) -> None:
    quick = cli._parse(argv)
    full = cli._parser().parse_args(argv)
    assert quick.command is None
    assert (quick.data_dir, quick.content_dir) == (full.data_dir, full.content_dir)


def test_player_options_do_not_build_the_command_parsers(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail() -> argparse.ArgumentParser:
        raise AssertionError("the full parser was built")

    monkeypatch.setattr(cli, "_parser", fail)
    args = cli._parse(["--data-dir", "data", "--content-dir", "content"])
    assert (args.data_dir, args.content_dir) == (Path("data"), [Path("content")])


def test_commands_help_and_mistakes_go_to_the_full_parser(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli._parse(["--data-dir", "data", "list"]).command == "list"
    assert cli._parse(["--data", "data"]).data_dir == Path("data")  # abbreviation, as before
    with pytest.raises(SystemExit) as missing:
        cli._parse(["--data-dir"])
    assert missing.value.code == 2
    assert "argument --data-dir: expected one argument" in capsys.readouterr().err
    with pytest.raises(SystemExit) as version:
        cli._parse(["--version"])
    assert version.value.code == 0
    assert capsys.readouterr().out.startswith("VR Learn ")
    with pytest.raises(SystemExit):
        cli._parse(["--help"])
    assert "COMMAND" in capsys.readouterr().out
