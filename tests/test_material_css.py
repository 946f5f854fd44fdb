"""The site loads Material's stylesheet reduced to the rules it uses (generator/assets/material.css, made by `make css`
with PurgeCSS over the built site). These tests fail when that file is stale: made from another Material stylesheet
than the installed one, or missing a rule for a class or element that the built pages or our scripts now use, or
when mkdocs.yml turns on a feature whose run-time markup the reduction assumes never appears. Then run `make css`.
No Node needed: the stylesheets are read with tinycss2."""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

import material
import pytest
import tinycss2
import yaml

from generator import resources

ROOT = Path(__file__).resolve().parent.parent
REDUCED = resources.ASSETS / "material.css"
ORIGINAL = next((Path(material.__path__[0]) / "templates/assets/stylesheets").glob("main.*.min.css"))
OURS = sorted(p for p in resources.ASSETS.glob("*.css") if p != REDUCED)
# Features whose markup only Material's scripts or these Markdown extensions make (purge-css.mjs leaves their rules
# out): they must stay off.
FEATURES_OFF = {
    "content.code.annotate",
    "content.code.copy",
    "content.code.select",
    "content.tooltips",
    "content.tabs.link",
}
EXTENSIONS_OFF = {
    "pymdownx.tabbed", "pymdownx.highlight", "pymdownx.superfences", "footnotes", "pymdownx.keys", "pymdownx.critic",
    "pymdownx.arithmatex", "pymdownx.emoji", "codehilite",
}  # fmt: skip
_CLASS = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")
_ELEMENT = re.compile(r"(?<![-\w.#:=\[\"'])([a-z][a-z0-9]*)\b(?![-(\"'\]=])")
_CLASSES = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TAGS = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)")


def _selectors(rules: list[object]) -> list[str]:
    found: list[str] = []
    for rule in rules:
        kind = getattr(rule, "type", "")
        if kind == "qualified-rule":
            found += tinycss2.serialize(rule.prelude).split(",")  # type: ignore[attr-defined]
        elif kind == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:  # type: ignore[attr-defined]
            found += _selectors(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))  # type: ignore[attr-defined]
    return found


# Selectors whose attributes the pages never carry, though their classes and elements are used: sortable tables
# (Material's tablesort integration, not loaded) and the comments section (no comments here).
NOT_NEEDED = ("[role=columnheader]", "[id=__comments]")


@cache
def selectors(path: Path) -> frozenset[str]:
    rules = tinycss2.parse_stylesheet(path.read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True)
    return frozenset(s.strip() for s in _selectors(rules))


def names(selector: str) -> tuple[set[str], set[str]]:
    """The classes and the elements a selector names (not attribute values, not pseudo-classes)."""
    plain = re.sub(r"\[[^\]]*\]", "", selector)
    elements = _ELEMENT.findall(re.sub(r"::?[-a-z]+(\([^)]*\))?", "", plain))
    return set(_CLASS.findall(plain)), set(elements)


def test_made_from_the_installed_stylesheet() -> None:
    digest = hashlib.sha256(ORIGINAL.read_bytes()).hexdigest()
    assert f"{ORIGINAL.name} sha256:{digest}" in REDUCED.read_text(encoding="utf-8")[:600], "run `make css`"


def test_licence_notice_is_kept() -> None:
    head = REDUCED.read_text(encoding="utf-8")[:600]
    assert "Martin Donath" in head and "MIT License" in head
    assert "Copyright (c) 2016-2025 Martin Donath" in (resources.VENDOR / "material/LICENSE").read_text(
        encoding="utf-8"
    )


def test_features_the_reduction_leaves_out_stay_off() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert not FEATURES_OFF & set(config["theme"].get("features", []))
    extensions = {e if isinstance(e, str) else next(iter(e)) for e in config.get("markdown_extensions", [])}
    assert not EXTENSIONS_OFF & extensions
    assert "repo_url" not in config and "version" not in (config.get("extra") or {})


def test_the_reduced_stylesheet_is_a_part_of_materials() -> None:
    assert selectors(REDUCED) <= selectors(ORIGINAL)
    assert len(REDUCED.read_bytes()) < len(ORIGINAL.read_bytes()) / 2


def test_the_site_loads_the_reduced_stylesheet() -> None:
    template = (resources.OVERRIDES / "main.html").read_text(encoding="utf-8")
    assert "'assets/material.css' | url" in template and "{% block styles %}" in template


def _used(site: Path) -> tuple[set[str], set[str]]:
    classes: set[str] = set()
    elements: set[str] = set()
    for page in site.rglob("*.html"):
        if "offline" in page.relative_to(site).parts[:1]:
            continue
        text = page.read_text(encoding="utf-8")
        for double, single in _CLASSES.findall(text):
            classes.update((double or single).split())
        elements.update(t.lower() for t in _TAGS.findall(text))
    for script in resources.ASSETS.glob("*.js"):  # our scripts' class names, as quoted words
        classes.update(re.findall(r"""["']([a-z][a-z0-9_-]*)["']""", script.read_text(encoding="utf-8")))
    return classes, elements


@pytest.mark.slow
def test_no_rule_for_what_the_site_uses_was_left_out(built_site: Path) -> None:
    """Every selector of Material's whose classes and elements all occur in the built pages (or our scripts) is in the
    reduced stylesheet."""
    classes, elements = _used(built_site)
    left_out = []
    for selector in sorted(selectors(ORIGINAL) - selectors(REDUCED)):
        named_classes, named_elements = names(selector)
        if named_classes <= classes and named_elements <= elements and not any(n in selector for n in NOT_NEEDED):
            left_out.append(selector)
    assert left_out == [], "run `make css`"
