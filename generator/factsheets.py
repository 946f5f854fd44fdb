"""Factsheets (issue #5): every roadmap as a printable A4 PDF in every language, plus two-language sheets for advisers.

Plan the sheets → HTML (factsheet_html) → PDF (factsheet_pdf, cached in .build/pdf-cache/) → files that the build
writes into .build/docs/<lang>/factsheets/, so MkDocs publishes them with the site.

Two-language sheets: the client's language on the left, the language of the destination's authorities on the right,
for every official language of the origin (the client's) and of the destination (the adviser's and the forms') that
differ and that the site has. So NL → DE-NW gives nl+de, NL → BE-FR nl+fr, BE → NL fr+nl and de+nl, DE → NL de+nl,
and NL → BE-FL none (both sides speak Dutch). A two-language sheet may have 4 pages, a one-language sheet 2.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from generator import factsheet_html, factsheet_pdf
from generator.config import LANGUAGE_NAMES, Settings
from generator.diagnostics import Diagnostic, error
from generator.model import Project, Roadmap
from generator.render import Language, Page, _render

FOLDER = "factsheets"
INDEX = f"{FOLDER}/index.md"  # the download page of each language, beside its PDFs
PAGES_PER_LANGUAGE = 2
CACHE_ENV = "GRENSROUTES_PDF_CACHE"  # lets test builds of throwaway project copies share one cache
_NO_URL = "extra.grensroutes.site_url is empty: the factsheets need the site's address for their QR codes and links"


@dataclass(frozen=True)
class Sheet:
    roadmap: Roadmap
    langs: tuple[str, ...]  # one language, or (client, adviser)

    @property
    def name(self) -> str:
        """Unique among all sheets, e.g. physiotherapist-nl-to-de-nw.nl or physiotherapist-nl-to-de-nw.nl-de."""
        return f"{self.roadmap.key.replace('/', '-')}.{'-'.join(self.langs)}"

    @property
    def pdf(self) -> str:
        """The file name; in a language's folder, a one-language sheet needs no language in its name."""
        return f"{self.roadmap.key.replace('/', '-') if len(self.langs) == 1 else self.name}.pdf"

    @property
    def file(self) -> str:
        """Path inside docs/<lang>/ (and so inside site/<lang>/)."""
        return f"{FOLDER}/{self.pdf}"

    @property
    def max_pages(self) -> int:
        return PAGES_PER_LANGUAGE * len(self.langs)


@dataclass
class Output:
    files: dict[str, dict[str, bytes]] = field(default_factory=dict)  # lang → path in docs/<lang>/ → PDF
    diagnostics: list[Diagnostic] = field(default_factory=list)
    rendered: int = 0
    reused: int = 0


def pairs(roadmap: Roadmap, languages: tuple[str, ...]) -> list[tuple[str, str]]:
    """(client, adviser) language pairs that make sense for this route; see the module docstring."""
    return [
        (client, adviser)
        for client in roadmap.origin.official_languages
        for adviser in roadmap.destination.official_languages
        if client != adviser and client in languages and adviser in languages
    ]


def plan(project: Project, settings: Settings) -> list[Sheet]:
    sheets = [Sheet(r, (lang,)) for r in project.roadmaps for lang in settings.languages]
    return sheets + [Sheet(r, pair) for r in project.roadmaps for pair in pairs(r, settings.languages)]


def page_url(settings: Settings, roadmap: Roadmap, lang: str) -> str:
    """The live page of a roadmap in one language: what the QR code and the printed link lead to."""
    return f"{settings.site_url}/{lang}/roadmaps/{roadmap.key}/"


def index_page(project: Project, settings: Settings, lang: str) -> Page:
    """factsheets/index.md: every sheet this language's site carries, with download links."""
    sheets = plan(project, settings)
    return Page(
        INDEX,
        _render(
            "factsheets.md.j2",
            project=project,
            L=Language(lang, project),
            sheets=[s for s in sheets if s.langs == (lang,)],
            pairs=[s for s in sheets if len(s.langs) > 1 and lang in s.langs],
            names=LANGUAGE_NAMES,
        ),
    )


def job(sheet: Sheet, project: Project, settings: Settings, epoch: str) -> factsheet_pdf.Job:
    """What to render for one sheet: its HTML, page limit, and the roadmap file that diagnostics point to."""
    built = factsheet_html.build_date(epoch)
    sides = [
        factsheet_html.side(sheet.roadmap, project, lang, page_url(settings, sheet.roadmap, lang), built)
        for lang in sheet.langs
    ]
    document = factsheet_html.document(sheet.roadmap, project, sides, built, epoch)
    what = f"{sheet.roadmap.key} ({'+'.join(sheet.langs)})"
    return factsheet_pdf.Job(sheet.name, document, sheet.max_pages, sheet.roadmap.file, what)


def cache_folder(settings: Settings) -> Path:
    return Path(os.environ.get(CACHE_ENV) or settings.build_dir / "pdf-cache")


def make(project: Project, settings: Settings, render: bool = True) -> Output:
    """Every sheet as PDF bytes, from the cache or freshly rendered and checked."""
    if not settings.site_url:
        return Output(diagnostics=[error("mkdocs.yml", (1, 1), "config", _NO_URL)])
    sheets = {s.name: s for s in plan(project, settings)}
    cache = factsheet_pdf.Cache(cache_folder(settings))
    if not render:
        return _preview(sheets, cache, settings.languages)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "0")
    jobs = {name: job(s, project, settings, epoch) for name, s in sheets.items()}
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
