"""`make site` on a bare Debian 12: the Python lock installs on its python3, the system libraries the build checks
first are the ones the README names and CI installs, and WeasyPrint's notices when HarfBuzz-Subset is missing fail
neither a factsheet nor the tests (.ci/bare-debian12 runs the whole quick start on a real bare machine)."""

from __future__ import annotations

import io
import logging
import re
import warnings
from importlib import metadata

import pytest
import yaml
from packaging.specifiers import SpecifierSet
from pypdf import PdfReader

from generator.output import factsheet_pdf, system
from tests.conftest import ROOT

DEBIAN_12_PYTHON = "3.11.2"
WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))


def _packages(groups: tuple[tuple[str, tuple[str, ...], str], ...]) -> list[str]:
    return [package for _, _, packages in groups for package in packages.split()]


def test_every_locked_package_accepts_debian_12s_python() -> None:
    """Checked on what is installed here at the locked version (its metadata says which Pythons it accepts)."""
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = re.findall(r"^([A-Za-z0-9._-]+)==(\S+) \\$", lock, re.MULTILINE)
    checked, refused = 0, []
    for name, pinned in pins:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        if dist.version != pinned:
            continue  # another version is installed here: its metadata says nothing about the locked one
        checked += 1
        accepts = dist.metadata.get("Requires-Python")
        if accepts and not SpecifierSet(accepts).contains(DEBIAN_12_PYTHON):
            refused.append(f"{name}=={pinned} needs Python {accepts}")
    assert checked > len(pins) // 2
    assert refused == [], "add an upper bound to constraints.txt and run `make lock`"


def test_the_readme_names_every_system_package_the_build_checks_and_python3_venv() -> None:
    quick_start = (ROOT / "README.md").read_text(encoding="utf-8").split("## Quick start", 1)[1].split("\n## ", 1)[0]
    for package in [*_packages(system.NEEDED + system.OPTIONAL), "python3-venv", "chromium", "default-jre-headless"]:
        assert f"{package}" in quick_start, package


def test_ci_and_every_workflow_that_builds_install_the_system_packages() -> None:
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert all(package in ci for package in _packages(system.NEEDED + system.OPTIONAL))
    builders = 0
    for path in WORKFLOWS:
        for name, job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].items():
            runs = "\n".join(step.get("run", "") for step in job.get("steps", []))
            if "roadmaps build" in runs or "make site" in runs:
                builders += 1
                assert all(package in runs for package in _packages(system.NEEDED)), f"{path.name}: {name}"
    assert builders >= 2


def test_the_pull_request_checks_run_the_quick_start_on_a_bare_debian_12() -> None:
    jobs = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text(encoding="utf-8"))["jobs"]
    bare = [job for job in jobs.values() if job.get("container") == "debian:12"]
    assert [step.get("run") for job in bare for step in job["steps"] if "run" in step] == ["bash .ci/bare-debian12"]
    script = (ROOT / ".ci/bare-debian12").read_text(encoding="utf-8")
    assert "--no-install-recommends python3 python3-venv make >" in script  # the README's list, nothing more


def test_a_factsheet_without_harfbuzz_subset_is_subset_by_fonttools_and_has_no_problem(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from weasyprint.pdf import fonts  # what WeasyPrint finds when libharfbuzz-subset0 is not installed

    monkeypatch.setattr(fonts, "harfbuzz_subset", None)
    page = (
        "<!doctype html><html lang=de><head><title>t</title></head><body><p>Grenzgänger → Anerkennung</p></body></html>"
    )
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        [result] = factsheet_pdf.render_here([factsheet_pdf.Job("test.de", page, 2, "roadmaps/x.yaml", "x (de)")])
    assert any(system.harmless(record.getMessage()) for record in caplog.records)  # the fallback really ran
    assert result.problems == []
    assert "Grenzgänger" in PdfReader(io.BytesIO(result.pdf)).pages[0].extract_text()


def test_weasyprints_notice_that_harfbuzz_subset_will_be_required_does_not_fail_the_tests() -> None:
    """WeasyPrint warns so when it is imported on a machine without the library; every other warning is an error."""
    warnings.warn(
        "HarfBuzz-Subset will be required by future versions of WeasyPrint. "
        "Please install this library with your package manager.",
        DeprecationWarning,
        stacklevel=1,
    )
