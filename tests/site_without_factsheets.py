"""The real knowledge base built once per test session without factsheet PDFs and without the offline copy: for the
tests of the site's pages and search, which neither needs (and which a factsheet that is too long must not stop)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from tempfile import mkdtemp

from generator.build import build
from tests.conftest import copy_project


@cache
def built() -> Path:
    root = copy_project(Path(mkdtemp(prefix="grensroutes-pages-")) / "project")
    result = build(root, pdfs=False, offline=False)
    assert result.ok, "\n".join(map(str, result.diagnostics))
    return root / "site"
