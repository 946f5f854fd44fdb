"""The pipeline: load → validate → resolve → render → write. `build()` reads like that list."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import catalogue_pages, factsheets, findability, guide, maintainers, parse_cache, render, write
from generator.config import Settings, load_settings
from generator.diagnostics import Diagnostic, Severity, error, has_errors
from generator.load import iter_yaml, load_file
from generator.model import Project
from generator.render import Page, labels
from generator.resolve import resolve
from generator.validate import Inputs, validate

Progress = Callable[[str], None]


@dataclass
class Result:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    project: Project | None = None
    timings: dict[str, float] = field(default_factory=dict)
    catalogue_key: str | None = None  # what the catalogue pages are made of (see `catalogue_key`)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def today() -> dt.date:
    return dt.date.today()


def load_inputs(settings: Settings, paths: Iterable[Path] | None = None) -> tuple[Inputs, list[Diagnostic]]:
    """Load the registries, plus the given roadmap files (default: all under roadmaps/)."""
    inputs, diagnostics = Inputs(), []
    registry = settings.roadmaps_dir / "registry"
    wanted = list(iter_yaml([registry]))
    flows = (settings.roadmaps_dir / guide.FLOW_FILE).parent.resolve()  # the guide's flow is no roadmap
    others = [
        p for p in iter_yaml(list(paths) if paths else [settings.roadmaps_dir]) if flows not in p.resolve().parents
    ]
    registry_files = {w.resolve() for w in wanted}
    for path in wanted + [p for p in others if p.resolve() not in registry_files]:
        doc, problems = load_file(path, settings.root)
        diagnostics += problems
        if doc is not None:
            inputs.add(doc)
    parse_cache.save(settings.root)
    return inputs, diagnostics


def check_content(settings: Settings) -> list[Diagnostic]:
    """Hand-written pages must exist in every language, so the language switcher never leads nowhere."""
    pages = {
        lang: {
            p.relative_to(settings.content_dir / lang).as_posix() for p in (settings.content_dir / lang).rglob("*.md")
        }
        for lang in settings.languages
    }
    every = set().union(*pages.values())
    return [
        error(f"content/{lang}/{page}", (1, 1), "missing-page", f"page exists in other languages but not in '{lang}'")
        for lang in settings.languages
        for page in sorted(every - pages[lang])
    ]


def check(settings: Settings, paths: Iterable[Path] | None = None, coverage: bool = True) -> Result:
    """Load and validate; resolve only when everything is valid."""
    started = time.perf_counter()
    inputs, diagnostics = load_inputs(settings, paths)
    diagnostics += validate(inputs, settings, today(), coverage=coverage and not paths)
    if not paths:
        diagnostics += check_content(settings)
        diagnostics += guide.check(settings, inputs)
    result = Result(sorted(set(diagnostics)), timings={"validate": time.perf_counter() - started})
    if result.ok:
        result.project = resolve(inputs)
        result.catalogue_key = catalogue_key(inputs, result.project)
    return result


def catalogue_key(inputs: Inputs, project: Project) -> str | None:
    """Everything the catalogue pages are made of: the bytes of the catalogue and registry files, the roadmaps they
    link, and the templates and labels (whose files `serve` watches). Editing a roadmap leaves it unchanged, so `serve`
    does not render the catalogue's hundreds of pages again (issue #9). None when a document did not come from a file."""
    docs = [*inputs.catalogues, *(d for kind in inputs.registries.values() for d in kind)]
    if any(d.digest is None for d in docs):
        return None
    digest = hashlib.sha256()
    for doc in sorted(docs, key=lambda d: d.path):
        digest.update(f"{doc.path}\0{doc.digest}\0".encode())
    digest.update(json.dumps([r.key for r in project.roadmaps]).encode())
    code = Path(render.__file__).parent
    for path in sorted([*render.TEMPLATES.rglob("*"), code / "labels.yaml", *(code / "labels").glob("*.yaml")]):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


# Above this many roadmaps the nav lists only their index page (issue #9): with navigation.prune, every page of the
# roadmaps section would still carry one nav entry per profession, so its HTML would grow with the knowledge base.
NAV_ROADMAPS_MAX = 60


def navigation(project: Project, lang: str) -> list[Any]:
    L = labels()[lang]
    roadmaps: list[Any] = ["roadmaps/index.md"]
    for profession in project.professions.values() if len(project.roadmaps) <= NAV_ROADMAPS_MAX else ():
        pages = [f"roadmaps/{r.key}.md" for r in project.roadmaps if r.profession.id == profession.id]
        if pages:
            roadmaps.append({profession.name[lang]: pages})
    return [
        {L["home"]: "index.md"},
        {L["guide"]: "guide/index.md"},
        {L["roadmaps"]: roadmaps},
        *findability.nav(project, lang),
        {L["factsheets"]: factsheets.INDEX},
        {L["cat_nav"]: catalogue_pages.INDEX},  # one entry: the profession pages stay out of the nav
        {L["glossary"]: "glossary.md"},
        {L["gips"]: "grensinfopunten.md"},
        {L["about"]: ["about.md", "accessibility.md", "privacy.md"]},
        maintainers.nav(L),
    ]


def render_language(project: Project, settings: Settings, lang: str, catalogue_key: str | None = None) -> list[Page]:
    flow = guide.load(settings)
    return [
        *render.site_pages(project, settings, lang),
        *guide.pages(flow, project, lang),
        *catalogue_pages.pages_once(project, lang, catalogue_key),
        *findability.pages(project, settings, lang),
        factsheets.index_page(project, settings, lang),
        *maintainers.pages(project, settings, lang),  # maintainer pages and the Atom feed (issue #6)
    ]


def render_all(
    project: Project, settings: Settings, catalogue_key: str | None = None, jobs: int = 1
) -> dict[str, list[Page]]:
    """Every page of every language; with `jobs` > 1, languages are rendered by forked worker processes (issue #9:
    rendering is pure and per language). `serve` renders in its own process, where the memoised catalogue pages
    and formatting caches stay warm between edits."""
    workers = min(jobs, len(settings.languages))
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return {lang: render_language(project, settings, lang, catalogue_key) for lang in settings.languages}
    _forked.update(project=project, settings=settings, catalogue_key=catalogue_key)  # inherited by the workers
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return dict(zip(settings.languages, pool.map(_render_forked, settings.languages), strict=True))
    finally:
        _forked.clear()


_forked: dict[str, Any] = {}


def _render_forked(lang: str) -> list[Page]:
    return render_language(_forked["project"], _forked["settings"], lang, _forked["catalogue_key"])


def _source_date_epoch(project: Project) -> None:
    """Deterministic builds: MkDocs and the factsheets stamp dates from SOURCE_DATE_EPOCH. Without it, use the newest
    change date in the knowledge base itself, so every clone of the same commit builds the same bytes (file mtimes
    differ between clones)."""
    if "SOURCE_DATE_EPOCH" not in os.environ:
        dates = [c["date"] for r in project.roadmaps for c in r.data["changes"]]
        newest = max(dates, default="1970-01-01")
        day = dt.date.fromisoformat(newest if len(newest) == 10 else newest + "-01")
        os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()))


def _factsheets(
    project: Project, result: Result, settings: Settings, pdfs: bool, progress: Progress
) -> factsheets.Output:
    progress("making factsheets" if pdfs else "collecting cached factsheets")
    started = time.perf_counter()
    sheets = factsheets.make(project, settings, render=pdfs)
    result.diagnostics += sheets.diagnostics
    result.timings["factsheets"] = time.perf_counter() - started
    progress(f"factsheets: {sheets.rendered} rendered, {sheets.reused} from the cache")
    return sheets


def build(
    root: Path,
    progress: Progress = lambda _: None,
    jobs: int | None = None,
    pdfs: bool = True,
    offline: bool = True,
    dirty: bool = False,
) -> Result:
    """Validate everything, then generate and build the site; on any error, site/ is left untouched.

    `pdfs=False` (serve) renders no factsheet: cached ones are reused, missing ones get a placeholder.
    `offline=False` (serve) skips the offline zip, a second MkDocs pass.
    `dirty=True` (serve) lets MkDocs rebuild only the changed pages where that is safe (generator/incremental.py)."""
    settings, diagnostics = load_settings(root)
    if settings is None:
        return Result(diagnostics)
    progress("validating roadmaps")
    result = check(settings)
    if not result.ok or result.project is None:
        return result
    started = time.perf_counter()
    progress("rendering pages")
    pages = render_all(result.project, settings, result.catalogue_key, 1 if dirty else jobs or os.cpu_count() or 1)
    navs = {lang: navigation(result.project, lang) for lang in settings.languages}
    result.timings["render"] = time.perf_counter() - started
    _source_date_epoch(result.project)  # the factsheets print the build date
    sheets = _factsheets(result.project, result, settings, pdfs, progress)
    if not result.ok:
        return result
    staged = settings.build_dir / "site-new"
    shutil.rmtree(staged, ignore_errors=True)
    write.write_docs(settings, pages, navs, staged, sheets.files)
    _source_date_epoch(result.project)
    progress(f"building {len(settings.languages)} languages with MkDocs")
    started = time.perf_counter()
    try:
        write.run_mkdocs(settings, settings.languages, jobs or os.cpu_count() or 1, dirty)
    except write.BuildError as exc:
        result.diagnostics.append(Diagnostic("mkdocs.yml", 1, 1, "mkdocs", str(exc), Severity.ERROR))
        return result
    result.timings["mkdocs"] = time.perf_counter() - started
    progress("writing open data, the offline version and the sitemap")
    started = time.perf_counter()
    try:
        findability.finish(
            settings, result.project, pages, navs, staged, sheets.files, jobs or os.cpu_count() or 1, offline
        )
    except write.BuildError as exc:
        result.diagnostics.append(Diagnostic("mkdocs.yml", 1, 1, "mkdocs", str(exc), Severity.ERROR))
        return result
    result.timings["offline"] = time.perf_counter() - started
    write.publish(settings, staged)
    progress(f"site written to {settings.site_dir}")
    return result
