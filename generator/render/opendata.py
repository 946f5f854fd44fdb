"""The page that explains the open data, in each language."""

from __future__ import annotations

from generator.model import paths
from generator.model.entities import Project
from generator.model.paths import (
    CATALOGUE_CSV,
    CATALOGUE_JSON,
    COMBINED,
    CSV_FILE,
    DATA,
    LICENCE,
    MANIFEST,
    PAGE,
    PUBLISHED_SCHEMAS,
    ZIP,
)
from generator.render import grammar
from generator.render.language import Language, Page


def data_page(project: Project, L: Language) -> Page:
    settings, lang = L.kit.settings, L.lang
    roadmaps = [
        {
            "href": f"../../{DATA}/{paths.roadmap_json(r.key)}",
            "name": f"{r.key}.json",
            "label": grammar.route_title(r, L.labels, lang),
        }
        for r in project.roadmaps
    ]
    markdown = L.render(
        "data.md.j2",
        L=L,
        lic=settings.data_licence,
        base=f"../../{DATA}/",
        combined=COMBINED,
        csv_file=CSV_FILE,
        manifest=MANIFEST,
        licence_file=LICENCE,
        schemas=PUBLISHED_SCHEMAS,
        roadmaps=roadmaps,
        catalogue=[CATALOGUE_JSON, CATALOGUE_CSV],
        zip=f"../../{ZIP}",
    )
    return Page(PAGE, markdown)
