"""The catalogue of regulated professions: checks within and across the per-jurisdiction files
(roadmaps/catalogue/<code>.yaml, schemas/catalogue.schema.json)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from generator.diagnostics import Diagnostic, error, repeated, warning
from generator.load.documents import Document
from generator.load.inputs import Inputs
from generator.render.formatting import fold
from generator.validate import schema


def _entries(doc: Document) -> list[tuple[int, dict[str, Any]]]:
    entries = doc.data.get("entries")
    return [(i, e) for i, e in enumerate(entries) if isinstance(e, dict)] if isinstance(entries, list) else []


def _same_text(a: Any, b: Any) -> bool:
    return bool(_normalised(a) == _normalised(b))


def _normalised(text: Any) -> Any:
    return {k: " ".join(str(v).split()) for k, v in text.items()} if isinstance(text, dict) else text


# ---- checks ----------------------------------------------------------------------------------------------------


def check_file(doc: Document) -> Iterator[Diagnostic]:
    """Within one file: each profession once, and the file named after its jurisdiction."""
    for i, pid, first in repeated((i, entry.get("profession")) for i, entry in _entries(doc)):
        yield error(
            doc.path,
            doc.pos(("entries", i, "profession")),
            "duplicate-id",
            f"profession '{pid}' is already listed in this file (entries[{first}])",
        )
    code = doc.data.get("catalogue")
    if isinstance(code, str) and PurePosixPath(doc.path).stem != code.lower():
        yield error(
            doc.path,
            doc.pos(("catalogue",)),
            "path-mismatch",
            f"the catalogue of {code} must be stored as roadmaps/catalogue/{code.lower()}.yaml",
        )


def check_names(docs: list[Document]) -> Iterator[Diagnostic]:
    """The same profession id must carry the same neutral name in every file, so ids stay consistent."""
    first: dict[str, tuple[Document, dict[str, Any]]] = {}
    for doc in docs:
        for i, entry in _entries(doc):
            pid, name = entry.get("profession"), entry.get("name")
            if not isinstance(pid, str) or not isinstance(name, dict):
                continue
            if pid not in first:
                first[pid] = (doc, name)
            elif first[pid][0] is not doc and not _same_text(first[pid][1], name):
                other, known = first[pid]
                differs = sorted(k for k in set(name) | set(known) if not _same_text(name.get(k), known.get(k)))
                lang = differs[0]
                yield warning(
                    doc.path,
                    doc.pos(("entries", i, "name")),
                    "catalogue-name-mismatch",
                    f"profession '{pid}' is named differently in {other.path} ({', '.join(differs)}; "
                    f"{lang}: '{name.get(lang, '')}' here, '{known.get(lang, '')}' there): "
                    "use the same name in every catalogue file, or a different id if it is another profession",
                    schema.pointer(("entries", i, "name")),
                )


def check_name_clashes(docs: list[Document]) -> Iterator[Diagnostic]:
    """Two professions must not share a neutral name in a language: their pages and A–Z lines would look the same.
    Reported once per pair of ids, on the entry that comes later."""
    owner: dict[tuple[str, str], tuple[str, Document]] = {}
    reported: set[tuple[str, str]] = set()
    for doc in docs:
        for i, entry in _entries(doc):
            pid, name = entry.get("profession"), entry.get("name")
            if not isinstance(pid, str) or not isinstance(name, dict):
                continue
            for lang, text in sorted(name.items()):
                if not isinstance(text, str):
                    continue
                first, first_doc = owner.setdefault((lang, fold(" ".join(text.split()))), (pid, doc))
                if first == pid or (first, pid) in reported:
                    continue
                reported.add((first, pid))
                yield warning(
                    doc.path,
                    doc.pos(("entries", i, "name", lang)),
                    "catalogue-name-clash",
                    f"'{text}' ({lang}) is also the name of the profession '{first}' in {first_doc.path}: give one of "
                    "them a name that tells them apart, or use one id if it is the same profession",
                    schema.pointer(("entries", i, "name", lang)),
                )


def check_ids(docs: list[Document], registry: list[Document]) -> Iterator[Diagnostic]:
    """An entry named like a profession of roadmaps/registry/professions.yaml must use that profession's id, so the
    catalogue links its full roadmaps. (Names, not titles: one official title can cover several professions.)"""
    known: dict[tuple[str, str], str] = {}
    for reg in registry:
        for _, entry in _entries(reg):
            for lang, name in (entry.get("name") or {}).items():
                if isinstance(name, str) and isinstance(entry.get("id"), str):
                    known.setdefault((lang, fold(name)), entry["id"])
    for doc in docs:
        for i, entry in _entries(doc):
            names = entry.get("name") if isinstance(entry.get("name"), dict) else {}
            for lang, name in names.items():  # type: ignore[union-attr]
                owner = known.get((lang, fold(name))) if isinstance(name, str) else None
                if owner and owner != entry.get("profession"):
                    yield warning(
                        doc.path,
                        doc.pos(("entries", i, "name", lang)),
                        "catalogue-id-mismatch",
                        f"'{name}' is the profession '{owner}' in roadmaps/registry/professions.yaml, "
                        f"but this entry calls it '{entry.get('profession')}': use the id '{owner}'",
                    )
                    break


def _rank(doc: Document, rank: dict[str, int]) -> int:
    """Where the file's jurisdiction stands in the registry; last when it names none (or not as a string: the schema
    reports that)."""
    code = doc.data.get("catalogue")
    return rank.get(code, len(rank)) if isinstance(code, str) else len(rank)


def check(inputs: Inputs) -> Iterator[Diagnostic]:
    for doc in inputs.catalogues:
        yield from check_file(doc)
    order = [e.get("code") for d in inputs.registries.get("jurisdictions", []) for _, e in _entries(d)]
    rank = {code: i for i, code in enumerate(order) if isinstance(code, str)}
    ordered = sorted(inputs.catalogues, key=lambda d: (_rank(d, rank), d.path))
    yield from check_names(ordered)  # so a mismatch is reported on the file that comes later (NL first)
    yield from check_name_clashes(ordered)
    yield from check_ids(inputs.catalogues, inputs.registries.get("professions", []))
