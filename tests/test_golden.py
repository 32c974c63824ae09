"""Whole-pipeline outputs on the fixtures, compared with tests/golden/.

When a change alters them on purpose, run `pytest tests/test_golden.py --update-golden`
and review the diff of tests/golden/ like any other change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main

GOLDEN = Path(__file__).parent / "golden"


def check(name: str, actual: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no {path}; run pytest --update-golden"
    assert actual == path.read_text(encoding="utf-8"), f"{name} changed; if on purpose, run pytest --update-golden and review"


INPUTS = ["folder", "corpus.jsonl", "merge"]  # relative to tests/fixtures, so paths in the output are too


def test_dates_golden(fixtures: Path, update_golden: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(fixtures)
    args = ["dates", *INPUTS]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    check("dates.jsonl", result.stdout, update_golden)


def test_timeline_json_golden(tmp_path: Path, fixtures: Path, update_golden: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(fixtures)
    data = tmp_path / "t.json"
    args = ["build", *INPUTS, "-o", str(tmp_path / "t.html"), "--json", str(data), "--no-cache", "--title", "Fixtures"]
    CliRunner().invoke(main, args, catch_exceptions=False)
    check("timeline.json", data.read_text(encoding="utf-8"), update_golden)
