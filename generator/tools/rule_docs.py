"""`roadmaps docs`: the error catalogue in CONTRIBUTING.md, generated from generator/rules.py so it cannot drift.

The block between the markers is rewritten; everything around it is hand-written. The severity of each rule is read
from the code itself (which function reports it), and the example message from the rule's test fixture.
"""

from __future__ import annotations

import ast
from pathlib import Path

from generator import resources
from generator.rules import RULES

BEGIN = "<!-- BEGIN GENERATED: rule catalogue (`roadmaps docs` rewrites this block; do not edit it by hand) -->"
END = "<!-- END GENERATED: rule catalogue -->"
PACKAGE = resources.PACKAGE
FIXTURES = Path("tests/fixtures/invalid")


class StaleError(Exception):
    """The file has no markers, or they are out of order."""


def mentioned(package: Path = PACKAGE) -> set[str]:
    """Every rule id that appears as a string anywhere in the generator's code (outside rules.py)."""
    ids: set[str] = set()
    for path in sorted(package.rglob("*.py")):
        if path.name != "rules.py":
            tree = ast.parse(path.read_text(encoding="utf-8"))
            ids |= {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and n.value in RULES}
    return ids


def _example(root: Path, code: str) -> str:
    expected = root / FIXTURES / code / "expected.txt"
    if not expected.is_file():
        return ""
    for line in expected.read_text(encoding="utf-8").splitlines():
        if f"[{code}]: " in line:
            return line.split(f"[{code}]: ", 1)[1]
    return ""


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def catalogue(root: Path) -> str:
    """The Markdown table of every rule id: severity, meaning, and a real message from its test fixture."""
    lines = [
        "| Rule id | Severity | What it means and what to do | Example message |",
        "| --- | --- | --- | --- |",
    ]
    for code, rule in RULES.items():
        example = _example(root, code)
        lines.append(f"| `{code}` | {rule.severity.value} | {_cell(rule.meaning)} | {_cell(example) if example else '–'} |")
    return "\n".join(lines)


def rewrite(text: str, block: str) -> str:
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise StaleError(f"the markers {BEGIN!r} and {END!r} are missing or out of order")
    return text[: start + len(BEGIN)] + "\n" + block + "\n" + text[end:]


def update(root: Path, check_only: bool = False) -> bool:
    """Rewrite CONTRIBUTING.md's catalogue; return True if it was already up to date."""
    path = root / "CONTRIBUTING.md"
    text = path.read_text(encoding="utf-8")
    fresh = rewrite(text, catalogue(root))
    if fresh != text and not check_only:
        path.write_text(fresh, encoding="utf-8")
    return fresh == text
