"""The site serves our stylesheets without their comments, and otherwise unchanged: the same rules, licence notices
(`/*!`) kept, a `/*` inside a string left alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tinycss2

from generator import resources
from generator.output.stylesheets import served, without_comments


def _rules(css: str) -> list[str]:
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return [re.sub(r"\s+", " ", tinycss2.serialize([rule])).strip() for rule in rules]


def test_comments_go_strings_and_notices_stay() -> None:
    css = 'a { content: "/* no comment */"; } /* a note */\nb { background: url("x/*y"); }\n/*! licence */\n'
    assert (
        without_comments(css) == 'a { content: "/* no comment */"; } \nb { background: url("x/*y"); }\n/*! licence */\n'
    )
    assert without_comments("a{}\n/* only\n   this */\nb{}\n") == "a{}\nb{}\n"
    assert without_comments("a{} /* not closed") == "a{} /* not closed"


@pytest.mark.parametrize("path", sorted(resources.ASSETS.glob("*.css")), ids=lambda p: p.name)
def test_every_stylesheet_keeps_its_rules(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    result = served(path.name, path.read_bytes()).decode("utf-8")
    assert _rules(result) == _rules(source)
    assert "/*" not in result.replace("/*!", "")


def test_other_assets_are_served_as_they_are() -> None:
    script = (resources.ASSETS / "guide-filter.js").read_bytes()
    assert served("guide-filter.js", script) == script
