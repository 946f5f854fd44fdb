"""The build scales — incremental MkDocs builds, dirty builds for serve, the search index budget, the
fast schema path, the navigation of large knowledge bases, and the benchmark's own helpers."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
import yaml

from bench import synthetic, weight
from generator.build import NAV_ROADMAPS_MAX, check, navigation
from generator.config import Settings, load_settings
from generator.load.documents import Document, load_file
from generator.model import paths
from generator.output import incremental, search_budget
from generator.validate import schema
from tests.conftest import EPOCH, kit_of

# ---- incremental MkDocs builds -----------------------------------------------------------------------------------


def _config(tmp_path: Path, name: str = "nl") -> Path:
    docs, site = tmp_path / "docs", tmp_path / "site-new" / name
    (docs / "roadmaps").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Home\n")
    (docs / "roadmaps" / "a.md").write_text("# A\n\nfirst\n")
    config = tmp_path / f"mkdocs.{name}.yml"
    config.write_text(yaml.safe_dump({"docs_dir": str(docs), "site_dir": str(site)}))
    return config


class FakeMkDocs:
    """Stands in for MkDocs: writes one HTML file per page and a search index, and counts its runs."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path, self.full, self.dirty = tmp_path, 0, 0

    def _write(self, out: Path, only_newer: bool) -> None:
        docs = self.tmp_path / "docs"
        entries = []
        for rel, _size, mtime in incremental.tree_stats(docs):
            target = out / paths.output_of(rel)
            if only_newer and target.exists() and target.stat().st_mtime_ns >= mtime:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text((docs / rel).read_text())  # in place, like MkDocs
            location = paths.output_of(rel).removesuffix("index.html")
            entries.append({"location": location, "title": rel, "text": (docs / rel).read_text()})
        (out / "search").mkdir(parents=True, exist_ok=True)
        (out / "search" / "search_index.json").write_text(json.dumps({"config": {}, "docs": entries}))

    def run(self) -> None:
        self.full += 1
        self._write(self.tmp_path / "site-new" / "nl", only_newer=False)

    def run_dirty(self, kept: Path) -> None:
        self.dirty += 1
        self._write(kept, only_newer=True)


def _touch_later(path: Path, text: str) -> None:
    path.write_text(text)
    later = time.time_ns() + 2_000_000_000
    os.utime(path, ns=(later, later))


def test_unchanged_inputs_reuse_the_kept_output(tmp_path: Path) -> None:
    _config(tmp_path)
    fake = FakeMkDocs(tmp_path)
    assert incremental.mkdocs(tmp_path, "nl", EPOCH, fake.run) == "built"
    first = (tmp_path / "site-new/nl/roadmaps/a/index.html").read_text()
    (tmp_path / "site-new").rename(tmp_path / "published")  # publish() moves the staged site away
    assert incremental.mkdocs(tmp_path, "nl", EPOCH, fake.run) == "reused"
    assert fake.full == 1
    assert (tmp_path / "site-new/nl/roadmaps/a/index.html").read_text() == first


def test_a_changed_page_or_config_builds_again(tmp_path: Path) -> None:
    config = _config(tmp_path)
    fake = FakeMkDocs(tmp_path)
    incremental.mkdocs(tmp_path, "nl", EPOCH, fake.run)
    _touch_later(tmp_path / "docs/roadmaps/a.md", "# A\n\nsecond\n")
    assert incremental.mkdocs(tmp_path, "nl", EPOCH, fake.run) == "built"
    config.write_text(config.read_text() + "extra: {x: 1}\n")
    assert incremental.mkdocs(tmp_path, "nl", EPOCH, fake.run) == "built"
    assert fake.full == 3
    assert "second" in (tmp_path / "site-new/nl/roadmaps/a/index.html").read_text()


def test_a_kept_output_changed_by_hand_is_not_reused(tmp_path: Path) -> None:
    _config(tmp_path)
    fake = FakeMkDocs(tmp_path)
    incremental.mkdocs(tmp_path, "nl", EPOCH, fake.run)
    _touch_later(tmp_path / ".." / tmp_path.name / incremental.CACHE / "nl" / "index.html", "tampered")
    assert incremental.mkdocs(tmp_path, "nl", EPOCH, fake.run) == "built"
    assert fake.full == 2


def test_dirty_build_rebuilds_only_changed_pages_and_merges_the_search_index(tmp_path: Path) -> None:
    _config(tmp_path)
    fake = FakeMkDocs(tmp_path)
    incremental.mkdocs(tmp_path, "nl", EPOCH, fake.run, fake.run_dirty)
    published = tmp_path / "published"
    (tmp_path / "site-new").rename(published)
    _touch_later(tmp_path / "docs/roadmaps/a.md", "# A\n\nedited\n")
    assert incremental.mkdocs(tmp_path, "nl", EPOCH, fake.run, fake.run_dirty) == "dirty"
    assert (fake.full, fake.dirty) == (1, 1)
    site = tmp_path / "site-new/nl"
    assert "edited" in (site / "roadmaps/a/index.html").read_text()
    # the published site shared inodes with the kept output: it must not have changed under the server's feet
    assert "first" in (published / "nl/roadmaps/a/index.html").read_text()
    index = json.loads((site / "search/search_index.json").read_text())
    assert sorted(d["location"] for d in index["docs"]) == ["", "roadmaps/a/"]  # the unchanged page kept its entry
    assert "edited" in json.dumps(index)


def test_a_new_page_is_no_dirty_build(tmp_path: Path) -> None:
    _config(tmp_path)
    fake = FakeMkDocs(tmp_path)
    incremental.mkdocs(tmp_path, "nl", EPOCH, fake.run, fake.run_dirty)
    _touch_later(tmp_path / "docs/roadmaps/b.md", "# B\n")
    assert incremental.mkdocs(tmp_path, "nl", EPOCH, fake.run, fake.run_dirty) == "built"
    assert (fake.full, fake.dirty) == (2, 0)


@pytest.mark.parametrize(
    ("docs", "site"),
    [
        ("index.md", "index.html"),
        ("about.md", "about/index.html"),
        ("guide/x/index.md", "guide/x/index.html"),
        ("assets/a.css", "assets/a.css"),
        ("factsheets/a.pdf", "factsheets/a.pdf"),
    ],
)
def test_output_of(docs: str, site: str) -> None:
    assert paths.output_of(docs) == site


# ---- search index budget -----------------------------------------------------------------------------------------


def _entry(location: str, words: int) -> dict[str, str]:
    return {"location": location, "title": f"Title of {location}", "text": "<p>" + " ".join(["woord"] * words) + "</p>"}


def test_search_index_is_trimmed_to_the_budget_per_page(tmp_path: Path) -> None:
    catalogue = _entry("catalogue/nurse/", 1000)  # the other names: never trimmed
    titles = _entry("catalogue/nurse/#names", 1000)  # every title: never trimmed
    docs = [
        _entry("roadmaps/a/", 3000),
        *(_entry(f"roadmaps/a/#s{i}", 500) for i in range(30)),
        _entry("guide/", 5),
        catalogue,
        titles,
        _entry("catalogue/nurse/#who-decides", 1000),  # tables and sources: trimmed
        _entry("catalogue/nurse/#sources", 1000),
    ]
    (tmp_path / "search").mkdir()
    index = tmp_path / search_budget.INDEX
    index.write_text(json.dumps({"config": {"lang": ["nl"]}, "docs": docs}))
    before, after = search_budget.trim(tmp_path)
    assert before > 20 * search_budget.PAGE_BUDGET  # the deliberate violation
    kept = json.loads(index.read_text())["docs"]
    per_page: dict[str, int] = {}
    for entry in kept:
        page = entry["location"].split("#")[0]
        per_page[page] = per_page.get(page, 0) + len(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
    assert set(per_page) == {"roadmaps/a/", "guide/", "catalogue/nurse/"}  # every page keeps an entry
    assert max(v for k, v in per_page.items() if k != "catalogue/nurse/") <= search_budget.PAGE_BUDGET
    whole = [e for e in kept if e["location"] in ("catalogue/nurse/", "catalogue/nurse/#names")]
    assert [e["text"].split().count("woord") for e in whole] == [1000, 1000]
    cut = [e for e in kept if e["location"].startswith("catalogue/nurse/#") and e not in whole]
    assert all(e["text"].split().count("woord") < 100 for e in cut)  # the rest of the page: what fits, if anything
    assert kept[0]["title"] == "Title of roadmaps/a/" and "<p>" not in kept[0]["text"]
    assert after < 2 * search_budget.PAGE_BUDGET + 2 * len(json.dumps(catalogue))
    assert search_budget.trim(tmp_path) == (after, after)  # idempotent


def test_search_cut_keeps_entities_whole() -> None:
    text = "Kosten " + "&amp; " * 50
    cut = search_budget._cut(text, 40)
    assert len(cut) <= 40 and not cut.rstrip(" …").endswith(("&", "&amp", "&am"))


# ---- fast schema path -------------------------------------------------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures"
SCHEMAS = {"catalogue": "catalogue.schema.json", "registry": "registry.schema.json", "roadmap": "roadmap.schema.json"}


def _fixture_documents() -> list[tuple[str, object, str]]:
    """Every YAML mapping among the fixtures, valid and invalid, with the schema it is checked against."""
    found = []
    for path in sorted(FIXTURES.rglob("*.yaml")):
        doc, _problems = load_file(path, FIXTURES)  # files that do not even load never reach the schema
        if doc is not None:
            kind = "catalogue" if "catalogue" in doc.data else "registry" if "registry" in doc.data else "roadmap"
            found.append((doc.path, doc.data, SCHEMAS[kind]))
    return found


def test_fast_schema_path_agrees_with_jsonschema(settings: Settings) -> None:
    """jsonschema-rs lets a document through only where jsonschema finds no error at all, on every fixture (the
    invalid ones included) and on the real knowledge base; disagreement would hide an error or invent one."""
    documents = _fixture_documents()
    documents += [
        (p.as_posix(), yaml.safe_load(p.read_text(encoding="utf-8")), "roadmap.schema.json")
        for p in sorted(settings.roadmaps_dir.glob("*/*-to-*.yaml"))
    ]
    assert len(documents) > 40
    rejected = 0
    for name, data, schema_name in documents:
        slow = not list(schema.validator(settings.schemas_dir, schema_name).iter_errors(data))
        assert schema.is_valid(settings.schemas_dir, schema_name, data) == slow, name
        rejected += not slow
    assert rejected >= 10  # the comparison saw invalid documents, not only valid ones


def test_a_rejected_document_still_gets_located_diagnostics(settings: Settings) -> None:
    data = yaml.safe_load((settings.roadmaps_dir / "registry/jurisdictions.yaml").read_text())
    doc = Document("roadmaps/registry/jurisdictions.yaml", data)
    assert list(schema.check(doc, "registry.schema.json", settings.schemas_dir)) == []
    broken = Document(doc.path, {**data, "entries": "not a list"})
    found = list(schema.check(broken, "registry.schema.json", settings.schemas_dir))
    assert [d.code for d in found] == ["wrong-type"]


# ---- navigation ----------------------------------------------------------------------------------------------------


def _nav_pages(nav: object) -> list[str]:
    if isinstance(nav, dict):
        return [p for v in nav.values() for p in _nav_pages(v)]
    if isinstance(nav, list):
        return [p for v in nav for p in _nav_pages(v)]
    return [str(nav)]


def test_large_knowledge_bases_list_only_the_roadmap_index_in_the_nav(tmp_path: Path, settings: Settings) -> None:
    small = check(settings)
    assert small.project is not None
    nav = navigation(small.project, kit_of(settings).language("nl", small.project))
    assert sum(p.startswith("roadmaps/") for p in _nav_pages(nav)) == len(small.project.roadmaps) + 1  # and the index

    root = tmp_path / "big"
    synthetic.make_project(root, NAV_ROADMAPS_MAX + 10)
    big_settings, _ = load_settings(root)
    assert big_settings is not None
    big = check(big_settings)
    assert big.ok and big.project is not None, [str(d) for d in big.diagnostics[:5]]
    assert len(big.project.roadmaps) == NAV_ROADMAPS_MAX + 10
    big_kit = kit_of(big_settings)
    for lang in big_settings.languages:
        nav = navigation(big.project, big_kit.language(lang, big.project))
        assert [p for p in _nav_pages(nav) if p.startswith("roadmaps/")] == ["roadmaps/index.md"]


# ---- the benchmark's helpers ---------------------------------------------------------------------------------------


def test_synthetic_clones_keep_the_real_roadmaps(tmp_path: Path) -> None:
    counts = synthetic.make_project(tmp_path / "p", 50)
    assert counts == {"roadmaps": 50, "real": 35, "synthetic_professions": 3}  # 7 + 7 + 1 clones
    clones = sorted((tmp_path / "p/roadmaps").glob("*-bench-1/*.yaml"))
    assert len(clones) == 15
    assert synthetic.source_of("care-worker-bench-12/nl-to-be-fl") == "care-worker/nl-to-be-fl"


def test_weight_counts_html_css_and_js_once_per_page(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "nl/search").mkdir(parents=True)
    (site / "nl/assets").mkdir()
    (site / "nl/assets/a.css").write_text("body { color: red; }" * 50)
    (site / "nl/assets/b.js").write_text("console.log(1);" * 50)
    page = '<link rel="stylesheet" href="{p}assets/a.css"><script src="{p}assets/b.js"></script><p>hallo</p>'
    (site / "nl/index.html").write_text(page.format(p=""))
    (site / "nl/roadmaps/x/y").mkdir(parents=True)
    (site / "nl/roadmaps/x/y/index.html").write_text(page.format(p="../../../"))
    (site / "nl/search/search_index.json").write_text(json.dumps({"docs": [{"location": "", "text": "x"}]}))
    report = weight.measure(site)
    home, roadmap = report["kinds"]["home"], report["kinds"]["roadmap"]
    assert home["css"] == weight.gz(site / "nl/assets/a.css") and home["js"] == weight.gz(site / "nl/assets/b.js")
    assert roadmap["max_total"] == roadmap["css"] + roadmap["js"] + weight.gz(site / "nl/roadmaps/x/y/index.html")
    assert report["search"]["nl"]["pages"] == 2 and report["web_fonts"] == []
    (site / "nl/assets/font.woff2").write_bytes(b"x")
    assert weight.web_fonts(site) == ["nl/assets/font.woff2"]  # a web font is reported


def test_the_benchmark_harness_runs(tmp_path: Path) -> None:
    """The --quick smoke run of bench/run.py (validation and render at 21 roadmaps, each in its own process)."""
    from bench import run

    output = tmp_path / "result.json"
    assert run.main(["--quick", "--sizes", "21", "--output", str(output)]) == 0
    report = json.loads(output.read_text())
    names = [m["name"] for m in report["measures"]]
    assert names == [
        "validate, cold (no parse cache)",
        "validate, warm (parse cache filled)",
        "render (Markdown, 4 languages)",
    ]
    assert all(m["median_s"] > 0 and m["peak_rss_mb"] > 10 for m in report["measures"])
    assert report["machine"]["nproc"] == os.cpu_count()
    assert report["sizes"]["21"]["pages"]["nl"] > 21
