"""The knowledge base as open data, written to site/data/ (one place for all languages):

    data/grensroutes.json                  everything: registries + every roadmap (schemas/opendata.schema.json)
    data/roadmaps/<profession>/<route>.json one roadmap each (schemas/opendata-roadmap.schema.json)
    data/comparison.csv                    the comparison tables of the profession pages, one row per roadmap
    data/schemas/*.schema.json             the JSON Schemas, so the files can be checked offline
    data/manifest.json                     every file above with its SHA-256, plus the versions
    data/LICENCE.txt                       the licence (extra.grensroutes.data_licence in mkdocs.yml)

Versions: each roadmap keeps its content version (Roadmap.version, a hash of its data); `data_version` is the same
kind of hash over everything exported; `format_version` changes only when the file structure breaks readers.
Deterministic: sorted keys, "\\n" line endings, no timestamps.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path
from typing import Any

from generator import catalogue_export
from generator.config import DataLicence, Settings
from generator.load import iter_yaml, load_file
from generator.model import Project, Roadmap
from generator.professions import CSV_FIELDS, csv_row
from generator.render import Language, Page, _render

FORMAT_VERSION = "1.0"
DATA = "data"
COMBINED = "grensroutes.json"
CSV_FILE = "comparison.csv"
MANIFEST = "manifest.json"
LICENCE = "LICENCE.txt"
PUBLISHED_SCHEMAS = (
    "common.schema.json",
    "registry.schema.json",
    "roadmap.schema.json",
    "opendata.schema.json",
    "opendata-roadmap.schema.json",
)
PAGE = "data/index.md"  # the page per language that explains the files (its folder is data/ in both URL styles)
ZIP = "offline/grensroutes-offline.zip"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def _hash(value: Any) -> str:
    canonical = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:12]


def licence(settings: Settings) -> dict[str, str]:
    lic: DataLicence = settings.data_licence
    return {"id": lic.id, "name": lic.name, "url": lic.url, "attribution": lic.attribution}


def registries(settings: Settings) -> dict[str, list[dict[str, Any]]]:
    """The registry files as they are (entries and their sources), grouped by kind, in file order."""
    found: dict[str, list[dict[str, Any]]] = {}
    for path in iter_yaml([settings.roadmaps_dir / "registry"]):
        doc, _ = load_file(path, settings.root)
        if doc is not None and isinstance(doc.data, dict) and isinstance(doc.data.get("registry"), str):
            found.setdefault(doc.data["registry"], []).append(doc.data)
    return dict(sorted(found.items()))


def roadmap_path(roadmap: Roadmap) -> str:
    return f"roadmaps/{roadmap.key}.json"


def _entry(roadmap: Roadmap) -> dict[str, Any]:
    return {
        "key": roadmap.key,
        "version": roadmap.version,
        "file": roadmap_path(roadmap),
        "source_file": roadmap.file,
        "roadmap": roadmap.data,
    }


def combined(settings: Settings, project: Project) -> dict[str, Any]:
    content = {"registries": registries(settings), "roadmaps": [_entry(r) for r in project.roadmaps]}
    return {
        "$schema": "schemas/opendata.schema.json",
        "format_version": FORMAT_VERSION,
        "data_version": _hash(content),
        "licence": licence(settings),
        **content,
    }


def single(whole: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "$schema": "../../schemas/opendata-roadmap.schema.json",
        "format_version": whole["format_version"],
        "data_version": whole["data_version"],
        "licence": whole["licence"],
        **entry,
    }


def comparison_csv(project: Project) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for roadmap in project.roadmaps:
        writer.writerow(csv_row(roadmap))
    return out.getvalue()


def licence_text(settings: Settings, data_version: str) -> str:
    lic = settings.data_licence
    return (
        "grensroutes open data\n\n"
        f"Licence: {lic.name} ({lic.id})\n{lic.url}\n\n"
        f"Attribution: {lic.attribution}\n"
        f"Data version: {data_version}\n\n"
        "The data explains recognition procedures; the competent authority decides.\n"
        "Every fact carries its source and the date it was checked.\n"
    )


def files(settings: Settings, project: Project) -> dict[str, bytes]:
    """Every file of data/ (paths relative to it), in memory."""
    whole = combined(settings, project)
    out: dict[str, str | bytes] = {COMBINED: _dumps(whole), CSV_FILE: comparison_csv(project)}
    for entry in whole["roadmaps"]:
        out[entry["file"]] = _dumps(single(whole, entry))
    for name in PUBLISHED_SCHEMAS:
        out[f"schemas/{name}"] = (settings.schemas_dir / name).read_bytes()
    out.update(catalogue_export.files(project, whole["licence"]))  # catalogue.json and .csv (issue #10)
    out[LICENCE] = licence_text(settings, whole["data_version"])
    encoded = {k: v.encode("utf-8") if isinstance(v, str) else v for k, v in out.items()}
    manifest = {
        "format_version": whole["format_version"],
        "data_version": whole["data_version"],
        "licence": whole["licence"],
        "roadmaps": {e["key"]: {"version": e["version"], "file": e["file"]} for e in whole["roadmaps"]},
        "files": {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
            for name, data in sorted(encoded.items())
        },
    }
    encoded[MANIFEST] = _dumps(manifest).encode("utf-8")
    return dict(sorted(encoded.items()))


def write(settings: Settings, project: Project, site: Path) -> list[Path]:
    """Write data/ into the staged site. Other files in data/ (e.g. the catalogue's) are left alone."""
    target = site / DATA
    written = []
    for name, data in files(settings, project).items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


# ---- the page that explains the data, per language ----------------------------------------------------------------


def data_page(project: Project, settings: Settings, lang: str, offline: bool = False) -> Page:
    L = Language(lang, project)
    roadmaps = [
        {
            "href": f"../../{DATA}/{roadmap_path(r)}",
            "name": f"{r.key}.json",
            "label": L.label(
                "title",
                profession=r.profession.name[lang],
                origin=r.origin.name[lang],
                destination=r.destination.name[lang],
            ),
        }
        for r in project.roadmaps
    ]
    markdown = _render(
        "data.md.j2",
        L=L,
        lic=settings.data_licence,
        base=f"../../{DATA}/",
        combined=COMBINED,
        csv_file=CSV_FILE,
        manifest=MANIFEST,
        licence_file=LICENCE,
        schemas=PUBLISHED_SCHEMAS,
        roadmaps=roadmaps,
        catalogue=[catalogue_export.JSON_FILE, catalogue_export.CSV_FILE],
        zip=f"../../{ZIP}",
        offline=offline,
    )
    return Page(PAGE, markdown)
