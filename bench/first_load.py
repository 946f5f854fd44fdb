"""What a phone downloads and shows: each page kind opened in Chromium at 360 × 740 px, with and without JavaScript.

    .venv/bin/python -m bench.first_load [site/] [--lang en] [--json]

For each page it reports every request the browser made in the first 3 seconds (empty cache) and their gzip size
(the site's own files, compressed as a server would), failed requests, requests to another host, the page's height,
whether anything scrolls sideways and the widest table. bench/weight.py counts what the HTML references; this counts
what the browser really fetches (scripts fetch more: the search index, sitemaps, the search worker).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from bench.chromium import CHROMIUM, CHROMIUM_ARGS

PHONE = {"width": 360, "height": 740}
WINDOW = 3.0  # seconds after navigation that count as the first load
# One page of each kind a citizen reads (paths under the language root).
PAGE_KINDS = {
    "home": "",
    "guide-start": "guide/",
    "guide-question": "guide/physiotherapist/",
    "guide-a-z": "guide/a-z/k/",
    "roadmap": "roadmaps/physiotherapist/nl-to-be-de/",
    "catalogue-profession": "catalogue/midwife/",
    "comparison": "professions/physiotherapist/",
    "catalogue-a-z": "catalogue/a-z/",
    "data": "data/",
}


@dataclass
class Visit:
    kind: str
    path: str
    javascript: bool
    height: int = 0
    scroll_width: int = 0
    viewport: int = 0
    widest_table: int = 0
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    other_hosts: list[str] = field(default_factory=list)
    gzip_bytes: int = 0


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """The site on 127.0.0.1 (a random free port), as a plain static server would serve it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@functools.cache
def _gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def local_file(site: Path, url: str) -> Path | None:
    parts = urlsplit(url)
    target = site / unquote(parts.path).lstrip("/")
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


MEASURE = """() => {
  const tables = [...document.querySelectorAll('table')].filter(t => t.offsetParent !== null);
  return {
    height: document.documentElement.scrollHeight,
    scrollWidth: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
    widestTable: Math.max(0, ...tables.map(t => Math.ceil(t.getBoundingClientRect().width))),
  };
}"""


def visit(browser: Any, site: Path, base: str, kind: str, path: str, javascript: bool) -> Visit:
    """Open one page with an empty cache; count what is requested in the first WINDOW seconds."""
    return visit_all(browser, site, base, [(kind, path)], javascript)[0]


def visit_all(browser: Any, site: Path, base: str, pages: list[tuple[str, str]], javascript: bool) -> list[Visit]:
    """`visit` for several (kind, path) pages at once, each in its own empty context and with its own window: the
    windows overlap, so measuring n pages takes about WINDOW seconds instead of n × WINDOW."""
    opened = [_open(browser, base, kind, path, javascript) for kind, path in pages]
    for _context, page, _result, started in opened:  # each waits out what is left of its own window
        page.wait_for_timeout(max(0, int((WINDOW - (time.monotonic() - started)) * 1000)))
    return [_finish(site, base, context, page, result) for context, page, result, _started in opened]


def _open(browser: Any, base: str, kind: str, path: str, javascript: bool) -> tuple[Any, Any, Visit, float]:
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript, service_workers="block")
    page = context.new_page()
    result = Visit(kind, path, javascript)
    host = urlsplit(base).netloc
    started = time.monotonic()

    def on_request(request: Any) -> None:
        if time.monotonic() - started > WINDOW or request.url.startswith(("data:", "blob:")):
            return
        result.requests.append(request.url)
        if urlsplit(request.url).netloc != host:
            result.other_hosts.append(request.url)

    def on_response(response: Any) -> None:
        if response.status >= 400:
            result.failed.append(f"{response.status} {response.url}")

    page.on("request", on_request)
    page.on("response", on_response)
    page.on("requestfailed", lambda request: result.failed.append(f"failed {request.url}"))
    page.goto(f"{base}/{path}", wait_until="load")
    return context, page, result, started


def _finish(site: Path, base: str, context: Any, page: Any, result: Visit) -> Visit:
    measured = page.evaluate(MEASURE)
    result.height, result.scroll_width = measured["height"], measured["scrollWidth"]
    result.viewport, result.widest_table = measured["viewport"], measured["widestTable"]
    host = urlsplit(base).netloc
    files = {local_file(site, url) for url in result.requests if urlsplit(url).netloc == host}
    result.gzip_bytes = sum(_gzip_size(f) for f in files if f)
    context.close()
    return result


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


def measure(site: Path, lang: str = "en") -> list[Visit]:
    site = site.resolve()
    with serve(site) as base, chromium() as browser:
        return [
            visit(browser, site, base, kind, f"{lang}/{path}", javascript)
            for kind, path in PAGE_KINDS.items()
            if (site / lang / path).exists()
            for javascript in (True, False)
        ]


def format_report(visits: list[Visit]) -> str:
    head = f"{'page kind':<22} {'JS':<4} {'height px':>10} {'scrollW':>8} {'table px':>9} {'requests':>9} {'gzip KB':>8}  failed"
    lines = [head, "-" * len(head)]
    for v in visits:
        lines.append(
            f"{v.kind:<22} {'on' if v.javascript else 'off':<4} {v.height:>10} {v.scroll_width:>8} {v.widest_table:>9} "
            f"{len(v.requests):>9} {v.gzip_bytes / 1024:>8.1f}  {len(v.failed) + len(v.other_hosts)}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.first_load", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", type=Path, default=Path("site"))
    parser.add_argument("--lang", default="en")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"{args.site} is not a built site; run `roadmaps build` first", file=sys.stderr)
        return 2
    visits = measure(args.site, args.lang)
    print(json.dumps([asdict(v) for v in visits], indent=1) if args.json else format_report(visits))
    return 0


if __name__ == "__main__":
    sys.exit(main())
