"""`roadmaps new` writes the four sections after recognition with open items and honest unknowns."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from generator import cli
from generator.build import check
from generator.config import load_settings
from generator.validate import open_items
from tests.conftest import ROOT


def test_new_roadmap_has_the_four_sections_as_open_items(project: Path) -> None:
    result = CliRunner().invoke(cli.main, ["new", "nurse", "DE", "BE-FL", "--root", str(project)])
    assert result.exit_code == 0, result.output
    path = project / "roadmaps/nurse/de-to-be-fl.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "schemas/roadmap.schema.json").read_text(encoding="utf-8"))
    assert list(schema["properties"]) == list(data)  # every section, in the schema's order
    refused = data["if_refused"]
    for text in (refused["decisions"], refused["objection"]["details"], refused["next_stops"]):
        assert open_items.marked_languages(text["text"]) == ["nl", "de", "fr", "en"]
    assert refused["objection"]["deadline"] == {"status": "unknown", "ask": data["steps"][0]["authority"]}
    assert open_items.marked_languages(data["money_help"]["items"][0]["text"])
    assert data["apply_online"]["status"] == "unknown"
    assert open_items.marked_languages(data["apply_online"]["note"]["text"])
    assert data["notices"] == []
    settings, _ = load_settings(project)
    assert settings is not None
    found = check(settings).diagnostics
    assert {(d.code, d.severity.value) for d in found} == {("open-item", "warning")}
    pointers = {d.pointer for d in found if d.path.endswith("nurse/de-to-be-fl.yaml")}
    for pointer in (
        "$.if_refused.decisions.text",
        "$.if_refused.objection.details.text",
        "$.if_refused.next_stops.text",
        "$.money_help.items[0].text",
        "$.apply_online.note.text",
    ):
        assert pointer in pointers, sorted(pointers)
