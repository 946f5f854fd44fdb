"""The catalogue as open data (site/data/catalogue.json and catalogue.csv) and as a report for maintainers.

Deterministic: sorted keys, fixed line endings, no timestamps, so the same inputs give the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.model import paths
from generator.model.entities import Authority, CatalogueEntry, CatalogueProfession, CitedText, Project, Source
from generator.output import spreadsheet

LANGS = ("nl", "de", "fr", "en")
LICENCE = "CC BY 4.0"
JSON_FILE = paths.CATALOGUE_JSON
CSV_FILE = paths.CATALOGUE_CSV


def _source(source: Source) -> dict[str, Any]:
    return {
        "url": source.url,
        "title": source.title,
        "publisher": source.publisher,
        "checked": source.checked,
        "official": source.official,
    }


def _cited(value: CitedText | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "text": value.text,
        "sources": [s.url for s in value.sources],
        "checked": value.checked,
        "confidence": value.confidence,
    }


def _authority(authority: Authority | None) -> dict[str, Any] | None:
    if authority is None:
        return None
    return {
        "id": authority.id,
        "name": authority.name,
        "name_language": authority.name_language,
        "translation": authority.translation,
        "jurisdiction": authority.jurisdiction.code,
        "website": authority.contact.get("website", ""),
    }


def _entry(entry: CatalogueEntry) -> dict[str, Any]:
    return {
        "jurisdiction": entry.jurisdiction.code,
        "regulated": entry.regulated,
        "titles": [{"title": t.title, "language": t.language, "kind": t.kind} for t in entry.titles],
        "authority": _authority(entry.authority),
        "authority_note": entry.authority_note,
        "second_step": _cited(entry.second_step),
        "legal_basis": _cited(entry.legal_basis),
        "sources": [_source(s) for s in entry.sources],
        "checked": entry.checked,
        "confidence": entry.confidence,
    }


def _profession(profession: CatalogueProfession) -> dict[str, Any]:
    return {
        "id": profession.id,
        "name": profession.name,
        "sector": profession.sector,
        "isco08": profession.isco08,
        "roadmaps": [r.key for r in profession.roadmaps],
        "jurisdictions": [_entry(e) for e in profession.entries],
    }


def to_json(project: Project, licence: dict[str, str] | str = LICENCE) -> str:
    data = {
        "licence": licence,
        "description": "Regulated professions and the authorities that recognise EU/EEA/CH qualifications, "
        "per jurisdiction (grensroutes catalogue).",
        "professions": [_profession(p) for p in project.catalogue.values()],
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1, allow_nan=False) + "\n"


COLUMNS = (
    "profession",
    *(f"name_{lang}" for lang in LANGS),
    "sector",
    "isco08",
    "jurisdiction",
    "regulated",
    "titles",
    "authority_id",
    "authority_name",
    "authority_website",
    *(f"authority_note_{lang}" for lang in LANGS),
    *(f"second_step_{lang}" for lang in LANGS),
    *(f"legal_basis_{lang}" for lang in LANGS),
    "sources",
    "checked",
    "confidence",
    "roadmaps",
)


def _texts(prefix: str, text: dict[str, str] | None) -> dict[str, str]:
    return {f"{prefix}_{lang}": " ".join((text or {}).get(lang, "").split()) for lang in LANGS}


def _row(profession: CatalogueProfession, entry: CatalogueEntry) -> dict[str, str]:
    authority = entry.authority
    return {
        "profession": profession.id,
        **_texts("name", profession.name),
        "sector": profession.sector,
        "isco08": profession.isco08,
        "jurisdiction": entry.jurisdiction.code,
        "regulated": entry.regulated,
        "titles": " | ".join(t.title for t in entry.titles),
        "authority_id": authority.id if authority else "",
        "authority_name": authority.name if authority else "",
        "authority_website": authority.contact.get("website", "") if authority else "",
        **_texts("authority_note", entry.authority_note),
        **_texts("second_step", entry.second_step.text if entry.second_step else None),
        **_texts("legal_basis", entry.legal_basis.text if entry.legal_basis else None),
        "sources": " ".join(s.url for s in entry.sources),
        "checked": entry.checked,
        "confidence": entry.confidence,
        "roadmaps": " ".join(r.key for r in profession.roadmaps),
    }


def to_csv(project: Project) -> str:
    """One row per profession and jurisdiction (professions without an entry get none)."""
    rows = (_row(profession, entry) for profession in project.catalogue.values() for entry in profession.entries)
    return spreadsheet.to_csv(COLUMNS, rows)


def files(project: Project, licence: dict[str, str] | str = LICENCE) -> dict[str, str]:
    """The catalogue's open-data files (names relative to site/data/); generator/output/opendata.py exports them."""
    return {JSON_FILE: to_json(project, licence), CSV_FILE: to_csv(project)}


def write(project: Project, site: Path) -> list[Path]:
    """Write site/data/catalogue.json and catalogue.csv on their own; returns the files written."""
    folder = site / "data"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files(project).items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
        written.append(folder / name)
    return written


# ---- the report for maintainers ----------------------------------------------------------------------------------
