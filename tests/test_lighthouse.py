"""Lighthouse's mobile scores (bench/audit.py's thresholds: performance ≥ 95, accessibility 100, best practices ≥ 95,
SEO ≥ 95) on the test session's build, which has a site address like the deployment: every kind of page in every
language, as `make audit` does."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import audit

pytestmark = [pytest.mark.slow, pytest.mark.browser]

COVERED = [(kind, lang) for lang in ("nl", "de", "fr", "en") for kind in audit.PAGES]


def test_lighthouse_thresholds_hold(built_site: Path, tmp_path: Path) -> None:
    if not audit.LIGHTHOUSE.exists():
        pytest.fail(f"{audit.LIGHTHOUSE} is missing: run `npm ci` (make test does)")
    # Two Chromiums at once (about 2 minutes for 28 pages on 2 cores). Performance is measured on a shared machine: a
    # page under its threshold gets one more run, alone, and must pass it.
    results = audit.audit(built_site, COVERED, jobs=2, reports=tmp_path / "first")
    again = [(r.kind, r.lang) for r in results if not r.passed()]
    if again:
        results = [r for r in results if r.passed()] + audit.audit(built_site, again, jobs=1, reports=tmp_path / "again")
    assert [r for r in results if not r.passed()] == [], "\n" + audit.table(results)
