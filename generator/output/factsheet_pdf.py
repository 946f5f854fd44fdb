"""Factsheets, step 2: HTML → PDF with WeasyPrint, checked, and cached by a hash of everything that shapes the bytes.

A sheet whose last page would be nearly empty (under TIGHTEN_BELOW of its text area) is rendered once more with
factsheet-compact.css added (less leading, the same type size); that version is kept when it has fewer pages.

All sheets missing from the cache are rendered in warm worker processes, one per core (each imports WeasyPrint and
loads the fonts once, then renders its share of the sheets). A sheet with too many pages, any WeasyPrint warning (a font or file that failed to load, bad CSS) or a
character that the bundled fonts lack is a problem that fails the build; only good PDFs enter the cache.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import logging
import multiprocessing
import os
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont

from generator import resources
from generator.load.files import naming
from generator.output import system
from generator.render import factsheet as factsheet_html

FONTS = resources.FONTS
TEXT_FONTS = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")
SYMBOL_FONT, SYMBOL_RANGE = "NotoSansMath-Regular.ttf", range(0x2190, 0x2300)  # as its @font-face unicode-range
# Changing any of these changes the PDFs without changing their HTML: they are part of every cache key.
STYLESHEET = resources.TEMPLATES / factsheet_html.STYLESHEET
TIGHT_STYLESHEET = resources.TEMPLATES / factsheet_html.TIGHT_STYLESHEET
CODE = (Path(__file__), Path(factsheet_html.__file__), STYLESHEET, TIGHT_STYLESHEET)
TIGHTEN_BELOW = 0.3  # a last page filled less than this is worth one more render with tighter spacing
PDF_OPTIONS: dict[str, Any] = {"pdf_tags": True}  # tagged PDF: headings, lists and tables for screen readers


@dataclass(frozen=True)
class Job:
    """One sheet to make: its HTML, its page limit, and what to name in a diagnostic."""

    name: str
    html: str
    max_pages: int
    path: str  # the roadmap file
    what: str  # e.g. "physiotherapist/nl-to-de-nw (nl)"


@dataclass
class Rendered:
    pdf: bytes = b""
    pages: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)  # (rule id, message)


@cache
def static_digest() -> str:
    """Code, stylesheet, fonts and library versions: a change to any of them invalidates every cached PDF. Whether
    HarfBuzz-Subset or fontTools subsets the fonts counts too: the sheets read the same, but their bytes differ."""
    digest = hashlib.sha256()
    for name in ("weasyprint", "pydyf", "segno"):
        digest.update(f"{name}={version(name)};".encode())
    digest.update(f"subsetter={'fonttools' if system.missing(system.OPTIONAL) else 'harfbuzz'};".encode())
    for path in [*CODE, *sorted(FONTS.glob("*.ttf"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cache_key(job: Job) -> str:
    """The HTML already holds the roadmap data, the registries, the labels and the build date it shows."""
    return hashlib.sha256((static_digest() + job.html).encode()).hexdigest()[:32]


class Cache:
    """PDFs by key in one folder, plus an index of the newest key per sheet (for `serve`, which renders nothing)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.index_file = folder / "index.json"
        self.index: dict[str, str] = json.loads(self.index_file.read_text()) if self.index_file.exists() else {}

    def get(self, key: str) -> bytes | None:
        path = self.folder / f"{key}.pdf"
        return path.read_bytes() if path.exists() else None

    def has(self, key: str) -> bool:
        return (self.folder / f"{key}.pdf").exists()

    def put(self, key: str, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        temp = self.folder / f"{key}.tmp"
        with naming(temp):
            temp.write_bytes(data)
        temp.replace(self.folder / f"{key}.pdf")  # a reader never sees half a PDF

    def newest(self, name: str) -> bytes | None:
        return self.get(self.index[name]) if name in self.index else None

    def remember(self, keys: dict[str, str]) -> None:
        """Record the newest key per sheet, and drop the PDFs that no sheet uses any more (the cache stays small)."""
        self.index.update(keys)
        self.folder.mkdir(parents=True, exist_ok=True)
        temp = self.index_file.with_suffix(".tmp")
        with naming(temp):
            temp.write_text(json.dumps(self.index, indent=1, sort_keys=True))
        temp.replace(self.index_file)
        used = set(self.index.values())
        for path in self.folder.glob("*.pdf"):
            if path.stem not in used:
                path.unlink()


@cache
def _coverage() -> tuple[frozenset[int], frozenset[int]]:
    text = frozenset.intersection(*(frozenset(TTFont(FONTS / f).getBestCmap()) for f in TEXT_FONTS))
    symbols = frozenset(c for c in TTFont(FONTS / SYMBOL_FONT).getBestCmap() if c in SYMBOL_RANGE)
    return text, symbols


def missing_glyphs(document: str) -> list[str]:
    """Characters of the sheet's text that no bundled font has: WeasyPrint would silently take a system font."""
    body = document.split("<body", 1)[-1]
    text = html.unescape(re.sub(r"<[^>]*>", " ", body))
    fonts, symbols = _coverage()
    return sorted({c for c in text if not c.isspace() and ord(c) not in fonts and ord(c) not in symbols})


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not system.harmless(record.getMessage()):
            self.messages.append(record.getMessage())


@contextmanager
def _weasyprint_log() -> Iterator[_Collect]:
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def render(jobs: list[Job], workers: int | None = None) -> list[Rendered]:
    """Render and check every job, in order; split over `workers` processes (default: one per core) when there is
    more than one job. Workers are forked, so they start in milliseconds and need nothing pickled but the jobs."""
    workers = min(len(jobs), workers or os.cpu_count() or 1)
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return render_here(jobs)
    shares = [jobs[i::workers] for i in range(workers)]  # round robin: long and short sheets spread evenly
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        done = list(pool.map(render_here, shares))
    results: list[Rendered] = [Rendered()] * len(jobs)
    for i, share in enumerate(done):
        results[i::workers] = share
    return results


def render_here(jobs: list[Job]) -> list[Rendered]:
    """Render and check every job in this process."""
    if not jobs:
        return []
    import weasyprint  # deferred: a build with a warm cache never pays for the import
    from weasyprint.text.fonts import FontConfiguration

    class LocalOnly(weasyprint.URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type hints
        """Sheets load nothing but the bundled fonts: no network at build time, ever."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.startswith(FONTS.resolve().as_uri() + "/"):
                raise ValueError(f"factsheets may only load the bundled fonts, not {url}")
            return super().fetch(url, headers)

    fetcher = LocalOnly(allowed_protocols={"file"})
    fonts = FontConfiguration()
    with _weasyprint_log() as log:
        css = weasyprint.CSS(filename=STYLESHEET, font_config=fonts, url_fetcher=fetcher)
        tight = weasyprint.CSS(filename=TIGHT_STYLESHEET, font_config=fonts, url_fetcher=fetcher)
        setup = list(log.messages)
        return [_render_one(weasyprint, job, (css, tight), fonts, fetcher, log, setup) for job in jobs]


def last_page_fill(document: Any) -> float:
    """How far down the last page's text area its content reaches (0.0 to 1.0), from WeasyPrint's layout."""
    from weasyprint.formatting_structure import boxes

    page = document.pages[-1]._page_box  # WeasyPrint keeps the laid-out boxes of each page here
    top, height = page.content_box_y(), page.height
    content = (box for child in page.children if not isinstance(child, boxes.MarginBox) for box in child.descendants())
    bottom = max(
        (b.position_y + b.margin_height() for b in content if isinstance(b, boxes.LineBox | boxes.ReplacedBox)),
        default=top,
    )
    return float((bottom - top) / height)


def _render_one(
    weasyprint: Any, job: Job, css: tuple[Any, Any], fonts: Any, fetcher: Any, log: _Collect, setup: list[str]
) -> Rendered:
    result = Rendered()
    glyphs = missing_glyphs(job.html)
    if glyphs:
        listed = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in glyphs)
        result.problems.append(
            ("factsheet-glyph", f"the factsheet of {job.what} uses {listed}, which the fonts in generator/fonts/ lack")
        )
    log.messages[:] = list(setup)
    html = weasyprint.HTML(string=job.html, base_url=str(FONTS), url_fetcher=fetcher)
    document = html.render(font_config=fonts, stylesheets=[css[0]], **PDF_OPTIONS)
    if len(document.pages) > 1 and last_page_fill(document) < TIGHTEN_BELOW:
        tighter = html.render(font_config=fonts, stylesheets=list(css), **PDF_OPTIONS)
        if len(tighter.pages) < len(document.pages):
            document = tighter
    result.pages = len(document.pages)
    if result.pages > job.max_pages:
        result.problems.append(
            (
                "factsheet-too-long",
                f"the factsheet of {job.what} needs {result.pages} A4 pages; at most {job.max_pages} are allowed "
                "(3 per language, at 9.5pt type). Shorten the longest texts of this roadmap (step descriptions, "
                "documents, temporary work, contacts), or raise PAGES_PER_LANGUAGE in generator/render/factsheets.py "
                "if every sheet has grown.",
            )
        )
    result.pdf = document.write_pdf(**PDF_OPTIONS)
    result.problems += [("factsheet-render", f"WeasyPrint, for the factsheet of {job.what}: {m}") for m in log.messages]
    return result


def placeholder() -> bytes:
    """A one-page stand-in for `serve` when a sheet was never rendered: the preview must not pay for WeasyPrint."""
    import pydyf

    pdf = pydyf.PDF()
    font = pydyf.Dictionary({"Type": "/Font", "Subtype": "/Type1", "BaseFont": "/Helvetica"})
    pdf.add_object(font)
    text = pydyf.Stream()
    text.begin_text()
    text.set_font_size("F1", 14)
    text.set_text_matrix(1, 0, 0, 1, 56, 780)
    text.show_text_string("Factsheet not made yet (preview). Run: roadmaps build")
    text.end_text()
    pdf.add_object(text)
    resources = pydyf.Dictionary({"Font": pydyf.Dictionary({"F1": font.reference})})
    page = pydyf.Dictionary(
        {
            "Type": "/Page",
            "Parent": pdf.pages.reference,
            "MediaBox": pydyf.Array([0, 0, 595.28, 841.89]),
            "Contents": text.reference,
            "Resources": resources,
        }
    )
    pdf.add_page(page)
    out = io.BytesIO()
    pdf.write(out)
    return out.getvalue()
