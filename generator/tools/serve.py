"""Live preview: build, serve site/ on 127.0.0.1, rebuild when an input changes.

Inputs are watched with watchdog (installed with MkDocs): the data, the hand-written pages, the schemas, the
settings, and the generator's templates, labels, theme overrides and assets. A failed rebuild prints its
diagnostics and keeps serving the last good site.
"""

from __future__ import annotations

import functools
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import click
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from generator import resources
from generator.build import Memo, build
from generator.diagnostics import escape, os_error

WATCHED = ("roadmaps", "content", "schemas", "mkdocs.yml")
WATCHED_CODE = (resources.TEMPLATES, resources.OVERRIDES, resources.ASSETS, resources.LABELS, resources.LABELS_MAIN)
QUIET = 0.2  # seconds without a new event before a rebuild: an editor's save is several events


class _Changes(FileSystemEventHandler):
    """Sets `changed` on any event below a watched path (an editor's temporary files included: harmless)."""

    def __init__(self, paths: tuple[Path, ...]) -> None:
        self.paths, self.changed = paths, threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        where = [Path(str(p)) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        if any(p == w or w in p.parents for p in where for w in self.paths):
            self.changed.set()


def watched(root: Path) -> tuple[Path, ...]:
    return (*(root / name for name in WATCHED), *WATCHED_CODE)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _rebuild(root: Path, memo: Memo) -> bool:
    started = time.perf_counter()
    # factsheets: cached or a placeholder; no offline zip; MkDocs rebuilds only changed pages where safe
    try:
        result = build(root, pdfs=False, offline=False, dirty=True, memo=memo)
    except OSError as exc:  # a file vanished or became unreadable mid-build: report it, keep serving
        click.echo(f"error: {os_error(exc)}", err=True)
        click.echo("build failed; still serving the last good site", err=True)
        return False
    except Exception as exc:  # a fault of the generator itself must not take the preview down either
        click.echo(f"error: the build stopped: {escape(f'{type(exc).__name__}: {exc}')[:300]}", err=True)
        click.echo("build failed; still serving the last good site", err=True)
        return False
    for diagnostic in result.diagnostics:
        click.echo(str(diagnostic), err=True)
    state = "rebuilt" if result.ok else "build failed; still serving the last good site"
    click.echo(f"{state} in {time.perf_counter() - started:.1f} s", err=True)
    return result.ok


def _observe(paths: tuple[Path, ...], handler: _Changes) -> BaseObserver:
    observer = Observer()
    for folder in sorted({p if p.is_dir() else p.parent for p in paths if p.exists()}):
        observer.schedule(handler, str(folder), recursive=True)
    observer.start()
    return observer


def serve(root: Path, port: int) -> int:
    memo: Memo = {}
    if not _rebuild(root, memo) and not (root / "site").exists():
        return 1
    handler = functools.partial(_Quiet, directory=str(root / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    changes = _Changes(watched(root))
    observer = _observe(changes.paths, changes)
    click.echo(f"serving http://127.0.0.1:{port}/ — press Ctrl+C to stop", err=True)
    try:
        while True:
            changes.changed.wait()
            while changes.changed.wait(QUIET):  # wait until the editor has finished saving
                changes.changed.clear()
            _rebuild(root, memo)
    except KeyboardInterrupt:
        observer.stop()
        server.shutdown()
    return 0
