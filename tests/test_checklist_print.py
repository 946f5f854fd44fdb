"""The checklist's tick boxes print: the Markdown goes through the site's task-list extension, the page gets the
checklist stylesheet, and Chromium, in print media, draws every box (and hides the e-mail button)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from generator.build import make_kit
from generator.config import Settings
from generator.model.entities import Project
from generator.render import checklist
from tests.conftest import ROOT

CSS = ROOT / "generator/assets/checklist.css"


def _html(real_project: Project, settings: Settings) -> str:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    extensions: list[Any] = []
    configs: dict[str, Any] = {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        extensions.append(name)
        configs[name] = options or {}
    assert "pymdownx.tasklist" in extensions
    roadmap = next(r for r in real_project.roadmaps if r.key == "nurse/be-to-nl")
    page = checklist.checklist_page(roadmap, make_kit(settings, 0).language("en", real_project))
    body = page.markdown.split("---\n", 2)[2]
    html = markdown.markdown(body, extensions=extensions, extension_configs=configs)
    return f'<html><head><style>{CSS.read_text(encoding="utf-8")}</style></head><body class="md-typeset">{html}</body></html>'


@pytest.mark.slow
@pytest.mark.browser
def test_tick_boxes_print(browser: Any, real_project: Project, settings: Settings, tmp_path: Path) -> None:
    page = browser.new_page()
    page.set_content(_html(real_project, settings))
    assert page.locator(".gr-checklist-mail").count() == 1 and page.locator(".gr-checklist-mail").is_visible()
    page.emulate_media(media="print")
    boxes = page.locator('.task-list-item input[type="checkbox"]')
    assert boxes.count() > 3
    for i in range(boxes.count()):
        box = boxes.nth(i).bounding_box()
        assert box is not None and box["width"] >= 8 and box["height"] >= 8
    style = boxes.first.evaluate("e => getComputedStyle(e).borderTopStyle + ' ' + getComputedStyle(e).borderTopWidth")
    assert style.startswith("solid")
    assert page.locator(".gr-checklist-mail").is_hidden()  # paper cannot send e-mail
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    page.close()
