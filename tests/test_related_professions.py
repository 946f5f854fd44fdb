"""Related professions (`related` in the catalogue and the profession registry): the validator's rules, and what the
catalogue's profession pages say with them — including what "not regulated" means."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.build import check, make_kit
from generator.config import Settings
from generator.model.entities import Project
from generator.render import catalogue, related

FIXTURES = Path(__file__).parent / "fixtures" / "invalid"


def _codes(settings: Settings, folder: Path) -> list[tuple[str, str]]:
    result = check(settings, sorted(folder.rglob("*.yaml")))
    return [(Path(d.path).name, d.code) for d in result.diagnostics]


def test_a_relation_declared_one_way_is_an_error(settings: Settings) -> None:
    assert _codes(settings, FIXTURES / "related-one-way") == [("nl.yaml", "related-one-way")]


def test_a_related_id_that_does_not_exist_is_an_error(settings: Settings) -> None:
    assert _codes(settings, FIXTURES / "related-unknown") == [("nl.yaml", "related-unknown")]


def test_the_real_relations_are_declared_both_ways(real_project: Project) -> None:
    pairs = {(p.id, r.profession) for p in real_project.catalogue.values() for r in p.related}
    assert ("early-childhood-educator", "childcare-worker") in pairs
    assert ("educator", "childcare-worker") in pairs
    assert ("family-midwife", "midwife") in pairs
    assert all((b, a) in pairs for a, b in pairs)


def _page(settings: Settings, project: Project, pid: str, lang: str) -> str:
    L = make_kit(settings, 0).language(lang, project)
    return catalogue.profession_page(project.catalogue[pid], project, L).markdown


def _row(markdown: str, place: str) -> str:
    return next(line for line in markdown.splitlines() if line.startswith(f"| [{place}]"))


def test_a_missing_row_points_to_the_profession_that_does_the_work_there(
    settings: Settings, real_project: Project
) -> None:
    page = _page(settings, real_project, "educator", "de")
    row = _row(page, "Niederlande")
    assert "childcare-worker.md" in row and "DUO" in row
    assert "noch nicht im Katalog" not in row
    assert "(childcare-worker.md)" in page.split("{ #related }", 1)[1].split("{ #who-decides }", 1)[0]


def test_a_country_row_without_an_entry_sends_the_reader_to_its_parts_rows(
    settings: Settings, real_project: Project
) -> None:
    """Belgium as a whole has no entry for the educator, its Communities do: the row says where to look."""
    assert real_project.catalogue["educator"].entry("BE") is None
    row = _row(_page(settings, real_project, "educator", "de"), "Belgien")
    assert "siehe unten" in row and "In Belgien hängt die Antwort davon ab" in row
    assert "Flämische Gemeinschaft" in row and "noch nicht im Katalog" not in row and "Nicht bekannt" not in row
    nowhere = next(
        p
        for p in real_project.catalogue.values()
        if not any(e.jurisdiction.country == "BE" for e in p.entries) and not p.related
    )
    assert "not in the catalogue yet" in _row(_page(settings, real_project, nowhere.id, "en"), "Belgium")


def test_a_part_row_without_an_entry_sends_the_reader_to_its_country_row(
    settings: Settings, real_project: Project
) -> None:
    """A Belgian craft is regulated by the regions: the catalogue's Belgium row answers, the Communities' rows
    without an entry of their own point up to it."""
    craft = real_project.catalogue["hairdresser"]
    assert craft.entry("BE") is not None and craft.entry("BE-DE") is None and not craft.related
    row = _row(_page(settings, real_project, "hairdresser", "fr"), "Communauté germanophone")
    assert "| voir ci-dessus |" in row and "regardez la ligne Belgique ci-dessus" in row
    assert "pas encore dans le catalogue" not in row


def test_a_partial_relation_is_listed_but_does_not_fill_a_row(settings: Settings, real_project: Project) -> None:
    page = _page(settings, real_project, "family-midwife", "en")
    assert "(midwife.md) (a further training" in page
    assert "midwife.md" not in _row(page, "Netherlands")


def test_the_midwife_page_links_the_family_midwife(settings: Settings, real_project: Project) -> None:
    assert "(family-midwife.md)" in _page(settings, real_project, "midwife", "nl")


@pytest.mark.parametrize(("code", "body"), [("NL", "IDW"), ("DE-NW", "ZAB"), ("BE-FL", "NARIC-Vlaanderen")])
def test_not_regulated_says_what_it_means(settings: Settings, real_project: Project, code: str, body: str) -> None:
    """A 'no' entry in each country (made here, since the data has 'no' entries only in Flanders): the page
    explains it with the body that compares diplomas there and its official source."""
    profession = real_project.catalogue["childcare-worker"]
    jurisdiction = real_project.jurisdictions[code]
    entry = dataclasses.replace(profession.entries[0], jurisdiction=jurisdiction, regulated="no", authority=None)
    changed = dataclasses.replace(profession, entries=(entry,))
    project = dataclasses.replace(real_project, catalogue={**real_project.catalogue, "childcare-worker": changed})
    L = make_kit(settings, 0).language("en", project)
    lines = related.not_regulated(L, changed, project)
    assert len(lines) == 1 and body in lines[0] and "https://" in lines[0]
    page = catalogue.profession_page(changed, project, L).markdown
    assert "{ #not-regulated }" in page and "The employer decides" in page


def test_a_real_not_regulated_row_says_so_and_names_the_comparing_body(
    settings: Settings, real_project: Project
) -> None:
    page = _page(settings, real_project, "hairdresser", "nl")
    assert "| nee | In Vlaanderen hoeft u" in _row(page, "Vlaamse Gemeenschap")
    meaning = page.split("{ #not-regulated }", 1)[1]
    assert "Vlaamse Gemeenschap: [NARIC-Vlaanderen](https://naricvlaanderen.be/" in meaning
