"""The offline version: a second MkDocs pass per language with Material's `offline` plugin (no directory URLs,
search index inlined as JavaScript, Worker replaced by an iframe) into .build/offline/, zipped into
site/offline/grensroutes-offline.zip. Opened from disk (file://), every page and the search work without network.

The zip is deterministic: sorted entries, one fixed timestamp (SOURCE_DATE_EPOCH), fixed permissions. Zipping
~2,000 files takes seconds, so the zip is kept in .build/ with a key of everything it is made of (the kept MkDocs
outputs, the data folder, the root page, the epoch) and reused while that key holds, so a build where nothing changed stays fast.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from generator import resources
from generator.config import Settings
from generator.output import incremental, write
from generator.render.language import Labels, Page

VENDOR = resources.VENDOR / "iframe-worker" / "shim.js"
SHIM = "assets/iframe-worker.js"  # the name must contain "iframe-worker": then the plugin adds no CDN script
TOP = "grensroutes"  # the folder inside the zip
SKIP = {"404.html", "sitemap.xml", "sitemap.xml.gz"}  # useless from disk
STORED = {".pdf", ".png", ".jpg", ".gz", ".zip", ".woff2"}


def docs_dir(settings: Settings, lang: str) -> Path:
    return settings.build_dir / "docs-offline" / lang


def config_name(lang: str) -> str:
    """Name passed to write.run_mkdocs, which builds .build/mkdocs.<name>.yml."""
    return f"offline-{lang}"


def language_config(settings: Settings, lang: str, nav: list[Any], out: Path, labels: Labels) -> dict[str, Any]:
    config = write.language_config(settings, lang, nav, out, labels)
    config.pop("site_url", None)  # relative links only; canonical URLs belong to the online site
    config["docs_dir"] = str(docs_dir(settings, lang))
    config["use_directory_urls"] = False
    config["plugins"] = [*config["plugins"], "offline"]  # the same search settings as online
    extra = config.setdefault("extra", {})
    extra["polyfills"] = [SHIM]
    extra["grensroutes"] = {"site_url": ""}
    extra["alternate"] = [{**alt, "link": f"../{alt['lang']}/index.html"} for alt in extra.get("alternate", [])]
    return config


def write_docs(
    settings: Settings,
    pages: dict[str, list[Page]],
    navs: dict[str, list[Any]],
    binaries: dict[str, dict[str, bytes]],
    out: Path,
    labels: Labels,
) -> None:
    for lang, lang_pages in pages.items():
        files = {**write.docs_files(settings, lang, lang_pages), **binaries.get(lang, {})}
        files[SHIM] = VENDOR.read_bytes()
        write.sync_tree(docs_dir(settings, lang), files)
        config = yaml.safe_dump(language_config(settings, lang, navs[lang], out, labels), allow_unicode=True, sort_keys=True)
        write.write_if_changed(settings.build_dir / f"mkdocs.{config_name(lang)}.yml", config)


def root_page(settings: Settings) -> str:
    """The language chooser, linking index.html files: from disk, a folder link shows a file listing."""
    html = write.root_page(settings)
    for lang in settings.languages:
        html = html.replace(f'href="{lang}/"', f'href="{lang}/index.html"')
    return html


def _epoch(stamp: int) -> dt.datetime:
    return max(dt.datetime.fromtimestamp(stamp, dt.UTC), dt.datetime(1980, 1, 1, tzinfo=dt.UTC))


def zip_tree(tree: Path, target: Path, epoch: int, top: str = TOP) -> int:
    """Zip `tree` under `top/`, reproducibly; returns the number of files."""
    when = _epoch(epoch).timetuple()[:6]
    files = sorted((p for p in tree.rglob("*") if p.is_file()), key=lambda p: p.relative_to(tree).as_posix())
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(tree).as_posix()}", date_time=when)
            # already compressed formats gain nothing from deflate, only build time
            info.compress_type = zipfile.ZIP_STORED if path.suffix in STORED else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever machine builds it
            archive.writestr(info, path.read_bytes(), compresslevel=6)
    return len(files)


def _copy(source: Path, target: Path, skip: Iterable[str] = ()) -> None:
    for path in sorted(source.rglob("*")):
        if path.is_file() and path.name not in skip:
            dest = target / path.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)


def build(
    settings: Settings,
    pages: dict[str, list[Page]],
    navs: dict[str, list[Any]],
    binaries: dict[str, dict[str, bytes]],
    site: Path,
    zip_path: str,
    jobs: int,
    epoch: int,
    labels: Labels,
) -> Path:
    """Build the offline version of every language and zip it, with the data folder, into the staged site."""
    out = settings.build_dir / "offline"
    shutil.rmtree(out, ignore_errors=True)
    write_docs(settings, pages, navs, binaries, out, labels)
    write.run_mkdocs(settings, [config_name(lang) for lang in pages], jobs, epoch)
    target = site / zip_path
    key = _zip_key(settings, list(pages), site, epoch)
    if _reuse_zip(settings, key, target):
        return target
    tree = settings.build_dir / "offline-tree"
    shutil.rmtree(tree, ignore_errors=True)
    for lang in pages:
        _copy(out / lang, tree / lang, SKIP)
    if (site / "data").is_dir():
        _copy(site / "data", tree / "data")
    (tree / "index.html").write_text(root_page(settings), encoding="utf-8")
    zip_tree(tree, target, epoch)
    _keep_zip(settings, key, target)
    return target


def _kept_zip(settings: Settings) -> tuple[Path, Path]:
    return settings.build_dir / "offline.zip", settings.build_dir / "offline.zip.json"


def _zip_key(settings: Settings, languages: list[str], site: Path, epoch: int) -> str:
    """Everything the zip is made of. The kept MkDocs outputs change their sizes or mtimes whenever MkDocs built
    them again (generator/output/incremental.py); the data folder is written afresh each build, so its bytes count."""
    digest = hashlib.sha256(
        json.dumps([TOP, sorted(SKIP), sorted(STORED), str(epoch)]).encode()
    )
    for lang in languages:
        kept = settings.build_dir / incremental.CACHE / config_name(lang)
        digest.update(json.dumps([lang, incremental.tree_stats(kept)]).encode())
    for rel, _size, _mtime in incremental.tree_stats(site / "data"):
        digest.update(rel.encode() + b"\0" + (site / "data" / rel).read_bytes())
    digest.update(root_page(settings).encode())
    digest.update(Path(__file__).read_bytes())  # a change to how the zip is made
    return digest.hexdigest()


def _reuse_zip(settings: Settings, key: str, target: Path) -> bool:
    kept, state = _kept_zip(settings)
    if not (kept.is_file() and state.is_file()):
        return False
    if json.loads(state.read_text(encoding="utf-8")) != {"key": key, "size": kept.stat().st_size}:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(kept, target)
    return True


def _keep_zip(settings: Settings, key: str, target: Path) -> None:
    kept, state = _kept_zip(settings)
    state.unlink(missing_ok=True)  # a crash between the two steps must not leave a wrong state
    shutil.copyfile(target, kept)
    state.write_text(json.dumps({"key": key, "size": kept.stat().st_size}), encoding="utf-8")
