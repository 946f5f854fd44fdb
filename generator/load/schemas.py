"""The JSON Schemas, read once: parsed for the checks and the maintainers' reference, raw for the open data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read_schemas(schemas_dir: Path) -> dict[str, dict[str, Any]]:
    """Every schema by its file name, in file-name order."""
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(schemas_dir.glob("*.schema.json"))}


def read_schema_bytes(schemas_dir: Path, names: tuple[str, ...]) -> dict[str, bytes]:
    """The published schema files as they are, byte for byte."""
    return {name: (schemas_dir / name).read_bytes() for name in names}
