"""Findability and overview: profession pages and their comparison tables, the A–Z index, the search
index, cost and timeline, open data (JSON, schemas, CSV), JSON-LD, Open Graph, sitemap, canonical URLs and the
offline zip. Unit tests first, then tests on the real site built once per session (`built_site`)."""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from generator.config import DataLicence, Settings, load_settings
from generator.model import paths
from generator.model.entities import Project, Roadmap
from generator.model.facts import Amount, Cited, Period
from generator.output import offline, opendata, sitemap
from generator.output.write import OVERRIDES
from generator.render import costs, escape, professions, seo, timeline
from generator.render.formatting import md_escape
from generator.render.language import Kit
from generator.render.roadmap import roadmap_page
from tests.conftest import copy_project
from tests.html_scan import scan

LANGS = ("nl", "de", "fr", "en")
SITE_URL = "https://grensroutes.example.org"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def kb(real_project: Project) -> Project:
    return real_project


def roadmap(kb: Project, key: str) -> Roadmap:
    return next(r for r in kb.roadmaps if r.key == key)


def with_steps(r: Roadmap, **changes: Any) -> Roadmap:
    """A copy of a roadmap whose first step has some values replaced (the model is frozen)."""
    first = replace(r.steps[0], **changes)
    return replace(r, steps=(first, *r.steps[1:]))


# ---- costs: unknown parts are counted, never added as zero --------------------------------------------------------


def test_money_counts_unknown_parts_and_never_adds_them(kit: Kit) -> None:
    money = costs.add_money(
        Amount.of(a)
        for a in [
            {"status": "known", "min": 60, "max": 140},
            {"status": "unknown", "ask": "x"},
            {"status": "free"},
            {"status": "known", "min": 515},
        ]
    )
    assert money.amounts == (("EUR", 575, 655),) and (money.known, money.unknown) == (3, 1)
    L = kit.language("en", Project({}, {}, {}, {}, ()))
    assert costs.money_words(L, money) == "€575.00 – €655.00 + 1 not known"
    assert costs.money_words(L, costs.add_money([Amount.of({"status": "unknown", "ask": "x"})])) == "not known"
    assert costs.money_words(L, costs.add_money([Amount.of({"status": "free"})])) == kit.labels["en"]["free"].rstrip(
        "."
    )


def test_time_keeps_units_apart_and_counts_unknowns(kit: Kit) -> None:
    time = costs.add_time(
        Period.of(p)
        for p in [
            {"status": "known", "max": 12, "unit": "weeks"},
            {"status": "known", "max": 3, "unit": "months"},
            {"status": "unknown", "ask": "x"},
            {"status": "none"},
        ]
    )
    assert time.parts == (("weeks", None, 12.0), ("months", None, 3.0))
    assert (time.known, time.none, time.unknown) == (2, 1, 1)
    assert costs.time_code(time) == "12 weeks + 3 months"
    L = kit.language("en", Project({}, {}, {}, {}, ()))
    assert costs.time_words(L, time) == "up to 12 weeks + up to 3 months + 1 not known"


def test_cost_time_of_a_real_roadmap(kb: Project) -> None:
    """physiotherapist NL → Lower Saxony: fees 200 + 53 and a known extra cost of 515 (all sourced)."""
    ct = costs.cost_time(roadmap(kb, "physiotherapist/nl-to-de-ni"))
    assert ct.fees.amounts == (("EUR", 253, 253),) and ct.fees.unknown == 0
    assert ct.total.amounts == (("EUR", 768, 768),)
    assert ct.deadline.unknown == 0 and ct.deadline.parts == (("months", None, 8.0),)  # two legal 4-month limits
    assert ct.duration.unknown == 2


# ---- timeline SVG ------------------------------------------------------------------------------------------------


def _svg(r: Roadmap, kb: Project, kit: Kit, lang: str = "en") -> ET.Element:
    return ET.fromstring(str(timeline.svg(r, kit.language(lang, kb))))


def _not_known_boxes(svg: ET.Element) -> int:
    return sum(1 for rect in svg.iter(f"{SVG}rect") if rect.get("stroke-dasharray"))


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_has_title_desc_and_labels_unknowns(kb: Project, kit: Kit, lang: str) -> None:
    r = roadmap(kb, "physiotherapist/nl-to-de-nw")
    svg = _svg(r, kb, kit, lang)
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "gr-tl-title"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and title.text and desc is not None and desc.text
    periods = [getattr(s, k) for s in r.steps for k in ("deadline", "duration")]
    unknown = sum(p.status == "unknown" for p in periods)
    not_known = kit.labels[lang]["tl_not_known"]
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert _not_known_boxes(svg) == unknown + 1  # + the legend's swatch
    assert texts.count(not_known) == unknown  # each dashed box says so
    assert desc.text.count(not_known) == unknown


def test_timeline_never_draws_an_unknown_as_zero(kb: Project, kit: Kit) -> None:
    """Gate: making a known deadline unknown turns its solid bar into one more labelled dashed box."""
    r = roadmap(kb, "physiotherapist/nl-to-de-nw")
    before = _svg(r, kb, kit)
    changed = _svg(with_steps(r, deadline=Period.of({"status": "unknown", "ask": "bezreg-muenster-zag"})), kb, kit)
    assert _not_known_boxes(changed) == _not_known_boxes(before) + 1
    widths = [float(rect.get("width", "1")) for rect in changed.iter(f"{SVG}rect")]
    assert min(widths) > 0


def test_timeline_escapes_text_from_yaml(kb: Project, kit: Kit) -> None:
    r = roadmap(kb, "physiotherapist/nl-to-de-nw")
    evil = with_steps(r, title={"en": '</svg><script>alert(1)</script> & "x"'})
    svg = _svg(evil, kb, kit)  # still well-formed XML
    assert not list(svg.iter(f"{SVG}script")) and not list(svg.iter("script"))
    assert any("<script>alert(1)</script>" in (t.text or "") for t in svg.iter(f"{SVG}text"))


# ---- profession pages, comparison and CSV --------------------------------------------------------------------------


def test_search_terms_hold_every_title_synonym_and_former_title(kb: Project) -> None:
    for profession in kb.professions.values():
        terms = professions.search_terms(profession)
        assert {t["title"] for t in profession.titles} <= set(terms)
        assert set(profession.name.values()) <= set(terms)


def test_csv_fields_follow_the_table_columns(kit: Kit) -> None:
    fields = [f for c in professions.COLUMNS for f in c.fields]
    assert ("profession", "roadmap", "version", *fields, "page") == professions.CSV_FIELDS
    for c in professions.COLUMNS:
        assert all(c.label in kit.labels[lang] for lang in LANGS)


def test_csv_leaves_unknown_amounts_empty_not_zero(kb: Project) -> None:
    rows = {r.key: professions.csv_row(r) for r in kb.roadmaps}
    nw = rows["physiotherapist/nl-to-de-nw"]  # first fee unknown, second 60–140
    assert (nw["fees_min_eur"], nw["fees_max_eur"], nw["fees_unknown"]) == ("60", "140", "1")
    be = rows["care-worker/be-to-nl"]  # free fee, unknown extra cost
    assert (be["fees_min_eur"], be["cost_min_eur"], be["cost_unknown"]) == ("0", "0", "1")
    unknown_only = rows["secondary-teacher/nl-to-be-de"]  # its only fee is unknown
    assert (unknown_only["fees_min_eur"], unknown_only["fees_unknown"]) == ("", "1")


def test_a_to_z_lists_every_title_with_a_link(kb: Project, kit: Kit) -> None:
    page = professions.index_page(kit.language("en", kb), kb)
    for profession in kb.professions.values():
        if professions.roadmaps_of(kb, profession.id):
            for t in profession.titles:
                link = f"[{md_escape(t['title'])}]({profession.id}.md)"
                assert link in page.markdown, t["title"]


# ---- JSON-LD and Open Graph: parsed, named authority, no script breakout ------------------------------------------


def _head(meta: dict[str, Any], canonical: str | None = None) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(OVERRIDES))
    page = {"meta": meta, "title": meta.get("title"), "canonical_url": canonical}
    config = {"site_name": "grensroutes", "site_description": "", "theme": {"language": "en"}, "extra": {}}
    return env.get_template("partials/seo-head.html").render(page=page, config=config)


def _front_matter(markdown: str) -> dict[str, Any]:
    return yaml.safe_load(markdown.split("---\n")[1])


def test_jsonld_survives_front_matter_and_cannot_close_the_script(kb: Project, kit: Kit) -> None:
    """Gate: YAML text with '</script>' goes through the page's front matter into the head as inert JSON."""
    r = roadmap(kb, "physiotherapist/nl-to-de-nw")
    payload = "</script><script>alert(1)</script> <!-- x --> & 'q'"
    data = copy.deepcopy(r.data)
    data["summary"]["text"]["en"] = payload
    page = roadmap_page(replace(r, data=data, summary=Cited.of(data["summary"])), kit.language("en", kb), kb)
    meta = _front_matter(page.markdown)
    html = _head(meta, "https://grensroutes.example.org/en/roadmaps/physiotherapist/nl-to-de-nw/")
    soup = BeautifulSoup(html, "html.parser")
    scripts = soup.find_all("script")
    assert len(scripts) == 1 and scripts[0]["type"] == "application/ld+json"
    assert "</script><script>" not in html
    ld = json.loads(scripts[0].string)
    assert ld["description"] == " ".join(payload.split())
    assert ld["url"] == "https://grensroutes.example.org/en/roadmaps/physiotherapist/nl-to-de-nw/"
    assert soup.find("meta", property="og:description")["content"].startswith("</script>")  # text, in an attribute


def test_jsonld_names_the_authorities(kb: Project, kit: Kit) -> None:
    r = roadmap(kb, "physiotherapist/nl-to-de-nw")
    ld = seo.roadmap_jsonld(r, kit.language("de", kb), "t")
    assert ld["@type"] == "GovernmentService"
    assert [p["name"] for p in ld["provider"]] == list(dict.fromkeys(s.authority.name for s in r.steps))
    assert ld["version"] == r.version


# ---- sitemap -------------------------------------------------------------------------------------------------------


def test_sitemap_alternates_from_the_language_sitemaps(tmp_path: Path) -> None:
    for lang in ("nl", "en"):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "sitemap.xml").write_text(
            f'<urlset xmlns="{sitemap.SITEMAP_NS}"><url><loc>{SITE_URL}/{lang}/</loc></url>'
            f"<url><loc>{SITE_URL}/{lang}/a/</loc></url></urlset>",
            encoding="utf-8",
        )
    root = ET.fromstring(sitemap.sitemap(tmp_path, SITE_URL, ("nl", "en")))
    urls = {u.findtext(f"{{{sitemap.SITEMAP_NS}}}loc"): u for u in root}
    assert set(urls) == {f"{SITE_URL}/", f"{SITE_URL}/nl/", f"{SITE_URL}/en/", f"{SITE_URL}/nl/a/", f"{SITE_URL}/en/a/"}
    links = urls[f"{SITE_URL}/en/a/"].findall(f"{{{sitemap.XHTML_NS}}}link")
    assert {(x.get("hreflang"), x.get("href")) for x in links} == {
        ("nl", f"{SITE_URL}/nl/a/"),
        ("en", f"{SITE_URL}/en/a/"),
    }
    assert sitemap.write(tmp_path, "", ("nl", "en")) == []  # without a site_url: no sitemap (it needs absolute URLs)


# ---- settings ------------------------------------------------------------------------------------------------------


def test_data_licence_is_configurable_and_checked(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("id: CC-BY-4.0", "id: CC0-1.0"), encoding="utf-8")
    loaded, _ = load_settings(root)
    assert loaded is not None and loaded.data_licence.id == "CC0-1.0"
    config.write_text(text.replace("id: CC-BY-4.0", "nope: x"), encoding="utf-8")
    loaded, problems = load_settings(root)
    assert loaded is None and "data_licence" in problems[0].message


def test_configured_licence_is_cc_by(settings: Settings) -> None:
    assert settings.data_licence == DataLicence()
    assert settings.site_url == SITE_URL


# ---- offline zip -------------------------------------------------------------------------------------------------


def test_zip_is_deterministic(tmp_path: Path) -> None:
    epoch = 1767225600  # the build's date: SOURCE_DATE_EPOCH when set (build.build_epoch)
    tree = tmp_path / "tree"
    for name, text in {"b/x.html": "x", "a.html": "a", "b/y.pdf": "%PDF"}.items():
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text(text, encoding="utf-8")
    offline.zip_tree(tree, tmp_path / "one.zip", epoch)
    (tree / "a.html").touch()  # a newer mtime must not matter
    offline.zip_tree(tree, tmp_path / "two.zip", epoch)
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == ["grensroutes/a.html", "grensroutes/b/x.html", "grensroutes/b/y.pdf"]
    assert {i.date_time for i in infos} == {(2026, 1, 1, 0, 0, 0)}


def test_offline_root_page_links_files_not_folders(settings: Settings) -> None:
    html = offline.root_page(settings)
    assert all(f'href="{lang}/index.html"' in html for lang in LANGS)
    assert not re.search(r'href="(nl|de|fr|en)/"', html)


def test_vendored_iframe_worker_is_the_published_file() -> None:
    digest = hashlib.sha256(offline.VENDOR.read_bytes()).hexdigest()
    assert digest == "e8e412dbcfea9b7e31b5ffa288d7b6035915e714c542f4176a0cdbe262fc9609"


# ==== the real site, built once ====================================================================================


def _soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_search_index_holds_every_title_of_every_profession(built_site: Path, kb: Project, lang: str) -> None:
    index = json.loads((built_site / lang / "search/search_index.json").read_text(encoding="utf-8"))
    for profession in kb.professions.values():
        if not professions.roadmaps_of(kb, profession.id):
            continue
        docs = [d for d in index["docs"] if d["location"].startswith(f"professions/{profession.id}/")]
        assert docs, profession.id
        tags = set(docs[0].get("tags", []))
        text = " ".join(d["text"] for d in docs)
        for term in professions.search_terms(profession):  # tags are HTML in the theme, so they are stored escaped
            assert escape.theme_text(term) in tags, (lang, profession.id, term)
        for t in profession.titles:
            assert t["title"].replace("'", "&#x27;") in text or t["title"] in text, (lang, t["title"])


@pytest.mark.slow
def test_comparison_csv_has_a_row_per_roadmap(built_site: Path, kb: Project) -> None:
    text = (built_site / "data/comparison.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames or ()) == professions.CSV_FIELDS
    rows = list(reader)
    assert [r["roadmap"] for r in rows] == [r.key for r in kb.roadmaps]
    assert all(r["version"] == k.version for r, k in zip(rows, kb.roadmaps, strict=True))


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_a_to_z_index_links_every_profession_page(built_site: Path, kb: Project, lang: str) -> None:
    soup = _soup(built_site, f"{lang}/professions/index.html")
    hrefs = {a["href"] for a in soup.select("article a")}
    for profession in kb.professions.values():
        if professions.roadmaps_of(kb, profession.id):
            assert f"{profession.id}/" in hrefs
    letters = [a.get_text() for a in soup.select("nav.gr-letters a")]
    assert letters == sorted(letters, key=lambda x: (x == "#", x)) and "K" in letters


def _schemas(site: Path) -> Registry:
    resources = [
        (json.loads(p.read_text())["$id"], Resource.from_contents(json.loads(p.read_text())))
        for p in sorted((site / "data/schemas").glob("*.json"))
    ]
    return Registry().with_resources(resources)


def _validator(site: Path, name: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads((site / "data/schemas" / name).read_text()), registry=_schemas(site))


@pytest.mark.slow
def test_combined_json_validates_against_the_published_schemas(built_site: Path, kb: Project) -> None:
    data = json.loads((built_site / "data/grensroutes.json").read_text(encoding="utf-8"))
    validator = _validator(built_site, "opendata.schema.json")
    assert list(validator.iter_errors(data)) == []
    assert [e["key"] for e in data["roadmaps"]] == [r.key for r in kb.roadmaps]
    assert all(e["version"] == r.version for e, r in zip(data["roadmaps"], kb.roadmaps, strict=True))
    assert data["licence"]["id"] == "CC-BY-4.0"
    broken = copy.deepcopy(data)  # gate: the schema catches a damaged file
    del broken["data_version"]
    broken["roadmaps"][0]["roadmap"]["steps"][0]["fee"]["status"] = "cheap"
    assert len(list(validator.iter_errors(broken))) >= 2


@pytest.mark.slow
def test_every_roadmap_file_validates_and_the_manifest_matches(built_site: Path, kb: Project) -> None:
    validator = _validator(built_site, "opendata-roadmap.schema.json")
    data = built_site / "data"
    for r in kb.roadmaps:
        single = json.loads((data / opendata.roadmap_path(r)).read_text(encoding="utf-8"))
        assert list(validator.iter_errors(single)) == [], r.key
        assert single["version"] == r.version and single["roadmap"] == r.data
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    for name, entry in manifest["files"].items():
        assert hashlib.sha256((data / name).read_bytes()).hexdigest() == entry["sha256"], name
    assert "CC-BY-4.0" in (data / "LICENCE.txt").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_roadmap_page_has_cost_breakdown_and_timeline(built_site: Path, kb: Project, kit: Kit, lang: str) -> None:
    r = roadmap(kb, "physiotherapist/nl-to-de-nw")
    soup = _soup(built_site, f"{lang}/roadmaps/{r.key}/index.html")
    assert soup.find(id="cost-time") and soup.find(id="timeline")
    svg = soup.select_one("figure.gr-timeline svg")
    assert svg is not None and svg.find("title").get_text() and svg.find("desc").get_text()
    dashed = [rect for rect in svg.find_all("rect") if rect.get("stroke-dasharray")]
    unknown = sum(getattr(s, k).status == "unknown" for s in r.steps for k in ("deadline", "duration"))
    assert len(dashed) == unknown + 1
    assert svg.get_text().count(kit.labels[lang]["tl_not_known"]) >= unknown
    assert soup.select_one("figure.gr-timeline figcaption")  # and a table with the same values follows


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_roadmap_head_jsonld_og_and_canonical(built_site: Path, kb: Project, lang: str) -> None:
    r = roadmap(kb, "physiotherapist/nl-to-de-nw")
    soup = _soup(built_site, f"{lang}/roadmaps/{r.key}/index.html")
    canonical = f"{SITE_URL}/{lang}/roadmaps/{r.key}/"
    assert soup.find("link", rel="canonical")["href"] == canonical
    ld = json.loads(soup.find("script", type="application/ld+json").string)
    assert ld["@context"] == "https://schema.org" and ld["url"] == canonical and ld["inLanguage"] == lang
    assert [p["name"] for p in ld["provider"]] == list(dict.fromkeys(s.authority.name for s in r.steps))
    assert ld["provider"][0]["name"].startswith("Bezirksregierung Münster")
    assert soup.find("meta", property="og:title")["content"] == soup.h1.get_text().rstrip("¶")
    assert soup.find("meta", property="og:url")["content"] == canonical
    hreflangs = {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate", hreflang=True)}
    assert hreflangs == {other: f"{SITE_URL}/{other}/roadmaps/{r.key}/" for other in LANGS}  # absolute, as required


@pytest.mark.slow
def test_root_sitemap_has_alternates_for_all_four_languages(built_site: Path, kb: Project) -> None:
    root = ET.parse(built_site / "sitemap.xml").getroot()
    urls = {u.findtext(f"{{{sitemap.SITEMAP_NS}}}loc"): u for u in root}
    for r in kb.roadmaps:
        for lang in LANGS:
            url = urls[f"{SITE_URL}/{lang}/roadmaps/{r.key}/"]
            links = {x.get("hreflang"): x.get("href") for x in url.findall(f"{{{sitemap.XHTML_NS}}}link")}
            assert links == {code: f"{SITE_URL}/{code}/roadmaps/{r.key}/" for code in LANGS}
    assert f"{SITE_URL}/en/professions/physiotherapist/" in urls
    assert (built_site / "robots.txt").read_text().endswith(f"Sitemap: {SITE_URL}/sitemap.xml\n")


@pytest.mark.slow
def test_offline_zip_is_complete_and_loads_nothing_from_elsewhere(built_site: Path) -> None:
    with zipfile.ZipFile(built_site / paths.ZIP) as archive:
        names = archive.namelist()
        assert names == sorted(names) and len({i.date_time for i in archive.infolist()}) == 1
        for lang in LANGS:
            assert f"grensroutes/{lang}/roadmaps/physiotherapist/nl-to-de-nw/index.html" in names
            assert f"grensroutes/{lang}/search/search_index.js" in names
            assert f"grensroutes/{lang}/{offline.SHIM}" in names
        assert "grensroutes/index.html" in names and "grensroutes/data/grensroutes.json" in names
        assert not any(n.endswith("404.html") for n in names)
        for name in (n for n in names if n.endswith(".html")):
            for tag, _attribute, url in scan(archive.read(name).decode("utf-8")).urls:
                if tag in ("script", "link", "img", "iframe"):
                    assert not url.startswith(("http:", "https:", "//")), (name, url)


@pytest.mark.slow
def test_about_page_links_the_offline_version(built_site: Path) -> None:
    for lang in LANGS:
        about = _soup(built_site, f"{lang}/about/index.html")
        assert any(a["href"] == "../data/#offline" for a in about.select("article a[href]"))
        data = _soup(built_site, f"{lang}/data/index.html")
        link = data.select_one("a[download]")
        assert (
            link is not None
            and (built_site / lang / "data" / link["href"]).resolve() == (built_site / paths.ZIP).resolve()
        )


@pytest.mark.slow
def test_profession_page_jsonld_lists_the_titles(built_site: Path, kb: Project) -> None:
    profession = kb.professions["care-worker"]
    soup = _soup(built_site, "fr/professions/care-worker/index.html")
    ld = json.loads(soup.find("script", type="application/ld+json").string)
    assert ld["@type"] == "Occupation" and ld["name"] == profession.name["fr"]
    assert {t["title"] for t in profession.titles} <= set(ld["alternateName"])
    assert ld["url"] == f"{SITE_URL}/fr/professions/care-worker/"
