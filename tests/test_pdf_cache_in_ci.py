"""The workflows that build the site keep the factsheet PDF cache between runs (actions/cache, pinned like every
action), restored before the build, so a build renders only the sheets whose content changed."""

from __future__ import annotations

import pytest

from generator.output import factsheets
from tests.conftest import ROOT
from tests.test_workflows import _load

BUILDS = [("publish.yml", "build"), ("pull-request.yml", "build")]


@pytest.mark.parametrize(("name", "job"), BUILDS)
def test_build_job_restores_the_pdf_cache_before_building(name: str, job: str) -> None:
    steps = _load(ROOT / ".github/workflows" / name)["jobs"][job]["steps"]
    cached = [i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/cache@")]
    built = [i for i, s in enumerate(steps) if "roadmaps build" in s.get("run", "")]
    assert len(cached) == 1 and built and cached[0] < built[0]
    settings = steps[cached[0]]["with"]
    assert settings["path"] == ".build/pdf-cache" == factsheets.DEFAULT_FOLDER
    assert settings["key"].startswith(settings["restore-keys"]) and "github.run_id" in settings["key"]


def test_published_factsheets_are_dated_by_the_commits_day() -> None:
    """The sheets show a day; an epoch of the commit's second would make every push render every sheet again."""
    steps = _load(ROOT / ".github/workflows/publish.yml")["jobs"]["build"]["steps"]
    build = next(s["run"] for s in steps if "roadmaps build" in s.get("run", ""))
    assert "/ 86400 * 86400" in build
