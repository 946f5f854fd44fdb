"""Stage 5 — write: the only stage that touches the disk. Writes docs/<lang>/, runs one MkDocs build per language
in parallel, then swaps the finished site into place so that a failed build leaves the previous site untouched.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import yaml

from generator import resources
from generator.config import LANGUAGE_NAMES, LOCALES, Settings
from generator.load.files import is_safe_file, naming
from generator.output import csp, incremental, minify, search_words
from generator.render import escape as escape_for
from generator.render.language import Labels, Page

ASSETS = resources.ASSETS
OVERRIDES = resources.OVERRIDES
# MkDocs hooks, loaded by path, in the order they run (each file says why it exists): blocks repeated on many pages
# made into HTML once, data-label on table cells, then the Content-Security-Policy (it hashes the finished page's inline
# scripts)
HOOKS = tuple(Path(__file__).resolve().parent / name for name in ("shared_blocks.py", "table_labels.py", "csp.py"))


class BuildError(Exception):
    """MkDocs failed for a language; carries its output."""


def write_if_changed(path: Path, content: str | bytes) -> bool:
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.exists() and path.read_bytes() == data:
        return False  # keep mtimes, so MkDocs and `serve` see only real changes
    path.parent.mkdir(parents=True, exist_ok=True)
    with naming(path):
        path.write_bytes(data)
    return True


def sync_tree(target: Path, files: dict[str, str | bytes]) -> int:
    """Make `target` hold exactly `files`; return how many files changed."""
    changed = sum(write_if_changed(target / rel, content) for rel, content in sorted(files.items()))
    if target.exists():
        for stale in sorted(
            p for p in target.rglob("*") if p.is_file() and p.relative_to(target).as_posix() not in files
        ):
            stale.unlink()
            changed += 1
    return changed


def docs_files(settings: Settings, lang: str, pages: Iterable[Page]) -> dict[str, str | bytes]:
    # every page's title, description and tags escaped for the theme here, whatever wrote them
    files: dict[str, str | bytes] = {p.path: escape_for.page(p.markdown) for p in pages}
    content = settings.content_dir / lang
    for path in sorted(content.rglob("*")) if content.exists() else []:
        if is_safe_file(path, settings.root):  # never a link out of the project (validation reports it)
            files[path.relative_to(content).as_posix()] = path.read_bytes()
    for path in sorted(ASSETS.rglob("*")):
        if path.is_file():
            name = path.relative_to(ASSETS).as_posix()
            files["assets/" + name] = minify.served(name, path.read_bytes())
    return files


def language_config(settings: Settings, lang: str, nav: list[Any], out: Path, labels: Labels) -> dict[str, Any]:
    build = settings.build_dir
    config: dict[str, Any] = {
        "INHERIT": str(settings.root / "mkdocs.yml"),
        "docs_dir": str(build / "docs" / lang),
        "site_dir": str(out / lang),
        "theme": {"language": lang, "custom_dir": str(OVERRIDES)},
        "plugins": [{"search": {"lang": lang, "separator": search_words.separator()}}],
        "hooks": [str(hook) for hook in HOOKS],
        "nav": escape_for.navigation(nav),  # the theme prints navigation titles as HTML
        "extra": {
            "alternate": [
                # relative: "/nl/" breaks below a sub-path and from disk (site/sitemap.xml has the absolute URLs)
                {"name": LANGUAGE_NAMES[code], "link": f"../{code}/", "lang": code}
                for code in settings.languages
            ],
            "locale": LOCALES[lang],
            "labels": {"other_languages": labels[lang]["other_languages"], "feed": labels[lang]["mt_feed_title"]},
        },
    }
    if settings.site_url:
        config["site_url"] = f"{settings.site_url}/{lang}/"
    return config


def write_docs(
    settings: Settings,
    pages: dict[str, list[Page]],
    navs: dict[str, list[Any]],
    out: Path,
    binaries: dict[str, dict[str, bytes]] | None,
    labels: Labels,
) -> int:
    """`binaries`: generated non-Markdown files per language (the factsheet PDFs), which MkDocs copies as they are."""
    changed = 0
    for lang, lang_pages in pages.items():
        files = {**docs_files(settings, lang, lang_pages), **(binaries or {}).get(lang, {})}
        changed += sync_tree(settings.build_dir / "docs" / lang, files)
        config = yaml.safe_dump(language_config(settings, lang, navs[lang], out, labels), allow_unicode=True, sort_keys=True)
        changed += write_if_changed(settings.build_dir / f"mkdocs.{lang}.yml", config)
    return changed


def _mkdocs(settings: Settings, lang: str, epoch: int, dirty_in: Path | None = None) -> None:
    env = {**os.environ, "PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": str(epoch)}
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",  # no --quiet: it hides the warnings that --strict must count
        "-f",
        str(settings.build_dir / f"mkdocs.{lang}.yml"),
    ]
    if dirty_in is not None:  # serve only: --dirty always warns ("inaccurate navigation"), so never --strict
        command[command.index("--strict")] = "--no-strict"
        command += ["--dirty", "--site-dir", str(dirty_in)]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=settings.root, check=False)
    if result.returncode != 0:
        raise BuildError(f"MkDocs failed for language '{lang}':\n{result.stdout}{result.stderr}")


def run_mkdocs(settings: Settings, languages: Iterable[str], jobs: int, epoch: int, dirty: bool = False) -> None:
    """One MkDocs build per language, `jobs` at a time (each is its own process); a language whose inputs did not
    change since its last build is not built again, and with `dirty` (serve) only its changed pages are
    (generator/output/incremental.py)."""

    def one(lang: str) -> str:
        dirty_run = (lambda kept: _mkdocs(settings, lang, epoch, kept)) if dirty else None
        return incremental.mkdocs(settings.build_dir, lang, epoch, lambda: _mkdocs(settings, lang, epoch), dirty_run)

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for future in [pool.submit(one, lang) for lang in languages]:
            future.result()


def root_page(settings: Settings) -> str:
    """The site root: a plain language chooser (no redirect guesswork, no JavaScript)."""
    links = "\n".join(
        f'    <li><a href="{lang}/" hreflang="{lang}" lang="{lang}">{html.escape(LANGUAGE_NAMES[lang])}</a></li>'
        for lang in settings.languages
    )
    alternates = "\n".join(f'  <link rel="alternate" hreflang="{lang}" href="{lang}/">' for lang in settings.languages)
    return csp.with_policy(ROOT_TEMPLATE.replace("{links}", links).replace("{alternates}", alternates))


ROOT_TEMPLATE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>grensroutes</title>
{alternates}
  <style>
    body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; color: #1b1b1b; line-height: 1.5; }
    ul { list-style: none; padding: 0; } li { margin: .75rem 0; font-size: 1.25rem; } a { color: #1a3a9c; }
  </style>
</head>
<body>
  <main>
  <h1>grensroutes</h1>
  <p lang="nl">Erkenning van uw diploma over de grens. Kies uw taal.</p>
  <p lang="de">Anerkennung Ihres Abschlusses über die Grenze. Wählen Sie Ihre Sprache.</p>
  <p lang="fr">Reconnaissance de votre diplôme de l'autre côté de la frontière. Choisissez votre langue.</p>
  <p>Recognition of your diploma across the border. Choose your language.</p>
  <ul>
{links}
  </ul>
  </main>
</body>
</html>
"""


def publish(settings: Settings, staged: Path) -> None:
    """Swap the freshly built site into place. The previous site survives until the new one is complete."""
    (staged / "index.html").write_text(root_page(settings), encoding="utf-8")
    (staged / "404.html").write_text(
        root_page(settings).replace("<title>grensroutes</title>", "<title>grensroutes – 404</title>"), encoding="utf-8"
    )
    target, old = settings.site_dir, settings.build_dir / "site.old"
    recover(settings)
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(staged, target)  # between these two renames a crash leaves no site/: `recover` puts it back
    shutil.rmtree(old, ignore_errors=True)


def recover(settings: Settings) -> None:
    """Put back the previous site when a build died between the two renames of `publish`."""
    old = settings.build_dir / "site.old"
    if old.is_dir() and not settings.site_dir.exists():
        os.replace(old, settings.site_dir)
