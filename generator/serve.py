"""Live preview: build, serve site/ on 127.0.0.1, rebuild when a source file changes.

A failed rebuild prints its diagnostics and keeps serving the last good site.
"""

from __future__ import annotations

import functools
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import click

from generator.build import build

WATCHED = (
    "roadmaps",
    "content",
    "schemas",
    "mkdocs.yml",
    "generator/templates",
    "generator/overrides",
    "generator/assets",
    "generator/labels.yaml",
)


def snapshot(root: Path) -> dict[str, float]:
    """Modification times of every watched file."""
    stamps: dict[str, float] = {}
    for name in WATCHED:
        path = root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()) if path.exists() else []
        stamps.update({str(f): f.stat().st_mtime for f in files})
    return stamps


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _rebuild(root: Path) -> bool:
    started = time.perf_counter()
    # factsheets: cached or a placeholder; no offline zip; MkDocs rebuilds only changed pages where safe (issue #9)
    result = build(root, pdfs=False, offline=False, dirty=True)
    for diagnostic in result.diagnostics:
        click.echo(str(diagnostic), err=True)
    state = "rebuilt" if result.ok else "build failed; still serving the last good site"
    click.echo(f"{state} in {time.perf_counter() - started:.1f} s", err=True)
    return result.ok


def serve(root: Path, port: int, poll: float = 0.25) -> int:
    if not _rebuild(root) and not (root / "site").exists():
        return 1
    handler = functools.partial(_Quiet, directory=str(root / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    click.echo(f"serving http://127.0.0.1:{port}/ — press Ctrl+C to stop", err=True)
    seen = snapshot(root)
    try:
        while True:
            time.sleep(poll)
            now = snapshot(root)
            if now != seen:
                seen = now
                _rebuild(root)
    except KeyboardInterrupt:
        server.shutdown()
    return 0
