"""The offline version: the built site of every language, made to work from disk (file://) by
generator/output/offline_pages.py, zipped with the data folder into site/offline/grensroutes-offline.zip. Opened from
disk, every page and the search work without network. No second MkDocs build: the pages keep their places, their
links to folders get `index.html`, and search gets what Material's `offline` plugin would add.

The zip is deterministic: sorted entries, one fixed timestamp (SOURCE_DATE_EPOCH), fixed permissions. Zipping
~3,000 files takes seconds, so the zip is kept in .build/ with a key of everything it is made of (the files of the
built site it copies, the root page, the epoch, this code) and reused while that key holds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import multiprocessing
import posixpath
import shutil
import zipfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from generator import resources
from generator.config import Settings
from generator.model import paths
from generator.output import csp, offline_pages, write
from generator.output.search_budget import INDEX
from generator.render import guide_titles
from generator.render.language import Labels

VENDOR = resources.VENDOR / "iframe-worker" / "shim.js"
SHIM = "assets/iframe-worker.js"  # the name must contain "iframe-worker": output/csp.py looks for it
SEARCH_SCRIPT = "search/search_index.js"  # where Material's bundle looks for the index on file://
TOP = "grensroutes"  # the folder inside the zip
SKIP = {"404.html", "sitemap.xml", "sitemap.xml.gz"}  # useless from disk
STORED = {".pdf", ".png", ".jpg", ".gz", ".zip", ".woff2"}
SECTION = "offline"  # the data page's section that offers the zip; the copy says there that it is the copy


def root_page(settings: Settings) -> str:
    """The language chooser, linking index.html files: from disk, a folder link shows a file listing."""
    html = write.root_page(settings)
    for lang in settings.languages:
        html = html.replace(f'href="{lang}/"', f'href="{lang}/index.html"')
    return html


def _epoch(stamp: int) -> dt.datetime:
    return max(dt.datetime.fromtimestamp(stamp, dt.UTC), dt.datetime(1980, 1, 1, tzinfo=dt.UTC))


def zip_files(files: Iterable[tuple[str, bytes]], target: Path, epoch: int, top: str = TOP) -> int:
    """Zip `files` (name, bytes; in the order given) under `top/`, reproducibly; returns the number of files."""
    when = _epoch(epoch).timetuple()[:6]
    target.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in files:
            info = zipfile.ZipInfo(f"{top}/{name}", date_time=when)
            # already compressed formats gain nothing from deflate, only build time
            info.compress_type = zipfile.ZIP_STORED if Path(name).suffix in STORED else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever machine builds it
            archive.writestr(info, data, compresslevel=6)
            count += 1
    return count


def zip_tree(tree: Path, target: Path, epoch: int, top: str = TOP) -> int:
    """Zip `tree` under `top/`, reproducibly, in the order of the files' names; returns the number of files."""
    names = sorted(p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.is_file())
    return zip_files(((name, (tree / name).read_bytes()) for name in names), target, epoch, top)


def sources(site: Path, languages: Iterable[str]) -> dict[str, Path]:
    """The built files the copy is made of, by their name in the copy: every language, the data folder."""
    found: dict[str, Path] = {}
    for folder in [*languages, paths.DATA]:
        for path in sorted((site / folder).rglob("*")) if (site / folder).is_dir() else []:
            if path.is_file() and path.name not in SKIP:
                found[path.relative_to(site).as_posix()] = path
    return found


class Copy:
    """The offline copy's files, made one at a time from the built site."""

    def __init__(self, settings: Settings, site: Path, labels: Labels) -> None:
        self.settings, self.labels = settings, labels
        self.languages = list(settings.languages)
        self.sources = sources(site, self.languages)
        added = [f"{lang}/{name}" for lang in self.languages for name in (SHIM, SEARCH_SCRIPT)]
        self.names = sorted({*self.sources, *added, "index.html"})
        self.known = frozenset(self.names)
        self.shim = VENDOR.read_bytes()
        self.data_page = paths.output_of(paths.PAGE)

    def sections(self, lang: str) -> dict[str, str]:
        """The data page's offer of the zip, in the copy: a sentence saying that this is the copy."""
        return {SECTION: f"\n<p>{html.escape(self.labels[lang]['off_this_is'])}</p>\n"}

    def file(self, name: str) -> bytes:
        lang, _, rel = name.partition("/")
        if name == "index.html":
            return root_page(self.settings).encode("utf-8")
        if rel == SHIM:
            return self.shim
        if rel in (SEARCH_SCRIPT, INDEX.as_posix()):
            index = self.sources[f"{lang}/{INDEX.as_posix()}"].read_text(encoding="utf-8")
            texts = {f"{paths.PAGE.rsplit('/', 1)[0]}/#{SECTION}": v for v in self.sections(lang).values()}
            as_json, as_script = offline_pages.search_index(index, lang, self.known.__contains__, texts)
            return (as_script if rel == SEARCH_SCRIPT else as_json).encode("utf-8")
        data = self.sources[name].read_bytes()
        if posixpath.basename(rel) == guide_titles.FILE and lang in self.languages:
            return offline_pages.guide_titles(data.decode("utf-8"), name, self.known.__contains__).encode("utf-8")
        if not name.endswith(".html") or lang not in self.languages:
            return data
        sections = self.sections(lang) if rel == self.data_page else None
        page = offline_pages.page(
            data.decode("utf-8"),
            name,
            self.known.__contains__,
            f"{lang}/{SHIM}",
            self.shim.decode("utf-8"),
            sections,
            self.settings.site_url,
        )
        return page.encode("utf-8")

    def files(self) -> Iterator[tuple[str, bytes]]:
        for name in self.names:
            yield name, self.file(name)

    def key(self, epoch: int) -> str:
        """Everything the zip is made of."""
        digest = hashlib.sha256(json.dumps([TOP, sorted(SKIP), sorted(STORED), str(epoch)]).encode())
        for name, path in self.sources.items():
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
        digest.update(json.dumps({lang: self.sections(lang) for lang in self.languages}).encode())
        digest.update(root_page(self.settings).encode() + self.shim)
        for code in (Path(__file__), Path(offline_pages.__file__), Path(csp.__file__), Path(guide_titles.__file__)):
            digest.update(code.read_bytes())  # a change to how the copy is made
        return digest.hexdigest()


BATCH = 50  # files made per task of a worker


def made(copy: Copy, jobs: int) -> Iterator[tuple[str, bytes]]:
    """The copy's files in order, made by `jobs` forked worker processes (reading the pages is most of the work) while
    this process zips the ones already made."""
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from copy.files()
        return
    batches = [copy.names[i : i + BATCH] for i in range(0, len(copy.names), BATCH)]
    context = multiprocessing.get_context("fork")  # the workers inherit `copy` instead of unpickling it
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_copy.append, initargs=(copy,)) as pool:
        for batch, files in zip(batches, pool.map(_make_in_worker, batches), strict=True):
            yield from zip(batch, files, strict=True)


_worker_copy: list[Copy] = []  # filled only inside a forked worker, by its initializer


def _make_in_worker(names: list[str]) -> list[bytes]:
    return [_worker_copy[0].file(name) for name in names]


def build(settings: Settings, site: Path, zip_path: str, epoch: int, labels: Labels, jobs: int = 1) -> Path:
    """Zip the offline copy of every language, with the data folder, into the staged site."""
    target = site / zip_path
    copy = Copy(settings, site, labels)
    key = copy.key(epoch)
    if not _reuse_zip(settings, key, target):
        zip_files(made(copy, jobs), target, epoch)
        _keep_zip(settings, key, target)
    return target


def _kept_zip(settings: Settings) -> tuple[Path, Path]:
    return settings.build_dir / "offline.zip", settings.build_dir / "offline.zip.json"


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
