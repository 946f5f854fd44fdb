"""Which documents were valid against which schemas (issue #9): JSON Schema validation is most of the time that
validating thousands of roadmaps takes, and it is a pure function of the schemas and the data.

A key is the hash of the schema files, the schema's name and the document's data. Keys of valid documents are kept
in memory (so `serve` checks only what changed) and in .build/schema-valid.json next to the schemas' project (so the
next `roadmaps validate` or `build` does too). Only keys seen valid by this process are written back, so the file
never grows beyond the knowledge base. Invalid documents are never cached: their diagnostics are always fresh.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

FILE = Path(".build") / "schema-valid.json"
_seen: dict[Path, set[str]] = {}  # per cache file: keys found valid by this process
_to_save: list[bool] = []  # non-empty once save() is registered to run at exit


@cache
def _schemas_digest(schemas_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(schemas_dir.glob("*.schema.json")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _file(schemas_dir: Path) -> Path:
    return schemas_dir.resolve().parent / FILE


@cache
def _stored(cache_file: Path) -> frozenset[str]:
    with contextlib.suppress(OSError, ValueError):
        return frozenset(json.loads(cache_file.read_text(encoding="utf-8")))
    return frozenset()


def known(schemas_dir: Path, schema_name: str, data: Any) -> str | bool:
    """True when this data is known to be valid; otherwise its key, to `add` once it proved valid."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    key = hashlib.sha256(f"{_schemas_digest(schemas_dir.resolve())}\0{schema_name}\0{text}".encode()).hexdigest()
    cache_file = _file(schemas_dir)
    seen = _seen.setdefault(cache_file, set())
    if key in seen:
        return True
    if key in _stored(cache_file):
        seen.add(key)
        return True
    return f"{cache_file}\0{key}"


def add(token: str | bool) -> None:
    if isinstance(token, str):
        cache_file, key = token.split("\0", 1)
        if not _to_save:
            _to_save.append(True)
            atexit.register(save)
        _seen.setdefault(Path(cache_file), set()).add(key)


def save() -> None:
    """Write the keys seen valid by this process."""
    for cache_file, keys in _seen.items():
        if keys and set(keys) != set(_stored(cache_file)) and (cache_file.parent.parent / "mkdocs.yml").exists():
            with contextlib.suppress(OSError):
                cache_file.parent.mkdir(exist_ok=True)
                temp = cache_file.with_suffix(f".{os.getpid()}.tmp")  # processes may save at once
                temp.write_text(json.dumps(sorted(keys)), encoding="utf-8")
                temp.replace(cache_file)
