"""Stage 4: golden Markdown per language, escaping of YAML text, locale formatting, summaries."""

from __future__ import annotations

import difflib
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from generator.build import check
from generator.config import Settings
from generator.render import formatting as fmt
from generator.render.language import Kit
from generator.render.roadmap import roadmap_page
from tests.conftest import FIXTURES

GOLDEN = Path(__file__).parent / "golden"
FIXTURE = FIXTURES / "valid/physiotherapist/nl-to-de-nw.yaml"


@pytest.fixture(scope="module")
def fixture_project(settings: Settings):  # type: ignore[no-untyped-def]
    result = check(settings, [FIXTURE])
    assert result.project is not None, result.diagnostics
    return result.project


@pytest.mark.parametrize("lang", ["nl", "de", "fr", "en"])
def test_golden_markdown(lang: str, fixture_project, kit: Kit, update_golden: bool) -> None:  # type: ignore[no-untyped-def]
    page = roadmap_page(fixture_project.roadmaps[0], kit.language(lang, fixture_project), fixture_project)
    golden = GOLDEN / f"physiotherapist-nl-to-de-nw.{lang}.md"
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(page.markdown, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), page.markdown.splitlines(True), "golden", "now"))
    assert not diff, f"generated Markdown changed (run `pytest --update-golden` if intended):\n{diff}"


PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "<!-- hidden --> text",
    "{{ 7*7 }} {% if true %}x{% endif %}",
    "| a | b |\n|---|---|",
    "{: onclick=alert(1) } *bold* _em_ `code` ![i](x.png)",
    "1. not a list\n- not a list\n# not a heading",
    '!!! warning "not an admonition"',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_from_yaml_stays_text(payload: str) -> None:
    html = markdown.markdown(
        f"Before {fmt.md_escape(payload)} after", extensions=["attr_list", "tables", "admonition", "md_in_html"]
    )
    soup = BeautifulSoup(html, "html.parser")
    elements = soup.find_all(True)
    assert [e.name for e in elements] == ["p"] and not elements[0].attrs, html  # one plain paragraph, nothing else
    assert "<!--" not in html
    visible = html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    assert " ".join(payload.split()) in visible


@pytest.mark.parametrize(
    ("lang", "expected"), [("nl", "€ 60,00"), ("de", "60,00 €"), ("fr", "60,00 €"), ("en", "€60.00")]
)
def test_money_per_locale(lang: str, expected: str) -> None:
    assert fmt.money(60, "EUR", lang).replace("\xa0", " ") == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("nl", "1 januari 2027"), ("de", "1. Januar 2027"), ("fr", "1 janvier 2027"), ("en", "1 January 2027")],
)
def test_dates_written_out(lang: str, expected: str) -> None:
    assert fmt.date("2027-01-01", lang) == expected


def test_missing_translation_is_marked_not_replaced(fixture_project, kit: Kit) -> None:  # type: ignore[no-untyped-def]
    language = kit.language("fr", fixture_project)
    assert "pas encore traduit" in language.t({"nl": "alleen Nederlands"})
    assert "alleen" not in language.t({"nl": "alleen Nederlands"})


def test_summary_counts_known_and_unknown(fixture_project) -> None:  # type: ignore[no-untyped-def]
    from generator.model.facts import Period
    from generator.render.roadmap import totals

    figures = totals(fixture_project.roadmaps[0])
    assert (figures["fees"].amounts, figures["fees_unknown"]) == ((("EUR", 60, 140),), 1)
    assert figures["period"] == Period("known", max=4, unit="months")
    assert figures["deadlines_unknown"] == 1
