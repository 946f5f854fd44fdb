"""The guide's answer pages never end in "not known" while a related profession's page names who decides: where the
catalogue names nobody for the chosen profession in the destination, the page says "In <destination> this work is
done as <related profession>" with a link to that profession's page, and names its authority — the same sentence the
catalogue's row for that destination shows."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from generator.build import Result, make_kit
from generator.config import Settings
from generator.model.entities import Project
from generator.render import catalogue, guide
from generator.resolve.flow import Visit

LANGUAGES = ("nl", "de", "fr", "en")
LINK = re.compile(r"\]\(((?:\.\./)*catalogue/([a-z0-9-]+)\.md)\)")


def _visit(result: Result, path: str) -> Visit:
    assert result.flow is not None and result.project is not None
    return next(v for v in guide.visits(result.flow, result.project) if v.path == path)


def _page(settings: Settings, result: Result, visit: Visit, lang: str, project: Project | None = None) -> str:
    assert result.flow is not None and result.project is not None
    L = make_kit(settings, 0).language(lang, project or result.project)
    return guide.page_for(result.flow, visit, project or result.project, L).markdown


def _authority_of(project: Project, pid: str, code: str) -> str:
    entry = project.catalogue[pid].entry(code)
    assert entry is not None and entry.authority is not None, (pid, code)
    return entry.authority.short or entry.authority.name


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_route_without_a_roadmap_points_to_the_related_profession_there(
    settings: Settings, real_result: Result, real_project: Project, lang: str
) -> None:
    """An early-childhood educator from Belgium who wants to work in Lower Saxony: the catalogue has no such entry
    there, but the Erzieher does, and RLSB Lüneburg decides."""
    path = "guide/early-childhood-educator/be/de-ni/settle/index.md"
    page = _page(settings, real_result, _visit(real_result, path), lang)
    place = real_project.jurisdictions["DE-NI"].name[lang]
    line = next(line for line in page.splitlines() if "catalogue/educator.md" in line and place in line)
    assert _authority_of(real_project, "educator", "DE-NI") in line


def test_the_guide_and_the_catalogue_row_point_to_the_same_profession(
    settings: Settings, real_result: Result, real_project: Project
) -> None:
    L = make_kit(settings, 0).language("en", real_project)
    profession = real_project.catalogue["early-childhood-educator"]
    rows = catalogue.profession_page(profession, real_project, L).markdown.splitlines()
    visit = _visit(real_result, "guide/early-childhood-educator/be/de-ni/settle/index.md")
    sentence = "In Lower Saxony, this work is done as [educator"
    assert sentence in _page(settings, real_result, visit, "en")
    (row,) = [line for line in rows if line.startswith("| [Lower Saxony]")]
    assert "educator.md" in row and "RLSB" in row


def test_an_entry_that_names_nobody_points_to_the_related_profession(
    settings: Settings, real_result: Result, real_project: Project
) -> None:
    """Make the early-childhood educator's Dutch entry name nobody: the guide's route page from Germany to the
    Netherlands and the catalogue's Dutch row both lead to the childcare worker's page, where DUO decides."""
    profession = real_project.catalogue["early-childhood-educator"]
    childcare = real_project.catalogue["childcare-worker"]
    template = childcare.entry("NL")
    assert template is not None
    entry = dataclasses.replace(template, authority=None, regulated="yes")
    changed = dataclasses.replace(profession, entries=(entry,))
    project = dataclasses.replace(real_project, catalogue={**real_project.catalogue, profession.id: changed})
    visit = _visit(real_result, "guide/early-childhood-educator/de/nl/settle/index.md")
    for lang in LANGUAGES:
        page = _page(settings, real_result, visit, lang, project)
        line = next(line for line in page.splitlines() if "catalogue/childcare-worker.md" in line)
        assert "DUO" in line, lang
        L = make_kit(settings, 0).language(lang, project)
        row = next(
            line
            for line in catalogue.profession_page(changed, project, L).markdown.splitlines()
            if line.startswith(f"| [{project.jurisdictions['NL'].name[lang]}]")
        )
        assert "childcare-worker.md" in row and "DUO" in row, lang


def test_every_route_page_names_who_decides_or_links_to_a_page_that_does(
    settings: Settings, real_result: Result, real_project: Project
) -> None:
    """Every answer page of the guide for a destination: it names an authority of the destination (a roadmap's step,
    the deciders of other routes there, or the catalogue's entry), or links to a related profession's catalogue page
    whose entry there names one."""
    assert real_result.flow is not None
    missing = []
    for visit in guide.visits(real_result.flow, real_project):
        pid, code = visit.values.get("profession", ""), visit.values.get("destination", "")
        if visit.node in real_result.flow.questions or not pid or not code or visit.values.get("mode") == "temporary":
            continue
        page = _page(settings, real_result, visit, "en")
        own = real_project.catalogue[pid].entry(code)
        names = {a.short or a.name for a in real_project.authorities.values() if a.jurisdiction.country in code}
        if any(name in page for name in names) or (own is not None and own.authority is not None):
            continue
        linked = {m.group(2) for m in LINK.finditer(page)} - {pid}
        if not any(
            (e := real_project.catalogue[other].entry(code)) is not None and e.authority is not None
            for other in linked
            if other in real_project.catalogue
        ):
            missing.append(visit.path)
    assert missing == []


@pytest.mark.slow
def test_the_built_guide_page_links_to_the_page_that_names_the_authority(
    real_project: Project, built_site: Path
) -> None:
    site = built_site
    page = site / "de" / "guide" / "early-childhood-educator" / "be" / "de-ni" / "settle" / "index.html"
    html = page.read_text(encoding="utf-8")
    href = re.search(r'href="([^"]*catalogue/educator/)"', html)
    assert href is not None
    target = (page.parent / href.group(1) / "index.html").resolve()
    assert "RLSB" in target.read_text(encoding="utf-8")
    text = Path(target).read_text(encoding="utf-8")
    assert "Niedersachsen" in text
