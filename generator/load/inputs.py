"""The load stage's product: every document of the project, sorted by kind, and the hand-written pages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.config import Settings
from generator.diagnostics import Diagnostic
from generator.load import parse_cache
from generator.load.documents import Document, iter_yaml, load_file
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
    for path in wanted + [p for p in others if p.resolve() not in registry_files]:
        doc, problems = load_file(path, settings.root, cache)
        diagnostics += problems
        if doc is not None:
            inputs.add(doc)
    if not only:
        inputs.flow, problems = load_file(flow_file, settings.root, cache)
        diagnostics += problems
        inputs.content_pages = content_pages(settings)
    cache.save()
    return inputs, diagnostics


def content_pages(settings: Settings) -> dict[str, frozenset[str]]:
    """The hand-written pages of each language, as paths inside content/<lang>/."""
    return {
        lang: frozenset(p.relative_to(settings.content_dir / lang).as_posix() for p in (settings.content_dir / lang).rglob("*.md"))
        for lang in settings.languages
    }
