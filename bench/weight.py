"""What a citizen downloads: per page kind, the gzip-compressed HTML + CSS + JS of a first visit (empty cache), the
web fonts it would load, and the search index per language (total and per page).

    .venv/bin/python -m bench.weight [site/] [--json] [--browser]

A first load counts the page's HTML and every stylesheet and script it references from the site (each once).
Images are not counted (the site has none but inline SVG); a web font anywhere (a font file in the site, or an
@font-face in a stylesheet) is reported, since the site must use system fonts only. Scripts fetch more than the HTML
names (search index, worker, sitemaps): `--browser` opens one page of each kind in Chromium at 360 px instead and
counts everything it fetches in the first 3 seconds (bench/first_load.py).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

# Page kinds by path inside site/<lang>/ (first match wins); the paths follow tests/test_browser.py PAGE_KINDS.
KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("home", re.compile(r"^index\.html$")),
    ("roadmap-list", re.compile(r"^roadmaps/index\.html$")),
    ("roadmap", re.compile(r"^roadmaps/[^/]+/[^/]+/index\.html$")),
    ("guide-question", re.compile(r"^guide/(?:[^/]+/){0,3}index\.html$")),
    ("guide-outcome", re.compile(r"^guide/(?:[^/]+/){4,}index\.html$")),
    ("catalogue", re.compile(r"^catalogue/index\.html$")),
    ("catalogue-a-z", re.compile(r"^catalogue/a-z/index\.html$")),
    ("catalogue-jurisdiction", re.compile(r"^catalogue/jurisdictions/[^/]+/index\.html$")),
    ("catalogue-profession", re.compile(r"^catalogue/[^/]+/index\.html$")),
    ("profession-list", re.compile(r"^professions/index\.html$")),
    ("profession", re.compile(r"^professions/[^/]+/index\.html$")),
    ("glossary", re.compile(r"^glossary/index\.html$")),
    ("grensinfopunten", re.compile(r"^grensinfopunten/index\.html$")),
    ("factsheets", re.compile(r"^factsheets/index\.html$")),
    ("maintainers", re.compile(r"^maintainers/")),
    ("about", re.compile(r"^(?:about|accessibility|privacy)/index\.html$")),
    ("404", re.compile(r"^404\.html$")),
]
FONT_FILES = (".woff", ".woff2", ".ttf", ".otf", ".eot")


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.css.append(a["href"] or "")
        elif tag == "script" and a.get("src"):
            self.js.append(a["src"] or "")


def kind_of(relative: str) -> str:
    return next((name for name, pattern in KINDS if pattern.search(relative)), "other")


@cache
def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def _local(page: Path, href: str, site: Path) -> Path | None:
    """The file an href points to, if it is in the site (no query, no other host)."""
    if re.match(r"^[a-z]+:|^//", href):
        return None
    target = (site / href.lstrip("/")) if href.startswith("/") else (page.parent / href)
    target = Path(str(target).split("?", 1)[0].split("#", 1)[0]).resolve()
    return target if target.is_file() else None


def first_load(page: Path, site: Path) -> dict[str, Any]:
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8", errors="replace"))
    css = {p for p in (_local(page, h, site) for h in parser.css) if p}
    js = {p for p in (_local(page, h, site) for h in parser.js) if p}
    external = [h for h in parser.css + parser.js if re.match(r"^[a-z]+:|^//", h)]
    sizes = {"html": gz(page), "css": sum(gz(p) for p in css), "js": sum(gz(p) for p in js)}
    return {**sizes, "total": sum(sizes.values()), "html_raw": page.stat().st_size, "external": external}


def _summary(values: list[dict[str, Any]]) -> dict[str, Any]:
    heaviest = max(values, key=lambda v: v["total"])
    return {
        "pages": len(values),
        "median_total": int(statistics.median(v["total"] for v in values)),
        "max_total": heaviest["total"],
        "max_html": max(v["html"] for v in values),
        "max_html_raw": max(v["html_raw"] for v in values),
        "css": heaviest["css"],
        "js": heaviest["js"],
        "heaviest": heaviest["path"],
        "external": sorted({e for v in values for e in v["external"]}),
    }


def web_fonts(site: Path) -> list[str]:
    files = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.suffix.lower() in FONT_FILES]
    faces = [
        p.relative_to(site).as_posix() for p in site.rglob("*.css") if "@font-face" in p.read_text(errors="replace")
    ]
    return sorted(files + faces)


def search_index(site: Path, lang: str, pages: int) -> dict[str, Any]:
    path = site / lang / "search" / "search_index.json"
    if not path.exists():
        return {"bytes": 0, "pages": pages, "bytes_per_page": 0}
    size = path.stat().st_size
    docs = json.loads(path.read_text(encoding="utf-8")).get("docs", [])
    indexed = len({d.get("location", "").split("#", 1)[0] for d in docs})
    return {
        "bytes": size,
        "gzip": gz(path),
        "entries": len(docs),
        "pages_indexed": indexed,
        "pages": pages,
        "bytes_per_page": round(size / max(pages, 1)),
    }


def measure(site: Path) -> dict[str, Any]:
    """Per language and page kind; `kinds` sums up over all languages."""
    site = site.resolve()
    languages = sorted(p.name for p in site.iterdir() if p.is_dir() and (p / "search").is_dir())
    per_kind: dict[str, list[dict[str, Any]]] = {}
    search = {}
    for lang in languages:
        pages = sorted((site / lang).rglob("*.html"))
        for page in pages:
            relative = page.relative_to(site / lang).as_posix()
            per_kind.setdefault(kind_of(relative), []).append({**first_load(page, site), "path": f"{lang}/{relative}"})
        search[lang] = search_index(site, lang, sum(1 for p in pages if p.name == "index.html"))
    return {
        "languages": languages,
        "kinds": {kind: _summary(values) for kind, values in sorted(per_kind.items())},
        "search": search,
        "web_fonts": web_fonts(site),
    }


def format_report(report: dict[str, Any]) -> str:
    head = f"{'page kind':<24} {'pages':>6} {'median KB':>10} {'max KB':>8} {'HTML KB':>8} {'CSS KB':>7} {'JS KB':>7}  heaviest"
    lines = [head, "-" * len(head)]
    for kind, s in report["kinds"].items():
        lines.append(
            f"{kind:<24} {s['pages']:>6} {s['median_total'] / 1024:>10.1f} {s['max_total'] / 1024:>8.1f} "
            f"{s['max_html'] / 1024:>8.1f} {s['css'] / 1024:>7.1f} {s['js'] / 1024:>7.1f}  {s['heaviest']}"
        )
    for lang, s in report["search"].items():
        lines.append(
            f"search index {lang}: {s['bytes'] / 1024:.0f} KB ({s.get('gzip', 0) / 1024:.0f} KB gzip) for {s['pages']} "
            f"pages = {s['bytes_per_page']} bytes of JSON per page"
        )
    lines.append(f"web fonts: {', '.join(report['web_fonts']) or 'none'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.weight", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", type=Path, default=Path("site"))
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    parser.add_argument("--browser", action="store_true", help="what Chromium fetches in 3 s (bench/first_load.py)")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"{args.site} is not a built site; run `roadmaps build` first", file=sys.stderr)
        return 2
    if args.browser:
        from bench import first_load

        return first_load.main([str(args.site), *(["--json"] if args.json else [])])
    report = measure(args.site)
    print(json.dumps(report, indent=1) if args.json else format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
