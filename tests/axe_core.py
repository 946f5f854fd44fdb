"""axe-core in Chromium: the WCAG 2.1 A and AA violations of an open page, for every test that checks them."""

from __future__ import annotations

from functools import cache
from typing import Any

from tests.conftest import ROOT

AXE = ROOT / "node_modules/axe-core/axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@cache
def _script() -> str:
    return AXE.read_text(encoding="utf-8")


def violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations of the page as it is now. axe is run by the DevTools protocol: the pages' CSP allows no
    injected script."""
    page.evaluate(_script())
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    return list(result["violations"])


def problems(page: Any) -> list[str]:
    """One line per violation: rule, help text, how often and an example element."""
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})" for v in violations(page)]
