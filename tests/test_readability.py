"""Plain language (B1): no sentence in any roadmap text, in any language, is longer than 25 words — except those in
tests/readability-allowlist.txt, each with its reason (an official title, a name that cannot be split)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.model.entities import Project

MAX_WORDS = 25
LANGS = ("nl", "de", "fr", "en")
ALLOWLIST = Path(__file__).parent / "readability-allowlist.txt"
# A full stop after these ends no sentence ("z. B. die", "e.g. the", "Art. 45").
ABBREVIATIONS = frozenset(
    [
        "z.",
        "B.",
        "bzw.",
        "ca.",
        "Nr.",
        "Art.",
        "Abs.",
        "St.",
        "Dr.",
        "u.",
        "a.",
        "d.",
        "h.",
        "e.g.",
        "i.e.",
        "evtl.",
        "ggf.",
        "inkl.",
        "vgl.",
        "bijv.",
        "o.a.",
        "enz.",
        "resp.",
        "cf.",
        "S.",
        "z.B.",
        "d.h.",
        "u.a.",
        "max.",
        "min.",
        "incl.",
        "p.",
        "i.d.R.",
        "etc.)",
    ]
)
MONTHS = frozenset(
    [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ]
)
_END = re.compile(r"[.!?][\"'”»)]*$")
_STARTS_SENTENCE = re.compile(r"[\"'„“«(]?[A-ZÄÖÜÉÈÀÇ0-9]")


def sentences(text: str) -> list[str]:
    """A text split into sentences: after '.', '!' or '?' when the next word starts like a sentence (capital, digit),
    the word is no abbreviation, and a number with a dot is not a German date ('10. Mai')."""
    words = text.split()
    found: list[str] = []
    current: list[str] = []
    for i, word in enumerate(words):
        current.append(word)
        following = words[i + 1] if i + 1 < len(words) else ""
        if not _END.search(word) or word in ABBREVIATIONS:
            continue
        if following and not _STARTS_SENTENCE.match(following):
            continue
        if re.fullmatch(r"\d+\.", word) and following in MONTHS:
            continue
        found.append(" ".join(current))
        current = []
    if current:
        found.append(" ".join(current))
    return found


def texts(node: Any, path: str = "$") -> Iterator[tuple[str, dict[str, str]]]:
    """Every multilingual text of a roadmap (a mapping of language codes to strings), with its pointer."""
    if isinstance(node, dict):
        if node and set(node) <= set(LANGS) and all(isinstance(v, str) for v in node.values()):
            yield path, node
            return
        for key, value in node.items():
            yield from texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from texts(value, f"{path}[{i}]")


def long_sentences(project: Project) -> dict[str, list[str]]:
    """'file:pointer:lang' → its sentences over MAX_WORDS words."""
    found: dict[str, list[str]] = {}
    for roadmap in project.roadmaps:
        for pointer, text in texts(roadmap.data):
            for lang, value in text.items():
                long = [s for s in sentences(value) if len(s.split()) > MAX_WORDS]
                if long:
                    found[f"{roadmap.file}:{pointer}:{lang}"] = long
    return found


def allowed() -> dict[str, str]:
    """The allow-list: 'file:pointer:lang' → reason."""
    entries = {}
    for line in ALLOWLIST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            where, _, reason = line.strip().partition(" ")
            entries[where] = reason.strip()
    return entries


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kurz. Noch ein Satz!", ["Kurz.", "Noch ein Satz!"]),
        ("Das Gesetz vom 10. Mai 2015 gilt. Es ist neu.", ["Das Gesetz vom 10. Mai 2015 gilt.", "Es ist neu."]),
        ("Zum Beispiel z. B. Pflege. Dann Art. 45 lesen.", ["Zum Beispiel z. B. Pflege.", "Dann Art. 45 lesen."]),
        ("Use e.g. the form. Send it.", ["Use e.g. the form.", "Send it."]),
        ("Costs are € 1.000. 2 copies are needed.", ["Costs are € 1.000.", "2 copies are needed."]),
        ("Vous avez un diplôme ? Alors c'est bon.", ["Vous avez un diplôme ?", "Alors c'est bon."]),
    ],
)
def test_sentence_splitting(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_allowlist_entries_have_a_reason() -> None:
    for where, reason in allowed().items():
        assert where.count(":") >= 2 and reason, where


def test_no_sentence_longer_than_25_words(real_project: Project) -> None:
    found = long_sentences(real_project)
    allow = allowed()
    too_long = {k: v for k, v in found.items() if k not in allow}
    assert not too_long, "\n".join(f"{k}: ({len(s.split())} words) {s}" for k, v in too_long.items() for s in v)
    stale = sorted(set(allow) - set(found))
    assert not stale, f"allow-list entries without a long sentence (remove them): {stale}"
