"""Stage 2: every rule has an invalid fixture with its complete expected diagnostics; valid input passes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import cli
from generator.build import check
from generator.config import Settings
from generator.rules import RULES
from tests.conftest import FIXTURES, ROOT

INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())
# Rules about the whole project or the environment, proven by the named tests below instead of a fixture.
PROJECT_RULES = {
    **dict.fromkeys(("flow-unknown-target", "flow-unreachable", "flow-cycle", "flow-dead-end"), "test_invalid_flow"),
    "flow-roadmap-unreached": "test_invalid_flow",
    "missing-roadmap": "test_coverage_gap",
    "missing-page": "test_missing_content_page",
    "config": "test_broken_settings",
    "mkdocs": "test_failed_build_keeps_previous_site",
    "file-too-large": "test_huge_file_is_refused_before_reading",
    "unreadable": "test_unreadable_path",
    "dead-link": "test_dead_links_are_located",
    "factsheet-too-long": "test_overlong_roadmap_fails_the_build",
    "factsheet-render": "test_weasyprint_warning_is_a_diagnostic",
    "factsheet-glyph": "test_missing_glyph_is_a_diagnostic",
    "build-busy": "test_a_build_while_another_runs_reports_build_busy",
    "system-library": "test_a_build_without_pango_stops_first_with_system_library",
}


def lines(settings: Settings, paths: list[Path]) -> list[str]:
    return [
        f"{d.line}:{d.column}: {d.severity.value}[{d.code}]: {d.message}" for d in check(settings, paths).diagnostics
    ]


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_fixture(case: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.build

    # expected.txt of future-date names "today": pin it, so the fixtures do not expire at midnight
    monkeypatch.setattr(generator.build, "today", lambda: dt.date(2026, 12, 31))
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert lines(settings, sorted(case.rglob("*.yaml"))) == expected


def test_every_rule_has_a_fixture_or_a_test() -> None:
    covered = {p.name for p in INVALID} | set(PROJECT_RULES)
    assert sorted(set(RULES) - covered) == []
    for case in INVALID:  # each fixture shows the rule it is named after
        assert f"[{case.name}]" in (case / "expected.txt").read_text(encoding="utf-8")
    tests = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    assert all(f"def {name}(" in tests for name in PROJECT_RULES.values())


def test_valid_fixture_passes(settings: Settings) -> None:
    assert lines(settings, sorted((FIXTURES / "valid").rglob("*.yaml"))) == []


def test_the_knowledge_base_is_valid(settings: Settings) -> None:
    result = check(settings)
    assert [str(d) for d in result.diagnostics] == []
    assert result.project is not None


def test_coverage_gap(project: Path) -> None:
    from generator.config import load_settings

    (project / "roadmaps/physiotherapist/nl-to-de-nw.yaml").unlink()
    settings, _ = load_settings(project)
    assert settings is not None
    assert [str(d) for d in check(settings).diagnostics] == [
        "roadmaps/physiotherapist/nl-to-de-nw.yaml:1:1: error[missing-roadmap]: the knowledge base must cover "
        "physiotherapist NL → DE-NW, but this roadmap is missing"
    ]


def test_missing_content_page(project: Path) -> None:
    from generator.config import load_settings

    (project / "content/fr/about.md").unlink()
    settings, _ = load_settings(project)
    assert settings is not None
    assert [f"{d.path}:{d.code}" for d in check(settings).diagnostics] == ["content/fr/about.md:missing-page"]


def test_broken_settings(project: Path) -> None:
    text = (project / "mkdocs.yml").read_text(encoding="utf-8").replace("  grensroutes:", "  grensroute:")
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["validate", "--root", str(project)])
    assert result.exit_code == 1, result.output
    assert "error[config]" in result.output


def test_required_languages_are_one_setting(project: Path) -> None:
    from generator.config import load_settings

    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("required_languages: [nl, de, fr, en]", "required_languages: [nl]")
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    roadmap = project / "roadmaps/physiotherapist/nl-to-de-nw.yaml"
    roadmap.write_text(
        roadmap.read_text(encoding="utf-8").replace("      en: Have your training declared equivalent\n", ""),
        encoding="utf-8",
    )
    settings, _ = load_settings(project)
    assert settings is not None and check(settings).ok


def test_future_date_uses_today(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    import generator.build

    monkeypatch.setattr(generator.build, "today", lambda: dt.date(2020, 1, 1))
    found = lines(settings, [FIXTURES / "valid/physiotherapist/nl-to-de-nw.yaml"])
    assert found and all("future-date" in line for line in found)


# ---- the command line --------------------------------------------------------------------------------------


def test_cli_exit_codes_and_messages() -> None:
    runner = CliRunner()
    ok = runner.invoke(cli.main, ["validate", "--root", str(ROOT), str(FIXTURES / "valid")])
    assert ok.exit_code == 0, ok.output
    bad = runner.invoke(cli.main, ["validate", "--root", str(ROOT), str(FIXTURES / "invalid/unknown-authority")])
    assert bad.exit_code == 1
    assert (
        "tests/fixtures/invalid/unknown-authority/physiotherapist/nl-to-de-nw.yaml:198:16: error[unknown-authority]: "
        "step 2 names authority 'bezreg-munster', which is not in roadmaps/registry/authorities.yaml"
    ) in bad.output
    assert "Traceback" not in bad.output
    usage = runner.invoke(cli.main, ["validate", "--format", "xml"])
    assert usage.exit_code == 2


def test_cli_json_format() -> None:
    result = CliRunner().invoke(
        cli.main, ["validate", "--root", str(ROOT), "--format", "json", str(FIXTURES / "invalid/missing-translation")]
    )
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload[0]["code"] == "missing-translation" and payload[0]["line"] == 80
    assert payload[0]["pointer"] == "$.steps[0].title"


def test_cli_strict_fails_on_warnings() -> None:
    path = str(FIXTURES / "invalid/unused-source")
    assert CliRunner().invoke(cli.main, ["validate", "--root", str(ROOT), path]).exit_code == 0
    assert CliRunner().invoke(cli.main, ["validate", "--root", str(ROOT), "--strict", path]).exit_code == 1


@pytest.mark.parametrize("command", ["validate", "build", "serve"])
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(cli.main, [command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
