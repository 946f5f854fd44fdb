"""Pages cite only official sources: a copy (`official: false`) stays in the data for maintainers but is never shown,
and a fact that rests on copies alone, in any kind of data file, is a warning that `--strict` turns into a failure."""

from __future__ import annotations

from pathlib import Path

from generator.build import check
from generator.config import Settings, load_settings
from generator.model.entities import Project, Source
from generator.render.language import Kit
from generator.render.roadmap import roadmap_page
from tests.conftest import FIXTURES

VALID = FIXTURES / "valid" / "physiotherapist" / "nl-to-de-nw.yaml"
COPY_URL = "https://ox.physio-europe.org/"  # marked official: false in the valid fixture


def _every_source(project: Project) -> list[Source]:
    found: list[Source] = []
    for roadmap in project.roadmaps:
        found += roadmap.sources.values()
    for profession in project.catalogue.values():
        for entry in profession.entries:
            found += entry.sources
    for authority in project.authorities.values():
        found += authority.sources.values()
    for point in project.grensinfopunten.values():
        found += point.sources.values()
    return found


def test_the_resolved_project_holds_no_copy(real_project: Project) -> None:
    sources = _every_source(real_project)
    assert len(sources) > 500
    assert all(s.official for s in sources)


def test_a_copy_cited_beside_an_official_source_is_left_off_the_page(settings: Settings, kit: Kit) -> None:
    assert COPY_URL in VALID.read_text(encoding="utf-8")
    result = check(settings, [VALID])
    assert result.project is not None, [str(d) for d in result.diagnostics]
    roadmap = next(r for r in result.project.roadmaps if r.key == "physiotherapist/nl-to-de-nw")
    for lang in settings.languages:
        markdown = roadmap_page(roadmap, kit.language(lang, result.project), result.project).markdown
        assert COPY_URL not in markdown, lang
        assert "physio-europe" not in markdown, lang


def test_a_catalogue_fact_resting_on_a_copy_is_a_warning(project: Path) -> None:
    catalogue = project / "roadmaps" / "catalogue" / "nl.yaml"
    text = catalogue.read_text(encoding="utf-8")
    assert "    official: true\n" in text
    catalogue.write_text(text.replace("    official: true\n", "    official: false\n"), encoding="utf-8")
    settings, _ = load_settings(project)
    assert settings is not None
    found = {(d.path, d.code, d.severity.value) for d in check(settings).diagnostics}
    assert ("roadmaps/catalogue/nl.yaml", "unofficial-source", "warning") in found
