"""The offline copy is made from the online build: links to folders lead to their index.html, the search index is
also a script, the iframe-worker shim is loaded and allowed, and nothing else in a page changes. Unit tests on small
pages first, then the zip of the real site (built once per session)."""

from __future__ import annotations

import json
import posixpath
import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.model import paths
from generator.output import csp, offline, offline_pages
from tests.html_scan import scan

FILES = {"index.html", "about/index.html", "roadmaps/index.html", "roadmaps/a/index.html", "feed.xml", "x.pdf"}
exists = FILES.__contains__
SHIM_SOURCE = offline.VENDOR.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("url", "folder", "expected"),
    [
        ("../about/", "roadmaps", "../about/index.html"),
        ("../about", "roadmaps", "../about/index.html"),
        ("..", "roadmaps/a", "../index.html"),
        ("../..", "roadmaps/a", "../../index.html"),
        (".", "roadmaps/a", "./index.html"),
        ("a/#costs", "roadmaps", "a/index.html#costs"),
        ("a/?q=x#y", "roadmaps", "a/index.html?q=x#y"),
        ("../feed.xml", "roadmaps", "../feed.xml"),  # a file
        ("../x.pdf#page=2", "roadmaps", "../x.pdf#page=2"),
        ("../missing/", "roadmaps", "../missing/"),  # no index.html there: left as it is
        ("../../../elsewhere/", "roadmaps", "../../../elsewhere/"),  # outside the copy
        ("#top", "roadmaps", "#top"),
        ("", "roadmaps", ""),
        ("https://example.org/about/", "roadmaps", "https://example.org/about/"),
        ("mailto:a@b.example", "roadmaps", "mailto:a@b.example"),
        ("/about/", "roadmaps", "/about/"),
    ],
)
def test_links_to_folders_lead_to_their_index_file(url: str, folder: str, expected: str) -> None:
    assert offline_pages.file_url(url, folder, exists) == expected


def test_attribute_is_changed_where_the_parser_found_it() -> None:
    raw = """<a title='href="../about/"' data-x=1 HREF="../about/" class=y>"""
    assert offline_pages.with_attribute(raw, "href", "../about/index.html") == (
        """<a title='href="../about/"' data-x=1 HREF="../about/index.html" class=y>"""
    )
    assert offline_pages.with_attribute('<a href="a/">', "href", 'a"&<') == '<a href="a&quot;&amp;&lt;">'
    with pytest.raises(ValueError, match="no attribute"):
        offline_pages.with_attribute('<a title="src=x">', "src", "y")


PAGE = """<!doctype html>
<html lang="en">
  <head>
  <meta charset="utf-8">
  <link rel="canonical" href="https://example.org/en/roadmaps/a/">
  <meta property="og:url" content="https://example.org/en/roadmaps/a/">
  <link rel="prev" href="../">
  <script id="__config" type="application/json">{"base": "../..", "search": "../../assets/w.js"}</script>
  <script>var s = '<a href="../../about/">';</script>
  </head>
  <body>
  <a href="../../about/" class="x">About</a> <a href="../../feed.xml">Feed</a>
  <img src="../../x.pdf" alt=""><a href="#top">Top</a>
  <pre><code>&lt;a href="../../about/"&gt;</code></pre>
  <h2 id="offline">Offline</h2><p>Download the zip</p><p><a href="../../x.pdf" download>zip</a></p>
  <h2 id="files">Files</h2><p>data</p>
  </body>
</html>
"""


@pytest.fixture(scope="module")
def rewritten() -> str:
    online = csp.with_policy(PAGE)
    return offline_pages.page(
        online, "roadmaps/a/index.html", exists, "assets/iframe-worker.js", SHIM_SOURCE, {"offline": "\n<p>copy</p>\n"}
    )


def test_page_links_to_files_and_loads_the_shim(rewritten: str) -> None:
    soup = BeautifulSoup(rewritten, "html.parser")
    assert [a["href"] for a in soup.select("a[href]")] == ["../../about/index.html", "../../feed.xml", "#top"]
    assert soup.select_one("link[rel=prev]")["href"] == "../index.html"  # type: ignore[index]
    assert soup.select_one("link[rel=canonical]") is None and soup.select_one("meta[property='og:url']") is None
    assert [s["src"] for s in soup.select("script[src]")] == ["../../assets/iframe-worker.js"]


def test_page_changes_nothing_but_its_links_the_shim_and_the_policy(rewritten: str) -> None:
    assert "var s = '<a href=\"../../about/\">';" in rewritten  # script text is no markup
    assert '&lt;a href="../../about/"&gt;' in rewritten  # nor is text
    stripped = csp.without_policy(rewritten)
    for old, new in [
        ('href="../../about/index.html"', 'href="../../about/"'),
        ('href="../index.html"', 'href="../"'),
        ('<script src="../../assets/iframe-worker.js"></script>\n  ', ""),
        (
            '<h2 id="offline">Offline</h2>\n<p>copy</p>\n',
            '<h2 id="offline">Offline</h2><p>Download the zip</p><p><a href="../../x.pdf" download>zip</a></p>\n  ',
        ),
    ]:
        stripped = stripped.replace(old, new)
    online = "\n".join(line for line in PAGE.split("\n") if "https://example.org" not in line)
    assert re.sub(r"\n\s*\n", "\n", stripped) == online


def test_policy_allows_the_shim_and_the_inline_scripts(rewritten: str) -> None:
    assert rewritten.count('http-equiv="Content-Security-Policy"') == 1
    policy = re.search(r'Content-Security-Policy" content="([^"]*)"', rewritten)
    assert policy is not None
    shim_hash = csp._hash(csp.shim_script("../../assets/w.js", SHIM_SOURCE))
    assert shim_hash in policy.group(1) and csp._hash("var s = '<a href=\"../../about/\">';") in policy.group(1)


def test_search_index_locations_are_files_and_the_index_is_also_a_script() -> None:
    index = {"config": {"lang": ["en"]}, "docs": [
        {"location": "", "title": "Home", "text": "t"},
        {"location": "roadmaps/a/#costs", "title": "Costs", "text": "t"},
        {"location": "about/", "title": "About", "text": "t"},
        {"location": "about/#offline", "title": "Offline", "text": "download"},
    ]}  # fmt: skip
    as_json, as_script = offline_pages.search_index(json.dumps(index), ".", exists, {"about/#offline": "<p>copy</p>"})
    docs = json.loads(as_json)["docs"]
    assert [d["location"] for d in docs] == [
        "index.html", "roadmaps/a/index.html#costs", "about/index.html", "about/index.html#offline",
    ]  # fmt: skip
    assert docs[3]["text"] == "<p>copy</p>" and docs[2]["text"] == "t"
    assert as_script == f"var __index = {as_json}"


# ==== the real site, built once ====================================================================================


def _links(page: str) -> list[str]:
    """The href and src of every tag (the standard library's tokenizer, as BeautifulSoup's html.parser reads it)."""
    return [url for _tag, _attribute, url in scan(page).urls]


@pytest.mark.slow
def test_every_link_in_the_zip_leads_to_a_file_in_it(built_site: Path) -> None:
    with zipfile.ZipFile(built_site / paths.ZIP) as archive:
        names = set(archive.namelist())
        broken = []
        for name in sorted(n for n in names if n.endswith(".html")):
            for url in _links(archive.read(name).decode("utf-8")):
                if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^//", url, re.I) or not url:
                    continue
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), url.split("#")[0].split("?")[0]))
                if target not in names:
                    broken.append((name, url))
        assert not broken, broken[:10]
        index = archive.read("grensroutes/en/search/search_index.js").decode("utf-8")
    assert index.startswith("var __index = {")
    docs = json.loads(index.removeprefix("var __index = "))["docs"]
    assert all(f"grensroutes/en/{d['location'].split('#')[0]}" in names for d in docs)


@pytest.mark.slow
def test_data_page_in_the_zip_says_it_is_the_copy(built_site: Path) -> None:
    with zipfile.ZipFile(built_site / paths.ZIP) as archive:
        page = BeautifulSoup(archive.read("grensroutes/en/data/index.html").decode("utf-8"), "html.parser")
    assert page.select_one("a[download]") is None
    heading = page.select_one("h2#offline")
    assert heading is not None and "offline version of this site" in heading.find_next_sibling("p").get_text()  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("url", "folder", "expected"),
    [
        ("https://example.org/site/nl/about/", "de/about", "../../nl/about/"),
        ("https://example.org/site/nl/", "de", "../nl/"),
        ("https://example.org/site/en/glossary/#term", "en/roadmaps/x/y", "../../../glossary/#term"),
        ("https://example.org/other/nl/", "de", "https://example.org/other/nl/"),
        ("https://elsewhere.example/nl/", "de", "https://elsewhere.example/nl/"),
    ],
)
def test_links_into_the_online_site_become_relative(url: str, folder: str, expected: str) -> None:
    assert offline_pages.from_site(url, folder, "https://example.org/site") == expected


def test_absolute_alternates_lead_to_the_copys_files() -> None:
    text = (
        '<html><head><link rel="alternate" hreflang="nl" href="https://example.org/nl/about/"></head>'
        "<body></body></html>"
    )
    known = {"nl/about/index.html", "de/about/index.html"}
    page = offline_pages.page(
        text, "de/about/index.html", known.__contains__, "de/shim.js", "", None, "https://example.org"
    )
    assert 'href="../../nl/about/index.html"' in page and "https://example.org" not in page
