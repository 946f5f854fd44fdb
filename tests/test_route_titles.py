"""Route titles say where from and where to in each language's grammar: 'aus den Niederlanden nach
Nordrhein-Westfalen', 'd'Allemagne aux Pays-Bas' — never a bare name after a preposition. The table below is the
expected title of every route (origin × destination) in all four languages, for the physiotherapist; every other
profession's titles must end with the same route words."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from generator.build import make_kit
from generator.config import Settings
from generator.model.entities import Project
from generator.render import grammar
from generator.render.roadmap import roadmap_page

EXPECTED: dict[tuple[str, str], dict[str, str]] = {
    ("NL", "BE-FL"): {
        "nl": "Fysiotherapeut: uit Nederland naar Vlaanderen",
        "de": "Physiotherapeut(in): aus den Niederlanden nach Flandern",
        "fr": "Kinésithérapeute : des Pays-Bas en Flandre",
        "en": "Physiotherapist: from the Netherlands to Flanders",
    },
    ("NL", "BE-FR"): {
        "nl": "Fysiotherapeut: uit Nederland naar de Federatie Wallonië-Brussel",
        "de": "Physiotherapeut(in): aus den Niederlanden in die Föderation Wallonie-Brüssel",
        "fr": "Kinésithérapeute : des Pays-Bas en Fédération Wallonie-Bruxelles",
        "en": "Physiotherapist: from the Netherlands to the Wallonia-Brussels Federation",
    },
    ("NL", "BE-DE"): {
        "nl": "Fysiotherapeut: uit Nederland naar de Duitstalige Gemeenschap",
        "de": "Physiotherapeut(in): aus den Niederlanden in die Deutschsprachige Gemeinschaft",
        "fr": "Kinésithérapeute : des Pays-Bas en Communauté germanophone",
        "en": "Physiotherapist: from the Netherlands to the German-speaking Community",
    },
    ("NL", "DE-NW"): {
        "nl": "Fysiotherapeut: uit Nederland naar Noordrijn-Westfalen",
        "de": "Physiotherapeut(in): aus den Niederlanden nach Nordrhein-Westfalen",
        "fr": "Kinésithérapeute : des Pays-Bas en Rhénanie-du-Nord-Westphalie",
        "en": "Physiotherapist: from the Netherlands to North Rhine-Westphalia",
    },
    ("NL", "DE-NI"): {
        "nl": "Fysiotherapeut: uit Nederland naar Nedersaksen",
        "de": "Physiotherapeut(in): aus den Niederlanden nach Niedersachsen",
        "fr": "Kinésithérapeute : des Pays-Bas en Basse-Saxe",
        "en": "Physiotherapist: from the Netherlands to Lower Saxony",
    },
    ("BE", "NL"): {
        "nl": "Fysiotherapeut: uit België naar Nederland",
        "de": "Physiotherapeut(in): aus Belgien in die Niederlande",
        "fr": "Kinésithérapeute : de Belgique aux Pays-Bas",
        "en": "Physiotherapist: from Belgium to the Netherlands",
    },
    ("DE", "NL"): {
        "nl": "Fysiotherapeut: uit Duitsland naar Nederland",
        "de": "Physiotherapeut(in): aus Deutschland in die Niederlande",
        "fr": "Kinésithérapeute : d'Allemagne aux Pays-Bas",
        "en": "Physiotherapist: from Germany to the Netherlands",
    },
}
LANGS = ("nl", "de", "fr", "en")
CASES = [(origin, destination, lang) for (origin, destination) in EXPECTED for lang in LANGS]


def _route_words(title: str) -> str:
    """The part after the profession: 'Physiotherapist: from Germany to the Netherlands' → 'from Germany …'."""
    return re.split(r" ?: ", title, maxsplit=1)[1]


def _h1(markdown: str) -> str:
    return next(line[2:] for line in markdown.splitlines() if line.startswith("# "))


@pytest.fixture(scope="module")
def rendered(real_project: Project, settings: Settings) -> dict[tuple[str, str], str]:
    """The H1 of every roadmap page in every language, rendered from the real knowledge base (no MkDocs)."""
    kit = make_kit(settings, int(dt.datetime(2026, 12, 6, tzinfo=dt.UTC).timestamp()))
    return {
        (r.key, lang): _h1(roadmap_page(r, kit.language(lang, real_project), real_project).markdown)
        for r in real_project.roadmaps
        for lang in LANGS
    }


def test_the_table_covers_every_route_of_the_knowledge_base(real_project: Project) -> None:
    routes = {(r.origin.code, r.destination.code) for r in real_project.roadmaps}
    assert routes == set(EXPECTED)


@pytest.mark.parametrize(("origin", "destination", "lang"), CASES, ids=[f"{o}-{d}-{lang}" for o, d, lang in CASES])
def test_rendered_title_matches_the_table(
    origin: str, destination: str, lang: str, rendered: dict[tuple[str, str], str]
) -> None:
    key = f"physiotherapist/{origin.lower()}-to-{destination.lower()}"
    assert rendered[(key, lang)].replace("\\", "") == EXPECTED[(origin, destination)][lang]


@pytest.mark.parametrize("lang", LANGS)
def test_every_profession_uses_the_same_route_words(lang: str, real_project: Project, rendered: dict[tuple[str, str], str]) -> None:
    for r in real_project.roadmaps:
        expected = _route_words(EXPECTED[(r.origin.code, r.destination.code)][lang])
        assert _route_words(rendered[(r.key, lang)].replace("\\", "")) == expected, r.key


def test_no_preposition_before_a_bare_country_name(rendered: dict[tuple[str, str], str]) -> None:
    wrong = re.compile(r"\b(aus Niederlande|nach Niederlande|in Niederlande|de Pays-Bas|en Pays-Bas|vers Pays-Bas|de Allemagne)\b")
    assert [t for t in rendered.values() if wrong.search(t)] == []


def test_every_jurisdiction_has_every_form_in_every_language(real_project: Project) -> None:
    for jurisdiction in real_project.jurisdictions.values():
        for lang in LANGS:
            forms = jurisdiction.forms[lang]
            assert set(forms) == set(grammar.CASES), (jurisdiction.code, lang)
            assert all(forms.values()), (jurisdiction.code, lang)


def test_the_other_labels_use_the_forms(real_project: Project, settings: Settings) -> None:
    kit = make_kit(settings, 0)
    roadmap = next(r for r in real_project.roadmaps if r.key == "physiotherapist/de-to-nl")
    french = kit.language("fr", real_project)
    german = kit.language("de", real_project)
    names = grammar.route_names(roadmap, "fr")
    assert french.label("regulated", **names) == "Profession réglementée aux Pays-Bas : oui."
    assert german.label("regulated", **grammar.route_names(roadmap, "de")) == "Reglementierter Beruf in den Niederlanden: ja."
    assert german.label("guide_result", **grammar.route_names(roadmap, "de")) == (
        "Ihr Weg: Physiotherapeut(in) aus Deutschland in die Niederlande"
    )
