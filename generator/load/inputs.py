"""The load stage's product: every document of the project, sorted by kind, and the hand-written pages."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.config import Settings
from generator.diagnostics import Diagnostic, error
from generator.load import parse_cache
from generator.load.documents import Document, iter_yaml, load_file
from generator.load.files import refusal
from generator.model import paths

REGISTRY_KINDS = ("jurisdictions", "authorities", "professions", "grensinfopunten", "glossary", "local-offices")


@dataclass
class Inputs:
    """Loaded documents, sorted into registries and roadmaps."""

    registries: dict[str, list[Document]] = field(default_factory=lambda: {k: [] for k in REGISTRY_KINDS})
    roadmaps: list[Document] = field(default_factory=list)
    catalogues: list[Document] = field(default_factory=list)
    flow: Document | None = None  # the guide's question flow
    content_pages: dict[str, frozenset[str]] = field(default_factory=dict)  # hand-written pages per language

    def add(self, doc: Document) -> None:
        kind = doc.data.get("registry")
        if "catalogue" in doc.data:
            self.catalogues.append(doc)
        elif isinstance(kind, str) and kind in self.registries:
            self.registries[kind].append(doc)
        elif "registry" in doc.data:
            self.registries.setdefault("invalid", []).append(doc)
        else:
            self.roadmaps.append(doc)

    def documents(self) -> list[Document]:
        return [d for docs in self.registries.values() for d in docs] + self.roadmaps + self.catalogues

    def ids(self, kind: str, key: str = "id") -> set[str]:
        return {e[key] for d in self.registries.get(kind, []) for e in entries_of(d) if isinstance(e.get(key), str)}


def entries_of(doc: Document) -> list[dict[str, Any]]:
    entries = doc.data.get("entries")
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []




def load_inputs(settings: Settings, only: Iterable[Path] | None = None) -> tuple[Inputs, list[Diagnostic]]:
    """Read the registries, plus the given roadmap files (default: every roadmap, the catalogue, the guide's flow and
    the list of hand-written pages)."""
    inputs, diagnostics, cache = Inputs(), [], parse_cache.ParseCache(settings.root)
    registry = settings.roadmaps_dir / "registry"
    wanted = list(iter_yaml([registry]))
    flow_file = settings.roadmaps_dir / paths.FLOW_FILE
    flows = flow_file.parent.resolve()  # the guide's flow is no roadmap
    others = [p for p in iter_yaml(list(only) if only else [settings.roadmaps_dir]) if flows not in p.resolve().parents]
    registry_files = {w.resolve() for w in wanted}
    diagnostics += unreadable_folders(settings.root, list(only) if only else [settings.roadmaps_dir])
    for path in wanted + [p for p in others if p.resolve() not in registry_files]:
        if not os.path.lexists(path):
            continue  # removed since the folder was listed (an editor's temporary file)
        doc, problems = load_file(path, settings.root, cache)
        diagnostics += problems
        if doc is not None:
            inputs.add(doc)
    if not only:
        inputs.flow, problems = load_file(flow_file, settings.root, cache)
        diagnostics += problems
        inputs.content_pages, problems = content_pages(settings)
        diagnostics += problems
    cache.save()
    return inputs, diagnostics


def unreadable_folders(root: Path, paths: list[Path]) -> list[Diagnostic]:
    """A folder that cannot be listed is skipped without a word by glob(): name it instead."""
    found: list[Diagnostic] = []

    def report(exc: OSError) -> None:
        where = Path(str(exc.filename))
        rel = where.relative_to(root).as_posix() if where.is_relative_to(root) else where.as_posix()
        found.append(error(rel, (1, 1), "unreadable", f"cannot read the folder: {exc.strerror}"))

    for path in paths:
        if path.is_dir():
            for _folder, _dirs, _files in os.walk(path, onerror=report):
                pass
    return found


def content_pages(settings: Settings) -> tuple[dict[str, frozenset[str]], list[Diagnostic]]:
    """The hand-written pages of each language, as paths inside content/<lang>/, and diagnostics for every file
    there that must not be published (a link out of the project, a FIFO, a folder named *.md, an unreadable file)."""
    pages: dict[str, frozenset[str]] = {}
    diagnostics = unreadable_folders(settings.root, [settings.content_dir / lang for lang in settings.languages])
    for lang in settings.languages:
        folder, found = settings.content_dir / lang, set()
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(settings.root).as_posix()
            try:
                refused = refusal(path, settings.root)
                if refused is None:
                    with path.open("rb"):
                        pass
                elif refused[0] == "unreadable" and path.suffix != ".md":
                    continue  # an ordinary folder
            except FileNotFoundError:
                continue  # removed since the folder was listed, or a dangling link such as an editor's lock file
            except OSError as exc:
                refused = ("unreadable", f"cannot read it: {exc.strerror}")
            if refused:
                diagnostics.append(error(rel, (1, 1), refused[0], f"not published: {refused[1]}"))
            if path.suffix == ".md":  # a refused page still exists: no `missing-page` on top of its own error
                found.add(path.relative_to(folder).as_posix())
        pages[lang] = frozenset(found)
    return pages, diagnostics
