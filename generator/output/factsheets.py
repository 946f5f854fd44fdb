"""Factsheets as PDF: rendered with WeasyPrint or taken from the cache, checked, and handed to the writer.

Plan the sheets → HTML (factsheet_html) → PDF (factsheet_pdf, cached in .build/pdf-cache/) → files that the build
writes into .build/docs/<lang>/factsheets/, so MkDocs publishes them with the site.

Two-language sheets: the client's language on the left, the language of the destination's authorities on the right,
for every official language of the origin (the client's) and of the destination (the adviser's and the forms') that
differ and that the site has. So NL → DE-NW gives nl+de, NL → BE-FR nl+fr, BE → NL fr+nl and de+nl, DE → NL de+nl,
and NL → BE-FL none (both sides speak Dutch). Page limits: see generator/render/factsheets.py.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.config import Settings
from generator.diagnostics import Diagnostic, error
from generator.model.entities import Project
from generator.output import factsheet_pdf
from generator.render import factsheets as sheets_plan
from generator.render.factsheets import Sheet
from generator.render.language import Kit

CACHE_ENV = "GRENSROUTES_PDF_CACHE"  # lets test builds of throwaway project copies share one cache
DEFAULT_FOLDER = ".build/pdf-cache"  # relative to the project; the CI workflows keep it between runs


@dataclass
class Output:
    files: dict[str, dict[str, bytes]] = field(default_factory=dict)  # lang → path in docs/<lang>/ → PDF
    diagnostics: list[Diagnostic] = field(default_factory=list)
    rendered: int = 0
    reused: int = 0


def job(sheet: Sheet, project: Project, kit: Kit, epoch: int) -> factsheet_pdf.Job:
    """What to render for one sheet: its HTML, page limit, and the roadmap file that diagnostics point to."""
    what = f"{sheet.roadmap.key} ({'+'.join(sheet.langs)})"
    document = sheets_plan.html(sheet, project, kit, str(epoch))
    return factsheet_pdf.Job(sheet.name, document, sheet.max_pages, sheet.roadmap.file, what)


def cache_folder(settings: Settings) -> Path:
    return Path(os.environ.get(CACHE_ENV) or settings.root / DEFAULT_FOLDER)


def make(project: Project, kit: Kit, epoch: int, render: bool = True) -> Output:
    """Every sheet as PDF bytes, from the cache or freshly rendered and checked."""
    settings = kit.settings
    sheets = {s.name: s for s in sheets_plan.plan(project, settings)}
    cache = factsheet_pdf.Cache(cache_folder(settings))
    if not render:
        return _preview(sheets, cache, settings.languages)
    jobs = {name: job(s, project, kit, epoch) for name, s in sheets.items()}
    keys = {name: factsheet_pdf.cache_key(j) for name, j in jobs.items()}
    pdfs = {name: cache.get(key) for name, key in keys.items()}
    todo = [name for name, pdf in pdfs.items() if pdf is None]
    out = Output(reused=len(pdfs) - len(todo), rendered=len(todo))
    for name, result in zip(todo, factsheet_pdf.render([jobs[n] for n in todo]), strict=True):
        problems = [error(sheets[name].roadmap.file, (1, 1), code, text) for code, text in result.problems]
        if not problems:
            cache.put(keys[name], result.pdf)
        out.diagnostics += problems
        pdfs[name] = result.pdf
    if not out.diagnostics:
        cache.remember(keys)
    out.files = _files(list(sheets.values()), pdfs, settings.languages)
    return out


def _preview(sheets: dict[str, Sheet], cache: factsheet_pdf.Cache, languages: tuple[str, ...]) -> Output:
    """For `serve`: no rendering and not even HTML — each sheet's last good PDF, or a placeholder."""
    pdfs = {name: cache.newest(name) for name in sheets}
    out = Output(reused=sum(pdf is not None for pdf in pdfs.values()))
    placeholder = factsheet_pdf.placeholder()
    out.files = _files(list(sheets.values()), {n: pdf or placeholder for n, pdf in pdfs.items()}, languages)
    return out


def _files(
    sheets: list[Sheet], pdfs: dict[str, bytes | None], languages: tuple[str, ...]
) -> dict[str, dict[str, bytes]]:
    """A two-language sheet is published in the sites of both its languages, so each index links it locally."""
    files: dict[str, dict[str, bytes]] = {lang: {} for lang in languages}
    for sheet in sheets:
        for lang in sheet.langs:
            files[lang][sheet.file] = pdfs[sheet.name] or b""
    return files
