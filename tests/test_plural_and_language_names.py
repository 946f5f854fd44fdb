"""Counts follow CLDR plural rules (through Babel) and language names come from CLDR in the reader's language:
'1 Name gefunden' and '2 Namen gefunden', French 0 and 1 singular, 'Langue exigée : néerlandais'."""

from __future__ import annotations

import pytest

from generator.build import make_kit
from generator.config import Settings
from generator.load.package import read_labels
from generator.model.entities import Project
from generator.render import grammar


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [
        ("de", 1, "1 Name gefunden"),
        ("de", 2, "2 Namen gefunden"),
        ("de", 0, "0 Namen gefunden"),
        ("nl", 1, "1 naam gevonden"),
        ("nl", 3, "3 namen gevonden"),
        ("fr", 0, "0 nom trouvé"),
        ("fr", 1, "1 nom trouvé"),
        ("fr", 2, "2 noms trouvés"),
        ("en", 1, "1 name found"),
        ("en", 21, "21 names found"),
    ],
)
def test_counts_follow_the_plural_rules(lang: str, n: int, expected: str, real_project: Project, settings: Settings) -> None:
    L = make_kit(settings, 0).language(lang, real_project)
    assert L.label("guide_filter_count", n=n) == expected


def test_a_category_without_its_own_text_falls_back_to_other() -> None:
    labels = {"x.one": "{n} thing", "x.other": "{n} things"}
    assert grammar.plural_category(1_000_000, "fr") == "many"
    assert grammar.plural_key(labels, "x", 1_000_000, "fr") == "x.other"


def test_every_plural_label_has_an_other_form_in_every_language() -> None:
    labels = read_labels()
    for lang, strings in labels.items():
        for key in strings:
            if "." in key:
                assert key.rsplit(".", 1)[0] + ".other" in strings, (lang, key)
    plural_keys = {k.rsplit(".", 1)[0] for k in labels["en"] if "." in k}
    assert {"guide_filter_count", "tl_title", "cat_count", "cat_regulated_count"} <= plural_keys
    for lang in labels:  # a label is plain or has variants per language (French alone needs them for 'inconnu(s)')
        assert plural_keys - {k.rsplit(".", 1)[0] for k in labels[lang] if "." in k} <= {
            k for k in labels[lang] if "." not in k
        }, lang


@pytest.mark.parametrize(
    ("lang", "expected"), [("fr", "néerlandais"), ("de", "Niederländisch"), ("nl", "Nederlands"), ("en", "Dutch")]
)
def test_language_names_come_from_cldr(lang: str, expected: str, real_project: Project, settings: Settings) -> None:
    assert make_kit(settings, 0).language(lang, real_project).language_name("nl") == expected


def test_the_guide_filter_gets_one_text_per_plural_category() -> None:
    labels = read_labels()
    assert grammar.plural_forms(labels["de"], "guide_filter_count") == {
        "one": "{n} Name gefunden",
        "other": "{n} Namen gefunden",
    }
