"""Factsheets: every roadmap × language as an A4 PDF of at most 2 pages (two-language sheets: 4), with the
facts, the check date, the content version and a QR code that leads to the live page; cached, deterministic, gated."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import subprocess
import sys
from pathlib import Path

import pypdfium2
import pytest
import yaml
import zxingcpp
from bs4 import BeautifulSoup
from pypdf import PdfReader

from generator.build import build
from generator.config import Settings
from generator.model.entities import Project
from generator.model.facts import Amount
from generator.output import factsheet_pdf, factsheets
from generator.render import factsheet as factsheet_html
from generator.render import factsheets as plan
from generator.render import factsheets as sheets_plan
from generator.render.language import Kit
from tests.conftest import EPOCH, ROOT, kit_of

A4 = (595.28, 841.89)  # points
ARTIFACTS = ROOT / "test-artifacts"
EXAMPLE = "physiotherapist/nl-to-de-nw"


@pytest.fixture(scope="module")
def model(real_project: Project) -> Project:
    return real_project


@pytest.fixture(scope="module")
def sheets(model: Project, settings: Settings) -> list[plan.Sheet]:
    return plan.plan(model, settings)


def _text(pdf: Path) -> str:
    """All text, whitespace collapsed and case folded (pdfium: fast, and it keeps words whole)."""
    document = pypdfium2.PdfDocument(pdf)
    pages = (document[i].get_textpage().get_text_bounded() for i in range(len(document)))
    return " ".join(" ".join(pages).split()).casefold()


def _qr_codes(pdf: Path) -> set[str]:
    page = pypdfium2.PdfDocument(pdf)[0]
    _, height = page.get_size()
    image = page.render(scale=2, crop=(0, height * 0.7, 0, 0)).to_pil()  # the heading: top 30 % of page 1
    return {code.text for code in zxingcpp.read_barcodes(image)}


# ---- what the site carries ----------------------------------------------------------------------------------------


def test_two_language_pairs_follow_the_rule(model: Project, settings: Settings) -> None:
    pairs = {r.key: plan.pairs(r, settings.languages) for r in model.roadmaps if r.profession.id == "physiotherapist"}
    assert pairs == {
        "physiotherapist/be-to-nl": [("fr", "nl"), ("de", "nl")],
        "physiotherapist/de-to-nl": [("de", "nl")],
        "physiotherapist/nl-to-be-de": [("nl", "de")],
        "physiotherapist/nl-to-be-fl": [],
        "physiotherapist/nl-to-be-fr": [("nl", "fr")],
        "physiotherapist/nl-to-de-ni": [("nl", "de")],
        "physiotherapist/nl-to-de-nw": [("nl", "de")],
    }


@pytest.mark.slow
def test_every_roadmap_and_language_has_a_factsheet(
    built_site: Path, model: Project, settings: Settings, sheets: list[plan.Sheet]
) -> None:
    singles = [s for s in sheets if len(s.langs) == 1]
    assert len(singles) == len(model.roadmaps) * len(settings.languages) == 140
    assert len(sheets) - len(singles) == 35  # NL → BE-FL has none; BE → NL has two
    missing = [f"{lang}/{s.file}" for s in sheets for lang in s.langs if not (built_site / lang / s.file).is_file()]
    assert missing == []


@pytest.mark.slow
def test_every_factsheet_fits_and_says_what_it_must(
    built_site: Path, model: Project, kit: Kit, sheets: list[plan.Sheet]
) -> None:
    problems = []
    for sheet in sheets:
        r, reader = sheet.roadmap, PdfReader(built_site / sheet.langs[0] / sheet.file)
        if len(reader.pages) > sheet.max_pages:
            problems.append(f"{sheet.name}: {len(reader.pages)} pages")
        sizes = {(round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2)) for p in reader.pages}
        if sizes != {A4}:
            problems.append(f"{sheet.name}: page size {sizes}")
        fonts = {
            str(f.get_object()["/BaseFont"]).split("+")[-1]
            for p in reader.pages
            for f in p["/Resources"]["/Font"].values()
        }
        if not all(font.startswith("GR-") for font in fonts):  # only the bundled fonts (@font-face "GR Sans"/"GR Math")
            problems.append(f"{sheet.name}: fonts {sorted(fonts)}")
        text = _text(built_site / sheet.langs[0] / sheet.file)
        for lang in sheet.langs:
            L = factsheet_html.HtmlLanguage(kit.language(lang, model))
            wanted = [r.profession.name[lang], r.steps[0].authority.name, L.date(r.oldest_check), r.version]
            problems += [f"{sheet.name}: lacks {w!r}" for w in wanted if w.casefold() not in text]
    assert problems == []


@pytest.mark.slow
def test_every_qr_code_leads_to_the_live_page(built_site: Path, settings: Settings, sheets: list[plan.Sheet]) -> None:
    problems = []
    for sheet in sheets:
        urls = {plan.page_url(settings, sheet.roadmap, lang) for lang in sheet.langs}
        found = _qr_codes(built_site / sheet.langs[0] / sheet.file)
        if found != urls:
            problems.append(f"{sheet.name}: QR {sorted(found)} != {sorted(urls)}")
    assert problems == []
    url = plan.page_url(settings, sheets[0].roadmap, "nl")
    assert url == f"https://grensroutes.example.org/nl/roadmaps/{sheets[0].roadmap.key}/"
    assert (built_site / "nl/roadmaps" / sheets[0].roadmap.key / "index.html").exists()  # the page it names exists


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["nl", "de", "fr", "en"])
def test_physiotherapist_nl_to_nrw_prints_within_its_page_limit(built_site: Path, lang: str) -> None:
    pdf = built_site / lang / "factsheets/physiotherapist-nl-to-de-nw.pdf"
    assert len(PdfReader(pdf).pages) <= plan.PAGES_PER_LANGUAGE
    text = _text(pdf)
    assert "münster" in text and f"grensroutes.example.org/{lang}/roadmaps/physiotherapist/nl-to-de-nw/" in text


@pytest.mark.slow
def test_type_is_never_smaller_than_8_5_pt(built_site: Path) -> None:
    sizes: set[float] = set()

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        a, b, c, d = (
            tm[0] * cm[0] + tm[1] * cm[2],
            tm[0] * cm[1] + tm[1] * cm[3],
            tm[2] * cm[0] + tm[3] * cm[2],
            tm[2] * cm[1] + tm[3] * cm[3],
        )
        if text.strip():
            sizes.add(round(size * abs(a * d - b * c) ** 0.5, 2))

    for name in (
        "nl/factsheets/physiotherapist-nl-to-de-nw.pdf",
        "nl/factsheets/physiotherapist-nl-to-de-nw.nl-de.pdf",
    ):
        for page in PdfReader(built_site / name).pages:
            page.extract_text(visitor_text=visit)
    assert sizes and min(sizes) >= 8.5, sorted(sizes)


@pytest.mark.slow
def test_index_page_and_roadmap_page_link_the_factsheets(built_site: Path, sheets: list[plan.Sheet]) -> None:
    for lang in ("nl", "de", "fr", "en"):
        index = built_site / lang / "factsheets/index.html"
        soup = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
        links = {(index.parent / a["href"]).resolve() for a in soup.select("article a[href$='.pdf']")}
        expected = {(built_site / lang / s.file).resolve() for s in sheets if lang in s.langs}
        assert links == expected, lang
        assert soup.select_one("nav a[href$='factsheets/']") is not None  # in the navigation
        page = built_site / lang / "roadmaps" / EXAMPLE / "index.html"
        link = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("a.gr-factsheet-link")
        assert link is not None
        assert (page.parent / link["href"]).resolve() == (
            built_site / lang / "factsheets/physiotherapist-nl-to-de-nw.pdf"
        )


@pytest.mark.slow
def test_visual_artifact_of_page_one(built_site: Path) -> None:
    """Page 1 as PNG in test-artifacts/ (gitignored), for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    for name in ("physiotherapist-nl-to-de-nw", "physiotherapist-nl-to-de-nw.nl-de"):
        image = pypdfium2.PdfDocument(built_site / "nl/factsheets" / f"{name}.pdf")[0].render(scale=1.5).to_pil()
        image.save(ARTIFACTS / f"factsheet-{name}.png")
        assert image.size[0] > image.size[1] * 0.6


# ---- the text: the site's words, HTML-safe --------------------------------------------------------------------


def test_money_and_unknowns_use_the_site_helpers(model: Project, kit: Kit) -> None:
    def html(lang: str) -> factsheet_html.HtmlLanguage:
        return factsheet_html.HtmlLanguage(kit.language(lang, model))

    fee = Amount.of({"status": "known", "min": 60})
    assert str(html("nl").amount(fee)) == "€ 60,00"
    assert str(html("de").amount(fee)).replace("\xa0", " ") == "60,00 €"
    assert str(html("fr").amount(fee)).replace("\u202f", " ").replace("\xa0", " ") == "60,00 €"
    unknown = Amount.of({"status": "unknown", "ask": "zsba"})
    assert str(html("en").amount(unknown)) == "Not known. Ask: Zentrale Servicestelle Berufsanerkennung (ZSBA)."


def test_text_from_yaml_stays_text(model: Project, kit: Kit) -> None:
    html = factsheet_html.HtmlLanguage(kit.language("en", model)).t(
        {"en": '<script>alert(1)</script> a_b *c* [d](e) 1. "q"'}
    )
    assert str(html) == "&lt;script&gt;alert(1)&lt;/script&gt; a_b *c* [d](e) 1. &quot;q&quot;"


# ---- rendering: deterministic, cached, gated -------------------------------------------------------------------

_RENDER = """
import hashlib, os, sys
from pathlib import Path
from generator.output import factsheets
from generator.output import factsheet_pdf
from generator.render import factsheets as plan
from generator.build import check, make_kit
from generator.config import load_settings
settings, _ = load_settings(Path(sys.argv[1]))
project = check(settings).project
sheet = next(s for s in plan.plan(project, settings) if s.name == sys.argv[2])
job = factsheets.job(sheet, project, make_kit(settings, 1795737600), 1795737600)
print(hashlib.sha256(factsheet_pdf.render([job])[0].pdf).hexdigest())
"""


def test_two_renders_give_identical_bytes() -> None:
    """Cold renders in two processes (different hash seeds): byte-identical PDFs, so builds are reproducible."""
    hashes = {
        subprocess.run(
            [sys.executable, "-c", _RENDER, str(ROOT), "physiotherapist-nl-to-de-nw.nl-de"],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
        ).stdout.strip()
        for seed in ("1", "2")
    }
    assert len(hashes) == 1 and len(hashes.pop()) == 64


@pytest.mark.slow
def test_metadata_dates_come_from_source_date_epoch(built_site: Path) -> None:
    reader = PdfReader(built_site / "en/factsheets/physiotherapist-nl-to-de-nw.pdf")
    assert reader.metadata is not None
    created = reader.metadata["/CreationDate"]
    assert created == reader.metadata["/ModDate"] and created.endswith("000000Z")  # a whole day: no clock time
    assert reader.trailer.get("/ID") is None  # no random file identifier


def test_cache_renders_only_what_changed(
    model: Project, kit: Kit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(factsheets.CACHE_ENV, str(tmp_path / "cache"))
    two = dataclasses.replace(
        model, roadmaps=tuple(r for r in model.roadmaps if r.key in (EXAMPLE, "care-worker/nl-to-be-fl"))
    )
    first = factsheets.make(two, kit, EPOCH)
    assert (first.rendered, first.reused, first.diagnostics) == (9, 0, [])  # 2 × 4 languages + 1 pair
    again = factsheets.make(two, kit, EPOCH)
    assert (again.rendered, again.reused) == (0, 9) and again.files == first.files
    changed = dataclasses.replace(two.roadmaps[1], version="changed0")
    edited = dataclasses.replace(two, roadmaps=(two.roadmaps[0], changed))
    assert factsheets.make(edited, kit, EPOCH).rendered == 5  # only the changed roadmap: 4 languages + its pair
    assert len(list((tmp_path / "cache").glob("*.pdf"))) == 9  # the replaced versions were dropped


def test_serve_renders_nothing(model: Project, kit: Kit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(factsheets.CACHE_ENV, str(tmp_path / "cache"))
    one = dataclasses.replace(model, roadmaps=tuple(r for r in model.roadmaps if r.key == "care-worker/nl-to-be-fl"))
    preview = factsheets.make(one, kit, EPOCH, render=False)  # empty cache: placeholders, still valid PDFs
    assert preview.rendered == 0 and not (tmp_path / "cache").exists()
    placeholder = preview.files["nl"]["factsheets/care-worker-nl-to-be-fl.pdf"]
    assert len(PdfReader(io.BytesIO(placeholder)).pages) == 1
    real = factsheets.make(one, kit, EPOCH)
    assert factsheets.make(one, kit, EPOCH, render=False).files == real.files  # then: the cached sheets


@pytest.mark.slow
def test_overlong_roadmap_fails_the_build(project: Path, session_pdfs: Path) -> None:
    """A roadmap whose texts cannot fit on its pages stops the build, names the roadmap, and writes nothing (the other
    roadmaps' sheets come from the session build's cache)."""
    path = project / "roadmaps/physiotherapist/nl-to-de-nw.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for step in data["steps"]:
        step["what"]["text"] = {lang: " ".join([text] * 40) for lang, text in step["what"]["text"].items()}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build(project)
    too_long = [d for d in result.diagnostics if d.code == "factsheet-too-long"]
    assert not result.ok and too_long and {d.path for d in too_long} == {"roadmaps/physiotherapist/nl-to-de-nw.yaml"}
    assert any(d.message.startswith("the factsheet of physiotherapist/nl-to-de-nw (nl) needs ") for d in too_long)
    limits = (plan.PAGES_PER_LANGUAGE, 2 * plan.PAGES_PER_LANGUAGE)
    assert all(any(f"at most {n} are allowed" in d.message for n in limits) for d in too_long)
    assert not (project / "site").exists()


def _html_job(body: str) -> factsheet_pdf.Job:
    page = f"<!doctype html><html lang=en><head><title>t</title></head><body>{body}</body></html>"
    return factsheet_pdf.Job("test.en", page, 2, "roadmaps/x.yaml", "x (en)")


def test_weasyprint_warning_is_a_diagnostic() -> None:
    """A file that fails to load (here: an image on the web, which the sheets may never fetch) fails the sheet."""
    [result] = factsheet_pdf.render([_html_job('<p>Hello</p><img src="https://example.org/x.png" alt="x">')])
    assert [code for code, _ in result.problems] == ["factsheet-render"]
    assert "Failed to load image" in result.problems[0][1] and "https://example.org/x.png" in result.problems[0][1]


def test_missing_glyph_is_a_diagnostic() -> None:
    [result] = factsheet_pdf.render([_html_job("<p>Snow ☃ and → arrows</p>")])
    assert result.problems == [
        ("factsheet-glyph", "the factsheet of x (en) uses '☃' (U+2603), which the fonts in generator/fonts/ lack")
    ]


def test_every_character_of_every_sheet_is_in_the_bundled_fonts(model: Project, settings: Settings) -> None:
    kit = kit_of(settings, 0)
    jobs = [factsheets.job(s, model, kit, 0) for s in plan.plan(model, settings)]
    assert {
        job.name: factsheet_pdf.missing_glyphs(job.html) for job in jobs if factsheet_pdf.missing_glyphs(job.html)
    } == {}


def test_cache_key_covers_code_fonts_and_html() -> None:
    one = _html_job("<p>a</p>")
    assert factsheet_pdf.cache_key(one) == factsheet_pdf.cache_key(_html_job("<p>a</p>"))
    assert factsheet_pdf.cache_key(one) != factsheet_pdf.cache_key(_html_job("<p>b</p>"))
    covered = {p.name for p in factsheet_pdf.CODE} | {p.name for p in factsheet_pdf.FONTS.glob("*.ttf")}
    assert {"factsheet.css", "factsheet.py", "factsheet_pdf.py", "NotoSans-Regular.ttf"} <= covered
    assert hashlib.sha256(b"").hexdigest() != factsheet_pdf.static_digest()


def test_cache_key_knows_which_library_subsets_the_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    """HarfBuzz-Subset and fontTools make sheets that read the same but differ in bytes: one cache must not mix them."""
    from generator.output import system

    digests = set()
    for found in ([], ["libharfbuzz-subset0 is missing"]):
        monkeypatch.setattr(system, "missing", lambda _needed=system.NEEDED, found=found: found)
        digests.add(factsheet_pdf.static_digest.__wrapped__())
    assert len(digests) == 2


# ---- printing a roadmap page from the browser --------------------------------------------------------------------

_PRINT_STATE = """() => {
  const shown = sel => [...document.querySelectorAll(sel)].some(e => getComputedStyle(e).display !== 'none');
  const article = document.querySelector('article').getBoundingClientRect();
  const tables = [...document.querySelectorAll('article table')];
  const clipped = t => { for (let e = t.parentElement; e && e.tagName !== 'ARTICLE'; e = e.parentElement) {
    if (getComputedStyle(e).overflowX !== 'visible') return true; } return false; };
  const links = [...document.querySelectorAll('article a[href^="http"]')].filter(a => a.offsetParent !== null);
  const written = a => getComputedStyle(a, '::after').content.includes(a.getAttribute('href'));
  return {
    navigation: ['.md-header', '.md-tabs', '.md-sidebar', '.md-footer', '.gr-languages', '.gr-report-error'].filter(shown),
    bad_tables: tables.filter(t => getComputedStyle(t).display !== 'table' || clipped(t)
                                   || t.getBoundingClientRect().right > article.right + 1).length,
    tables: tables.length,
    unwritten: links.filter(a => !a.classList.contains('gr-bare') && !written(a)).length,
    doubled: links.filter(a => a.classList.contains('gr-bare') && written(a)).length,
    links: links.length,
  };
}"""


def _print_state(browser, url: str, own_css: bool = True):  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    if not own_css:
        page.evaluate("document.querySelector('link[href*=\"grensroutes.css\"]').remove()")
    page.emulate_media(media="print")
    return context, page, page.evaluate(_PRINT_STATE)


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_printing_a_roadmap_page_gives_a_clean_document(browser, site_url: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    context, page, state = _print_state(browser, f"{site_url}/{lang}/roadmaps/physiotherapist/nl-to-de-ni/")
    assert state["navigation"] == [] and state["tables"] > 0 and state["bad_tables"] == 0, state
    assert state["links"] > 0 and state["unwritten"] == 0 and state["doubled"] == 0, state
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / f"print-roadmap-{lang}.pdf"
    pdf.write_bytes(page.pdf(format="A4"))  # Chromium's own print path, as a reader's "Print" button
    text = _text(pdf)
    assert "grensroutes contributors" not in text and page.title().split(" - ")[0].casefold() in text
    context.close()


@pytest.mark.slow
@pytest.mark.browser
def test_print_check_catches_a_page_without_the_print_stylesheet(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context, _page, state = _print_state(browser, f"{site_url}/nl/roadmaps/physiotherapist/nl-to-de-ni/", own_css=False)
    assert state["navigation"] and state["bad_tables"] and state["unwritten"], state
    context.close()


def test_a_local_build_prints_no_address_and_says_so(model: Project, settings: Settings) -> None:
    """Without the deployment's address a sheet carries no QR code and no link to a domain nobody holds."""
    local = kit_of(dataclasses.replace(settings, site_url=""))
    sheet = next(s for s in sheets_plan.plan(model, local.settings) if s.langs == ("en",))
    html = sheets_plan.html(sheet, model, local, str(EPOCH))
    assert "<svg" not in html and local.labels["en"]["fs_no_address"] in html
    deployed = sheets_plan.html(sheet, model, kit_of(settings), str(EPOCH))
    assert "<svg" in deployed and settings.site_url in deployed


def test_workers_return_every_sheet_in_order_with_its_problems() -> None:
    """Sheets rendered by several worker processes come back in the order asked, each with its own pages and
    problems, byte-identical to rendering them one by one here."""
    jobs = [
        _html_job("<p>one</p>"),
        _html_job("<p>two</p>" + "<p>long</p>" * 200),  # more than two A4 pages: too long for a two-page sheet
        _html_job("<p>Snow ☃</p>"),
    ]
    parallel = factsheet_pdf.render(jobs, workers=2)
    alone = [factsheet_pdf.render_here([job])[0] for job in jobs]
    assert [r.pages for r in parallel][::2] == [1, 1] and parallel[1].pages > 2
    assert [[code for code, _ in r.problems] for r in parallel] == [[], ["factsheet-too-long"], ["factsheet-glyph"]]
    assert [r.pdf for r in parallel] == [r.pdf for r in alone]
