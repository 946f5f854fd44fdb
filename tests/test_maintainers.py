"""The maintainers' workflow: `roadmaps new`, open items, the report, the Atom feed, the 'report an
error' link, the field reference generated from the schemas and the rule catalogue in CONTRIBUTING.md."""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
import shutil
import uuid
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from click.testing import CliRunner

from generator import cli
from generator.build import Result, build_epoch, check, schema_references
from generator.config import Settings, load_settings
from generator.load.schemas import read_schemas
from generator.model.entities import Project
from generator.render import feed, feedback, maintainers
from generator.render import schema_reference as schemaref
from generator.render.language import Kit
from generator.render.roadmap import roadmap_page
from generator.resolve import maintenance
from generator.rules import RULES
from generator.tools import rule_docs as docs
from generator.validate import open_items
from tests.conftest import FIXTURES, ROOT, kit_of

ATOM = "{http://www.w3.org/2005/Atom}"
LANGS = ("nl", "de", "fr", "en")


def settings_of(root: Path) -> Settings:
    loaded, diagnostics = load_settings(root)
    assert loaded is not None, diagnostics
    return loaded


def run(*args: str) -> object:
    return CliRunner().invoke(cli.main, list(args))


# ---- roadmaps new ----------------------------------------------------------------------------------------------


def test_new_validates_apart_from_its_open_items(project: Path) -> None:
    result = run("new", "physiotherapist", "be", "de-nw", "--root", str(project))
    assert result.exit_code == 0, result.output
    path = project / "roadmaps/physiotherapist/be-to-de-nw.yaml"
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schemas/roadmap.schema.json\n"
    )
    found = check(settings_of(project)).diagnostics
    assert found and {(d.code, d.severity.value, d.path) for d in found} == {
        ("open-item", "warning", "roadmaps/physiotherapist/be-to-de-nw.yaml")
    }
    assert f"with {len(found)} open items" in result.output
    assert run("validate", "--root", str(project), "-q").exit_code == 0
    assert run("validate", "--root", str(project), "--strict", "-q").exit_code == 1  # CI refuses open items


def test_new_writes_every_section_and_honest_unknowns(project: Path) -> None:
    assert run("new", "care-worker", "DE", "BE-FL", "--root", str(project)).exit_code == 0
    data = yaml.safe_load((project / "roadmaps/care-worker/de-to-be-fl.yaml").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "schemas/roadmap.schema.json").read_text(encoding="utf-8"))
    assert list(schema["properties"]) == list(data)  # every section, in the schema's order
    step = data["steps"][0]
    assert {step[k]["status"] for k in ("fee", "deadline", "duration")} == {"unknown"}
    assert step["fee"]["ask"] == step["authority"]
    assert open_items.marked_languages(step["title"]) == list(LANGS)
    assert data["sources"][0]["title"] == open_items.MARKER["en"]


def test_new_output_renders_in_every_language(project: Path, kit: Kit) -> None:
    assert run("new", "physiotherapist", "BE", "DE-NW", "--root", str(project)).exit_code == 0
    result = check(settings_of(project))
    assert result.project is not None
    roadmap = next(r for r in result.project.roadmaps if r.key == "physiotherapist/be-to-de-nw")
    for lang in LANGS:
        page = roadmap_page(roadmap, kit.language(lang, result.project), result.project)
        assert open_items.MARKER[lang].replace(".", "\\.") in page.markdown or open_items.MARKER[lang] in page.markdown


def test_new_never_overwrites(project: Path) -> None:
    path = project / "roadmaps/physiotherapist/nl-to-de-nw.yaml"
    before = path.read_bytes()
    result = run("new", "physiotherapist", "NL", "DE-NW", "--root", str(project))
    assert result.exit_code == 2
    assert "already exists" in result.output and path.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["astronaut", "BE", "DE-NW"],
            "unknown profession 'astronaut'; known: care-worker, early-childhood-educator, nurse, physiotherapist, "
            "secondary-teacher",
        ),
        (["physiotherapist", "XX", "DE-NW"], "unknown origin 'XX'"),
        (["physiotherapist", "BE", "DE"], "unknown destination 'DE': give a jurisdiction that decides on recognition"),
        (["physiotherapist", "DE", "DE-NW"], "DE → DE-NW does not cross a border"),
        (["physiotherapist", "BE", "DE-NW", "--authority", "nope"], "unknown authority 'nope'"),
    ],
)
def test_new_refuses_unknown_names(project: Path, args: list[str], message: str) -> None:
    result = run("new", *args, "--root", str(project))
    assert result.exit_code == 2
    assert message in result.output
    assert not (project / "roadmaps/physiotherapist/be-to-de-nw.yaml").exists()


def test_open_items_gate_catches_a_placeholder() -> None:
    path = str(FIXTURES / "invalid/open-item")
    assert run("validate", "--root", str(ROOT), path).exit_code == 0
    strict = run("validate", "--root", str(ROOT), "--strict", path)
    assert strict.exit_code == 1 and "warning[open-item]" in strict.output
    assert not any(word in " ".join(open_items.MARKER.values()).upper() for word in ("TODO", "TBD", "FIXME"))


# ---- the report --------------------------------------------------------------------------------------------------


def _report_project(project: Path) -> Settings:
    """Registries and settings of the real project; as roadmaps only the frozen valid fixture (one French text
    still to be written) and a new route written by `roadmaps new`, so the expected matrix never follows the data."""
    for folder in (project / "roadmaps").iterdir():
        if folder.is_dir() and folder.name not in ("registry", "catalogue", "guide"):
            shutil.rmtree(folder)
    target = project / "roadmaps/physiotherapist/nl-to-de-nw.yaml"
    target.parent.mkdir()
    text = (FIXTURES / "valid/physiotherapist/nl-to-de-nw.yaml").read_text(encoding="utf-8")
    target.write_text(
        text.replace("      fr: Faire constater l'équivalence\n", "      fr: À rédiger.\n"), encoding="utf-8"
    )
    assert run("new", "care-worker", "BE", "DE-NW", "--root", str(project)).exit_code == 0
    return settings_of(project)


def test_report_matrix_matches_fixture(project: Path) -> None:
    settings = _report_project(project)
    result = check(settings, coverage=False)
    assert result.project is not None, result.diagnostics
    rows = maintenance.coverage(result.project, settings)
    expected = (FIXTURES / "report/matrix.txt").read_text(encoding="utf-8").rstrip("\n")
    assert maintenance.matrix_text(rows, settings.languages) == expected


def test_report_cli_text_and_json(project: Path) -> None:
    _report_project(project)
    text = run("report", "--root", str(project), "--today", "2026-12-01")
    assert text.exit_code == 0, text.output
    assert "Maintenance report as of 2026-12-01" in text.stdout
    assert "care-worker/be-to-de-nw  nl 18  de 18  fr 18  en 18" in text.stdout
    assert "physiotherapist/nl-to-de-nw  nl 0  de 0  fr 1  en 0" in text.stdout
    data = json.loads(run("report", "--root", str(project), "--format", "json", "--today", "2026-12-01").stdout)
    row = next(r for r in data["coverage"] if r["key"] == "secondary-teacher/nl-to-be-fl")
    assert {lang: cell["status"] for lang, cell in row["cells"].items()} == dict.fromkeys(LANGS, "missing")
    row = next(r for r in data["coverage"] if r["key"] == "physiotherapist/nl-to-de-nw")
    assert row["cells"]["fr"] == {"status": "incomplete", "translated": 31, "texts": 32, "open_items": 1}
    assert any(i["roadmap"] == "care-worker/be-to-de-nw" and i["pointer"] == "$.steps[0].fee" for i in data["unknown"])
    assert any(c["id"] == "nrw-gesundheitsamt" and "website" in c["missing"] for c in data["contacts"])


def test_report_refuses_an_invalid_knowledge_base(project: Path) -> None:
    roadmap = project / "roadmaps/physiotherapist/nl-to-de-nw.yaml"
    roadmap.write_text(roadmap.read_text(encoding="utf-8").replace("confidence: high", "confidence: sure", 1))
    result = run("report", "--root", str(project))
    assert result.exit_code == 1 and "invalid-value" in result.output


def test_review_dates(settings: Settings) -> None:
    assert maintenance.review_due("2026-11", 12) == dt.date(2027, 11, 1)
    assert maintenance.review_due("2024-02-29", 12) == dt.date(2025, 2, 28)
    result = check(settings, coverage=False)
    assert result.project is not None
    oldest = min(f.checked for r in result.project.roadmaps for f in r.facts if f.checked)
    due = maintenance.review_due(oldest, settings.review_months)
    before = maintenance.build_report(result.project, settings, due - dt.timedelta(days=1))
    on_the_day = maintenance.build_report(result.project, settings, due)
    assert not [i for i in before.overdue if i.checked == oldest]
    assert [i for i in on_the_day.overdue if i.checked == oldest]
    shorter = maintenance.build_report(result.project, replace(settings, review_months=1), due - dt.timedelta(days=1))
    assert len(shorter.overdue) > len(before.overdue)


def test_report_lists_unknown_and_low_confidence(settings: Settings) -> None:
    result = check(settings, coverage=False)
    assert result.project is not None
    data = maintenance.build_report(result.project, settings, dt.date(2026, 12, 1))
    assert maintenance.Item("physiotherapist/nl-to-de-nw", "$.steps[0].fee", "2026-11", ask="bezreg-muenster-zag") in (
        data.unknown
    )
    lows = {(i.roadmap, i.pointer) for i in data.low_confidence}
    assert lows == {(r.key, f.pointer) for r in result.project.roadmaps for f in r.low_confidence}


# ---- the Atom feed -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real(real_project: Project) -> Project:
    return real_project


@pytest.mark.parametrize("lang", LANGS)
def test_feed_is_atom_with_every_change(real, settings: Settings, kit: Kit, lang: str) -> None:  # type: ignore[no-untyped-def]
    text = feed.atom(real, settings, lang, kit.labels[lang])
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{ATOM}feed" and root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    entries = root.findall(f"{ATOM}entry")
    changes = [(r.key, c) for r in real.roadmaps for c in r.data["changes"]]
    assert len(entries) == len(changes)
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids) and ids == [e.id for e in feed.entries(real, settings, lang)]
    assert feed.atom_id(settings, "roadmaps/physiotherapist/nl-to-de-nw/changes/2026-11-27") in ids
    newest = max(c["date"] for _, c in changes)
    assert root.findtext(f"{ATOM}updated") == f"{newest}T00:00:00Z"
    dates = [e.findtext(f"{ATOM}updated") for e in entries]
    assert dates == sorted(dates, reverse=True)
    summaries = {e.findtext(f"{ATOM}summary") for e in entries}
    assert {c["text"][lang] for _, c in changes} == summaries
    for entry in entries:  # every element Atom requires
        assert entry.findtext(f"{ATOM}title") and entry.find(f"{ATOM}link").get("href")  # type: ignore[union-attr]
    assert feed.atom(real, settings, lang, kit.labels[lang]) == text  # deterministic


def test_feed_ids_stay_unique_for_two_changes_on_one_day(real, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    roadmap = real.roadmaps[0]
    first = roadmap.changes[:1]  # one change, published twice on the same day
    project = replace(real, roadmaps=(replace(roadmap, changes=first * 2),))
    entries = feed.entries(project, settings, "en")
    day = first[0].date
    assert len({e.id for e in entries}) == 2 and {e.name.rsplit("/", 1)[1] for e in entries} == {day, f"{day}-2"}


@pytest.mark.parametrize(
    ("site_url", "feed_id", "entry_id"),
    [
        ("https://example.org", "tag:example.org,2026:feed/de", "tag:example.org,2026:roadmaps/a/b/changes/2026-11-27"),
        (
            "https://someone.github.io/grensroutes",
            "tag:someone.github.io,2026:grensroutes/feed/de",
            "tag:someone.github.io,2026:grensroutes/roadmaps/a/b/changes/2026-11-27",
        ),
    ],
)
def test_feed_ids_are_tag_uris_on_the_site_address(settings: Settings, site_url: str, feed_id: str, entry_id: str) -> None:
    configured = replace(settings, site_url=site_url)
    assert feed.atom_id(configured, "feed/de") == feed_id
    assert feed.atom_id(configured, "roadmaps/a/b/changes/2026-11-27") == entry_id


def test_feed_ids_without_an_address_are_stable_uuid_urns(settings: Settings) -> None:
    """No domain is known to be held, so no tag URI: a name-based UUID, the same in every build, distinct per name."""
    plain = replace(settings, site_url="")
    first = feed.atom_id(plain, "roadmaps/a/b/changes/2026-11-27")
    assert first == feed.atom_id(plain, "roadmaps/a/b/changes/2026-11-27")
    assert first != feed.atom_id(plain, "roadmaps/a/b/changes/2026-11-28")
    assert uuid.UUID(first.removeprefix("urn:uuid:")).version == 5 and first.startswith("urn:uuid:")
    assert "grensroutes.eu" not in feed.atom_id(plain, "feed/en")


# ---- report an error -------------------------------------------------------------------------------------------


def test_report_error_link_names_roadmap_language_and_version(real, settings: Settings, kit: Kit) -> None:  # type: ignore[no-untyped-def]
    assert settings.repository == "https://github.com/grensroutes/grensroutes"
    roadmap = next(r for r in real.roadmaps if r.key == "physiotherapist/nl-to-de-nw")
    url = feedback.issue_url(settings, roadmap, kit.labels["fr"], "fr")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/grensroutes/grensroutes/issues/new")
    assert " " not in url and "\n" not in url and "+" not in parts.query
    query = parse_qs(parts.query)
    assert query["title"] == ["Erreur dans la feuille de route physiotherapist/nl-to-de-nw (fr)"]
    body = query["body"][0]
    assert "physiotherapist/nl-to-de-nw" in body and "Langue : fr" in body and roadmap.version in body
    assert "/fr/roadmaps/physiotherapist/nl-to-de-nw/" in body
    assert feedback.issue_url(replace(settings, repository=""), roadmap, kit.labels["fr"], "fr") == ""
    page = roadmap_page(roadmap, kit.language("fr", real), real, url)
    assert "Signaler une erreur sur cette page" in page.markdown and "](" + url.replace("(", "%28") in page.markdown


# ---- field reference from the schemas --------------------------------------------------------------------------


def test_every_schema_property_has_a_description() -> None:
    schemas = read_schemas(ROOT / "schemas")
    for name, schema in schemas.items():
        assert list(schemaref.undocumented(schema, "$", name, schemas)) == [], name


def test_description_gate_catches_a_missing_description() -> None:
    schema = {
        "properties": {
            "a": {"type": "string", "description": "A."},
            "b": {"type": "object", "properties": {"c": {}, "d": {"$ref": "#/$defs/x"}, "e": {"$ref": "#/$defs/y"}}},
        },
        "$defs": {"x": {"description": "An x."}, "y": {"type": "string"}},
    }
    found = list(schemaref.undocumented(schema, "$", "t.schema.json", {"t.schema.json": schema}))
    assert found == ["$.properties.b", "$.properties.b.properties.c", "$.properties.b.properties.e"]


def _rows(ref: schemaref.Reference, section: str = "") -> dict[str, schemaref.Field]:
    return {f.path: f for s in ref.sections if s.name == section for f in s.fields}


def test_roadmap_reference_has_every_field_with_real_examples(settings: Settings, real_result: Result) -> None:
    assert real_result.inputs is not None
    refs = {r.stem: r for r in schema_references(settings, real_result.inputs)}
    rows = _rows(refs["roadmap"])
    schema = json.loads((ROOT / "schemas/roadmap.schema.json").read_text(encoding="utf-8"))
    assert set(schema["properties"]) <= set(rows)
    assert set(schema["properties"]["steps"]["items"]["properties"]) == {
        p.removeprefix("steps[].") for p in rows if p.startswith("steps[].")
    }
    assert (rows["origin"].example, rows["destination"].example, rows["steps[].id"].example) == (
        "NL",
        "DE-NW",
        "equivalence",
    )
    assert rows["steps"].required == "yes" and rows["costs"].required == "no"
    assert (
        rows["language.level.value"].required
        == "when status = known; not allowed when status = none or status = unknown"
    )
    assert "[amount](schema-common.md#def-amount)" in rows["steps[].fee"].type
    amount = _rows(refs["common"], "amount")
    assert amount["min"].example == "60"  # step 2 of physiotherapist/nl-to-de-nw, the first known fee
    assert amount["min"].description == "The amount, or the lowest amount of a range."


@pytest.mark.parametrize("lang", LANGS)
def test_reference_pages_are_english_inside_translated_labels(  # type: ignore[no-untyped-def]
    real, real_result: Result, settings: Settings, lang: str
) -> None:
    assert real_result.inputs is not None
    kit = kit_of(settings, build_epoch(real))  # the report is as of the build's date, as in a build
    refs = schema_references(settings, real_result.inputs)
    pages = {p.path: p.markdown for p in maintainers.pages(real, kit.language(lang, real), refs)}
    page = pages["maintainers/schema-roadmap.md"]
    assert kit.labels[lang]["mt_english_only"].split()[0] in page
    assert '<div lang="en" class="gr-schema" markdown>' in page and "| `steps[].fee` |" in page
    assert {"maintainers/index.md", "maintainers/report.md", "feed.xml"} <= set(pages)


# ---- the rule catalogue in CONTRIBUTING.md ---------------------------------------------------------------------


def test_rule_catalogue_is_up_to_date() -> None:
    assert docs.update(ROOT, check_only=True), "CONTRIBUTING.md's rule catalogue is out of date: run `roadmaps docs`"


def test_stale_catalogue_is_caught(tmp_path: Path) -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    (tmp_path / "CONTRIBUTING.md").write_text(re.sub(r"\n\| `unused-source` .*", "", text), encoding="utf-8")
    assert run("docs", "--check", "--root", str(tmp_path)).exit_code == 1
    assert run("docs", "--root", str(tmp_path)).exit_code == 0
    assert "| `unused-source` | warning |" in (tmp_path / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert run("docs", "--check", "--root", str(tmp_path)).exit_code == 0


def _codes_passed_to_reporters() -> dict[str, set[str]]:
    """Rule id → the severities the generator's code reports it with ('error', 'warning'), in every stage package."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(getattr(node, "func", None), "id", "") if isinstance(node, ast.Call) else ""
            if name in ("error", "warning") and len(node.args) > 2 and isinstance(node.args[2], ast.Constant):  # type: ignore[attr-defined]
                found.setdefault(node.args[2].value, set()).add(name)  # type: ignore[attr-defined]
    return found


def test_catalogue_matches_the_rule_ids_used_in_the_code() -> None:
    block = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").split(docs.BEGIN)[1].split(docs.END)[0]
    listed = re.findall(r"^\| `([a-z-]+)` \|", block, flags=re.MULTILINE)
    assert listed == list(RULES)
    reported = _codes_passed_to_reporters()
    assert set(reported) <= set(RULES)
    assert docs.mentioned() == set(RULES), "a rule in generator/rules.py that no code reports"
    assert reported["open-item"] == {"warning"} and reported["unknown-authority"] == {"error"}
    assert {code: {RULES[code].severity.value} for code in reported} == reported  # as declared in the rule table


# ---- in the built site -----------------------------------------------------------------------------------------


def _soup(path: Path):  # type: ignore[no-untyped-def]
    from bs4 import BeautifulSoup

    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_built_site_has_feed_link_report_link_and_maintainer_pages(built_site: Path, kit: Kit, lang: str) -> None:
    site = built_site / lang
    ET.fromstring((site / "feed.xml").read_bytes())  # well-formed XML
    page = site / "roadmaps/physiotherapist/nl-to-de-nw/index.html"
    soup = _soup(page)
    atom = soup.find("link", attrs={"type": "application/atom+xml"})
    assert atom is not None and (page.parent / atom["href"]).resolve() == (site / "feed.xml").resolve()
    report_link = soup.select_one("a.gr-report-error")
    assert report_link is not None and report_link.get_text() == kit.labels[lang]["mt_error_link"]
    query = parse_qs(urlsplit(report_link["href"]).query)
    assert f"physiotherapist/nl-to-de-nw ({lang})" in query["title"][0]
    changes = soup.find(id="changes")
    assert changes is not None and changes.find_next("ul").get_text(strip=True)  # "What changed" is on the page
    about = _soup(site / "about/index.html")
    assert any(a["href"].endswith("feed.xml") for a in about.select("article a[href]"))
    for sub in ("maintainers", "maintainers/report", "maintainers/schema-roadmap", "maintainers/schema-common"):
        assert (site / sub / "index.html").exists(), sub
    nav = _soup(site / "index.html").select_one("nav.md-nav--primary")
    assert nav is not None and kit.labels[lang]["mt_nav"] in nav.get_text()


@pytest.mark.parametrize("command", ["new", "diff", "report", "docs"])
def test_maintainer_commands_have_help(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output and "Exit code" in " ".join(result.output.split())
