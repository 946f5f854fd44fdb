"""Related professions (`related` in catalogue entries and in roadmaps/registry/professions.yaml): every id exists,
and every relation is declared on both professions, so each page points to the other."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.diagnostics import Diagnostic, error
from generator.load.documents import Document, JsonPath
from generator.load.inputs import Inputs, entries_of


@dataclass(frozen=True)
class Declaration:
    """`source` names `target` as related, at entries[entry].related[item] of `doc`."""

    doc: Document
    entry: int
    item: int
    source: str
    target: str


def _declarations(doc: Document, key: str) -> Iterator[Declaration]:
    entries = doc.data.get("entries")
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        related = entry.get("related") if isinstance(entry, dict) else None
        source = entry.get(key) if isinstance(entry, dict) else None
        if not isinstance(source, str) or not isinstance(related, list):
            continue
        for j, item in enumerate(related):
            target = item.get("profession") if isinstance(item, dict) else None
            if isinstance(target, str):
                yield Declaration(doc, i, j, source, target)


def _ids(docs: list[Document], key: str) -> set[str]:
    return {e[key] for d in docs for e in entries_of(d) if isinstance(e.get(key), str)}


def check(inputs: Inputs) -> Iterator[Diagnostic]:
    """When only some files are validated (the catalogue files given on the command line), a relation declared in
    the profession registry may point to a catalogue file that was not loaded: the registry's own relations are then
    not checked, only the loaded catalogue files' ones."""
    registry = inputs.registries.get("professions", [])
    whole = inputs.flow is not None  # load_inputs reads the guide's flow only when it loads the whole project
    declared = [d for doc in registry for d in _declarations(doc, "id")]
    declared += [d for doc in inputs.catalogues for d in _declarations(doc, "profession")]
    known = _ids(registry, "id") | _ids(inputs.catalogues, "profession")
    pairs = {(d.source, d.target) for d in declared}
    reported: set[tuple[str, str, str]] = set()
    for d in declared:
        if d.doc in registry and not whole:
            continue
        where: JsonPath = ("entries", d.entry, "related", d.item, "profession")
        if d.target not in known:
            problem = (
                "related-unknown",
                f"'{d.target}' is neither in the catalogue nor in roadmaps/registry/professions.yaml",
            )
        elif (d.target, d.source) not in pairs:
            problem = (
                "related-one-way",
                f"'{d.source}' names '{d.target}' as related, but '{d.target}' does not name '{d.source}': "
                f"add `related: [{{profession: {d.source}}}]` to '{d.target}' too",
            )
        else:
            continue
        if (d.doc.path, d.source, d.target) not in reported:
            reported.add((d.doc.path, d.source, d.target))
            yield error(d.doc.path, d.doc.pos(where), *problem)
