"""Issue #7, findability and overview: what it adds to the build.

- pages per language: profession pages with comparison tables, the A–Z index of titles, the open-data page;
- after MkDocs: site/data/ (open data), site/offline/grensroutes-offline.zip (a second MkDocs pass), and the root
  sitemap.xml with hreflang alternates plus robots.txt (only when extra.grensroutes.site_url is set).

The roadmap pages' cost breakdown, timeline and JSON-LD come from roadmap_extras.py, called by render.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator import offline, opendata, professions, seo
from generator.config import Settings
from generator.model import Project
from generator.render import Page, labels


def pages(project: Project, settings: Settings, lang: str) -> list[Page]:
    return [*professions.pages(project, lang), opendata.data_page(project, settings, lang)]


def nav(project: Project, lang: str) -> list[dict[str, Any]]:
    return [{labels()[lang]["professions"]: professions.nav_pages(project)}]


def offline_pages(project: Project, settings: Settings, pages: dict[str, list[Page]]) -> dict[str, list[Page]]:
    """The same pages, but the open-data page says it is the offline copy instead of offering the zip."""
    return {
        lang: [opendata.data_page(project, settings, lang, offline=True) if p.path == opendata.PAGE else p for p in ps]
        for lang, ps in pages.items()
    }


def finish(
    settings: Settings,
    project: Project,
    pages: dict[str, list[Page]],
    navs: dict[str, list[Any]],
    site: Path,
    binaries: dict[str, dict[str, bytes]] | None,
    jobs: int,
    with_offline: bool = True,
) -> None:
    """Everything written into the staged site after the MkDocs builds (raises write.BuildError like them)."""
    opendata.write(settings, project, site)
    if with_offline:
        offline.build(settings, offline_pages(project, settings, pages), navs, binaries or {}, site, opendata.ZIP, jobs)
    seo.write(site, settings.site_url, settings.languages)
