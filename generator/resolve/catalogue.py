"""The catalogue's per-jurisdiction files merged into one `CatalogueProfession` per profession id."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from generator.load.documents import Document
from generator.load.inputs import Inputs
from generator.model.entities import (
    Authority,
    CatalogueEntry,
    CatalogueProfession,
    CatalogueTitle,
    CitedText,
    Jurisdiction,
    Profession,
    Project,
    Related,
    Source,
)
from generator.render.formatting import fold
from generator.resolve import sources as citing

EU_DATABASE = "https://ec.europa.eu/growth/tools-databases/regprof/"
# For professions that only the profession registry names (no catalogue entry yet): the sector from the ISCO-08
# sub-major group, so they are grouped with their kind instead of under "other".
_ISCO_SECTORS = {"22": "health", "32": "health", "53": "health", "23": "education"}


def _checked(value: dict[str, Any], cited: tuple[Source, ...]) -> str:
    return str(value.get("checked") or min((s.checked for s in cited), default=""))


def _cited_text(value: dict[str, Any] | None, sources: dict[str, Source]) -> CitedText | None:
    if value is None:
        return None
    cited = citing.cited(value["source"], sources)
    return CitedText(value["text"], cited, _checked(value, cited), value["confidence"])


def _entry(
    raw: dict[str, Any], doc: Document, jurisdiction: Jurisdiction, authorities: dict[str, Authority]
) -> CatalogueEntry:
    sources = citing.citable(doc.data)
    cited = citing.cited(raw["source"], sources)
    titles = tuple(CatalogueTitle(t["title"], t["language"], t["kind"], jurisdiction.code) for t in raw["titles"])
    return CatalogueEntry(
        jurisdiction=jurisdiction,
        regulated=raw["regulated"],
        titles=titles,
        authority=authorities[raw["authority"]] if "authority" in raw else None,
        authority_note=raw.get("authority_note"),
        second_step=_cited_text(raw.get("second_step"), sources),
        legal_basis=_cited_text(raw.get("legal_basis"), sources),
        sources=cited,
        checked=_checked(raw, cited),
        confidence=raw["confidence"],
        file=doc.path,
    )


def _registry_titles(profession: Profession | None) -> list[CatalogueTitle]:
    if profession is None:
        return []
    return [
        CatalogueTitle(t["title"], t["language"], t.get("kind", "official"), t.get("jurisdiction", ""))
        for t in profession.titles
    ]


def _unique(titles: list[CatalogueTitle]) -> tuple[CatalogueTitle, ...]:
    first: dict[tuple[str, str, str], CatalogueTitle] = {}
    for title in titles:
        first.setdefault((fold(title.title), title.language, title.jurisdiction), title)
    return tuple(first.values())


def _ordered_docs(inputs: Inputs, order: list[str]) -> list[Document]:
    rank = {code: i for i, code in enumerate(order)}
    return sorted(inputs.catalogues, key=lambda d: (rank.get(d.data["catalogue"], len(rank)), d.path))


def resolve(inputs: Inputs, project: Project) -> dict[str, CatalogueProfession]:
    """Merge the entries of every catalogue file by profession id; registry professions are always there."""
    raw: dict[str, dict[str, Any]] = {}
    merged: dict[str, list[CatalogueEntry]] = {}
    related: dict[str, dict[str, Related]] = {}
    for doc in inputs.registries.get("professions", []):
        for entry in doc.data.get("entries", []):
            _add_related(related, entry["id"], entry)
    for doc in _ordered_docs(inputs, list(project.jurisdictions)):
        jurisdiction = project.jurisdictions[doc.data["catalogue"]]
        for entry in doc.data["entries"]:
            raw.setdefault(entry["profession"], entry)
            _add_related(related, entry["profession"], entry)
            merged.setdefault(entry["profession"], []).append(_entry(entry, doc, jurisdiction, project.authorities))
    catalogue = {}
    for pid in sorted(set(raw) | set(project.professions)):
        catalogue[pid] = _profession(pid, raw.get(pid), merged.get(pid, []), project)
        catalogue[pid] = replace(catalogue[pid], related=tuple(related.get(pid, {}).values()))
    return catalogue


def _add_related(found: dict[str, dict[str, Related]], pid: str, entry: dict[str, Any]) -> None:
    """The first declaration of a relation wins; a later one may only add a note the first lacked."""
    known = found.setdefault(pid, {})
    for item in entry.get("related", []):
        first = known.get(item["profession"])
        if first is None or (first.note is None and "note" in item):
            known[item["profession"]] = Related(item["profession"], item.get("note"))


def _profession(
    pid: str, first: dict[str, Any] | None, entries: list[CatalogueEntry], project: Project
) -> CatalogueProfession:
    registered = project.professions.get(pid)
    isco = (first or {}).get("isco08") or (registered.isco08 if registered else "")
    name = registered.name if registered else first["name"]  # type: ignore[index]
    sector = first["sector"] if first else _ISCO_SECTORS.get(isco[:2], "other")
    titles = _unique([t for e in entries for t in e.titles] + _registry_titles(registered))
    roadmaps = tuple(r for r in project.roadmaps if r.profession.id == pid)
    return CatalogueProfession(pid, name, sector, isco, titles, tuple(entries), roadmaps)


def jurisdictions(project: Project) -> list[Jurisdiction]:
    """The jurisdictions the catalogue speaks of: every destination, and any other that has catalogue entries."""
    used = {e.jurisdiction.code for p in project.catalogue.values() for e in p.entries}
    return [j for j in project.jurisdictions.values() if j.destination or j.code in used]
