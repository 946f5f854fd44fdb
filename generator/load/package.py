"""The package's own inputs: UI labels and template sources, read once per build."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator import resources

Labels = dict[str, dict[str, str]]


def read_labels() -> Labels:
    """UI strings per language: labels.yaml plus one file per feature in labels/ (keys must not clash)."""
    merged: Labels = {}
    for path in [resources.LABELS_MAIN, *sorted(resources.LABELS.glob("*.yaml"))]:
        for lang, nested in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            strings = flat(nested)
            clash = set(strings) & set(merged.get(lang, {}))
            if clash:
                raise ValueError(f"{path.name}: label keys defined twice: {sorted(clash)}")
            merged.setdefault(lang, {}).update(strings)
    return merged


def flat(strings: dict[str, str | dict[str, str]]) -> dict[str, str]:
    """A label with plural variants ({one: …, other: …}) becomes one key per CLDR category: 'key.one', 'key.other'."""
    out: dict[str, str] = {}
    for key, value in strings.items():
        if isinstance(value, dict):
            out.update({f"{key}.{category}": text for category, text in value.items()})
        else:
            out[key] = value
    return out


def read_templates() -> dict[str, str]:
    """Every template's source by its name (the file name in generator/templates/)."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(resources.TEMPLATES.iterdir()) if p.is_file()}


def newest_mtime(folder: Path) -> int:
    """The newest modification time below a folder (what `serve` compares to notice an edit)."""
    return max((p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()), default=0)
