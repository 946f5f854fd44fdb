"""Synthetic knowledge bases for the benchmark: the real project, plus clones of its real roadmaps under synthetic
profession ids, so page counts grow while texts keep their real lengths in all four languages.

The 21 real roadmaps stay (the coverage check needs them). Clone k of a real roadmap of profession P is filed under
the synthetic profession `P-bench-k`, declared in roadmaps/registry/professions-bench.yaml (a copy of P's registry
entry with another id and name).
"""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ("mkdocs.yml", "roadmaps", "content", "schemas")  # a project's inputs; tests/conftest.py copies them too
NOT_ROADMAPS = {"registry", "catalogue", "guide"}
REGISTRY_FILE = "roadmaps/registry/professions-bench.yaml"
_PROFESSION_LINE = re.compile(r"^profession: *\S+ *$", re.MULTILINE)


def real_roadmaps(root: Path = ROOT) -> list[Path]:
    folders = [p for p in sorted((root / "roadmaps").iterdir()) if p.is_dir() and p.name not in NOT_ROADMAPS]
    return [f for folder in folders for f in sorted(folder.glob("*.yaml"))]


def copy_inputs(target: Path, root: Path = ROOT) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in INPUTS:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


def _registry(root: Path) -> dict[str, Any]:
    return yaml.safe_load((root / "roadmaps/registry/professions.yaml").read_text(encoding="utf-8"))


def _synthetic_entry(entry: dict[str, Any], new_id: str, k: int) -> dict[str, Any]:
    clone = copy.deepcopy(entry)  # no shared objects: yaml.safe_dump would write aliases, which the loader refuses
    clone["id"] = new_id
    clone["name"] = {lang: f"{name} {k}" for lang, name in entry["name"].items()}
    clone["titles"] = [{**t, "title": f"{t['title']} {k}"} for t in entry["titles"]]  # titles must stay unique
    clone.pop("related", None)  # a relation must be declared both ways; the real professions do not name the clones
    return clone


def make_project(target: Path, size: int, root: Path = ROOT) -> dict[str, int]:
    """A copy of the project with `size` roadmaps (at least the real ones). Returns counts for the report."""
    copy_inputs(target, root)
    real = real_roadmaps(root)
    registry = _registry(root)
    entries = {e["id"]: e for e in registry["entries"]}
    synthetic: dict[str, dict[str, Any]] = {}
    for i in range(max(0, size - len(real))):
        source, k = real[i % len(real)], i // len(real) + 1
        profession = source.parent.name
        new_id = f"{profession}-bench-{k}"
        if new_id not in synthetic:
            synthetic[new_id] = _synthetic_entry(entries[profession], new_id, k)
        text = _PROFESSION_LINE.sub(f"profession: {new_id}", source.read_text(encoding="utf-8"), count=1)
        out = target / "roadmaps" / new_id / source.name
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    if synthetic:
        # the entries cite the real file's sources, which are per file
        bench = {"registry": "professions", "entries": list(synthetic.values()), "sources": registry["sources"]}
        header = "# Synthetic professions for the benchmark (bench/synthetic.py); not part of the knowledge base.\n"
        (target / REGISTRY_FILE).write_text(header + yaml.safe_dump(bench, allow_unicode=True, sort_keys=False))
    return {"roadmaps": max(size, len(real)), "real": len(real), "synthetic_professions": len(synthetic)}


def source_of(key: str) -> str:
    """The real roadmap key a synthetic one was cloned from: care-worker-bench-3/nl-to-be-fl → care-worker/nl-to-be-fl."""
    profession, route = key.split("/", 1)
    return f"{re.sub(r'-bench-[0-9]+$', '', profession)}/{route}"
