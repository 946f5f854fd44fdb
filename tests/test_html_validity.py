"""HTML validity: the Nu HTML Checker (npm vnu-jar, Java) reports no errors on every page kind."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # the Nu HTML Checker (Java), on the built site

VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
# Markup that Material for MkDocs writes and that we cannot change without forking its base template:
# - its drawer/search toggles are checkboxes with autocomplete="off" (a Firefox state-restore workaround);
# - on pages without a table of contents its navigation still has <label for="__toc"> although the toggle is absent.
KNOWN_THEME_ERRORS = (
    "Attribute “autocomplete” is only allowed when the input type is",
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
)


def vnu_errors(files: list[Path]) -> list[str]:
    if shutil.which("java") is None:
        pytest.fail("Java is required for the Nu HTML Checker: apt-get install default-jre-headless")
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error" and not m["message"].startswith(KNOWN_THEME_ERRORS)
    ]


def page_kinds(site: Path) -> list[Path]:
    pages = [site / "index.html"]
    for lang in ("nl", "de", "fr", "en"):
        pages += sorted({p for p in (site / lang).rglob("index.html") if len(p.relative_to(site / lang).parts) <= 4})
    return pages


def test_every_page_kind_is_valid_html(built_site: Path) -> None:
    assert vnu_errors(page_kinds(built_site)) == []


def test_checker_catches_invalid_html(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text("<!doctype html><html lang=en><title>x</title><p><div>x</p></span>", encoding="utf-8")
    assert vnu_errors([page])
