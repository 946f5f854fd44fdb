"""Everything written into the staged site after the MkDocs builds: open data, the offline zip, the sitemap."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.config import Settings
from generator.load.inputs import Inputs
from generator.model import paths
from generator.model.entities import Project
from generator.output import favicon, offline, opendata, search_titles, sitemap
from generator.render.language import Labels, Page


def _offline(pages: dict[str, list[Page]], replaced: dict[str, list[Page]]) -> dict[str, list[Page]]:
    """The same pages, with the offline copy's own version of some (its open-data page offers no zip)."""
    swap = {lang: {p.path: p for p in ps} for lang, ps in replaced.items()}
    return {lang: [swap.get(lang, {}).get(p.path, p) for p in ps] for lang, ps in pages.items()}


def after_mkdocs(
    settings: Settings,
    project: Project,
    inputs: Inputs,
    pages: dict[str, list[Page]],
    offline_pages: dict[str, list[Page]],
    navs: dict[str, list[Any]],
    site: Path,
    binaries: dict[str, dict[str, bytes]] | None,
    labels: Labels,
    jobs: int,
    epoch: int,
    with_offline: bool = True,
) -> None:
    """Raises write.BuildError like the MkDocs builds."""
    for lang in settings.languages:
        kinds = {kind: labels[lang][f"search_kind_{kind}"] for kind in search_titles.KINDS}
        search_titles.write(site / lang, kinds)
    opendata.write(settings, project, inputs, site)
    if with_offline:
        offline_set = _offline(pages, offline_pages)
        offline.build(settings, offline_set, navs, binaries or {}, site, paths.ZIP, jobs, epoch, labels)
    sitemap.write(site, settings.site_url, settings.languages)
    favicon.write(site, settings.languages)
