"""The pipeline: load → validate → resolve → render → output. `build()` reads like that list."""

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

from generator.config import Settings, load_settings
from generator.diagnostics import Diagnostic, Severity, has_errors
from generator.load import package
from generator.load.inputs import Inputs, load_inputs
from generator.load.schemas import read_schemas
from generator.model import paths
from generator.model.entities import Project
from generator.output import factsheets, finish, lock, system, write
from generator.render import catalogue as catalogue_pages
from generator.render import checklist, guide, local_offices, maintainers, opendata, professions
from generator.render import factsheets as factsheet_index
from generator.render import roadmap as roadmap_pages
from generator.render import schema_reference as schemaref
from generator.render.language import Kit, Language, Page
from generator.resolve import flow as flows
from generator.resolve.roadmaps import resolve
from generator.validate import content
from generator.validate import flow as flow_checks
from generator.validate.documents import schema_name, validate

Progress = Callable[[str], None]
Memo = dict[str, tuple[str, list[Page]]]  # per language: the catalogue key and the catalogue pages rendered for it


@dataclass
class Result:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    project: Project | None = None
    inputs: Inputs | None = None
    flow: flows.Flow | None = None
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def today() -> dt.date:
    return dt.date.today()


def check(settings: Settings, only: Iterable[Path] | None = None, coverage: bool = True) -> Result:
    """Load and validate; resolve only when everything is valid."""
    started = time.perf_counter()
    inputs, diagnostics = load_inputs(settings, only)
    diagnostics += validate(inputs, settings, today(), coverage=coverage and not only)
    if not only:
        diagnostics += content.check(inputs, settings.languages)
        diagnostics += flow_checks.check(settings, inputs)
    result = Result(sorted(set(diagnostics)), inputs=inputs, timings={"validate": time.perf_counter() - started})
    if result.ok:
        result.project = resolve(inputs)
        result.flow = flows.parse(inputs.flow) if inputs.flow is not None else None
    return result


def build_epoch(project: Project) -> int:
    """The build's date as a Unix time: SOURCE_DATE_EPOCH when set, else the newest change date in the knowledge base
    itself, so every clone of the same commit builds the same bytes (file times differ between clones)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return int(epoch)
    dates = [c.date for r in project.roadmaps for c in r.changes]
    newest = max(dates, default="1970-01-01")
    day = dt.date.fromisoformat(newest if len(newest) == 10 else newest + "-01")
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def make_kit(settings: Settings, epoch: int) -> Kit:
    """Everything rendering needs besides the model, read once per build."""
    built = dt.datetime.fromtimestamp(epoch, dt.UTC).date()
    return Kit(package.read_labels(), package.read_templates(), settings, built)


def catalogue_key(inputs: Inputs, project: Project, kit: Kit) -> str | None:
    """Everything the catalogue pages are made of: the catalogue and registry files, the roadmaps they link, the
    templates and labels. Editing a roadmap leaves it unchanged, so `serve` does not render the catalogue's hundreds of
    pages again. None when a document did not come from a file."""
    docs = [*inputs.catalogues, *(d for kind in inputs.registries.values() for d in kind)]
    if any(d.digest is None for d in docs):
        return None
    digest = hashlib.sha256()
    for doc in sorted(docs, key=lambda d: d.path):
        digest.update(f"{doc.path}\0{doc.digest}\0".encode())
    digest.update(json.dumps([[r.key for r in project.roadmaps], kit.labels, kit.templates], sort_keys=True).encode())
    return digest.hexdigest()


def schema_references(settings: Settings, inputs: Inputs) -> tuple[schemaref.Reference, ...]:
    """The maintainers' field reference: every schema, with examples from the real data."""
    docs = [(d, schema_name(d, inputs)) for d in inputs.documents()]
    if inputs.flow is not None:
        docs.append((inputs.flow, "flow.schema.json"))
    examples = schemaref.example_documents((d.path.removeprefix("roadmaps/"), name, d.data) for d, name in docs)
    return schemaref.all_references(read_schemas(settings.schemas_dir), examples)


# Above this many roadmaps the nav lists only their index page: with navigation.prune, every page of the roadmaps
# section would still carry one nav entry per profession, so its HTML would grow with the knowledge base.
NAV_ROADMAPS_MAX = 60


def navigation(project: Project, L: Language) -> list[Any]:
    labels, lang = L.labels, L.lang
    roadmaps: list[Any] = [paths.ROADMAPS_INDEX]
    for profession in project.professions.values() if len(project.roadmaps) <= NAV_ROADMAPS_MAX else ():
        pages = [paths.roadmap_page(r.key) for r in project.roadmaps if r.profession.id == profession.id]
        if pages:
            roadmaps.append({profession.name[lang]: pages})
    offices = [paths.local_offices_page(code) for code in project.local_offices]
    return [
        {labels["home"]: "index.md"},
        {labels["guide"]: "guide/index.md"},
        {labels["roadmaps"]: roadmaps},
        {labels["professions"]: professions.nav_pages(project)},
        {labels["factsheets"]: factsheet_index.INDEX},
        {labels["cat_nav"]: catalogue_pages.INDEX},  # one entry: the profession pages stay out of the nav
        {labels["glossary"]: "glossary.md"},
        {labels["gips"]: "grensinfopunten.md"},
        *([{labels["lo_nav"]: offices}] if offices else []),
        {labels["about"]: ["about.md", "accessibility.md", "privacy.md"]},
        maintainers.nav(labels),
    ]


@dataclass(frozen=True)
class Job:
    """What rendering one language needs: the model, the flow, the kit and the maintainers' reference."""

    project: Project
    flow: flows.Flow | None
    kit: Kit
    references: tuple[schemaref.Reference, ...]
    catalogue_key: str | None = None


def catalogue(job: Job, L: Language, memo: Memo | None) -> list[Page]:
    """The catalogue pages, taken from `memo` (kept by `serve` between builds) while their key holds."""
    key = job.catalogue_key
    if memo is not None and key is not None and memo.get(L.lang, ("", []))[0] == key:
        return memo[L.lang][1]
    fresh = list(catalogue_pages.pages(job.project, L))
    if memo is not None and key is not None:
        memo[L.lang] = (key, fresh)
    return fresh


def render_language(job: Job, lang: str, memo: Memo | None = None) -> list[Page]:
    L = job.kit.language(lang, job.project)
    return [
        *roadmap_pages.site_pages(job.project, L),
        *checklist.pages(job.project, L),
        *(guide.pages(job.flow, job.project, L) if job.flow is not None else []),
        *catalogue(job, L, memo),
        *local_offices.pages(job.project, L),
        *professions.pages(job.project, L),
        opendata.data_page(job.project, L),
        factsheet_index.index_page(job.project, L),
        *maintainers.pages(job.project, L, job.references),
    ]


def render_all(job: Job, jobs: int = 1, memo: Memo | None = None) -> dict[str, list[Page]]:
    """Every page of every language; with `jobs` > 1, languages are rendered by forked worker processes (rendering
    is pure and per language). `serve` renders in its own process, where `memo` keeps the catalogue pages."""
    languages = job.kit.settings.languages
    workers = min(jobs, len(languages))
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return {lang: render_language(job, lang, memo) for lang in languages}
    context = multiprocessing.get_context("fork")  # the workers inherit `job` instead of unpickling it
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_job.append, initargs=(job,)) as pool:
        return dict(zip(languages, pool.map(_render_in_worker, languages), strict=True))


_worker_job: list[Job] = []  # filled only inside a forked render worker, by its initializer


def _render_in_worker(lang: str) -> list[Page]:
    return render_language(_worker_job[0], lang)


def _failed(result: Result, exc: Exception) -> Result:
    result.diagnostics.append(Diagnostic("mkdocs.yml", 1, 1, "mkdocs", str(exc), Severity.ERROR))
    return result


def build(
    root: Path,
    progress: Progress = lambda _: None,
    jobs: int | None = None,
    pdfs: bool = True,
    offline: bool = True,
    dirty: bool = False,
    memo: Memo | None = None,
) -> Result:
    """Validate everything, then generate and build the site; on any error, site/ is left untouched.

    `pdfs=False` (serve) renders no factsheet: cached ones are reused, missing ones get a placeholder.
    `offline=False` (serve) skips the offline zip.
    `dirty=True` (serve) lets MkDocs rebuild only the changed pages where that is safe (generator/output/incremental.py).
    `memo` (serve) keeps the catalogue pages between builds. One build at a time per project folder."""
    settings, diagnostics = load_settings(root)
    if settings is None:
        return Result(diagnostics)
    missing = system.missing() if pdfs else []
    if missing:
        return Result([Diagnostic("system", 1, 1, "system-library", m, Severity.ERROR) for m in missing])
    try:
        with lock.exclusive(settings.build_dir):
            write.recover(settings)
            return _build(settings, progress, jobs or os.cpu_count() or 1, pdfs, offline, dirty, memo)
    except lock.Busy as exc:
        return Result([Diagnostic(".build/build.lock", 1, 1, "build-busy", str(exc), Severity.ERROR)])


def _build(
    settings: Settings, progress: Progress, cores: int, pdfs: bool, offline: bool, dirty: bool, memo: Memo | None
) -> Result:
    progress("validating roadmaps")
    result = check(settings)
    if not result.ok or result.project is None or result.inputs is None:
        return result
    project = result.project
    epoch = build_epoch(project)
    kit = make_kit(settings, epoch)
    references = schema_references(settings, result.inputs)
    job = Job(project, result.flow, kit, references, catalogue_key(result.inputs, project, kit))
    started = time.perf_counter()
    progress("rendering pages")
    pages = render_all(job, 1 if dirty else cores, memo)
    navs = {lang: navigation(project, kit.language(lang, project)) for lang in settings.languages}
    result.timings["render"] = time.perf_counter() - started
    progress("making factsheets" if pdfs else "collecting cached factsheets")
    started = time.perf_counter()
    sheets = factsheets.make(project, kit, epoch, render=pdfs)
    result.diagnostics += sheets.diagnostics
    result.timings["factsheets"] = time.perf_counter() - started
    progress(f"factsheets: {sheets.rendered} rendered, {sheets.reused} from the cache")
    if has_errors(sheets.diagnostics):
        return result
    staged = settings.build_dir / "site-new"
    shutil.rmtree(staged, ignore_errors=True)
    write.write_docs(settings, pages, navs, staged, sheets.files, kit.labels)
    progress(f"building {len(settings.languages)} languages with MkDocs")
    started = time.perf_counter()
    try:
        write.run_mkdocs(settings, settings.languages, cores, epoch, dirty)
        result.timings["mkdocs"] = time.perf_counter() - started
        progress("writing open data, the offline version and the sitemap")
        started = time.perf_counter()
        finish.after_mkdocs(settings, project, result.inputs, staged, kit.labels, cores, epoch, offline)
    except write.BuildError as exc:
        return _failed(result, exc)
    result.timings["offline"] = time.perf_counter() - started
    write.publish(settings, staged)
    progress(f"site written to {settings.site_dir}")
    return result
