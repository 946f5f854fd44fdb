"""Approximate and inferred values look so wherever a value is shown: "about €200", "probably free — ask …"."""

from __future__ import annotations

import csv
import io

import pytest

from generator.build import check, make_kit
from generator.config import Settings
from generator.load.inputs import Inputs
from generator.model.entities import Project
from generator.model.facts import Amount, Period
from generator.model.money import add_money, add_time
from generator.output import opendata
from generator.render import costs, timeline
from generator.render.language import Kit, Language
from generator.render.roadmap import roadmap_page
from generator.validate.schema import validator

BELGIAN_VISA_ROUTES = [
    "care-worker/nl-to-be-de",
    "care-worker/nl-to-be-fl",
    "care-worker/nl-to-be-fr",
    "physiotherapist/nl-to-be-de",
    "physiotherapist/nl-to-be-fl",
    "physiotherapist/nl-to-be-fr",
]


@pytest.fixture(scope="module")
def kit(settings: Settings) -> Kit:
    return make_kit(settings, 0)


def _lang(kit: Kit, project: Project, lang: str) -> Language:
    return kit.language(lang, project)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("nl", "ongeveer € 200,00"), ("de", "ca. 200,00\xa0€"), ("fr", "environ 200,00\u202f€"), ("en", "about €200.00")],
)
def test_approximate_amount_reads_about(lang: str, expected: str, kit: Kit, real_project: Project) -> None:
    value = Amount("known", 200.0, approximate=True, source=("x",), confidence="medium")
    # (Markdown escaping folds Babel's no-break spaces into spaces, as for every amount on the page)
    assert str(_lang(kit, real_project, lang).amount(value)) == " ".join(expected.split())


def test_inferred_free_reads_probably_and_whom_to_ask(kit: Kit, real_project: Project) -> None:
    value = Amount("free", inferred=True, ask="fod-volksgezondheid", source=("x",), confidence="low")
    words = str(_lang(kit, real_project, "en").amount(value))
    assert words.startswith("probably free — ask FOD Volksgezondheid")
    assert "Free of charge" not in words
    known = Amount("known", 50.0, inferred=True, ask="fod-volksgezondheid", source=("x",), confidence="low")
    assert str(_lang(kit, real_project, "en").amount(known)).startswith("probably €50.00 — ask ")
    assert str(_lang(kit, real_project, "de").amount(value)).startswith("wahrscheinlich kostenlos — fragen Sie: ")


def test_approximate_and_inferred_periods(kit: Kit, real_project: Project) -> None:
    en = _lang(kit, real_project, "en")
    about = Period("known", max=3, unit="months", approximate=True, source=("x",), confidence="medium")
    assert str(en.period(about)) == "up to about 3 months"
    assert timeline.period_words(en, about) == "up to about 3 months"
    guessed = Period("none", inferred=True, ask="fod-volksgezondheid", source=("x",), confidence="low")
    assert str(en.period(guessed)).startswith("probably no legal time limit — ask FOD Volksgezondheid")
    assert timeline.period_words(en, guessed).startswith("probably no legal time limit — ask ")


def test_totals_with_an_approximate_or_inferred_part_say_about(kit: Kit, real_project: Project) -> None:
    en = _lang(kit, real_project, "en")
    exact = Amount("known", 100.0, source=("x",), confidence="high")
    about = Amount("known", 200.0, approximate=True, source=("x",), confidence="high")
    guessed = Amount("free", inferred=True, ask="fod-volksgezondheid", source=("x",), confidence="low")
    assert costs.money_words(en, add_money([exact])) == "€100.00"
    assert costs.money_words(en, add_money([exact, about])) == "about €300.00"
    assert en.money(add_money([exact, about])) == "about €300.00"
    assert costs.money_words(en, add_money([exact, guessed])) == "about €100.00"
    assert costs.money_words(en, add_money([guessed])) == "probably free"
    time = add_time([Period("known", max=3, unit="months", approximate=True, source=("x",), confidence="high")])
    assert costs.time_words(en, time) == "up to about 3 months"


@pytest.mark.parametrize("key", BELGIAN_VISA_ROUTES)
def test_belgian_visa_fee_is_not_shown_as_free(key: str, kit: Kit, real_project: Project) -> None:
    roadmap = next(r for r in real_project.roadmaps if r.key == key)
    visa = next(s for s in roadmap.steps if s.fee.inferred)
    for lang, free in (("en", "Free of charge"), ("nl", "Gratis."), ("de", "Kostenlos."), ("fr", "Gratuit.")):
        markdown = roadmap_page(roadmap, _lang(kit, real_project, lang), real_project).markdown
        table = markdown[markdown.index("{ #cost-time }") :]
        line = next(x for x in table.splitlines() if f"(#step-{visa.id})" in x and x.startswith("| ["))
        assert free not in line, (lang, line)
        assert {"en": "probably", "nl": "waarschijnlijk", "de": "wahrscheinlich", "fr": "probablement"}[lang] in line


def test_comparison_csv_keeps_the_flags(real_project: Project) -> None:
    rows = {r["roadmap"]: r for r in csv.DictReader(io.StringIO(opendata.comparison_csv(real_project)))}
    assert rows["physiotherapist/nl-to-be-fr"]["fees_inferred"] == "1"
    assert rows["physiotherapist/nl-to-de-ni"]["fees_approximate"] == "1"
    assert rows["nurse/be-to-nl"]["fees_approximate"] == "0" and rows["nurse/be-to-nl"]["fees_inferred"] == "0"


def test_open_data_carries_the_sections_and_flags_and_matches_its_schema(settings: Settings) -> None:
    result = check(settings)
    assert result.project is not None and isinstance(result.inputs, Inputs)
    whole = opendata.combined(settings, result.project, result.inputs)
    errors = list(validator(settings.schemas_dir, "opendata.schema.json").iter_errors(whole))
    assert not errors, errors[:3]
    entry = next(e for e in whole["roadmaps"] if e["key"] == "physiotherapist/nl-to-be-fr")
    assert {"if_refused", "money_help", "apply_online", "notices"} <= set(entry["roadmap"])
    assert any(s["fee"].get("inferred") is True for s in entry["roadmap"]["steps"])


def test_diff_names_approximate_and_inferred_values_in_words() -> None:
    from generator.tools import factdiff

    names = factdiff.Names()
    old = {"status": "free", "source": "s", "confidence": "high"}
    new = {"status": "free", "inferred": True, "ask": "fod", "source": "s", "confidence": "low"}
    assert list(factdiff.valued("fee", old, new, names, factdiff.amount)) == [
        "fee changed from free to probably free (not confirmed; ask 'fod'); confidence high → low"
    ]
    about = {"status": "known", "max": 3, "unit": "months", "approximate": True}
    assert factdiff.period(about, names) == "up to about 3 months"
