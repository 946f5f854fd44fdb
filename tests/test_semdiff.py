"""`roadmaps diff`: the semantic change list between two fixture trees, two git revisions, and robustness."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import cli
from generator.load import revisions
from generator.tools import factdiff, semdiff
from tests.conftest import FIXTURES, ROOT

DIFF = FIXTURES / "diff"


def changes(base: Path, head: Path) -> list[str]:
    return semdiff.as_text(semdiff.compare(revisions.from_folder(base), revisions.from_folder(head))).splitlines()


def test_fixture_trees_give_the_expected_change_list() -> None:
    assert changes(DIFF / "base", DIFF / "head") == (DIFF / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_the_brief_example_reads_as_a_sentence() -> None:
    assert "physiotherapist NL → DE-NW: fee of step 2 changed from € 60 to € 75; source updated" in changes(
        DIFF / "base", DIFF / "head"
    )


def test_same_tree_has_no_change() -> None:
    assert changes(DIFF / "base", DIFF / "base") == ["no change for citizens"]
    markdown = semdiff.as_markdown([], "main", "HEAD")
    assert "No change for citizens" in markdown


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def test_git_revisions_give_the_same_list_as_folders(tmp_path: Path) -> None:
    repo = tmp_path / "repo"  # a throwaway repository: the project's own is never touched
    shutil.copytree(DIFF / "base", repo)
    (repo / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    shutil.rmtree(repo / "roadmaps")
    shutil.copytree(DIFF / "head" / "roadmaps", repo / "roadmaps")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "head")
    result = CliRunner().invoke(cli.main, ["diff", "HEAD~1", "HEAD", "--root", str(repo)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == (DIFF / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_cli_markdown_for_the_job_summary() -> None:
    result = CliRunner().invoke(
        cli.main, ["diff", str(DIFF / "base"), str(DIFF / "head"), "--root", str(ROOT), "--format", "markdown"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("## What changes for citizens\n")
    assert "### physiotherapist NL → DE-NW" in result.stdout
    assert "- fee of step 2 changed from € 60 to € 75; source updated" in result.stdout


def test_cli_json() -> None:
    import json

    result = CliRunner().invoke(cli.main, ["diff", str(DIFF / "base"), str(DIFF / "head"), "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert {"subject": "authority zsba", "message": "added"} in payload


def test_unreadable_revision_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli.main, ["diff", "no-such-revision-xyz", ".", "--root", str(ROOT)])
    assert result.exit_code == 2
    assert "neither a folder nor a git revision" in result.output


def _head_copy(tmp_path: Path) -> Path:
    head = tmp_path / "head"
    shutil.copytree(DIFF / "base", head)
    return head / "roadmaps/physiotherapist/nl-to-de-nw.yaml"


def test_markup_from_a_pull_request_cannot_reach_the_summary(tmp_path: Path) -> None:
    roadmap = _head_copy(tmp_path)
    text = roadmap.read_text(encoding="utf-8")
    evil = "'<img src=x onerror=alert(1)> [click](javascript:alert(1))'"
    roadmap.write_text(
        text.replace("title: {nl: Erlaubnis aanvragen, en: Apply for the Erlaubnis}", f"title: {{en: {evil}}}")
    )
    markdown = semdiff.as_markdown(
        semdiff.compare(revisions.from_folder(DIFF / "base"), revisions.from_folder(tmp_path / "head")), "a", "b"
    )
    assert "title of step 2: text changed \\(en, nl\\)" in markdown
    assert "<img" not in markdown and "](javascript" not in markdown


def test_invalid_data_is_still_summarised(tmp_path: Path) -> None:
    roadmap = _head_copy(tmp_path)
    text = roadmap.read_text(encoding="utf-8").replace("fee: {status: unknown, ask: zag}", "fee: 5")
    roadmap.write_text(text.replace("language:\n", "surprise: yes\nlanguage:\n"), encoding="utf-8")
    (roadmap.parent / "broken.yaml").write_text("a: [\n", encoding="utf-8")
    found = changes(DIFF / "base", tmp_path / "head")
    assert "physiotherapist NL → DE-NW: fee of step 1 changed from not known (ask 'ZAG-PuG') to 5" in found
    assert "physiotherapist NL → DE-NW: other change in `surprise`" in found
    assert (
        "roadmaps/physiotherapist/broken.yaml: cannot be read in "
        + str(tmp_path / "head")
        + " (run `roadmaps validate`)"
        in found
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            {"status": "known", "min": 60, "max": 140},
            {"status": "known", "min": 75, "max": 140},
            "€ 60–140 to € 75–140",
        ),
        ({"status": "unknown", "ask": "zag"}, {"status": "free"}, "not known (ask 'ZAG-PuG') to free"),
        (
            {"status": "known", "min": 1234.5},
            {"status": "known", "min": 1234.5, "currency": "CHF"},
            "€ 1,234.50 to CHF 1,234.50",
        ),
    ],
)
def test_amounts_in_words(old: dict[str, object], new: dict[str, object], expected: str) -> None:
    names = factdiff.Names(revisions.from_folder(DIFF / "base"))
    assert list(factdiff.valued("fee", old, new, names, factdiff.amount)) == [f"fee changed from {expected}"]
