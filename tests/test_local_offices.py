"""The local-office registry: every district near the border, under its schema, every value sourced and dated;
the Grensinfopunten likewise; the pages show both, and the roadmaps that need them link to them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from generator.build import check, make_kit, navigation
from generator.config import Settings
from generator.load.documents import load_file
from generator.model import paths
from generator.model.entities import Project
from generator.render import catalogue, local_offices, roadmap
from generator.render.language import Kit
from tests.conftest import FIXTURES, ROOT

REGISTRY = ROOT / "roadmaps" / "registry" / "local-offices.yaml"


def _codes(settings: Settings, path: Path) -> list[str]:
    return [f"{d.line}:{d.code}" for d in check(settings, [path]).diagnostics if d.path.endswith(path.name)]


def test_the_registry_is_valid_and_every_value_is_sourced(settings: Settings) -> None:
    result = check(settings)
    assert [str(d) for d in result.diagnostics if "local-offices" in d.path] == []
    doc, problems = load_file(REGISTRY, ROOT)
    assert doc is not None and not problems
    declared = {s["id"] for s in doc.data["sources"]}
    for entry in doc.data["entries"]:
        office = entry["health_office"]
        if office.get("status") == "unknown":
            assert set(office) == {"status"}, entry["id"]
            continue
        refs = office["source"] if isinstance(office["source"], list) else [office["source"]]
        assert set(refs) <= declared and office["checked"] and office["confidence"], entry["id"]
    for land in doc.data["lands"]:
        for item in [*land["regions"], *land["offices"]]:
            assert item["source"] and item["checked"] and item["confidence"]


def test_the_grensinfopunt_contacts_are_sourced_and_dated(real_project: Project) -> None:
    for point in real_project.grensinfopunten.values():
        refs = point.contact["source"] if isinstance(point.contact["source"], list) else [point.contact["source"]]
        shown = [r for r in refs if r in point.sources]  # a copy among them is kept in the data, never shown
        assert shown, point.id
        assert point.contact.get("checked") or all(point.sources[r].checked for r in shown), point.id
        assert point.contact["confidence"] in ("high", "medium", "low"), point.id


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("unknown-office-with-contact.yaml", ["16:invalid-value"]),
        ("unsourced-office.yaml", ["18:missing-field"]),
        ("unknown-source.yaml", ["8:unknown-source"]),
    ],
)
def test_the_schema_and_rules_refuse_unsourced_values(fixture: str, expected: list[str], settings: Settings) -> None:
    assert _codes(settings, FIXTURES / "local-offices" / fixture) == expected


def test_the_districts_cover_both_lands(real_project: Project) -> None:
    nrw, ni = real_project.local_offices["DE-NW"], real_project.local_offices["DE-NI"]
    assert len(nrw.districts) + len(ni.districts) == 34
    aachen = next(d for d in nrw.districts if d.id == "staedteregion-aachen")
    assert aachen.region is not None and aachen.region.name == "Bezirksregierung Köln"
    assert not ni.regions and all(d.region is None for d in ni.districts)
    assert any(town == "Übach-Palenberg" for town, _ in nrw.towns())


@pytest.fixture(scope="module")
def kit(settings: Settings) -> Kit:
    return make_kit(settings, int(dt.datetime(2026, 12, 6, tzinfo=dt.UTC).timestamp()))


def test_the_land_page_lists_towns_a_to_z_and_says_whom_to_ask(real_project: Project, kit: Kit) -> None:
    L = kit.language("en", real_project)
    page = local_offices.land_page(real_project.local_offices["DE-NW"], L)
    assert page.path == "local-offices/de-nw.md"
    text = page.markdown
    assert "# Local offices in North Rhine-Westphalia" in text
    assert "[Aachen](#staedteregion-aachen) (StädteRegion Aachen)" in text
    assert "### U { #towns-u }" in text and "[Übach-Palenberg](#kreis-heinsberg)" in text
    assert "Ask the administration of Kreis Heinsberg" in text
    assert "checked 6 December 2026" in text
    assert "Bezirksregierung Köln" in text and "[StädteRegion Aachen](#staedteregion-aachen)" in text


def test_a_town_list_not_yet_checked_says_so_where_it_stands(real_project: Project, kit: Kit) -> None:
    L = kit.language("en", real_project)
    for land in real_project.local_offices.values():
        text = local_offices.land_page(land, L).markdown
        for district in land.districts:
            section = text.split(f"{{ #{district.id} }}", 1)[1].split("\n#", 1)[0]
            unchecked = f"This list has not yet been compared with an official page. If in doubt, ask the administration of {district.name}."
            assert (unchecked in section) == (district.towns_sourcing is None), district.id


def test_the_navigation_lists_the_local_office_pages(real_project: Project, kit: Kit) -> None:
    """Not only roadmaps link them: a person who works in Germany finds them in the menu, in every language."""
    for lang in ("nl", "de", "fr", "en"):
        L = kit.language(lang, real_project)
        entry = next(e for e in navigation(real_project, L) if L.label("lo_nav") in e)
        assert entry[L.label("lo_nav")] == ["local-offices/de-nw.md", "local-offices/de-ni.md"]


def test_a_health_office_note_is_shown_in_each_language(real_project: Project, kit: Kit) -> None:
    nrw = real_project.local_offices["DE-NW"]
    note = {
        "nl": "Alleen op afspraak.",
        "de": "Nur nach Termin.",
        "fr": "Sur rendez-vous.",
        "en": "By appointment only.",
    }
    first = nrw.districts[0]
    noted = dataclasses.replace(first, health_office=dataclasses.replace(first.health_office, note=note))
    land = dataclasses.replace(nrw, districts=(noted, *nrw.districts[1:]))
    for lang in ("nl", "de", "fr", "en"):
        text = local_offices.land_page(land, kit.language(lang, real_project)).markdown
        section = text.split(f"{{ #{first.id} }}", 1)[1].split("\n### ", 1)[0]
        assert note[lang] in section
    assert "By appointment only." not in local_offices.land_page(nrw, kit.language("en", real_project)).markdown


def test_roadmaps_link_to_the_local_offices_from_the_competent_step(real_project: Project, kit: Kit) -> None:
    L = kit.language("en", real_project)
    linked = {r.key: local_offices.link(r, real_project, L) for r in real_project.roadmaps}
    physio = linked["physiotherapist/nl-to-de-nw"]
    assert physio is not None and physio.step.id == "erlaubnis"
    assert physio.href == "../../local-offices/de-nw.md"
    assert linked["care-worker/nl-to-de-nw"] is not None
    assert linked["physiotherapist/nl-to-de-ni"] is not None
    assert all(v is None for k, v in linked.items() if not k.split("-to-")[1].startswith("de-"))
    page = roadmap.roadmap_page(
        next(r for r in real_project.roadmaps if r.key == "physiotherapist/nl-to-de-nw"), L, real_project
    )
    assert re.search(
        r"Step 2 says which office is competent.*\(\.\./\.\./local-offices/de-nw\.md#towns\)", page.markdown
    )


def test_grensinfopunt_details_on_roadmap_and_catalogue_pages(real_project: Project, kit: Kit) -> None:
    L = kit.language("fr", real_project)
    page = roadmap.roadmap_page(
        next(r for r in real_project.roadmaps if r.key == "physiotherapist/nl-to-de-nw"), L, real_project
    ).markdown
    assert "- Adresse&nbsp;: euregio-Haus, Konrad-Zuse-Ring 6, Mönchengladbach" in page
    assert "- Téléphone&nbsp;: introuvable sur les pages officielles que nous avons lues — voir la page web" in page
    assert "- Langues&nbsp;: allemand, néerlandais" in page
    assert "vérifié 6 décembre 2026" in page
    profession = next(iter(real_project.catalogue.values()))
    listing = catalogue.profession_page(profession, real_project, L).markdown
    assert "Frontière germano-néerlandaise" in listing and "Frontière belgo-néerlandaise" in listing
    assert "- Page web&nbsp;: [https://grenzinfo.eu/emra/]" in listing


@pytest.mark.slow
def test_the_built_site_shows_grensinfopunt_details_and_local_offices(built_site: Path) -> None:
    roadmap_html = (built_site / "de" / paths.roadmap_url("physiotherapist/nl-to-de-nw") / "index.html").read_text(
        "utf-8"
    )
    for text in (
        "Anschrift",
        "Konrad-Zuse-Ring 6",
        "auf den amtlichen Seiten, die wir lasen, nicht gefunden – siehe Webseite",
        "Niederländisch",
    ):
        assert text in roadmap_html
    assert 'href="../../../local-offices/de-nw/#towns"' in roadmap_html
    catalogue_html = (built_site / "en" / "catalogue" / "physiotherapist" / "index.html").read_text("utf-8")
    for text in (
        "Dutch–German border",
        "grenzinfo.eu/emra",
        "not on the official pages we read — see the web page",
        "Languages",
    ):
        assert text in catalogue_html
    offices = (built_site / "nl" / "local-offices" / "de-ni" / "index.html").read_text("utf-8")
    assert "Lokale kantoren in Nedersaksen" in offices and 'href="#landkreis-grafschaft-bentheim"' in offices
