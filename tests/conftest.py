from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from timeline.model import Article

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def pytest_configure(config: pytest.Config) -> None:
    # Keep the tests' regex cache (timeline/timex/regexcache.py) out of the user's home.
    import os
    import tempfile

    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="timeline-test-cache-")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite tests/golden/ from the current output.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def make_article(text: str, published: str = "2016-07-14", **fields: str) -> Article:
    """An Article built by hand, for stage tests that need no files."""
    return Article(id=fields.pop("id", "a1"), text=text, published=dt.date.fromisoformat(published), **fields)
