"""A profession's comparison: one folding card per destination (the first one open), each fact a row that leads to
the roadmap section it summarises; the same facts as data/comparison.csv."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.load import package
from generator.model.entities import Project
from generator.render import professions

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("lang", ["nl", "de", "fr", "en"])
def test_one_card_per_destination(built_site: Path, real_project: Project, lang: str) -> None:
    labels = package.read_labels()[lang]
    rows = {r["roadmap"]: r for r in csv.DictReader(io.StringIO((built_site / "data/comparison.csv").read_text()))}
    for profession in real_project.professions.values():
        routes = professions.roadmaps_of(real_project, profession.id)
        if not routes:
            continue
        html = (built_site / lang / "professions" / profession.id / "index.html").read_text(encoding="utf-8")
        cards = BeautifulSoup(html, "html.parser").select("div.gr-compare > details.gr-route")
        assert len(cards) == len(routes), profession.id
        assert [card.has_attr("open") for card in cards] == [True] + [False] * (len(routes) - 1)
        for card, roadmap in zip(cards, routes, strict=True):
            facts = card.select("tbody tr")
            names = [tr.find("td").get_text(strip=True) for tr in facts]
            assert names == [labels[c.label] for c in professions.COLUMNS]
            for tr in facts:
                assert f"roadmaps/{roadmap.key}/" in tr.find_all("td")[1].find("a")["href"]
            steps = facts[[c.id for c in professions.COLUMNS].index("steps")].find_all("td")[1].get_text(strip=True)
            assert steps == rows[roadmap.key]["steps"]
