"""The guide's filter loads its list of titles only when the visitor first uses the field: the first page carries no
titles, the titles' script is not fetched on load, and the filter works online and from disk (the offline copy, whose
script links to index.html files)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from generator.model import paths
from generator.output import offline_pages
from generator.render import guide_titles


@pytest.mark.parametrize(
    ("link", "url"),
    [
        ("nurse/index.md", "nurse/"),
        ("../catalogue/midwife.md", "../catalogue/midwife/"),
        ("../catalogue/titles/lehrer.md", "../catalogue/titles/lehrer/"),
        ("index.md", "./"),
    ],
)
def test_links_are_the_urls_mkdocs_makes(link: str, url: str) -> None:
    assert paths.folder_url(link) == url


def test_script_holds_the_rows_as_data() -> None:
    rows = [["a/", "nl", 'x "</script><b>', " — y\u2028z"], ["../b/", "de", "Ärztin", " — Arzt (früherer Name)"]]
    text = guide_titles.script(rows)
    assert text.startswith("window.grensroutesGuideTitles = [[") and "\u2028" not in text
    assert guide_titles.read(text) == rows
    with pytest.raises(ValueError):
        guide_titles.read("alert(1)")


def test_offline_copy_links_to_index_files() -> None:
    files = {"en/guide/nurse/index.html", "en/catalogue/midwife/index.html"}
    text = guide_titles.script([["nurse/", "nl", "A", " — a"], ["../catalogue/midwife/", "en", "B", " — b"]])
    rows = guide_titles.read(offline_pages.guide_titles(text, "en/guide/titles.js", files.__contains__))
    assert [row[0] for row in rows] == ["nurse/index.html", "../catalogue/midwife/index.html"]
    assert [row[1:] for row in rows] == [["nl", "A", " — a"], ["en", "B", " — b"]]


# ==== the real site, built once ====================================================================================


@pytest.mark.slow
def test_first_page_carries_no_titles(built_site: Path) -> None:
    for lang in ("nl", "de", "fr", "en"):
        page = (built_site / lang / "guide/index.html").read_text(encoding="utf-8")
        assert '<div id="gr-titles" hidden data-titles="titles.js"></div>' in page
        assert "A-verpleegkundige" not in page  # a title, in every language's list
        assert "A-verpleegkundige" in (built_site / lang / "guide/titles.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def unzipped(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("offline-titles")
    with zipfile.ZipFile(built_site / paths.ZIP) as archive:
        archive.extractall(target, [n for n in archive.namelist() if n.startswith("grensroutes/en/")])
    return target / "grensroutes"


def _filter(page: Any, query: str) -> list[str]:
    page.fill("#gr-filter-input", query)
    page.wait_for_function("document.getElementById('gr-filter-status').textContent !== ''")
    return [str(a.get_attribute("href")) for a in page.locator("#gr-titles li:visible a").all()]


@pytest.mark.slow
@pytest.mark.browser
def test_titles_load_on_first_use(browser: Any, site_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{site_url}/en/guide/", wait_until="networkidle")
    assert not [url for url in fetched if url.endswith("/titles.js")]
    page.focus("#gr-filter-input")
    page.wait_for_selector("#gr-titles li", state="attached")
    assert [url for url in fetched if url.endswith("/titles.js")] == [f"{site_url}/en/guide/titles.js"]
    assert _filter(page, "A-verpleegkundige") == ["nurse/"]
    page.locator("#gr-titles li:visible a").first.click()
    assert page.url == f"{site_url}/en/guide/nurse/"
    context.close()


@pytest.mark.slow
@pytest.mark.browser
def test_filter_works_from_disk(browser: Any, unzipped: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto((unzipped / "en/guide/index.html").as_uri(), wait_until="load")
    assert _filter(page, "A-verpleegkundige") == ["nurse/index.html"]
    page.locator("#gr-titles li:visible a").first.click()
    assert page.url == (unzipped / "en/guide/nurse/index.html").as_uri()
    context.close()
