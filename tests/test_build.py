"""End to end: the real knowledge base builds into four languages, deterministically and atomically."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.build import build
from generator.model import paths
from tests.conftest import copy_project
from tests.html_scan import scan

pytestmark = pytest.mark.slow  # every test builds the site

LANGS = ("nl", "de", "fr", "en")
ROADMAP = "roadmaps/physiotherapist/nl-to-de-nw/index.html"


def tree_hash(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("lang", LANGS)
def test_roadmap_page_exists_in_every_language(built_site: Path, lang: str) -> None:
    soup = BeautifulSoup((built_site / lang / ROADMAP).read_text(encoding="utf-8"), "html.parser")
    assert soup.html is not None and soup.html["lang"] == lang
    assert "Münster" in soup.get_text()
    switch = {a["hreflang"]: a["href"] for a in soup.select("nav.gr-languages a")}
    assert sorted(switch) == sorted(set(LANGS) - {lang})
    for other, href in switch.items():  # the switcher leads to the same page in the other language
        target = (built_site / lang / ROADMAP).parent.joinpath(href).resolve()
        assert target == (built_site / other / ROADMAP).parent.resolve()


def test_every_page_kind_exists(built_site: Path) -> None:
    for lang in LANGS:
        for page in (
            "index.html",
            "roadmaps/index.html",
            "glossary/index.html",
            "grensinfopunten/index.html",
            "about/index.html",
            "search/search_index.json",
        ):
            assert (built_site / lang / page).exists(), f"{lang}/{page}"
    assert (built_site / "index.html").exists()


def test_no_third_party_references(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text and "unpkg.com" not in text, page
        found = scan(text)
        for index, (tag, _attribute, url) in enumerate(found.urls):
            if tag not in ("script", "link", "img", "iframe"):
                continue
            assert not url.startswith(("http:", "https:", "//")) or (
                tag == "link" and found.rels.get(index) in ("alternate", "canonical")  # names a URL, loads nothing
            ), (page, url)


@pytest.fixture(scope="module")
def second_build(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Another clone of the same inputs, in another folder, built from scratch (PDFs come from the session's cache)."""
    project = copy_project(tmp_path_factory.mktemp("second") / "project")
    result = build(project)
    assert result.ok, result.diagnostics
    return project


def test_build_is_deterministic(built_site: Path, second_build: Path) -> None:
    """Two clones in different folders build byte-identical sites."""
    assert tree_hash(second_build / "site") == tree_hash(built_site)


def test_offline_zip_is_reused_only_while_its_inputs_hold(second_build: Path) -> None:
    """An unchanged build copies the kept zip; a changed page makes a new one that holds the change."""
    project = second_build
    zip_path = project / "site" / paths.ZIP
    first = zip_path.read_bytes()
    assert build(project, pdfs=False).ok
    assert zip_path.read_bytes() == first
    about = project / "content/en/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n\nA sentence to find in the zip.\n", encoding="utf-8")
    assert build(project, pdfs=False).ok
    with zipfile.ZipFile(zip_path) as archive:
        assert "A sentence to find in the zip." in archive.read("grensroutes/en/about/index.html").decode("utf-8")


def test_failed_build_keeps_previous_site(second_build: Path) -> None:
    """A build that fails, in validation or in MkDocs, leaves the site of the folder's last successful build as it was.
    Runs last in this module: it starts from the second clone as the tests above left it (built successfully)."""
    project = second_build
    before = tree_hash(project / "site")
    roadmap = project / "roadmaps/physiotherapist/nl-to-de-nw.yaml"
    roadmap.write_text(roadmap.read_text(encoding="utf-8").replace("authority: nrw-gesundheitsamt", "authority: nope"))
    result = build(project, pdfs=False, offline=False)
    assert not result.ok and any(d.code == "unknown-authority" for d in result.diagnostics)
    assert tree_hash(project / "site") == before
    # and when MkDocs itself fails, the site stays too
    roadmap.write_text(roadmap.read_text(encoding="utf-8").replace("authority: nope", "authority: nrw-gesundheitsamt"))
    (project / "content/en/about.md").write_text("# About\n\n[broken](missing-page.md)\n", encoding="utf-8")
    result = build(project, pdfs=False, offline=False)
    assert [d.code for d in result.diagnostics] == ["mkdocs"]
    assert tree_hash(project / "site") == before
