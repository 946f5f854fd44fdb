"""The root sitemap.xml with hreflang alternates, and robots.txt (only when the site's address is known)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def _locs(sitemap: Path) -> list[str]:
    if not sitemap.exists():
        return []
    root = ET.parse(sitemap).getroot()
    return [loc.text or "" for loc in root.iter(f"{{{SITEMAP_NS}}}loc")]


def page_paths(site: Path, site_url: str, languages: tuple[str, ...]) -> dict[str, list[str]]:
    """Page path (relative to a language root) → the languages that have it, from MkDocs' own sitemaps."""
    paths: dict[str, list[str]] = {}
    for lang in languages:
        prefix = f"{site_url}/{lang}/"
        for loc in _locs(site / lang / "sitemap.xml"):
            if loc.startswith(prefix):
                paths.setdefault(loc.removeprefix(prefix), []).append(lang)
    return dict(sorted(paths.items()))


def sitemap(site: Path, site_url: str, languages: tuple[str, ...]) -> str:
    """One sitemap for every language, each URL with its hreflang alternates (xhtml:link), plus the language
    chooser at the root as x-default."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">',
        _url(f"{site_url}/", {lang: f"{site_url}/{lang}/" for lang in languages}, f"{site_url}/"),
    ]
    for path, langs in page_paths(site, site_url, languages).items():
        alternates = {lang: f"{site_url}/{lang}/{path}" for lang in langs}
        default = f"{site_url}/" if path == "" else ""
        lines += [_url(href, alternates, default) for href in alternates.values()]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _esc(url: str) -> str:
    return url.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _url(loc: str, alternates: dict[str, str], default: str) -> str:
    links = "".join(
        f'<xhtml:link rel="alternate" hreflang="{lang}" href="{_esc(href)}"/>' for lang, href in alternates.items()
    )
    if default:
        links += f'<xhtml:link rel="alternate" hreflang="x-default" href="{_esc(default)}"/>'
    return f"<url><loc>{_esc(loc)}</loc>{links}</url>"


def robots(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {site_url}/sitemap.xml\n"


def write(site: Path, site_url: str, languages: tuple[str, ...]) -> list[Path]:
    """The root sitemap.xml and robots.txt; nothing without a site_url (sitemaps need absolute URLs)."""
    if not re.match(r"^https?://", site_url):
        return []
    files = {site / "sitemap.xml": sitemap(site, site_url, languages), site / "robots.txt": robots(site_url)}
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    return list(files)
