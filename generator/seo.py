"""For search engines and sharing: schema.org JSON-LD for the roadmap and profession pages (written into the page's
front matter and printed by overrides/partials/findability-head.html through Jinja's `tojson`, which escapes `<`,
`>`, `&` and `'`, so YAML text can never close the script element), and one sitemap for the whole site with
hreflang alternates between the languages.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.model import Authority, Profession, Roadmap

if TYPE_CHECKING:  # render imports this module
    from generator.render import Language

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def _plain(text: str) -> str:
    return " ".join(text.split())


def _organisation(authority: Authority, lang: str) -> dict[str, Any]:
    org: dict[str, Any] = {"@type": "GovernmentOrganization", "name": authority.name}
    if authority.short and authority.short not in authority.name:
        org["alternateName"] = authority.short
    website = authority.contact.get("website")
    if website:
        org["url"] = website
    org["areaServed"] = {"@type": "AdministrativeArea", "name": authority.jurisdiction.name.get(lang, "")}
    return org


def roadmap_jsonld(roadmap: Roadmap, lang: Language, title: str) -> dict[str, Any]:
    """schema.org GovernmentService: who provides the recognition, where, for whom; no invented fields."""
    providers: dict[str, Authority] = {}
    for step in roadmap.steps:
        providers.setdefault(step.authority.id, step.authority)
    summary = roadmap.data["summary"]["text"].get(lang.lang, "")
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": title,
        "serviceType": lang.label("ld_service_type"),
        "inLanguage": lang.lang,
        "areaServed": {"@type": "AdministrativeArea", "name": roadmap.destination.name.get(lang.lang, "")},
        "audience": {
            "@type": "Audience",
            "audienceType": lang.label(
                "ld_audience",
                profession=roadmap.profession.name.get(lang.lang, roadmap.profession.id),
                origin=roadmap.origin.name.get(lang.lang, roadmap.origin.code),
            ),
        },
        "provider": [_organisation(a, lang.lang) for a in providers.values()],
        "version": roadmap.version,
    }
    if summary:
        data["description"] = _plain(summary)
    return data


def profession_jsonld(profession: Profession, lang: str, names: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": profession.name.get(lang, profession.id),
        "alternateName": [n for n in names if n != profession.name.get(lang)],
        "inLanguage": lang,
    }
    if profession.isco08:
        data["occupationalCategory"] = {
            "@type": "CategoryCode",
            "codeValue": profession.isco08,
            "inCodeSet": "ISCO-08",
        }
    return data


# ---- sitemap -----------------------------------------------------------------------------------------------------


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
