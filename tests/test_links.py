"""No broken internal link or anchor anywhere in the built site (all languages); external links are well-formed."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.html_scan import scan


def _target(page: Path, href: str, site: Path) -> tuple[Path, str]:
    parts = urlsplit(href)
    # "/en/assets/…" (error pages with a site_url) starts at the site root, as a web server serves it
    base = site.resolve() if parts.path.startswith("/") else page.parent
    path = page if not parts.path else (base / unquote(parts.path).lstrip("/")).resolve()
    if path.is_dir():
        path = path / "index.html"
    return path, parts.fragment


def _ids(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        cache[path] = scan(path.read_text(encoding="utf-8")).ids
    return cache[path]


def broken_links(site: Path) -> list[str]:
    broken: list[str] = []
    ids: dict[Path, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        found = scan(page.read_text(encoding="utf-8"))
        ids[page.resolve()] = found.ids
        for tag, attribute, href in found.urls:
            if tag not in ("a", "link") or attribute != "href":
                continue
            scheme = urlsplit(href).scheme
            if scheme in ("http", "https"):
                if " " in href or not urlsplit(href).netloc:
                    broken.append(f"{page.relative_to(site)} → {href} (malformed)")
                continue
            if scheme in ("mailto", "tel"):
                continue
            if scheme:
                broken.append(f"{page.relative_to(site)} → {href} (scheme)")
                continue
            target, fragment = _target(page, href, site)
            if not target.exists():
                broken.append(f"{page.relative_to(site)} → {href}")
            elif fragment and target.suffix == ".html" and fragment not in _ids(target, ids):
                broken.append(f"{page.relative_to(site)} → {href} (no anchor)")
    return broken


@pytest.mark.slow
def test_no_broken_internal_links(built_site: Path) -> None:
    assert broken_links(built_site) == []


def test_link_checker_catches_broken_links(tmp_path: Path) -> None:
    """Proof that the gate works: a dead anchor, a dead page and a javascript: link are all reported."""
    (tmp_path / "index.html").write_text(
        '<p id="here"></p><a href="#here">ok</a><a href="#nowhere">a</a><a href="gone/">b</a>'
        '<a href="javascript:alert(1)">c</a><a href="https://example.org/x">ok</a>',
        encoding="utf-8",
    )
    assert broken_links(tmp_path) == [
        "index.html → #nowhere (no anchor)",
        "index.html → gone/",
        "index.html → javascript:alert(1) (scheme)",
    ]
