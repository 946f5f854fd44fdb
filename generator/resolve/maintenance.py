"""What maintainers should look at, computed from the resolved model: coverage, translations, facts due for review,
unknown and uncertain facts, authorities that cannot be reached, and the catalogue's gaps. Shown by `roadmaps report`
(text or JSON) and as a page of the site.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from generator.config import Settings
from generator.load.documents import walk
from generator.model import paths
from generator.model.entities import (
    Authority,
    CatalogueEntry,
    CatalogueProfession,
    Grensinfopunt,
    Project,
    Roadmap,
    Source,
)
from generator.validate import open_items
from generator.validate.documents import is_text

CONTACT_PARTS = ("website", "email", "phone", "address")
SYMBOLS = {"complete": "✓", "incomplete": "~", "missing": "–"}


@dataclass(frozen=True)
class Cell:
    status: str  # complete, incomplete or missing
    translated: int = 0  # texts in this language that are written (not a placeholder)
    texts: int = 0
    open_items: int = 0


@dataclass(frozen=True)
class Row:
    profession: str
    origin: str
    destination: str
    cells: dict[str, Cell]

    @property
    def key(self) -> str:
        return paths.roadmap_key(self.profession, self.origin, self.destination)


@dataclass(frozen=True)
class Item:
    """One fact or source to look at: where it is, and what about it."""

    roadmap: str  # roadmap key, or "registry/<kind>"
    pointer: str
    checked: str = ""
    ask: str = ""
    due: str = ""


@dataclass(frozen=True)
class Contact:
    kind: str  # authority or grensinfopunt
    id: str
    name: str
    missing: tuple[str, ...]
    used_by: int


@dataclass
class Report:
    today: str
    review_months: int
    languages: tuple[str, ...]
    coverage: list[Row] = field(default_factory=list)
    overdue: list[Item] = field(default_factory=list)
    unknown: list[Item] = field(default_factory=list)
    low_confidence: list[Item] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    catalogue_without_roadmap: list[str] = field(default_factory=list)  # profession ids
    catalogue_unknown_authority: list[str] = field(default_factory=list)  # "<profession> in <jurisdiction>"


def add_months(day: dt.date, months: int) -> dt.date:
    years, month = divmod(day.month - 1 + months, 12)
    year = day.year + years
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def review_due(checked: str, months: int) -> dt.date:
    """A month-only date ('2026-11') counts from the first of that month, so nothing is reviewed late."""
    return add_months(dt.date.fromisoformat(checked if len(checked) == 10 else checked + "-01"), months)


def cell(roadmap: Roadmap | None, lang: str) -> Cell:
    if roadmap is None:
        return Cell("missing")
    texts = [value for _, value in walk(roadmap.data) if is_text(value)]
    written = sum(lang in t and not open_items.is_marker(t[lang]) for t in texts)
    placeholders = open_items.count(roadmap.data, lang)
    return Cell("complete" if written == len(texts) else "incomplete", written, len(texts), placeholders)


def coverage(project: Project, settings: Settings) -> list[Row]:
    """Profession × route × language: the routes mkdocs.yml requires, and any other route that has a roadmap."""
    present = {r.key: r for r in project.roadmaps}
    professions = list(dict.fromkeys([*settings.coverage.professions, *(r.profession.id for r in project.roadmaps)]))
    routes = list(
        dict.fromkeys([*settings.coverage.routes, *((r.origin.code, r.destination.code) for r in project.roadmaps)])
    )
    rows = []
    for profession in professions:
        for origin, destination in routes:
            roadmap = present.get(paths.roadmap_key(profession, origin, destination))
            rows.append(
                Row(profession, origin, destination, {lang: cell(roadmap, lang) for lang in settings.languages})
            )
    return rows


def _facts(project: Project, settings: Settings, today: dt.date) -> tuple[list[Item], list[Item], list[Item]]:
    overdue, unknown, low = [], [], []
    for roadmap in project.roadmaps:
        for fact in roadmap.facts:
            if fact.checked and review_due(fact.checked, settings.review_months) <= today:
                due = review_due(fact.checked, settings.review_months).isoformat()
                overdue.append(Item(roadmap.key, fact.pointer, fact.checked, due=due))
            if fact.unknown:
                unknown.append(Item(roadmap.key, fact.pointer, fact.checked, ask=str(fact.data.get("ask", ""))))
            if fact.confidence == "low":
                low.append(Item(roadmap.key, fact.pointer, fact.checked))
    return overdue, unknown, low


def _registry_sources(project: Project) -> dict[str, dict[str, Source]]:
    groups: dict[str, list[Any]] = {
        "authorities": list(project.authorities.values()),
        "professions": list(project.professions.values()),
        "grensinfopunten": list(project.grensinfopunten.values()),
        "glossary": list(project.glossary),
    }
    return {kind: {s.id: s for entry in entries for s in entry.sources.values()} for kind, entries in groups.items()}


def _overdue_sources(project: Project, settings: Settings, today: dt.date) -> list[Item]:
    items = []
    for kind, sources in _registry_sources(project).items():
        for source in sorted(sources.values(), key=lambda s: s.id):
            due = review_due(source.checked, settings.review_months)
            if due <= today:
                items.append(Item(f"registry/{kind}", f"sources.{source.id}", source.checked, due=due.isoformat()))
    return items


def _missing(contact: dict[str, Any]) -> tuple[str, ...]:
    return tuple(part for part in CONTACT_PARTS if part not in contact)


def contacts(project: Project) -> list[Contact]:
    """Authorities and Grensinfopunten whose contact lacks a website, e-mail, phone or address."""
    used: dict[str, int] = {}
    for roadmap in project.roadmaps:
        for aid in roadmap.authorities:
            used[aid] = used.get(aid, 0) + 1
        for gip in roadmap.grensinfopunten:
            used[gip.id] = used.get(gip.id, 0) + 1
    offices: list[tuple[str, Authority | Grensinfopunt]] = [("authority", a) for a in project.authorities.values()]
    offices += [("grensinfopunt", g) for g in project.grensinfopunten.values()]
    return [
        Contact(kind, office.id, office.name, _missing(office.contact), used.get(office.id, 0))
        for kind, office in offices
        if _missing(office.contact)
    ]


def build_report(project: Project, settings: Settings, today: dt.date) -> Report:
    overdue, unknown, low = _facts(project, settings, today)
    return Report(
        today=today.isoformat(),
        review_months=settings.review_months,
        languages=settings.languages,
        coverage=coverage(project, settings),
        overdue=overdue + _overdue_sources(project, settings, today),
        unknown=unknown,
        low_confidence=low,
        contacts=contacts(project),
        catalogue_without_roadmap=[p.id for p in without_roadmap(project)],
        catalogue_unknown_authority=[f"{p.id} in {e.jurisdiction.code}" for p, e in authority_unknown(project)],
    )


# ---- terminal and JSON ---------------------------------------------------------------------------------------


def matrix_text(rows: list[Row], languages: tuple[str, ...]) -> str:
    width = max((len(f"{r.profession}  {r.origin} → {r.destination}") for r in rows), default=10)
    lines = [" " * width + "  " + "  ".join(f"{lang:>4}" for lang in languages)]
    for row in rows:
        name = f"{row.profession}  {row.origin} → {row.destination}"
        marks = "  ".join(f"{_mark(row.cells[lang]):>4}" for lang in languages)
        lines.append(f"{name:<{width}}  {marks}")
    return "\n".join(lines)


def _mark(cell: Cell) -> str:
    if cell.status == "incomplete":
        return f"{100 * cell.translated // max(cell.texts, 1)}%"
    return SYMBOLS[cell.status]


def _items(title: str, items: list[Item], describe: Any) -> list[str]:
    lines = ["", f"{title}: {len(items)}{_per_profession(items)}"]
    return lines + [f"  {item.roadmap}  {item.pointer}  {describe(item)}".rstrip() for item in items]


def _per_profession(items: list[Item]) -> str:
    """Counts per profession, so a target for some professions stays readable as roadmaps are added."""
    counts = Counter(item.roadmap.split("/", 1)[0] for item in items)
    return f" ({', '.join(f'{p} {n}' for p, n in sorted(counts.items()))})" if counts else ""


def as_text(report: Report) -> str:
    lines = [
        f"Maintenance report as of {report.today} (facts are due for review {report.review_months} months after "
        "their check)",
        "",
        "Coverage (profession × route × language): ✓ complete, NN% translated so far, – no roadmap",
        matrix_text(report.coverage, report.languages),
    ]
    lines += ["", "Open items (placeholders left by `roadmaps new`) per roadmap and language:"]
    open_rows = [r for r in report.coverage if any(c.open_items for c in r.cells.values())]
    lines += [
        f"  {r.key}  " + "  ".join(f"{lang} {r.cells[lang].open_items}" for lang in report.languages) for r in open_rows
    ] or ["  none"]
    lines += _items("Facts past their review date", report.overdue, lambda i: f"checked {i.checked}, due {i.due}")
    lines += _items("Unknown values", report.unknown, lambda i: f"ask {i.ask}" if i.ask else "")
    lines += _items("Low confidence", report.low_confidence, lambda i: f"checked {i.checked}" if i.checked else "")
    lines += ["", f"Contacts with missing details: {len(report.contacts)}"]
    lines += [f"  {c.kind} {c.id} (named in {c.used_by} roadmaps): no {', '.join(c.missing)}" for c in report.contacts]
    lines += ["", f"Catalogue professions without a full roadmap: {len(report.catalogue_without_roadmap)}"]
    lines += [f"  {pid}" for pid in report.catalogue_without_roadmap]
    lines += ["", f"Catalogue entries whose authority is not known: {len(report.catalogue_unknown_authority)}"]
    lines += [f"  {entry}" for entry in report.catalogue_unknown_authority]
    return "\n".join(lines)


def as_json(report: Report) -> str:
    data = asdict(report)
    data["coverage"] = [{**asdict(row), "key": row.key} for row in report.coverage]
    return json.dumps(data, ensure_ascii=False, indent=2)


def percent(cell: Cell) -> int:
    return 100 * cell.translated // max(cell.texts, 1)


# ---- the catalogue's gaps ----


def without_roadmap(project: Project) -> list[CatalogueProfession]:
    return [p for p in project.catalogue.values() if not p.roadmaps]


def authority_unknown(project: Project) -> list[tuple[CatalogueProfession, CatalogueEntry]]:
    """Entries of regulated (or possibly regulated) professions that name no authority."""
    return [
        (p, e) for p in project.catalogue.values() for e in p.entries if e.authority is None and e.regulated != "no"
    ]


def catalogue_report(project: Project) -> str:
    """Plain text: catalogue professions without a full roadmap, and entries whose authority is not known."""
    named = sum(any(e.authority is not None for e in p.entries) for p in project.catalogue.values())
    entries = [e for p in project.catalogue.values() for e in p.entries]
    lines = [
        f"Catalogue: {len(project.catalogue)} professions, {named} of them with a named authority in at least one "
        f"jurisdiction; {len(entries)} entries, {sum(e.authority is not None for e in entries)} naming an authority",
        "",
    ]
    missing = without_roadmap(project)
    lines.append(f"Professions without a full roadmap ({len(missing)}):")
    lines += [
        f"  {p.id}  ({', '.join(e.jurisdiction.code for e in p.entries) or 'no catalogue entry'})" for p in missing
    ]
    unknown = authority_unknown(project)
    lines += ["", f"Entries whose authority is not known ({len(unknown)}):"]
    lines += [f"  {e.file}: {p.id} in {e.jurisdiction.code} (regulated: {e.regulated})" for p, e in unknown]
    return "\n".join(lines) + "\n"
