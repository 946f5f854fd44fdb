"""Everything written into the staged site after the MkDocs builds: open data, the offline zip, the sitemap."""

from __future__ import annotations

from pathlib import Path

from generator.config import Settings
from generator.load.inputs import Inputs
from generator.model import paths
from generator.model.entities import Project
from generator.output import favicon, offline, opendata, search_titles, sitemap
from generator.render.language import Labels


def after_mkdocs(
    settings: Settings,
    project: Project,
    inputs: Inputs,
    site: Path,
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
        offline.build(settings, site, paths.ZIP, epoch, labels, jobs)
    sitemap.write(site, settings.site_url, settings.languages)
    favicon.write(site, settings.languages)
