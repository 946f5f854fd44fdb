"""Parsed YAML kept between runs: reading 1,000 roadmaps is mostly libyaml composing nodes, and the data is
a pure function of a file's bytes and of generator/load/documents.py.

The cache maps a hash of (the file's bytes, load.py, the Python version) to the file's data in `marshal` form — which
holds only dicts, lists, strings, numbers, booleans and None, so reading it back can never run code. It is kept in
.build/parsed-<loader version>.marshal of the project and written atomically. A file that fails to load is never cached: its
diagnostics are always fresh. A document read from the cache composes its YAML nodes only when a rule reports a
position (generator/load.Document.pos).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

FOLDER = Path(".build")
KEEP_UNUSED = 200  # entries for files not read this run (another branch, `validate PATHS`): at least this many


@cache
def _salt() -> bytes:
    loader = Path(__file__).with_name("documents.py").read_bytes()
    return hashlib.blake2b(loader + sys.version.encode() + str(marshal.version).encode(), digest_size=16).digest()


def key(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=20, key=_salt()).hexdigest()


def file_name() -> str:
    """One file per loader version: a changed load.py starts afresh, and the old file is removed on save."""
    return f"parsed-{_salt().hex()[:12]}.marshal"


class ParseCache:
    def __init__(self, root: Path) -> None:
        self.file = root / FOLDER / file_name()
        self.enabled = (root / "mkdocs.yml").is_file()  # only inside a project, never next to test fixtures
        self.stored: dict[str, bytes] | None = None
        self.used: dict[str, bytes] = {}

    def _load(self) -> dict[str, bytes]:
        if self.stored is None:
            self.stored = {}
            with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
                found = marshal.loads(self.file.read_bytes()) if self.enabled else {}
                if isinstance(found, dict):
                    self.stored = found
        return self.stored

    def get(self, file_key: str) -> Any | None:
        blob = self.used.get(file_key) or self._load().get(file_key)
        if blob is None:
            return None
        self.used[file_key] = blob
        return marshal.loads(blob)

    def put(self, file_key: str, data: Any) -> None:
        self.used[file_key] = marshal.dumps(data)

    def save(self) -> None:
        stored = self._load()
        if not self.enabled or all(k in stored for k in self.used):
            return
        # Unused entries (newest first) are kept up to the number in use: the file stays near the project's size.
        others = [(k, v) for k, v in reversed(stored.items()) if k not in self.used]
        kept = {**dict(reversed(others[: max(KEEP_UNUSED, len(self.used))])), **self.used}
        with contextlib.suppress(OSError):
            self.file.parent.mkdir(exist_ok=True)
            temp = self.file.with_suffix(f".{os.getpid()}.tmp")  # processes may save at once
            temp.write_bytes(marshal.dumps(kept))
            temp.replace(self.file)
            for old in self.file.parent.glob("parsed*.marshal"):
                if old != self.file:
                    old.unlink(missing_ok=True)
        self.stored = kept
