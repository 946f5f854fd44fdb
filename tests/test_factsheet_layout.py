"""Factsheet layout: type of at least 9.5pt, confidence marks explained by a legend, the "Can I work before
recognition?" answer, page limits of 3 per language (decided from the longest sheets), and how full each last page is.

The slow tests render every sheet of the real knowledge base once (through the PDF cache, as the build does) and
write the pages and the last-page fill of every sheet to test-artifacts/factsheet-fill.txt.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium
import pytest

from generator.build import build_epoch, make_kit
from generator.config import Settings
from generator.model.entities import Project
from generator.model.facts import Cited
from generator.output import factsheets
from generator.render import factsheet as factsheet_html
from generator.render import factsheets as plan
from generator.render.language import Kit
from tests.conftest import ROOT

MM = 72 / 25.4  # points
TOP, BOTTOM = 10 * MM, 12 * MM  # the page margins of factsheet.css; the footer lives in the bottom one
SMALLEST_BODY_PT = 9.5
LONGEST = ("nurse/nl-to-be-de", "nurse/nl-to-be-fr", "physiotherapist/nl-to-be-de", "physiotherapist/nl-to-be-fr")


@dataclass(frozen=True)
class Printed:
    sheet: plan.Sheet
    html: str
    pdf: bytes

    @property
    def document(self) -> pypdfium2.PdfDocument:
        return pypdfium2.PdfDocument(self.pdf)


def chars(page: pypdfium2.PdfPage) -> list[tuple[str, float, float]]:
    """(character, size in pt, bottom edge in pt from the page's foot) of every visible character of a page."""
    text, matrix, out = page.get_textpage(), pdfium.FS_MATRIX(), []
    for i in range(text.count_chars()):
        char = chr(pdfium.FPDFText_GetUnicode(text, i))
        if char.isspace() or not char.isprintable():
            continue
        pdfium.FPDFText_GetMatrix(text, i, ctypes.byref(matrix))
        scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
        out.append((char, pdfium.FPDFText_GetFontSize(text, i) * scale, text.get_charbox(i)[1]))
    return out


def last_page_fill(document: pypdfium2.PdfDocument) -> float:
    """How much of the last page's text area (between the margins) the text reaches down to: 0.0 to 1.0."""
    page = document[len(document) - 1]
    height = page.get_height()
    bottoms = [bottom for _, _, bottom in chars(page) if bottom > BOTTOM]
    return (height - TOP - min(bottoms, default=height - TOP)) / (height - TOP - BOTTOM)


def text_of(document: pypdfium2.PdfDocument) -> str:
    pages = (document[i].get_textpage().get_text_bounded() for i in range(len(document)))
    return " ".join(" ".join(pages).split())


@pytest.fixture(scope="module")
def kit(real_project: Project, settings: Settings) -> Kit:
    return make_kit(settings, build_epoch(real_project))


@pytest.fixture(scope="module")
def printed(real_project: Project, kit: Kit, session_pdfs: Path) -> dict[str, Printed]:
    """Every sheet of the real knowledge base, as the build makes it (diagnostics checked in the page-limit test);
    the session build's PDFs, from the cache."""
    epoch = build_epoch(real_project)
    out = factsheets.make(real_project, kit, epoch)
    assert not [d for d in out.diagnostics if d.code != "factsheet-too-long"], [str(d) for d in out.diagnostics]
    return {
        sheet.name: Printed(
            sheet, plan.html(sheet, real_project, kit, str(epoch)), out.files[sheet.langs[0]][sheet.file]
        )
        for sheet in plan.plan(real_project, kit.settings)
    }


# ---- fast: the marks themselves ------------------------------------------------------------------------------------


def test_unsure_statements_get_a_mark_and_the_legend_explains_only_the_marks_used(
    real_project: Project, kit: Kit
) -> None:
    L = factsheet_html.HtmlLanguage(kit.language("en", real_project))
    text = {"nl": "x", "de": "x", "fr": "x", "en": "Ask the authority."}
    assert L.fact(Cited(text, (), "high")) == "Ask the authority."
    assert L.legend() == []
    low = L.fact(Cited(text, (), "low"))
    assert low.endswith(f">{factsheet_html.CONFIDENCE_MARKS['low']}</span>") and "mark-low" in low
    assert L.legend() == [(factsheet_html.CONFIDENCE_MARKS["low"], L.label("fs_mark_low"))]
    L.mark(Cited(text, (), "medium"))
    assert [symbol for symbol, _ in L.legend()] == ["*", "?"]  # sure to unsure, whatever the order on the sheet


def test_page_limits_are_three_per_language() -> None:
    assert plan.PAGES_PER_LANGUAGE == 3


# ---- slow: every sheet of the real knowledge base ------------------------------------------------------------------


@pytest.mark.slow
def test_every_sheet_keeps_within_its_page_limit_and_reports_its_fill(printed: dict[str, Printed]) -> None:
    rows, over = [], []
    for name, p in sorted(printed.items(), key=lambda item: (len(item[1].sheet.langs), item[0])):
        document = p.document
        pages, fill = len(document), last_page_fill(document)
        rows.append(f"{name:55} {pages}/{p.sheet.max_pages} pages, last page {fill:4.0%} full")
        if pages > p.sheet.max_pages:
            over.append(name)
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "factsheet-fill.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")
    print("\n".join(rows))
    assert not over, over


@pytest.mark.slow
def test_body_text_is_at_least_9_5_pt(printed: dict[str, Printed]) -> None:
    """Everything above the page footer (which sits in the bottom margin): the longest sheets, single and paired."""
    for name, p in printed.items():
        if p.sheet.roadmap.key not in LONGEST and p.sheet.roadmap.key != "physiotherapist/nl-to-de-nw":
            continue
        document = p.document
        for i in range(len(document)):
            small = {(c, round(size, 2)) for c, size, bottom in chars(document[i]) if bottom > BOTTOM}
            small = {(c, size) for c, size in small if size < SMALLEST_BODY_PT}
            assert not small, (name, i + 1, sorted(small)[:10])


@pytest.mark.slow
def test_a_sheet_with_unsure_statements_prints_their_marks_and_the_legend(
    printed: dict[str, Printed], kit: Kit
) -> None:
    with_marks = 0
    for name, p in printed.items():
        text = text_of(p.document)
        marked = 'class="mark mark-' in p.html  # both sides of a two-language sheet print the same facts
        for lang in p.sheet.langs:
            assert (kit.labels[lang]["fs_marks"] in text) == marked, (name, lang)
            if marked:
                with_marks += 1
                for confidence, symbol in factsheet_html.CONFIDENCE_MARKS.items():
                    if f"mark-{confidence}" in p.html:
                        meaning = kit.labels[lang][f"fs_mark_{confidence}"]
                        assert f"{symbol} {meaning.split()[0]}" in text, (name, lang, confidence)
    assert with_marks, "no sheet printed a confidence mark: the real roadmaps have medium and low facts"


@pytest.mark.slow
def test_every_sheet_answers_can_i_work_before_recognition(printed: dict[str, Printed], kit: Kit) -> None:
    for name, p in printed.items():
        text = text_of(p.document)
        for lang in p.sheet.langs:
            assert kit.labels[lang]["work_before"] in text, (name, lang)
            answer = p.sheet.roadmap.regulation.work_before_recognition.text[lang]
            assert " ".join(answer.split()[:4]) in text, (name, lang)
