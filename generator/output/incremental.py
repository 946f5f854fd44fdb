"""Incremental MkDocs builds: a language whose inputs did not change is not built again.

Every MkDocs build (`.build/mkdocs.<name>.yml`, one per language, plus the offline ones) is fingerprinted: its config
and the config it INHERITs, every file of its docs_dir (path, size, mtime — write.py keeps the mtime of a file whose
bytes did not change), the theme overrides, the versions of MkDocs and its extensions, and SOURCE_DATE_EPOCH. After a
successful build the output is kept in .build/mkdocs-cache/<name>/ (hard links, no copy). When the next build has the
same fingerprint and the kept output is intact (same sizes and mtimes), that output is linked into the site_dir
instead of running MkDocs. Anything else — a changed page, config, theme or version — builds the language in full.

`serve` also allows dirty builds: when only the contents of existing pages changed (same files, config, theme,
versions), MkDocs --dirty rebuilds just those pages in the kept output, and the search index is merged. `build`
never builds dirty: CI and the published site always get full, --strict builds.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import yaml

from generator.model import paths
from generator.output import search_budget

CACHE = "mkdocs-cache"
PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "babel")
ENVIRONMENT = ("PYTHONHASHSEED",)


def _versions() -> str:
    found = []
    for name in PACKAGES:
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=none")
    return ";".join(found)


def tree_stats(folder: Path) -> list[tuple[str, int, int]]:
    """(relative path, size, mtime in ns) of every file below `folder`, sorted."""
    if not folder.is_dir():
        return []
    found = []
    for directory, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(directory, name)
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue  # removed since the folder was listed (an editor's temporary file), or a dangling link
            found.append((path.relative_to(folder).as_posix(), stat.st_size, stat.st_mtime_ns))
    return sorted(found)


def _tree_content(folder: Path) -> str:
    """Small trees that are not written by the build (the theme overrides): their bytes count, not their mtimes."""
    digest = hashlib.sha256()
    for rel, _size, _mtime in tree_stats(folder):
        digest.update(rel.encode() + b"\0" + (folder / rel).read_bytes() + b"\0")
    return digest.hexdigest()


def fingerprint(config_file: Path, epoch: int) -> tuple[str, str, dict[str, Any]]:
    """The fingerprint of one MkDocs build, the fingerprint of its structure (everything but the pages' contents:
    what must stay the same for a dirty build), and its parsed config."""
    text = config_file.read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    digest = hashlib.sha256(text.encode())
    inherit = config.get("INHERIT")
    parent = yaml.safe_load(Path(inherit).read_text(encoding="utf-8")) if inherit else {}
    if inherit:
        digest.update(Path(inherit).read_bytes())
    for hook in [*(parent or {}).get("hooks", []), *config.get("hooks", [])]:  # Python files MkDocs runs
        digest.update(Path(hook).read_bytes() if Path(hook).is_file() else hook.encode())
    custom_dir = (config.get("theme") or {}).get("custom_dir")
    if custom_dir:
        digest.update(_tree_content(Path(custom_dir)).encode())
    digest.update(_versions().encode())
    digest.update(json.dumps({"SOURCE_DATE_EPOCH": str(epoch)} | {k: os.environ.get(k) for k in ENVIRONMENT}).encode())
    docs = tree_stats(Path(config["docs_dir"]))
    structure = digest.copy()
    structure.update(json.dumps([rel for rel, *_ in docs]).encode())
    digest.update(json.dumps(docs).encode())
    return digest.hexdigest(), structure.hexdigest(), config


def _link_copy(source: Path, target: Path) -> None:
    """Hard links where possible (same file system), copies otherwise."""

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, copy_function=link)


def _state_file(cache: Path, name: str) -> Path:
    return cache / f"{name}.json"


def reuse(build_dir: Path, name: str, print_key: str, site_dir: Path) -> bool:
    """Link the kept output into `site_dir` if it was built from the same inputs and nobody changed it since."""
    cache = build_dir / CACHE
    state_file, kept = _state_file(cache, name), cache / name
    if not state_file.exists() or not kept.is_dir():
        return False
    state = json.loads(state_file.read_text(encoding="utf-8"))
    if state.get("fingerprint") != print_key or state.get("output") != [list(row) for row in tree_stats(kept)]:
        return False
    _link_copy(kept, site_dir)
    return True


def keep(build_dir: Path, name: str, keys: tuple[str, str], site_dir: Path, link: bool = True) -> None:
    """Remember a build's output for the next build (`link=False`: it was built in the cache itself)."""
    cache = build_dir / CACHE
    kept, state_file = cache / name, _state_file(cache, name)
    state_file.unlink(missing_ok=True)  # a crash between the two steps below must not leave a wrong state
    if link:
        _link_copy(site_dir, kept)
    state = {"fingerprint": keys[0], "structure": keys[1], "output": tree_stats(kept)}
    state_file.write_text(json.dumps(state), encoding="utf-8")


def mkdocs(
    build_dir: Path, name: str, epoch: int, run: Callable[[], None], run_dirty: Callable[[Path], None] | None = None
) -> str:
    """Build `.build/mkdocs.<name>.yml` with `run`, unless its kept output is still valid. With `run_dirty` (serve),
    a build whose pages changed but not its structure is a dirty one in the kept output. Says what it did."""
    print_key, structure, config = fingerprint(build_dir / f"mkdocs.{name}.yml", epoch)
    site_dir = Path(config["site_dir"])
    if reuse(build_dir, name, print_key, site_dir):
        return "reused"
    if run_dirty is not None and dirty_build(build_dir, name, structure, config, run_dirty):
        search_budget.trim(build_dir / CACHE / name)
        keep(build_dir, name, (print_key, structure), site_dir, link=False)
        _link_copy(build_dir / CACHE / name, site_dir)
        return "dirty"
    run()
    search_budget.trim(site_dir)
    keep(build_dir, name, (print_key, structure), site_dir)
    return "built"


# ---- dirty builds (serve) ----------------------------------------------------------------------------------------

ALWAYS_WRITTEN = ("404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json")


def _detach(path: Path) -> None:
    """Give a file its own inode: the kept output shares inodes with the published site, which MkDocs would
    otherwise overwrite in place (it opens existing files for writing)."""
    if path.exists():
        temp = path.with_name(path.name + ".detach")
        shutil.copy2(path, temp)
        os.replace(temp, path)


def _search_docs(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"docs": []}


def _page_of(location: str) -> str:
    return location.split("#", 1)[0]


def dirty_build(
    build_dir: Path, name: str, structure: str, config: dict[str, Any], run_dirty: Callable[[Path], None]
) -> bool:
    """MkDocs --dirty in the kept output, when only pages' contents changed. A dirty build indexes only the pages it
    rebuilt, so the search index is merged with the previous one. False when a full build is needed."""
    cache = build_dir / CACHE
    state_file, kept = _state_file(cache, name), cache / name
    if not state_file.exists() or not kept.is_dir() or config.get("use_directory_urls") is False:
        return False
    state = json.loads(state_file.read_text(encoding="utf-8"))
    if state.get("structure") != structure or state.get("output") != [list(row) for row in tree_stats(kept)]:
        return False
    state_file.unlink()  # from here on the kept output is being changed: no reuse if this fails
    docs = Path(config["docs_dir"])
    for rel, _size, mtime in tree_stats(docs):
        target = kept / paths.output_of(rel)
        if not target.exists() or target.stat().st_mtime_ns < mtime:
            _detach(target)
    for rel in ALWAYS_WRITTEN:
        _detach(kept / rel)
    index = kept / "search" / "search_index.json"
    before = _search_docs(index)
    run_dirty(kept)
    after = _search_docs(index)
    rebuilt = {_page_of(d.get("location", "")) for d in after.get("docs", [])}
    kept_docs = [d for d in before.get("docs", []) if _page_of(d.get("location", "")) not in rebuilt]
    merged = {**after, "docs": kept_docs + after.get("docs", [])}
    index.write_text(json.dumps(merged, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True
