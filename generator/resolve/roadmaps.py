"""Stage 3 — resolve: turn validated documents into the typed model, with references replaced by objects.

Only runs on input that passed validation, so lookups here cannot fail on user data.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from typing import Any

from generator.load.documents import Document
from generator.load.inputs import Inputs
from generator.model import facts
from generator.model.entities import (
    Authority,
    Fact,
    Grensinfopunt,
    Jurisdiction,
    Profession,
    Project,
    Roadmap,
    Source,
    Step,
    Term,
)
from generator.model.facts import Amount, Cited, Period
from generator.resolve import catalogue, local_offices
from generator.resolve import sources as citing
from generator.validate.documents import roadmap_key
from generator.validate.schema import pointer


def _entries(inputs: Inputs, kind: str) -> list[tuple[dict[str, Any], dict[str, Source]]]:
    return [(entry, citing.citable(doc.data)) for doc in inputs.registries[kind] for entry in doc.data["entries"]]


def _jurisdictions(inputs: Inputs) -> dict[str, Jurisdiction]:
    return {
        e["code"]: Jurisdiction(
            e["code"],
            e["country"],
            e["name"],
            tuple(e["official_languages"]),
            e["destination"],
            e.get("parent"),
            e.get("forms", {}),
        )
        for e, _ in _entries(inputs, "jurisdictions")
    }


def _authorities(inputs: Inputs, jurisdictions: dict[str, Jurisdiction]) -> dict[str, Authority]:
    return {
        e["id"]: Authority(
            e["id"],
            e["name"],
            e["name_language"],
            e["translation"],
            jurisdictions[e["jurisdiction"]],
            e["kind"],
            e["contact"],
            src,
            e.get("short", ""),
            e.get("note"),
        )
        for e, src in _entries(inputs, "authorities")
    }


def _registries(inputs: Inputs) -> Project:
    jurisdictions = _jurisdictions(inputs)
    return Project(
        jurisdictions=jurisdictions,
        authorities=_authorities(inputs, jurisdictions),
        professions={
            e["id"]: Profession(e["id"], e["name"], tuple(e["titles"]), e["regulation"], src, e.get("isco08", ""))
            for e, src in _entries(inputs, "professions")
        },
        grensinfopunten={
            e["id"]: Grensinfopunt(
                e["id"], e["name"], tuple(e["borders"]), e["region"], tuple(e.get("towns", [])), e["contact"], src
            )
            for e, src in _entries(inputs, "grensinfopunten")
        },
        glossary=tuple(
            sorted(
                (
                    Term(e["id"], e["term"], e["definition"], src, e.get("original", ""))
                    for e, src in _entries(inputs, "glossary")
                ),
                key=lambda t: t.id,
            )
        ),
    )


def _is_fact(path: tuple[Any, ...], value: Any) -> bool:
    return (
        isinstance(value, dict)
        and path[:1] != ("sources",)
        and ("source" in value or "ask" in value)
        and "text" not in path
    )


Nodes = list[tuple[tuple[str | int, ...], Any]]


def facts_of(nodes: Nodes, sources: dict[str, Source]) -> tuple[Fact, ...]:
    """Every fact-bearing object in a roadmap (given as Document.nodes()), with its sources and check date."""
    facts = []
    for path, value in nodes:
        if not _is_fact(path, value):
            continue
        refs = value.get("source", [])
        cited = citing.cited(refs, sources)
        checked = value.get("checked") or min((s.checked for s in cited), default="")
        unknown = value.get("status") == "unknown" or ("ask" in value and "authority" not in value)
        facts.append(Fact(pointer(path), value, cited, checked, value.get("confidence", ""), unknown))
    return tuple(facts)


def content_version(data: dict[str, Any]) -> str:
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:8]


def _authority_refs(data: dict[str, Any], nodes: Nodes) -> set[str]:
    refs = {v for p, v in nodes if p and p[-1] in ("authority", "ask", "checked_by") and isinstance(v, str)}
    return refs | set((data.get("help") or {}).get("contacts", []))


def _roadmap(doc: Document, project: Project) -> Roadmap:
    data, sources = doc.data, citing.citable(doc.data)
    steps = tuple(_step(i + 1, s, project) for i, s in enumerate(data["steps"]))
    help_ = data["help"]
    return Roadmap(
        key=roadmap_key(data),
        file=doc.path,
        profession=project.professions[data["profession"]],
        origin=project.jurisdictions[data["origin"]],
        destination=project.jurisdictions[data["destination"]],
        data=data,
        steps=steps,
        sources=sources,
        facts=facts_of(doc.nodes(), sources),
        authorities={a: project.authorities[a] for a in sorted(_authority_refs(data, doc.nodes()))},
        grensinfopunten=tuple(project.grensinfopunten[g] for g in help_["grensinfopunten"]),
        contacts=tuple(project.authorities[c] for c in help_.get("contacts", [])),
        version=content_version(data),
        regulation=facts.regulation_of(data["regulation"]),
        summary=Cited.of(data["summary"]),
        language=facts.language_of(data["language"]),
        compensation=facts.compensation_of(data["compensation"]),
        temporary=facts.temporary_of(data["temporary"]),
        after_recognition=tuple(Cited.of(a) for a in data["after_recognition"]),
        tips=tuple(Cited.of(t) for t in data.get("tips") or ()),
        costs=tuple(facts.Cost(dict(c["label"]), Amount.of(c["amount"])) for c in data.get("costs") or ()),
        changes=tuple(facts.Change(c["date"], dict(c["text"])) for c in data["changes"]),
        if_refused=facts.IfRefused.of(data["if_refused"]) if data.get("if_refused") else None,
        money_help=facts.MoneyHelp.of(data["money_help"]) if data.get("money_help") else None,
        apply_online=facts.ApplyOnline.of(data["apply_online"]) if data.get("apply_online") else None,
        notices=tuple(facts.Notice.of(n) for n in data.get("notices") or ()),
    )


def _step(number: int, raw: dict[str, Any], project: Project) -> Step:
    return Step(
        number, raw["id"], project.authorities[raw["authority"]], dict(raw["title"]), Cited.of(raw["what"]),
        tuple(Cited.of(d) for d in raw["documents"]), Amount.of(raw["fee"]), Period.of(raw["deadline"]),
        Period.of(raw["duration"]), Cited.of(raw["outcome"]), bool(raw.get("automatic")),
    )  # fmt: skip


def resolve(inputs: Inputs) -> Project:
    project = _registries(inputs)
    roadmaps = sorted((_roadmap(doc, project) for doc in inputs.roadmaps), key=lambda r: r.key)
    with_roadmaps = Project(
        project.jurisdictions,
        project.authorities,
        project.professions,
        project.grensinfopunten,
        project.glossary,
        tuple(roadmaps),
    )
    lands = local_offices.resolve(inputs, project.jurisdictions, project.authorities)
    return replace(with_roadmaps, catalogue=catalogue.resolve(inputs, with_roadmaps), local_offices=lands)
