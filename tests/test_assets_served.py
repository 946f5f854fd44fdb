"""The site serves our stylesheets and scripts minified (generator/output/minify.py): the same rules and the same
program, without the comments that explain them to maintainers; licence notices (`/*!`) stay."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import tinycss2

from generator import resources
from generator.output.minify import served

STYLESHEETS = sorted(resources.ASSETS.glob("*.css"))
SCRIPTS = sorted(resources.ASSETS.glob("*.js"))


def _rules(css: str) -> list[str]:
    """Each rule, serialized with the spaces that carry no meaning taken out."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    text = [re.sub(r"\s+", " ", tinycss2.serialize([rule])).strip() for rule in rules]
    return [re.sub(r";?\s*}", "}", re.sub(r"\s*([{};:,>~+!])\s*", r"\1", t)) for t in text]


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: p.name)
def test_every_stylesheet_keeps_its_rules(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    result = served(path.name, path.read_bytes()).decode("utf-8")
    assert _rules(result) == _rules(source)
    assert "/*" not in result.replace("/*!", "") and len(result) < len(source)


def test_licence_notices_stay() -> None:
    css = b"/*! Material licence */\na { color: red; } /* a note */\n"
    assert served("x.css", css).startswith(b"/*! Material licence */")
    assert b"a note" not in served("x.css", css)
    assert served("x.js", b"/*! notice */\n// a note\nvar a = 1;\n").startswith(b"/*! notice */")


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_every_script_is_still_a_valid_program(path: Path, tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is required for the tests (README): apt-get install nodejs npm")
    result = served(path.name, path.read_bytes())
    assert len(result) < path.stat().st_size
    copy = tmp_path / path.name
    copy.write_bytes(result)
    checked = subprocess.run([node, "--check", str(copy)], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr


def test_other_assets_are_served_as_they_are() -> None:
    data = b"\x89PNG\r\n"
    assert served("favicon.png", data) == data
