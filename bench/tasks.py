"""What the benchmark measures, one task per child process (`python -m bench.run --task NAME --root ROOT`).

Each task does its untimed preparation first (loading and validating where it needs a project), times only its
subject, and prints one JSON line: {"seconds": …, …}. Peak memory is read by the parent from the child's rusage.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from bench import synthetic

Task = Callable[[Path, dict[str, str]], dict[str, Any]]
PDF_CACHE_ENV = "GRENSROUTES_PDF_CACHE"  # generator/output/factsheets.py CACHE_ENV


def has_factsheets() -> bool:
    try:
        import weasyprint  # noqa: F401

        from generator.output import factsheet_pdf, factsheets  # noqa: F401
    except ImportError:
        return False
    return True


def _project(root: Path) -> tuple[Any, Any, int, Any]:
    """Settings, the validated `check` result, and the build's date and kit as build() makes them (so factsheet cache
    keys match the build's)."""
    from generator.build import build_epoch, check, make_kit
    from generator.config import load_settings

    settings, problems = load_settings(root)
    if settings is None:
        raise SystemExit(f"settings: {problems}")
    result = check(settings)
    if result.project is None:
        raise SystemExit("invalid knowledge base:\n" + "\n".join(map(str, result.diagnostics[:20])))
    epoch = build_epoch(result.project)
    return settings, result, epoch, make_kit(settings, epoch)


def _job(settings: Any, result: Any, kit: Any) -> Any:
    """What build() renders the languages from (made before its render timer starts)."""
    from generator.build import Job, catalogue_key, schema_references

    project, inputs = result.project, result.inputs
    return Job(project, result.flow, kit, schema_references(settings, inputs), catalogue_key(inputs, project, kit))


def validate(root: Path, options: dict[str, str]) -> dict[str, Any]:
    from generator.build import check
    from generator.config import load_settings
    from generator.load import parse_cache

    if options.get("cold"):  # untimed: without the parse cache every file is composed by libyaml again
        for cached in (root / parse_cache.FOLDER).glob("parsed*.marshal"):
            cached.unlink()
    settings, _problems = load_settings(root)
    assert settings is not None
    started = time.perf_counter()
    result = check(settings)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "ok": result.ok, "roadmaps": len(result.project.roadmaps) if result.project else 0}


def render(root: Path, _: dict[str, str]) -> dict[str, Any]:
    from generator.build import navigation, render_all

    settings, result, _epoch, kit = _project(root)
    project, job = result.project, _job(settings, result, kit)
    started = time.perf_counter()
    pages = render_all(job, os.cpu_count() or 1)  # as `build` renders
    navs = {lang: navigation(project, kit.language(lang, project)) for lang in settings.languages}
    seconds = time.perf_counter() - started
    pages_per_lang = {lang: len(p) for lang, p in pages.items()}
    markdown = sum(len(page.markdown) for p in pages.values() for page in p)
    return {"seconds": seconds, "pages": pages_per_lang, "markdown_bytes": markdown, "nav_entries": _count(navs)}


def _count(nav: Any) -> int:
    if isinstance(nav, dict):
        return sum(_count(v) for v in nav.values())
    if isinstance(nav, list):
        return sum(_count(v) for v in nav)
    return 1


def factsheets(root: Path, _: dict[str, str]) -> dict[str, Any]:
    """factsheets.make() as the build calls it: renders what the cache (PDF_CACHE_ENV) lacks."""
    from generator.output import factsheets as sheets

    _settings, result, epoch, kit = _project(root)
    started = time.perf_counter()
    out = sheets.make(result.project, kit, epoch, render=True)
    seconds = time.perf_counter() - started
    problems = [str(d) for d in out.diagnostics[:5]]
    return {"seconds": seconds, "rendered": out.rendered, "reused": out.reused, "problems": problems}


def prime(root: Path, options: dict[str, str]) -> dict[str, Any]:
    """Fill the PDF cache for a synthetic knowledge base with the real sheets' PDFs (same sizes, no rendering):
    each clone's sheet gets the PDF of the real sheet it was cloned from, under the clone's own cache key."""
    from generator.output import factsheet_pdf
    from generator.output import factsheets as sheets
    from generator.render import factsheets as plan

    settings, result, epoch, kit = _project(root)
    project = result.project
    source = factsheet_pdf.Cache(Path(options["source"]))
    cache = factsheet_pdf.Cache(sheets.cache_folder(settings))
    keys, missing = {}, 0
    for sheet in plan.plan(project, settings):
        key = factsheet_pdf.cache_key(sheets.job(sheet, project, kit, epoch))
        keys[sheet.name] = key
        if cache.has(key):
            continue
        origin = synthetic.source_of(sheet.roadmap.key).replace("/", "-") + "." + "-".join(sheet.langs)
        pdf = source.newest(origin)
        if pdf is None:
            missing += 1
            continue
        cache.put(key, pdf)
    try:
        cache.remember(keys, prune=False)  # type: ignore[call-arg]
    except TypeError:  # newer factsheet_pdf.Cache.remember(keys) has no `prune`
        cache.remember(keys)
    return {"seconds": 0.0, "sheets": len(keys), "missing": missing}


def generate(root: Path, _: dict[str, str]) -> dict[str, Any]:
    """Our own generator after validation: render, factsheets from the cache, write .build/docs/ (from empty)."""
    from generator.build import navigation, render_all
    from generator.output import factsheets as sheets
    from generator.output import write

    settings, result, epoch, kit = _project(root)
    project, job = result.project, _job(settings, result, kit)
    shutil.rmtree(settings.build_dir / "docs", ignore_errors=True)
    times: dict[str, float] = {}
    started = time.perf_counter()
    pages = render_all(job, os.cpu_count() or 1)  # as `build` renders
    navs = {lang: navigation(project, kit.language(lang, project)) for lang in settings.languages}
    times["render"] = time.perf_counter() - started
    binaries: dict[str, dict[str, bytes]] = {}
    if has_factsheets():
        mark = time.perf_counter()
        binaries = sheets.make(project, kit, epoch, render=False).files
        times["factsheets_cached"] = time.perf_counter() - mark
    mark = time.perf_counter()
    write.write_docs(settings, pages, navs, settings.build_dir / "site-new", binaries, kit.labels)
    times["write"] = time.perf_counter() - mark
    return {"seconds": time.perf_counter() - started, **times}


def mkdocs(root: Path, options: dict[str, str]) -> dict[str, Any]:
    """The four per-language MkDocs builds of .build/ (written by `generate`), `jobs` at a time."""
    from generator.config import load_settings
    from generator.output import write

    settings, _problems = load_settings(root)
    assert settings is not None
    jobs = int(options.get("jobs", os.cpu_count() or 1))
    # The build's date only stamps the pages; it does not change MkDocs' work. build.build_epoch would need the
    # validated project, which this child does not load, so that its memory stays MkDocs' own.
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 0)
    # full builds: without this, every run after the first would reuse the kept output (generator/output/incremental.py)
    shutil.rmtree(settings.build_dir / "mkdocs-cache", ignore_errors=True)
    started = time.perf_counter()
    write.run_mkdocs(settings, settings.languages, jobs, epoch)
    return {"seconds": time.perf_counter() - started, "jobs": jobs}


def build(root: Path, options: dict[str, str]) -> dict[str, Any]:
    """The whole `roadmaps build`. `clean=1` first removes site/ and .build/ (not the PDF cache, see the parent);
    `pdfs=0` is `roadmaps build --no-pdfs`."""
    from generator.build import build as run_build

    if options.get("clean") == "1":
        shutil.rmtree(root / "site", ignore_errors=True)
        shutil.rmtree(root / ".build", ignore_errors=True)
    started = time.perf_counter()
    result = run_build(root, pdfs=options.get("pdfs", "1") == "1")
    seconds = time.perf_counter() - started
    if not result.ok:
        raise SystemExit("build failed:\n" + "\n".join(map(str, result.diagnostics[:20])))
    return {"seconds": seconds, **{f"t_{k}": v for k, v in result.timings.items()}}


# ---- the references: plain MkDocs-Material and mkdocs-static-i18n on the same pages ------------------------------


def _theme_and_markdown(root: Path) -> dict[str, Any]:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    theme = {k: v for k, v in config["theme"].items() if k != "custom_dir"}
    return {"theme": theme, "markdown_extensions": config.get("markdown_extensions", []), "use_directory_urls": True}


def _run_mkdocs(config: dict[str, Any], path: Path) -> float:
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"mkdocs failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return seconds


def bare(root: Path, options: dict[str, str]) -> dict[str, Any]:
    """mkdocs-material alone: one config, all pages of one language, its automatic navigation, no generator."""
    lang = options.get("lang", "nl")
    work = Path(options["work"])
    config = {
        "site_name": "bench-bare",
        "docs_dir": str(root / ".build" / "docs" / lang),
        "site_dir": str(work / "bare-site"),
        **_theme_and_markdown(root),
        "plugins": [{"search": {"lang": lang}}],
    }
    config["theme"]["language"] = lang
    seconds = _run_mkdocs(config, work / "bare.yml")
    return {"seconds": seconds, "pages": sum(1 for _ in (root / ".build" / "docs" / lang).rglob("*.md"))}


def _link_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, copy_function=os.link, dirs_exist_ok=True)


def i18n(root: Path, options: dict[str, str]) -> dict[str, Any]:
    """One mkdocs-static-i18n build of all languages (docs/<lang>/ folders), each language with our navigation."""
    work = Path(options["work"])
    languages = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["grensroutes"]["languages"]
    docs = work / "i18n-docs"
    shutil.rmtree(docs, ignore_errors=True)
    for lang in languages:
        _link_tree(root / ".build" / "docs" / lang, docs / lang)
    navs = {lang: yaml.safe_load((root / ".build" / f"mkdocs.{lang}.yml").read_text())["nav"] for lang in languages}
    config = {
        "site_name": "bench-i18n",
        "docs_dir": str(docs),
        "site_dir": str(work / "i18n-site"),
        **_theme_and_markdown(root),
        "plugins": [
            "search",
            {
                "i18n": {
                    "docs_structure": "folder",
                    "languages": [
                        {"locale": lang, "name": lang, "build": True, "default": i == 0, "nav": navs[lang]}
                        for i, lang in enumerate(languages)
                    ],
                }
            },
        ],
    }
    seconds = _run_mkdocs(config, work / "i18n.yml")
    return {"seconds": seconds, "languages": len(languages)}


TASKS: dict[str, Task] = {
    "validate": validate,
    "render": render,
    "factsheets": factsheets,
    "prime": prime,
    "generate": generate,
    "mkdocs": mkdocs,
    "build": build,
    "bare": bare,
    "i18n": i18n,
}


def child_main(task: str, root: Path, options: dict[str, str]) -> None:
    import generator

    result = {**TASKS[task](root, options), "code": str(Path(generator.__file__).parent)}
    print(json.dumps(result))
