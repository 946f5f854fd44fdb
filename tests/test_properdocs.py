"""The road after MkDocs 1.6 and Material 9: ProperDocs (a drop-in fork of MkDocs) builds our generated docs into the
same site, so switching is one line in the build when MkDocs or Material stops being maintained (ARCHITECTURE.md)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import build_epoch, check, make_kit
from generator.config import load_settings
from generator.output import search_budget, search_titles

pytestmark = pytest.mark.slow

# The one line that may differ: the generator's name in <meta name="generator">.
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): GENERATOR.sub(b"", p.read_bytes()) for p in folder.rglob("*") if p.is_file()}


def test_properdocs_builds_the_same_site_as_mkdocs(built_site: Path, tmp_path: Path) -> None:
    project = built_site.parent
    out = tmp_path / "en"
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    config = project / ".build" / "mkdocs.en.yml"  # written by the build
    settings, _ = load_settings(project)
    assert settings is not None
    project_model = check(settings).project
    assert project_model is not None
    env["SOURCE_DATE_EPOCH"] = str(build_epoch(project_model))  # as the build gave MkDocs
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(out)]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    search_budget.trim(out)  # as the build does after every MkDocs run …
    labels = make_kit(settings, 0).labels["en"]  # … and after all of them: search results say their page kind
    search_titles.write(out, {kind: labels[f"search_kind_{kind}"] for kind in search_titles.KINDS})
    ours, theirs = _files(built_site / "en"), _files(out)
    differ = sorted(name for name in ours.keys() | theirs.keys() if ours.get(name) != theirs.get(name))
    assert differ == []
