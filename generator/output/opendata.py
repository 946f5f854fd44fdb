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

import hashlib
import json
from pathlib import Path
from typing import Any

from generator.config import DataLicence, Settings
from generator.load.inputs import Inputs
from generator.model import paths
from generator.model.entities import Project, Roadmap
from generator.model.paths import COMBINED, CSV_FILE, DATA, LICENCE, MANIFEST, PUBLISHED_SCHEMAS
from generator.output import catalogue_export, spreadsheet
from generator.render.professions import CSV_FIELDS, csv_row

FORMAT_VERSION = "1.0"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1, allow_nan=False) + "\n"


def _hash(value: Any) -> str:
    canonical = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:12]


def licence(settings: Settings) -> dict[str, str]:
    lic: DataLicence = settings.data_licence
    return {"id": lic.id, "name": lic.name, "url": lic.url, "attribution": lic.attribution}


def registries(inputs: Inputs) -> dict[str, list[dict[str, Any]]]:
    """The registry files as they are (entries and their sources), grouped by kind, in file order."""
    found = {kind: [d.data for d in docs] for kind, docs in inputs.registries.items() if docs}
    return dict(sorted(found.items()))


def roadmap_path(roadmap: Roadmap) -> str:
    return paths.roadmap_json(roadmap.key)


def _entry(roadmap: Roadmap) -> dict[str, Any]:
    return {
        "key": roadmap.key,
        "version": roadmap.version,
        "file": roadmap_path(roadmap),
        "source_file": roadmap.file,
        "roadmap": roadmap.data,
    }


def combined(settings: Settings, project: Project, inputs: Inputs) -> dict[str, Any]:
    content = {"registries": registries(inputs), "roadmaps": [_entry(r) for r in project.roadmaps]}
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
    return spreadsheet.to_csv(CSV_FIELDS, (csv_row(roadmap) for roadmap in project.roadmaps))


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


def files(settings: Settings, project: Project, inputs: Inputs) -> dict[str, bytes]:
    """Every file of data/ (paths relative to it), in memory."""
    whole = combined(settings, project, inputs)
    out: dict[str, str | bytes] = {COMBINED: _dumps(whole), CSV_FILE: comparison_csv(project)}
    for entry in whole["roadmaps"]:
        out[entry["file"]] = _dumps(single(whole, entry))
    for name in PUBLISHED_SCHEMAS:
        out[f"schemas/{name}"] = (settings.schemas_dir / name).read_bytes()
    out.update(catalogue_export.files(project, whole["licence"]))  # catalogue.json and .csv
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


def write(settings: Settings, project: Project, inputs: Inputs, site: Path) -> list[Path]:
    """Write data/ into the staged site. Other files in data/ (e.g. the catalogue's) are left alone."""
    target = site / DATA
    written = []
    for name, data in files(settings, project, inputs).items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written
