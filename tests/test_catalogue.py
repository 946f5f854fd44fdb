"""The catalogue of regulated professions: schema and cross-file rules, the merge by profession id, the pages per
language (profession, A–Z, jurisdiction, landing), search, open data, the report, and the real data's coverage."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import posixpath
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from generator import cli
from generator.build import Result, check, navigation
from generator.config import Settings, load_settings
from generator.load.documents import load_text
from generator.model import paths
from generator.model.entities import Authority, Project
from generator.output import catalogue_export
from generator.render import catalogue as catalogue_pages
from generator.render import guide, guide_titles
from generator.render.formatting import fold, md_escape, page_link
from generator.render.language import Kit
from tests.conftest import FIXTURES, copy_project, kit_of

VALID = FIXTURES / "catalogue" / "valid"
LANGS = ("nl", "de", "fr", "en")
MIDWIFE_NAMES = ("Hebamme", "vroedvrouw", "verloskundige", "sage-femme")
# The complete catalogue (NL, BE federal and Communities, NRW, Lower Saxony) names at least this many
# (profession, jurisdiction) entries with a known authority; see test_threshold_complete_catalogue.
AUTHORITY_ENTRIES_WHEN_COMPLETE = 200


def diagnostics(settings: Settings, paths: list[Path]) -> list[str]:
    return [
        f"{Path(d.path).name}:{d.line}:{d.column}: {d.code}: {d.message}" for d in check(settings, paths).diagnostics
    ]


@pytest.fixture(scope="module")
def fixture_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project with the small fixture catalogue in place of the real one."""
    root = copy_project(tmp_path_factory.mktemp("catalogue") / "project")
    shutil.rmtree(root / "roadmaps" / "catalogue", ignore_errors=True)
    shutil.copytree(VALID, root / "roadmaps" / "catalogue")
    _without_related(root / "roadmaps" / "registry" / "professions.yaml")  # they point into the real catalogue
    return root


def _without_related(path: Path) -> None:
    doc, _ = load_text(path.name, path.read_text(encoding="utf-8"))
    assert doc is not None
    for entry in doc.data["entries"]:
        entry.pop("related", None)
    path.write_text(yaml.safe_dump(doc.data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def fixture_result(fixture_root: Path) -> Result:
    settings, _ = load_settings(fixture_root)
    assert settings is not None
    result = check(settings)
    assert result.ok and result.project is not None, [str(d) for d in result.diagnostics]
    return result


@pytest.fixture(scope="module")
def fixture_project(fixture_result: Result) -> Project:
    assert fixture_result.project is not None
    return fixture_result.project


@pytest.fixture(scope="module")
def fixture_kit(fixture_root: Path) -> Kit:
    settings, _ = load_settings(fixture_root)
    assert settings is not None
    return kit_of(settings)


def pages(kit: Kit, project: Project, lang: str) -> dict[str, str]:
    return {p.path: p.markdown for p in catalogue_pages.pages(project, kit.language(lang, project))}


# ---- schema and rules ----------------------------------------------------------------------------------------


def test_valid_fixture_catalogue_passes(settings: Settings) -> None:
    assert diagnostics(settings, sorted(VALID.glob("*.yaml"))) == []


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _variant(old: str, new: str, source: str = "nl.yaml") -> str:
    text = (VALID / source).read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ('regulated: "yes"', "regulated: perhaps", "invalid-value"),
        ("    sector: health\n", "    sector: medicine\n", "invalid-value"),
        ("    authority: cibg\n    second_step:", "    second_step:", "missing-field"),  # neither authority nor note
        ("    confidence: high\n  - profession: physiotherapist", "  - profession: physiotherapist", "missing-field"),
        ('isco08: "2222"', 'isco08: "22"', "invalid-value"),
        ("    sector: health\n    isco08", "    sector: health\n    colour: red\n    isco08", "unknown-key"),
        ("    authority: cibg\n    second_step:", "    authority: nobody\n    second_step:", "unknown-authority"),
        ("catalogue: NL", "catalogue: XX", "unknown-jurisdiction"),
    ],
)
def test_invalid_catalogue_entries_are_reported(
    settings: Settings, tmp_path: Path, old: str, new: str, code: str
) -> None:
    path = _write(tmp_path, "nl.yaml" if "XX" not in new else "xx.yaml", _variant(old, new))
    found = diagnostics(settings, [path])
    assert any(f": {code}: " in line for line in found), found


def test_duplicate_profession_in_one_file_is_an_error(settings: Settings, tmp_path: Path) -> None:
    text = _variant("  - profession: physiotherapist", "  - profession: midwife")
    found = diagnostics(settings, [_write(tmp_path, "nl.yaml", text)])
    assert [line for line in found if "duplicate-id" in line] == [
        "nl.yaml:28:17: duplicate-id: profession 'midwife' is already listed in this file (entries[0])"
    ]


def test_catalogue_file_is_named_after_its_jurisdiction(settings: Settings, tmp_path: Path) -> None:
    path = _write(tmp_path, "netherlands.yaml", (VALID / "nl.yaml").read_text(encoding="utf-8"))
    assert diagnostics(settings, [path]) == [
        "netherlands.yaml:3:12: path-mismatch: the catalogue of NL must be stored as roadmaps/catalogue/nl.yaml"
    ]


def test_same_name_in_every_file_is_no_warning(settings: Settings) -> None:
    """The mismatch rule compares texts, not their layout: the valid fixture repeats `midwife` in three files."""
    found = check(settings, sorted(VALID.glob("*.yaml"))).diagnostics
    assert not [d for d in found if d.code == "catalogue-name-mismatch"]


# ---- the merge ------------------------------------------------------------------------------------------------


def test_entries_merge_by_profession_id(fixture_project: Project) -> None:
    midwife = fixture_project.catalogue["midwife"]
    assert [e.jurisdiction.code for e in midwife.entries] == ["NL", "BE-FL", "DE-NW"]  # registry order
    assert midwife.name["de"] == "Hebamme" and midwife.sector == "health" and midwife.isco08 == "2222"
    assert {t.title for t in midwife.titles} == {"verloskundige", "vroedvrouw", "Hebamme", "Entbindungspfleger"}
    nl = midwife.entry("NL")
    assert nl is not None and isinstance(nl.authority, Authority) and nl.authority.id == "cibg"
    assert nl.second_step is not None and nl.second_step.sources[0].id == "big" and nl.checked == "2026-11-10"
    assert nl.file.endswith("roadmaps/catalogue/nl.yaml")
    alarm = fixture_project.catalogue["alarm-technician"].entries[0]
    assert alarm.authority is None and alarm.authority_note and alarm.checked == "2026-11-20"


def test_registry_professions_are_always_in_the_catalogue_with_their_roadmaps(fixture_project: Project) -> None:
    for pid in ("physiotherapist", "care-worker", "secondary-teacher"):
        profession = fixture_project.catalogue[pid]
        assert profession.roadmaps, pid
        assert {r.key for r in profession.roadmaps} == {
            r.key for r in fixture_project.roadmaps if r.profession.id == pid
        }
        assert profession.titles, pid  # the registry's titles, even without a catalogue entry
    assert not fixture_project.catalogue["care-worker"].entries  # the fixture has no care-worker entry
    assert [e.jurisdiction.code for e in fixture_project.catalogue["physiotherapist"].entries] == ["NL"]


# ---- pages ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_profession_page_says_who_decides_where(fixture_project: Project, fixture_kit: Kit, lang: str) -> None:
    page = pages(fixture_kit, fixture_project, lang)["catalogue/midwife.md"]
    rows = [line for line in page.splitlines() if line.startswith("| [")]
    assert len(rows) == 6  # NL, BE-FL, BE-FR, BE-DE, DE-NW, DE-NI: every destination, one row each
    assert "CIBG – BIG-register" in rows[0] and "https://www.bigregister.nl/" in rows[0]
    assert "#src-1" in rows[0]
    for title in (*MIDWIFE_NAMES, "Entbindungspfleger"):
        assert title in page, title
    for row in rows:  # rows without an authority say so and name the next stops
        if "bigregister" not in row and "zorg-en-gezondheid" not in row and "brms.nrw" not in row:
            assert "ec.europa.eu/growth/tools-databases/regprof/" in row and "grensinfopunten.md" in row


def test_unknown_authority_row_says_so(fixture_project: Project, fixture_kit: Kit) -> None:
    page = pages(fixture_kit, fixture_project, "en")["catalogue/alarm-technician.md"]
    row = next(line for line in page.splitlines() if line.startswith("| [Netherlands]"))
    assert "Not known." in row and "Not known. Ask a cross-border information point." in row
    assert "EU Regulated Professions Database" in row and "low confidence" in row


def test_profession_page_links_its_roadmaps(fixture_project: Project, fixture_kit: Kit) -> None:
    page = pages(fixture_kit, fixture_project, "en")["catalogue/physiotherapist.md"]
    assert "](../roadmaps/physiotherapist/nl-to-de-nw.md)" in page
    assert "There is no full roadmap" not in page
    assert "There is no full roadmap" in pages(fixture_kit, fixture_project, "en")["catalogue/midwife.md"]


def test_yaml_text_stays_text(fixture_project: Project, fixture_kit: Kit) -> None:
    for lang in LANGS:
        for path, markdown in pages(fixture_kit, fixture_project, lang).items():
            assert "<script>" not in markdown, path
            assert "[y](z)" not in markdown, path
    assert (
        "&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\*x\\* \\[y\\]\\(z\\)"
        in pages(fixture_kit, fixture_project, "nl")["catalogue/alarm-technician.md"]
    )


@pytest.mark.parametrize("lang", LANGS)
def test_a_to_z_lists_every_title_of_every_language(fixture_project: Project, fixture_kit: Kit, lang: str) -> None:
    made = pages(fixture_kit, fixture_project, lang)
    letters = [p for p in made if p.startswith("catalogue/a-z/")]  # one page per letter, linked from catalogue/a-z/
    page = "\n".join(made[p] for p in letters)
    for title in MIDWIFE_NAMES:
        assert f"[{title}](../midwife.md)" in page, title
    for profession in fixture_project.catalogue.values():
        for title in profession.titles:  # every title (escaped like all YAML text) links to its profession
            assert f"[{md_escape(title.title)}](../{profession.id}.md)" in page, title
    assert "catalogue/a-z/h.md" in letters and all(f"]({p.removeprefix('catalogue/')})" in made["catalogue/a-z.md"] for p in letters)


def test_jurisdiction_page_lists_regulated_professions_and_authorities(
    fixture_project: Project, fixture_kit: Kit
) -> None:
    page = pages(fixture_kit, fixture_project, "en")["catalogue/jurisdictions/nl.md"]
    assert "[midwife](../midwife.md)" in page and "[physiotherapist](../physiotherapist.md)" in page
    assert "## Authorities" in page and "Decides on: [midwife](../midwife.md), [physiotherapist]" in page
    assert "## Not known whether regulated here" in page and "[alarm technician](../alarm-technician.md)" in page
    flemish = pages(fixture_kit, fixture_project, "de")["catalogue/jurisdictions/be-fl.md"]
    assert "[Hebamme](../midwife.md)" in flemish and "physiotherapist.md" not in flemish


def test_navigation_holds_one_catalogue_entry(fixture_project: Project, fixture_kit: Kit) -> None:
    for lang in LANGS:
        flat = json.dumps(navigation(fixture_project, fixture_kit.language(lang, fixture_project)))
        assert flat.count("catalogue/") == 1 and '"catalogue/index.md"' in flat


def test_page_weight_stays_flat(fixture_project: Project, fixture_kit: Kit) -> None:
    """Only the A–Z list and the jurisdiction pages may list the whole catalogue; a profession page links no
    other profession, and the landing page only those with a full roadmap."""
    every = pages(fixture_kit, fixture_project, "en")
    for path, markdown in every.items():
        others = [pid for pid in fixture_project.catalogue if f"]({pid}.md)" in markdown]
        if path == catalogue_pages.INDEX:
            assert sorted(others) == sorted(p.id for p in fixture_project.catalogue.values() if p.roadmaps)
        elif path.startswith("catalogue/") and path.count("/") == 1 and path != catalogue_pages.AZ:
            assert others == [], path


# ---- open data and report ------------------------------------------------------------------------------------


def test_open_data_export(fixture_project: Project, tmp_path: Path) -> None:
    written = catalogue_export.write(fixture_project, tmp_path)
    assert [p.name for p in written] == ["catalogue.json", "catalogue.csv"]
    data = json.loads((tmp_path / "data" / "catalogue.json").read_text(encoding="utf-8"))
    midwife = next(p for p in data["professions"] if p["id"] == "midwife")
    assert [j["jurisdiction"] for j in midwife["jurisdictions"]] == ["NL", "BE-FL", "DE-NW"]
    assert midwife["jurisdictions"][0]["authority"]["id"] == "cibg"
    physio = next(p for p in data["professions"] if p["id"] == "physiotherapist")
    assert "physiotherapist/nl-to-de-nw" in physio["roadmaps"]
    rows = list(csv.DictReader(io.StringIO((tmp_path / "data" / "catalogue.csv").read_text(encoding="utf-8"))))
    assert len(rows) == sum(len(p.entries) for p in fixture_project.catalogue.values())
    assert {r["profession"] for r in rows if r["authority_id"] == ""} == {"alarm-technician", "architect"}
    again = tmp_path / "again"
    catalogue_export.write(fixture_project, again)
    for name in ("catalogue.json", "catalogue.csv"):  # deterministic
        assert (again / "data" / name).read_bytes() == (tmp_path / "data" / name).read_bytes()


def test_catalogue_report_command(fixture_root: Path) -> None:
    result = CliRunner().invoke(cli.main, ["catalogue-report", "--root", str(fixture_root)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (  # the catalogue's measure of done
        "Catalogue: 8 professions, 2 of them with a named authority in at least one jurisdiction; "
        "6 entries, 4 naming an authority"
    )
    assert "Professions without a full roadmap (3):" in result.output
    assert "  midwife  (NL, BE-FL, DE-NW)" in result.output
    assert "Entries whose authority is not known (2):" in result.output
    assert "roadmaps/catalogue/nl.yaml: alarm-technician in NL (regulated: unknown)" in result.output


def test_maintenance_report_has_a_catalogue_section(fixture_root: Path, fixture_project: Project) -> None:
    from generator.resolve import maintenance as report

    settings, _ = load_settings(fixture_root)
    assert settings is not None
    data = report.build_report(fixture_project, settings, dt.date(2026, 11, 27))
    assert data.catalogue_without_roadmap == ["alarm-technician", "architect", "midwife"]
    assert data.catalogue_unknown_authority == ["alarm-technician in NL", "architect in DE-NW"]
    text = report.as_text(data)
    assert "Catalogue professions without a full roadmap: 3\n  alarm-technician\n  architect\n  midwife" in text
    assert "Catalogue entries whose authority is not known: 2\n  alarm-technician in NL" in text
    assert json.loads(report.as_json(data))["catalogue_unknown_authority"] == data.catalogue_unknown_authority


# ---- the real data -------------------------------------------------------------------------------------------


def test_every_named_authority_resolves(real_project: Project) -> None:
    entries = [e for p in real_project.catalogue.values() for e in p.entries]
    assert entries, "the catalogue has no entries"
    for entry in entries:
        if entry.authority is not None:
            assert real_project.authorities[entry.authority.id] is entry.authority
        else:
            assert entry.authority_note or entry.regulated == "no"


def test_registry_professions_use_the_same_ids_in_the_real_catalogue(real_project: Project) -> None:
    for pid in ("physiotherapist", "care-worker", "secondary-teacher"):
        assert real_project.catalogue[pid].roadmaps


def test_threshold_complete_catalogue(real_project: Project) -> None:
    """THRESHOLD: once the data is complete (all seven jurisdictions), at least 200 entries name an authority."""
    named = sum(1 for p in real_project.catalogue.values() for e in p.entries if e.authority is not None)
    assert named >= AUTHORITY_ENTRIES_WHEN_COMPLETE, f"only {named} catalogue entries name an authority"


@pytest.mark.slow
def test_built_site_has_catalogue_pages_and_open_data(built_site: Path, real_project: Project) -> None:
    for lang in LANGS:
        for pid in real_project.catalogue:
            assert (built_site / lang / "catalogue" / pid / "index.html").exists(), (lang, pid)
        assert (built_site / lang / "catalogue" / "a-z" / "index.html").exists()
    data = json.loads((built_site / "data" / "catalogue.json").read_text(encoding="utf-8"))
    assert {p["id"] for p in data["professions"]} == set(real_project.catalogue)
    manifest = json.loads((built_site / "data" / "manifest.json").read_text(encoding="utf-8"))
    assert {"catalogue.json", "catalogue.csv"} <= set(manifest["files"])  # part of the open-data export


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_search_index_holds_every_title(built_site: Path, real_project: Project, lang: str) -> None:
    index = json.loads((built_site / lang / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts: dict[str, str] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#", 1)[0]
        texts[page] = texts.get(page, "") + " " + doc["title"] + " " + BeautifulSoup(doc["text"], "html.parser").text
    for pid, profession in real_project.catalogue.items():
        text = fold(" ".join(texts[f"catalogue/{pid}/"].split()))
        for title in profession.titles:  # the search ignores case and accents
            assert fold(" ".join(title.title.split())) in text, (lang, pid, title.title)


# ---- Chromium: the site search finds titles in every language ------------------------------------------------

SEARCHED = ("Hebamme", "vroedvrouw", "Architekt", "podologue")


def _search(page, query: str, wanted: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    """Type the query and wait until the results name a wanted page (the search worker builds its index first)."""
    found = (
        "(wanted) => [...document.querySelectorAll('.md-search-result__item a')]"
        ".some(a => wanted.some(w => a.href.includes(w)))"
    )
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")  # Material searches on keyup (and on focus); fill() sends neither
    with contextlib.suppress(PlaywrightTimeout):  # the caller's assertion shows what was found instead
        page.wait_for_function(found, arg=wanted, timeout=60_000)
    return page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_site_search_finds_titles(browser, site_url: str, real_project: Project, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Each title, typed into the search box of each language, offers its profession's catalogue page."""
    owners = {
        q: {p.id for p in real_project.catalogue.values() if any(t.title == q for t in p.titles)} for q in SEARCHED
    }
    assert all(owners.values()), f"titles missing from the data: {[q for q, ids in owners.items() if not ids]}"
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/{lang}/")
    for query, ids in owners.items():
        wanted = [f"/{lang}/catalogue/{pid}/" for pid in sorted(ids)]
        hrefs = _search(page, query, wanted)
        assert any(w in href for href in hrefs for w in wanted), (query, hrefs)
    context.close()


# ---- the guide offers every catalogue profession -----------------------------------------------------------

_LINK = re.compile(r"\]\(([^)\s#]+\.md)(?:#[^)\s]*)?\)")


def _reached(markdown: dict[str, str], start: str) -> set[str]:
    """Every page reached from `start` by following Markdown links between generated pages."""
    seen, todo = set(), [start]
    while todo:
        path = todo.pop()
        if path in seen or path not in markdown:
            continue
        seen.add(path)
        for href in _LINK.findall(markdown[path]):
            todo.append(posixpath.normpath(posixpath.join(posixpath.dirname(path), href)))
    return seen


@pytest.mark.parametrize("lang", LANGS)
def test_guide_walker_reaches_every_catalogue_page(
    fixture_result: Result, fixture_project: Project, fixture_kit: Kit, lang: str
) -> None:
    flow = fixture_result.flow
    assert flow is not None
    L = fixture_kit.language(lang, fixture_project)
    guide_pages = {p.path: p.markdown for p in guide.pages(flow, fixture_project, L)}
    reached = _reached({**guide_pages, **pages(fixture_kit, fixture_project, lang)}, "guide/index.md")
    for pid, profession in fixture_project.catalogue.items():
        assert catalogue_pages.profession_path(pid) in reached, pid
        if not profession.roadmaps:  # no full roadmap: the profession question's titles lead straight to its page
            link = paths.folder_url(page_link("guide/index.md", catalogue_pages.profession_path(pid)))
            assert link in {row[0] for row in guide_titles.read(guide_pages["guide/titles.js"])}
    assert not [p for p in guide_pages if p.startswith(("guide/midwife/", "guide/architect/"))]  # no fan-out


@pytest.mark.slow
@pytest.mark.browser
def test_a_to_z_works_without_javascript(browser, site_url: str, real_project: Project) -> None:  # type: ignore[no-untyped-def]
    owners = sorted(p.id for p in real_project.catalogue.values() if any(t.title == "Hebamme" for t in p.titles))
    assert owners, "no catalogue entry has the title 'Hebamme'"
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/de/catalogue/a-z/")
    parts = page.locator("nav.gr-letters a[href='h/'], nav.gr-letters a[href^='h-']")  # H, or H 1, H 2 …
    hrefs = [parts.nth(i).get_attribute("href") for i in range(parts.count())]
    parts.first.click()
    assert page.url.endswith("/de/catalogue/a-z/h/")
    for href in hrefs:  # the part that lists it
        page.goto(f"{site_url}/de/catalogue/a-z/{href}")
        if page.locator("article").get_by_role("link", name="Hebamme", exact=True).count():
            break
    page.locator("article").get_by_role("link", name="Hebamme", exact=True).first.click()
    assert any(page.url.endswith(f"/de/catalogue/{pid}/") for pid in owners), page.url
    assert "Hebamme" in page.inner_text("article")
    context.close()
