"""The maintainers' pages of the site (maintainers/…) and the news feed, in every language.

`pages()` is the one entry point the build calls; `nav()` is the navigation section.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from generator.config import Settings
from generator.model import paths
from generator.model.entities import Project
from generator.render import feed
from generator.render import formatting as fmt
from generator.render import schema_reference as schemaref
from generator.render.language import Language, Page
from generator.resolve import maintenance

FOLDER = "maintainers"


def nav(lang_labels: dict[str, str]) -> dict[str, list[str]]:
    return {lang_labels["mt_nav"]: [f"{FOLDER}/index.md", f"{FOLDER}/report.md"]}


def contributing_url(settings: Settings) -> str:
    return f"{settings.repository.rstrip('/')}/blob/main/CONTRIBUTING.md" if settings.repository else ""


# ---- report tables -------------------------------------------------------------------------------------------


def _link(key: str) -> Markup:
    return Markup(f"[{fmt.md_escape(key)}](../{paths.roadmap_page(key)})")


def _mark(cell: maintenance.Cell) -> str:
    return f"{maintenance.percent(cell)} %" if cell.status == "incomplete" else maintenance.SYMBOLS[cell.status]


def _where(item: maintenance.Item, L: Language) -> tuple[Any, str]:
    if item.roadmap.startswith("registry/"):
        name = item.roadmap.removeprefix("registry/")
        return L.label("mt_registry", name=name), f"{L.labels['source']} {item.pointer.removeprefix('sources.')}"
    return _link(item.roadmap), L.where(item.pointer)


def report_tables(data: maintenance.Report, project: Project, L: Language) -> dict[str, tuple[list[Any], list[Any]]]:
    langs = list(data.languages)
    names = {p: (project.professions[p].name[L.lang] if p in project.professions else p) for p in project.professions}
    coverage = [
        [names.get(r.profession, r.profession), f"{r.origin} → {r.destination}", *(_mark(r.cells[x]) for x in langs)]
        for r in data.coverage
    ]
    present = [r for r in data.coverage if r.cells[langs[0]].status != "missing"]
    translations = [
        [
            _link(r.key),
            *(f"{r.cells[x].translated}/{r.cells[x].texts}" for x in langs),
            sum(c.open_items for c in r.cells.values()),
        ]
        for r in present
    ]

    def ask(item: maintenance.Item) -> Any:
        known = item.ask in project.authorities
        return L.authority(project.authorities[item.ask], translate=False) if known else item.ask

    return {
        "coverage": ([L.labels["mt_profession"], L.labels["mt_route"], *langs], coverage),
        "translations": ([L.labels["mt_roadmap"], *langs, L.labels["mt_open_items"]], translations),
        "overdue": (
            [L.labels["mt_roadmap"], L.labels["mt_where"], L.labels["mt_checked"], L.labels["mt_due"]],
            [[*_where(i, L), L.date(i.checked), L.date(i.due)] for i in data.overdue],
        ),
        "unknown": (
            [L.labels["mt_roadmap"], L.labels["mt_where"], L.labels["mt_ask"]],
            [[*_where(i, L), ask(i)] for i in data.unknown],
        ),
        "low": (
            [L.labels["mt_roadmap"], L.labels["mt_where"], L.labels["mt_checked"]],
            [[*_where(i, L), L.date(i.checked)] for i in data.low_confidence],
        ),
        "contacts": (
            [L.labels["mt_office"], L.labels["mt_used_by"], L.labels["mt_missing"]],
            [[f"{c.name} ({c.id})", str(c.used_by), ", ".join(L.labels[m] for m in c.missing)] for c in data.contacts],
        ),
    }


def report_page(project: Project, settings: Settings, L: Language) -> Page:
    data = maintenance.build_report(project, settings, L.kit.built)
    sections = [
        ("overdue", L.labels["mt_overdue"], L.label("mt_overdue_intro", months=settings.review_months)),
        ("unknown", L.labels["mt_unknown"], L.labels["mt_unknown_intro"]),
        ("low", L.labels["mt_low"], ""),
        ("contacts", L.labels["mt_contacts"], L.labels["mt_contacts_intro"]),
    ]
    markdown = L.render(
        "maintainers-report.md.j2", L=L, report=data, tables=report_tables(data, project, L), sections=sections
    )
    return Page(f"{FOLDER}/report.md", markdown)


# ---- field reference -----------------------------------------------------------------------------------------


def _rows(section: schemaref.Section) -> list[list[Any]]:
    return [[Markup(f"`{f.path}`"), Markup(f.type), f.required, f.description, f.example] for f in section.fields]


def schema_page(ref: schemaref.Reference, L: Language) -> Page:
    markdown = L.render("maintainers-schema.md.j2", L=L, ref=ref, rows=_rows)
    return Page(f"{FOLDER}/schema-{ref.stem}.md", markdown)


def pages(project: Project, L: Language, refs: tuple[schemaref.Reference, ...]) -> list[Page]:
    """The maintainers' index, the maintenance report, one reference page per schema, and the news feed."""
    settings, lang = L.kit.settings, L.lang
    index = L.render("maintainers-index.md.j2", L=L, references=refs, contributing_url=contributing_url(settings))
    return [
        Page(f"{FOLDER}/index.md", index),
        report_page(project, settings, L),
        *(schema_page(ref, L) for ref in refs),
        Page(paths.FEED_FILE, feed.atom(project, settings, lang, L.labels)),
    ]
