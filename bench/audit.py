"""Lighthouse gate: the mobile scores of seven kinds of page in every language, measured on the built site/.

    .venv/bin/python -m bench.audit [--site site] [--jobs 2] [--only roadmap,home] [--languages nl] [--reports DIR]

Serves site/ on 127.0.0.1 (a local static server, gzip like any web host; nothing leaves the machine), runs the npm
package `lighthouse` (node_modules/, pinned in package.json) against Debian's Chromium (CHROME_PATH, default
/usr/bin/chromium; --jobs Chromiums at once, each auditing its share of the pages in turn), prints a table
of the four category scores and, for every score under its threshold, the audits that cost points. Exit status 1 when
any threshold fails, 2 when the audit could not run.

Pages keep their canonical URL (extra.grensroutes.site_url, e.g. https://grensroutes.eu/nl/): Lighthouse's canonical
audit accepts a canonical on another origin, so the local address needs no rewriting and no audit is switched off.
Build with the site's address (GRENSROUTES_SITE_URL), as the deployment does: without it the hreflang links are
relative, which Lighthouse's SEO audit (rightly) counts against the page.

The test suite runs a part of this gate on its own build (tests/test_lighthouse.py); this script runs all of it.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bench.chromium import CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse"
RUNNER = Path(__file__).with_name("lighthouse.mjs")
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = CHROMIUM_ARGS
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
THRESHOLDS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 95}
# One page of each kind, inside a language's folder.
PAGES = {
    "home": "",
    "guide start": "guide/",
    "guide question": "guide/physiotherapist/",
    "roadmap": "roadmaps/physiotherapist/nl-to-de-nw/",
    "catalogue profession": "catalogue/physiotherapist/",
    "comparison": "professions/physiotherapist/",
    "a-z": "catalogue/a-z/",
}
SECONDS_PER_PAGE = 150  # a limit for a stuck run, far above the 10-20 s a page takes on an idle machine
_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".webmanifest")


@dataclass
class Score:
    kind: str
    lang: str
    url: str
    scores: dict[str, int] = field(default_factory=dict)
    failing: dict[str, list[str]] = field(default_factory=dict)  # category → ids of the audits that cost points
    error: str = ""
    seconds: float = 0.0  # the share's time, per page
    report: Path = Path()

    def passed(self) -> bool:
        return not self.error and all(self.scores.get(c, -1) >= t for c, t in THRESHOLDS.items())


class StaticHandler(SimpleHTTPRequestHandler):
    """Static files, gzip-encoded when the browser asks (as on the real host); no request log on screen."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.suffix in _COMPRESSIBLE and path.is_file() and not self.path.endswith("//")):
            return super().send_head()
        if path.name == "index.html" and not self.path.split("?", 1)[0].endswith("/"):
            return super().send_head()  # the directory redirect
        body = _gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return _Body(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Body:
    """What send_head returns: something copyfile can read and close."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@functools.cache
def _gzipped(path: Path) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """The site on a free local port, for as long as the block runs."""
    handler = functools.partial(StaticHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def languages(root: Path) -> list[str]:
    sys.path.insert(0, str(root))
    from generator.config import load_settings

    settings, _ = load_settings(root)
    return list(settings.languages) if settings else ["nl", "de", "fr", "en"]


def run_share(pages: list[Score], reports: Path, share: int) -> None:
    """Lighthouse on some pages, one after another in one Chromium (bench/lighthouse.mjs): Lighthouse's defaults, so
    mobile emulation and simulated throttling. Fills in each page's scores, or its error."""
    for page in pages:
        page.report = reports / f"{page.lang}-{page.kind.replace(' ', '-')}.json"
    jobs = reports / f"jobs-{share}.json"
    jobs.write_text(json.dumps({
        "chromePath": CHROME, "chromeFlags": CHROME_FLAGS, "categories": CATEGORIES,
        "pages": [{"url": p.url, "out": str(p.report)} for p in pages],
    }))  # fmt: skip
    started = time.perf_counter()
    with subprocess.Popen(["node", str(RUNNER), str(jobs)], stderr=subprocess.PIPE, text=True) as node:
        try:
            _, stderr = node.communicate(timeout=SECONDS_PER_PAGE * len(pages) + 30)
        except subprocess.TimeoutExpired:
            node.terminate()  # the runner closes its Chromium on SIGTERM
            _, stderr = node.communicate()
            stderr = f"timed out after {SECONDS_PER_PAGE} s per page"
    seconds = (time.perf_counter() - started) / max(1, len(pages))
    for page in pages:
        page.seconds = seconds
        read_report(page, stderr.strip())


def read_report(page: Score, stderr: str) -> None:
    error = page.report.with_name(page.report.name + ".error")
    if not page.report.exists():
        text = error.read_text() if error.exists() else stderr or "no report"
        page.error = text.strip().splitlines()[0] if text.strip() else "no report"
        return
    report = json.loads(page.report.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        page.error = str(report["runtimeError"].get("code"))
    for category in CATEGORIES:
        data = report["categories"][category]
        page.scores[category] = round((data["score"] or 0) * 100)
        page.failing[category] = [
            ref["id"]
            for ref in data["auditRefs"]
            if ref.get("weight", 0) > 0 and (report["audits"][ref["id"]].get("score") or 0) < 0.9
        ]


def table(results: list[Score]) -> str:
    head = f"{'page':22} {'lang':4} " + " ".join(f"{c[:6]:>6}" for c in CATEGORIES) + "  audits that cost points"
    lines = [head, "-" * len(head)]
    for r in results:
        if r.error:
            lines.append(f"{r.kind:22} {r.lang:4} ERROR: {r.error}")
            continue
        cells = " ".join(f"{r.scores[c]:>5}{'!' if r.scores[c] < THRESHOLDS[c] else ' '}" for c in CATEGORIES)
        below = sorted({a for c in CATEGORIES if r.scores[c] < THRESHOLDS[c] for a in r.failing[c]})
        lines.append(f"{r.kind:22} {r.lang:4} {cells}  {', '.join(below)}")
    return "\n".join(lines)


def summary(results: list[Score]) -> str:
    """The lowest score per kind of page and category: what the thresholds are checked against."""
    lines = [f"{'lowest per kind':27} " + " ".join(f"{c[:6]:>6}" for c in CATEGORIES)]
    for kind in PAGES:
        rows = [r for r in results if r.kind == kind and not r.error]
        if rows:
            lines.append(f"{kind:27} " + " ".join(f"{min(r.scores[c] for r in rows):>6}" for c in CATEGORIES))
    thresholds = " ".join(f"{THRESHOLDS[c]:>6}" for c in CATEGORIES)
    return "\n".join([*lines, f"{'thresholds':27} {thresholds}"])


def audit(site: Path, wanted: list[tuple[str, str]], jobs: int, reports: Path) -> list[Score]:
    """Lighthouse on the (kind of page, language) pairs of `site`, served locally, `jobs` Chromiums at once."""
    reports.mkdir(parents=True, exist_ok=True)
    with serve(site) as base:
        pages = [Score(kind, lang, f"{base}/{lang}/{PAGES[kind]}") for kind, lang in wanted]
        missing = [p.url for p in pages if not (site / p.url.removeprefix(base + "/")).exists()]
        if missing:
            raise FileNotFoundError("pages missing from the site: " + ", ".join(missing))
        jobs = max(1, min(jobs, len(pages)))
        shares = [pages[i::jobs] for i in range(jobs)]
        with ThreadPoolExecutor(jobs) as pool:
            list(pool.map(lambda i: run_share(shares[i], reports, i), range(jobs)))
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--jobs", type=int, default=2, help="Chromiums running at once (1: steadiest timings)")
    parser.add_argument("--only", default="", help="comma-separated kinds of page (default: all)")
    parser.add_argument("--languages", default="", help="comma-separated languages (default: the site's)")
    parser.add_argument("--reports", type=Path, default=None, help="keep the JSON reports in this folder")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} is missing: run `npm ci` (make audit does)", file=sys.stderr)
        return 2
    if not (args.site / "index.html").exists():
        print(f"{args.site} has no built site: run `make site` first", file=sys.stderr)
        return 2
    kinds = [k.strip() for k in args.only.split(",") if k.strip()] or list(PAGES)
    langs = [x for x in args.languages.split(",") if x] or languages(ROOT)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as temp:
        reports = args.reports or Path(temp)
        reports.mkdir(parents=True, exist_ok=True)
        try:
            results = audit(args.site, [(kind, lang) for lang in langs for kind in kinds], args.jobs, reports)
        except FileNotFoundError as error:
            print(error, file=sys.stderr)
            return 2
    print(table(results))
    print()
    print(summary(results))
    failed = [r for r in results if not r.passed()]
    print(f"\n{time.perf_counter() - started:.0f} s for {len(results)} pages")
    print(f"lighthouse: {len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
