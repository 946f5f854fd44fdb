"""The browser tests' watcher (tests/page_watch.py) reports a file a page cannot load, and not a request the test
itself cut short by going to the next page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.page_watch import watch

pytestmark = [pytest.mark.browser]


def test_a_missing_file_is_reported(browser: Any, tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text('<!doctype html><title>t</title><img src="missing.png" alt="x">', "utf-8")
    page = browser.new_page()
    problems = watch(page)
    page.goto((tmp_path / "page.html").as_uri(), wait_until="load")
    page.close()
    assert [p for p in problems if p.startswith("failed:")] == [
        f"failed: {(tmp_path / 'missing.png').as_uri()} (net::ERR_FILE_NOT_FOUND)"
    ]
