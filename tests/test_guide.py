"""The guide: the flow is checked as a graph, and a walker generated from the flow visits every path in every
language of the built site and ends on the expected outcome. Chromium clicks through it with JavaScript off and
uses the title filter with JavaScript on."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from generator.build import Result
from generator.config import Settings
from generator.diagnostics import Diagnostic
from generator.load.documents import load_file
from generator.load.inputs import Inputs, load_inputs
from generator.model.entities import Project
from generator.render import guide, guide_titles
from generator.resolve import flow as flows
from generator.validate import flow as flow_checks
from tests.conftest import FIXTURES

LANGS = ("nl", "de", "fr", "en")
INVALID = sorted(p for p in (FIXTURES / "invalid-flow").iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def inputs(settings: Settings) -> Inputs:
    loaded, diagnostics = load_inputs(settings)
    assert diagnostics == []
    return loaded


@pytest.fixture(scope="module")
def project(real_project: Project) -> Project:
    return real_project


@pytest.fixture(scope="module")
def flow(real_result: Result) -> flows.Flow:
    assert real_result.flow is not None
    return real_result.flow


def check_flow_file(path: Path, settings: Settings, inputs: Inputs) -> list[Diagnostic]:
    """A flow file checked on its own against the project's registries and roadmaps: what it fails to load with,
    or the flow's checks."""
    doc, diagnostics = load_file(path, settings.root)
    return diagnostics if doc is None else flow_checks.check_document(doc, settings, inputs)


# ---- the flow as data ------------------------------------------------------------------------------------------


def test_the_real_flow_is_valid(settings: Settings, inputs: Inputs) -> None:
    assert [str(d) for d in flow_checks.check(settings, inputs)] == []


def test_valid_flow_fixture(settings: Settings, inputs: Inputs) -> None:
    assert check_flow_file(FIXTURES / "valid-flow/flow.yaml", settings, inputs) == []


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_flow(case: Path, settings: Settings, inputs: Inputs) -> None:
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, "every invalid flow must give at least one located error"
    assert [str(d) for d in check_flow_file(case / "flow.yaml", settings, inputs)] == expected


def test_broken_flow_fails_the_build_before_writing(tmp_path: Path) -> None:
    from generator.build import build
    from tests.conftest import copy_project

    root = copy_project(tmp_path / "project")
    flow_file = root / "roadmaps/guide/flow.yaml"
    flow_file.write_text((FIXTURES / "invalid-flow/cycle/flow.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = build(root)
    flow_problems = [d for d in result.diagnostics if d.path == "roadmaps/guide/flow.yaml"]
    assert not result.ok and [d.code for d in flow_problems] == ["flow-cycle"]
    assert not (root / "site").exists() and not (root / ".build/docs").exists()


# ---- the walker: every path, every language --------------------------------------------------------------------


def expected_end(visit: flows.Visit, roadmaps: set[str]) -> str:
    """What a path must end on, worked out from its answers alone."""
    values = visit.values
    if all(k in values for k in flows.NEEDED) and flows.roadmap_key(values) in roadmaps:
        return flows.roadmap_key(values)
    return "referral"


def _page(site: Path, lang: str, visit: flows.Visit) -> Path:
    return site.joinpath(lang, flows.ROOT, *visit.segments, "index.html")


def _links(page: Path) -> set[Path]:
    """Where the page's article links to; on the profession question also the titles its filter loads."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article") or soup
    hrefs = [str(a["href"]) for a in article.find_all("a", href=True)]
    script = article.select_one("[data-titles]")
    if script is not None:
        hrefs += [row[0] for row in guide_titles.read((page.parent / str(script["data-titles"])).read_text("utf-8"))]
    return {(page.parent / unquote(href.split("#")[0])).resolve() for href in hrefs}


def test_walker_reaches_every_roadmap_and_only_expected_outcomes(flow: flows.Flow, project: Project) -> None:
    roadmaps = {r.key for r in project.roadmaps}
    visits = guide.visits(flow, project)
    ends = [v for v in visits if v.node in flow.outcomes]
    assert all((v.roadmap or "referral") == expected_end(v, roadmaps) for v in ends)
    assert {v.roadmap for v in ends if v.roadmap} == roadmaps and len(roadmaps) == 35
    assert len({v.path for v in visits}) == len(visits)  # every state has its own page
    # origins outside NL/BE/DE go straight to a referral; a destination never lies in the origin country
    for v in visits:
        if "origin" in v.values and "destination" in v.values:
            origin = project.jurisdictions[v.values["origin"]].country
            assert project.jurisdictions[v.values["destination"]].country != origin, v.path


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_every_path_is_a_built_page_that_ends_right(
    built_site: Path, flow: flows.Flow, project: Project, lang: str
) -> None:
    roadmaps = {r.key for r in project.roadmaps}
    visits = guide.visits(flow, project)
    children: dict[tuple[str, ...], set[Path]] = {}
    for v in visits:
        if v.segments:
            children.setdefault(v.segments[:-1], set()).add(_page(built_site, lang, v).parent.resolve())
    for v in visits:
        page = _page(built_site, lang, v)
        assert page.exists(), page
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert len(soup.select("article h1")) == 1, page
        links = _links(page)
        if v.node in flow.questions:  # every answer is a link to the page of that answer
            assert children[v.segments] <= links, page
        elif expected_end(v, roadmaps) != "referral":
            roadmap = (built_site / lang / "roadmaps" / expected_end(v, roadmaps)).resolve()
            assert roadmap in links, page
            assert soup.select_one("#sources") is not None and soup.select("a[href^='#src-']"), page
        else:
            outcome = flow.outcomes[v.node]
            assert outcome.kind == "referral"
            assert outcome.title is not None
            assert soup.select_one("article h1").get_text(strip=True).startswith(outcome.title[lang][:12])
            assert (built_site / lang / "grensinfopunten").resolve() in links, page
        if v.trail:  # the answers so far, each with a link back to its question
            assert len(soup.select("#answers + ul > li")) == len(v.trail), page
    assert (built_site / lang / "guide/graph/index.html").exists()


@pytest.mark.slow
def test_profession_question_lists_every_title(built_site: Path, project: Project) -> None:
    text = (built_site / "en/guide/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(text, "html.parser")
    script = built_site / "en/guide" / str(soup.select_one("#gr-titles")["data-titles"])
    shown = {title for _, _, title, _ in guide_titles.read(script.read_text(encoding="utf-8"))}
    for profession in project.professions.values():
        assert {t["title"] for t in profession.titles} <= shown
        assert set(profession.name.values()) <= shown
    assert soup.select_one("label[for=gr-filter-input]") is not None
    assert soup.select_one("#gr-filter").has_attr("hidden")  # only the script shows the filter


# ---- in Chromium -----------------------------------------------------------------------------------------------

ROUTES = {
    "nl": (["care-worker/", "nl/", "be-fl/", "settle/"], "roadmaps/care-worker/nl-to-be-fl/"),
    "de": (["physiotherapist/", "nl/", "de-nw/", "temporary/"], "roadmaps/physiotherapist/nl-to-de-nw/"),
    "fr": (["secondary-teacher/", "nl/", "brussels/", "be-fr/", "settle/"], "roadmaps/secondary-teacher/nl-to-be-fr/"),
    "en": (["physiotherapist/", "be/", "nl/", "settle/"], "roadmaps/physiotherapist/be-to-nl/"),
}


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(c))


TERMS = ["kinesitherapeut", "Physiotherapeutin", "zorgkundige", "Altenpflegehelfer", "Lehrer", "teacher"]


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_click_to_a_roadmap_without_javascript(browser, site_url: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/{lang}/", wait_until="load")
    page.locator("#guide-start").click()
    assert page.url.endswith(f"/{lang}/guide/")
    assert not page.locator("#gr-filter-input").is_visible()
    steps, roadmap = ROUTES[lang]
    letter = {"nl": "v", "de": "p", "fr": "p", "en": "p"}[lang]  # the profession's title starts with it
    parts = page.locator(f"a[href='a-z/{letter}/'], a[href^='a-z/{letter}-']")
    hrefs = [parts.nth(i).get_attribute("href") for i in range(parts.count())]
    parts.first.click()  # the A–Z, which works without JavaScript
    for href in hrefs:  # the letter's pages, until one lists the profession
        page.goto(f"{site_url}/{lang}/guide/{href}")
        found = page.locator(f"article a[href='../../{steps[0]}']")
        if found.count():
            found.first.click()
            break
    for step in steps[1:]:
        page.locator(f"article a[href='{step}']").click()
    assert page.url.endswith(f"/{lang}/guide/{''.join(steps)}")
    page.locator("article a.md-button--primary").click()
    assert page.url.endswith(f"/{lang}/{roadmap}")
    page.go_back()
    assert page.url.endswith(f"/{lang}/guide/{''.join(steps)}")
    context.close()


@pytest.mark.slow
@pytest.mark.browser
def test_title_filter_with_javascript(browser, site_url: str, project: Project) -> None:  # type: ignore[no-untyped-def]
    titles = {t["title"].casefold() for p in project.professions.values() for t in p.titles}
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/en/guide/", wait_until="networkidle")
    box = page.get_by_label("Find your profession in the list")
    assert box.is_visible()
    assert page.locator("#gr-titles li").count() == 0  # the titles load when the field is first used
    box.focus()
    page.wait_for_selector("#gr-titles li", state="attached")
    total = page.locator("#gr-titles li").count()
    assert total == len(page.locator("#gr-titles li[hidden]").all())
    for term in TERMS:
        assert any(term.casefold() in t for t in titles), f"{term} is not in professions.yaml"
        box.fill(term)
        shown = page.locator("#gr-titles li:visible")
        assert 0 < shown.count() < total, term
        assert all(fold(term) in fold(text) for text in shown.all_inner_texts()), term  # accents do not matter
        assert page.locator("#gr-filter-status").inner_text().startswith(str(shown.count()))
    box.fill("")
    assert page.locator("#gr-titles li:visible").count() == 0  # the list shows only what matches a typed word
    context.close()
