"""What the CLI tests share: a small article, running the CLI in-process, and the check that
bad input gets one line and exit 1."""

from __future__ import annotations

from click.testing import CliRunner, Result

from timeline.cli import main

ARTICLE = "---\npublished: 2016-07-14\nsource: Test Wire\n---\nThe ministers met in Vienna on 5 September 2016 and agreed a truce.\n"


def run(*args: str, input: bytes | str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input)


def assert_bad_input(result: Result, message: str) -> None:
    """Exit 1, exactly one line on stderr (no warning before it), no traceback."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert result.stderr == f"Error: {message}\n"
