"""The GitHub workflows and the pre-commit hooks: valid against their schemas (offline), pinned, and doing what
CONTRIBUTING.md promises. Each gate is also shown to catch a broken file."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.load.documents import load_text
from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def _load(path: Path) -> dict[str, Any]:
    # YAML 1.2 (our loader): plain PyYAML would read the key `on` as True
    doc, problems = load_text(path.name, path.read_text(encoding="utf-8"))
    assert doc is not None, problems
    return dict(doc.data)


def _check_jsonschema(*paths: Path) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "check_jsonschema",
        "--builtin-schema",
        "vendor.github-workflows",
        *map(str, paths),
    ]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_workflows_exist() -> None:
    assert [p.name for p in WORKFLOWS] == ["publish.yml", "pull-request.yml"]


def test_workflows_are_valid() -> None:
    result = _check_jsonschema(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_gate_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    steps:\n      - run: true\n", encoding="utf-8")  # no runs-on
    assert _check_jsonschema(broken).returncode == 1


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_actions_are_pinned_to_a_commit(path: Path) -> None:
    uses = [step["uses"] for step in _steps(_load(path)) if "uses" in step]
    assert uses and all(PINNED.match(u) for u in uses), uses


def test_pull_request_checks_and_citizen_summary() -> None:
    workflow = _load(ROOT / ".github/workflows/pull-request.yml")
    assert "pull_request" in workflow["on"]
    runs = "\n".join(step.get("run", "") for step in _steps(workflow))
    assert "roadmaps validate --strict" in runs and "roadmaps docs --check" in runs
    assert "bash .ci/run" in runs and "roadmaps build --strict" in runs
    assert 'roadmaps diff "$BASE_SHA" HEAD --format markdown >> "$GITHUB_STEP_SUMMARY"' in runs
    checkout = next(s for s in workflow["jobs"]["validate"]["steps"] if "checkout" in s.get("uses", ""))
    assert checkout["with"]["fetch-depth"] == 0  # the base revision must be there for the diff
    assert workflow["permissions"] == {"contents": "read"}


def test_main_builds_and_deploys_to_pages() -> None:
    workflow = _load(ROOT / ".github/workflows/publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    uses = [step.get("uses", "").split("@")[0] for step in _steps(workflow)]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    upload = next(s for s in _steps(workflow) if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site"


def _pre_commit(config: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pre_commit", "validate-config", str(config)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_pre_commit_config_is_valid() -> None:
    result = _pre_commit(ROOT / ".pre-commit-config.yaml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_gate_catches_a_broken_config(tmp_path: Path) -> None:
    broken = tmp_path / ".pre-commit-config.yaml"
    broken.write_text(
        "repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    hooks: []\n", encoding="utf-8"
    )
    assert _pre_commit(broken).returncode != 0  # no rev


def test_pre_commit_runs_our_validator_and_the_pinned_ruff() -> None:
    config = _load(ROOT / ".pre-commit-config.yaml")
    local = next(r for r in config["repos"] if r["repo"] == "local")
    assert any(h["entry"].startswith(".venv/bin/roadmaps validate") for h in local["hooks"])
    ruff = next(r for r in config["repos"] if r["repo"] == "https://github.com/astral-sh/ruff-pre-commit")
    pinned = re.search(r'"ruff==([0-9.]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pinned is not None and ruff["rev"] == f"v{pinned.group(1)}"
    assert {h["id"] for h in ruff["hooks"]} == {"ruff-check", "ruff-format"}
