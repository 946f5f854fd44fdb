"""Stage 2 — validate: JSON Schema first, then the semantic rules that a schema cannot express.

Every rule is a generator of diagnostics, so all problems in all files are reported together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.config import Settings
from generator.diagnostics import Diagnostic, error, repeated, warning
from generator.load.documents import Document, JsonPath
from generator.load.inputs import Inputs, entries_of
from generator.model import paths
from generator.validate import catalogue, local_offices, official, open_items, related, schema

LANGS = {"nl", "de", "fr", "en"}
_REGISTRY_NAME = "roadmaps/registry/authorities.yaml"


def _as_list(value: Any) -> list[Any]:
    """Semantic checks run on data the schema may have rejected: never assume a shape."""
    return value if isinstance(value, list) else []


def _as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def is_text(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and bool(value)
        and set(value) <= LANGS
        and all(isinstance(v, str) for v in value.values())
    )


# ---- rules for every file --------------------------------------------------------------------------------------


def check_translations(doc: Document, required: tuple[str, ...]) -> Iterator[Diagnostic]:
    for path, value in doc.nodes():
        if is_text(value):
            missing = [lang for lang in required if lang not in value]
            if missing:
                yield error(
                    doc.path,
                    doc.pos(path),
                    "missing-translation",
                    f"text has no {', '.join(missing)} version (required: {', '.join(required)})",
                    schema.pointer(path),
                )


def _parse_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text if len(text) == 10 else text + "-01")


def check_dates(doc: Document, today: dt.date) -> Iterator[Diagnostic]:
    for path, value in doc.nodes():
        if not (path and path[-1] in ("checked", "date") and isinstance(value, str)):
            continue
        try:
            date = _parse_date(value)
        except ValueError:
            yield error(doc.path, doc.pos(path), "invalid-date", f"'{value}' is not a real date", schema.pointer(path))
            continue
        if date > today:
            yield error(
                doc.path,
                doc.pos(path),
                "future-date",
                f"date {value} is in the future (today is {today.isoformat()})",
                schema.pointer(path),
            )


def _hides_host(url: str) -> bool:
    """https://www.brms.nrw.de@evil.example/ leads to evil.example: a user name before the host misleads readers."""
    return "@" in url.partition("://")[2].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]


def check_urls(doc: Document) -> Iterator[Diagnostic]:
    for path, value in doc.nodes():
        if not (path and path[-1] in ("url", "website") and isinstance(value, str)):
            continue
        if not value.startswith("https://"):
            message = f"web addresses must start with https:// (got '{value[:60]}')"
        elif _hides_host(value):
            message = f"a web address must not have a user name or password before its host (got '{value[:60]}')"
        else:
            continue
        yield error(doc.path, doc.pos(path), "insecure-url", message, schema.pointer(path))


def check_ranges(doc: Document) -> Iterator[Diagnostic]:
    for path, value in doc.nodes():
        if (
            isinstance(value, dict)
            and isinstance(value.get("min"), (int, float))
            and isinstance(value.get("max"), (int, float))
        ) and value["min"] > value["max"]:
            yield error(
                doc.path,
                doc.pos((*path, "min")),
                "min-greater-than-max",
                f"min ({value['min']}) is greater than max ({value['max']})",
                schema.pointer(path),
            )


def _cited(doc: Document) -> Iterator[tuple[JsonPath, str]]:
    for path, value in doc.nodes():
        if path and path[0] != "sources" and path[-1] == "source":
            for i, ref in enumerate(value if isinstance(value, list) else [value]):
                if isinstance(ref, str):
                    yield ((*path, i) if isinstance(value, list) else path), ref


def check_sources(doc: Document) -> Iterator[Diagnostic]:
    sources = doc.data.get("sources") if isinstance(doc.data.get("sources"), list) else []
    ids = [(i, src.get("id") if isinstance(src, dict) else None) for i, src in enumerate(sources)]
    for i, sid, first in repeated(ids):
        yield error(
            doc.path,
            doc.pos(("sources", i, "id")),
            "duplicate-id",
            f"source id '{sid}' is already used by sources[{first}]",
        )
    declared: dict[str, int] = {}
    for i, named in ids:
        if isinstance(named, str):
            declared.setdefault(named, i)
    used = set()
    for path, ref in _cited(doc):
        used.add(ref)
        if ref not in declared:
            yield error(
                doc.path,
                doc.pos(path),
                "unknown-source",
                f"source '{ref}' is not in this file's `sources` list",
                schema.pointer(path),
            )
    for sid, i in declared.items():
        if sid not in used:
            yield warning(
                doc.path, doc.pos(("sources", i)), "unused-source", f"source '{sid}' is listed but no fact cites it"
            )


# ---- registry rules ------------------------------------------------------------------------------------------


def check_registry_ids(inputs: Inputs) -> Iterator[Diagnostic]:
    for kind, docs in inputs.registries.items():
        key = "code" if kind == "jurisdictions" else "id"
        entries = (((doc, i), entry.get(key)) for doc in docs for i, entry in enumerate(entries_of(doc)))
        for (doc, i), value, (first, _) in repeated(entries):
            yield error(
                doc.path,
                doc.pos(("entries", i, key)),
                "duplicate-id",
                f"{kind} id '{value}' is already defined in {first.path}",
            )


def check_registry_refs(inputs: Inputs) -> Iterator[Diagnostic]:
    codes = inputs.ids("jurisdictions", "code")
    for doc in inputs.documents():
        if doc not in inputs.roadmaps:
            for path, value in doc.nodes():
                if path and path[-1] in ("jurisdiction", "parent") and isinstance(value, str) and value not in codes:
                    yield error(
                        doc.path,
                        doc.pos(path),
                        "unknown-jurisdiction",
                        f"jurisdiction '{value}' is not in roadmaps/registry/jurisdictions.yaml",
                    )
                if len(path) == 4 and path[2] == "regulation" and value is not None and path[3] not in codes:
                    yield error(
                        doc.path,
                        doc.pos(path, key=True),
                        "unknown-jurisdiction",
                        f"jurisdiction '{path[3]}' is not in roadmaps/registry/jurisdictions.yaml",
                    )


# ---- roadmap rules -------------------------------------------------------------------------------------------

_AUTHORITY_KEYS = ("authority", "ask", "checked_by")
_CONTACT_LISTS = (("help", "contacts"), ("if_refused", "contacts"))


def _describe_ref(path: JsonPath) -> str:
    if path[:1] == ("steps",) and len(path) > 1:
        return f"step {path[1] + 1}"  # type: ignore[operator]
    return ".".join(str(p) for p in path[:-1] if not isinstance(p, int)) or "the roadmap"


def check_roadmap_refs(doc: Document, inputs: Inputs) -> Iterator[Diagnostic]:
    authorities = inputs.ids("authorities")
    for path, value in doc.nodes():
        is_ref = path and (path[-1] in _AUTHORITY_KEYS or (path[:2] in _CONTACT_LISTS and len(path) == 3))
        if is_ref and isinstance(value, str) and value not in authorities:
            yield error(
                doc.path,
                doc.pos(path),
                "unknown-authority",
                f"{_describe_ref(path)} names authority '{value}', which is not in {_REGISTRY_NAME}",
                schema.pointer(path),
            )
    gips = inputs.ids("grensinfopunten")
    for i, gip in enumerate(_as_list(_as_dict(doc.data.get("help")).get("grensinfopunten"))):
        if isinstance(gip, str) and gip not in gips:
            yield error(
                doc.path,
                doc.pos(("help", "grensinfopunten", i)),
                "unknown-grensinfopunt",
                f"Grensinfopunt '{gip}' is not in roadmaps/registry/grensinfopunten.yaml",
            )
    yield from _check_route(doc, inputs)


def _check_route(doc: Document, inputs: Inputs) -> Iterator[Diagnostic]:
    data = doc.data
    if isinstance(data.get("profession"), str) and data["profession"] not in inputs.ids("professions"):
        yield error(
            doc.path,
            doc.pos(("profession",)),
            "unknown-profession",
            f"profession '{data['profession']}' is not in roadmaps/registry/professions.yaml",
        )
    jurisdictions = {  # a code given as a list is reported by the schema; it must not stop the other checks
        e["code"]: e for d in inputs.registries["jurisdictions"] for e in entries_of(d) if isinstance(e.get("code"), str)
    }
    for key in ("origin", "destination"):
        code = data.get(key)
        if isinstance(code, str) and code not in jurisdictions:
            yield error(
                doc.path,
                doc.pos((key,)),
                "unknown-jurisdiction",
                f"{key} '{code}' is not in roadmaps/registry/jurisdictions.yaml",
            )
        elif key == "destination" and isinstance(code, str) and not jurisdictions[code].get("destination"):
            yield error(
                doc.path,
                doc.pos((key,)),
                "invalid-destination",
                f"'{code}' does not decide on recognition; name the Community or Land instead",
            )
    steps = [
        (i, step.get("id") if isinstance(step, dict) else None) for i, step in enumerate(_as_list(data.get("steps")))
    ]
    for i, sid, _first in repeated(steps):
        yield error(doc.path, doc.pos(("steps", i, "id")), "duplicate-id", f"step id '{sid}' is used twice")
    yield from _check_path(doc)


def roadmap_key(data: dict[str, Any]) -> str:
    return paths.roadmap_key(str(data.get("profession")), str(data.get("origin")), str(data.get("destination")))


def _check_path(doc: Document) -> Iterator[Diagnostic]:
    if not all(isinstance(doc.data.get(k), str) for k in ("profession", "origin", "destination")):
        return
    expected = roadmap_key(doc.data) + ".yaml"
    actual = "/".join(Path(doc.path).parts[-2:])
    if actual != expected:
        yield error(
            doc.path,
            (1, 1),
            "path-mismatch",
            f"a roadmap for {doc.data['profession']} {doc.data['origin']} → {doc.data['destination']} "
            f"must be stored as roadmaps/{expected}",
        )


def check_catalogue_refs(doc: Document, inputs: Inputs) -> Iterator[Diagnostic]:
    """A catalogue file names its jurisdiction and the authorities of the shared registry."""
    code = doc.data.get("catalogue")
    if isinstance(code, str) and code not in inputs.ids("jurisdictions", "code"):
        yield error(
            doc.path,
            doc.pos(("catalogue",)),
            "unknown-jurisdiction",
            f"jurisdiction '{code}' is not in roadmaps/registry/jurisdictions.yaml",
        )
    authorities = inputs.ids("authorities")
    for i, entry in enumerate(_as_list(doc.data.get("entries"))):
        ref = entry.get("authority") if isinstance(entry, dict) else None
        if isinstance(ref, str) and ref not in authorities:
            yield error(
                doc.path,
                doc.pos(("entries", i, "authority")),
                "unknown-authority",
                f"entry '{entry.get('profession')}' names authority '{ref}', which is not in the authority registry",
            )


def check_coverage(inputs: Inputs, settings: Settings) -> Iterator[Diagnostic]:
    present = {roadmap_key(d.data) for d in inputs.roadmaps}
    for profession in settings.coverage.professions:
        for origin, destination in settings.coverage.routes:
            key = paths.roadmap_key(profession, origin, destination)
            if key not in present:
                yield error(
                    paths.roadmap_file(key),
                    (1, 1),
                    "missing-roadmap",
                    f"the knowledge base must cover {profession} {origin} → {destination}, but this roadmap is missing",
                )


# ---- orchestration -------------------------------------------------------------------------------------------


def schema_name(doc: Document, inputs: Inputs) -> str:
    if doc in inputs.catalogues:
        return "catalogue.schema.json"
    if doc in inputs.registries.get("local-offices", []):
        return "local-offices.schema.json"
    return "roadmap.schema.json" if doc in inputs.roadmaps else "registry.schema.json"


def validate(inputs: Inputs, settings: Settings, today: dt.date, coverage: bool = True) -> list[Diagnostic]:
    """Run every check on every document; the result is sorted and complete."""
    diagnostics: list[Diagnostic] = []
    for doc in inputs.documents():
        diagnostics += schema.check(doc, schema_name(doc, inputs), settings.schemas_dir)
        diagnostics += check_translations(doc, settings.required_languages)
        diagnostics += check_dates(doc, today)
        diagnostics += check_urls(doc)
        diagnostics += check_ranges(doc)
        diagnostics += check_sources(doc)
        diagnostics += open_items.check(doc)
        diagnostics += official.check(doc, low_allowed=doc not in inputs.roadmaps)
    diagnostics += check_registry_ids(inputs)
    diagnostics += check_registry_refs(inputs)
    for doc in inputs.roadmaps:
        diagnostics += check_roadmap_refs(doc, inputs)
    for doc in inputs.catalogues:
        diagnostics += check_catalogue_refs(doc, inputs)
    diagnostics += catalogue.check(inputs)
    diagnostics += related.check(inputs)
    diagnostics += local_offices.check(inputs)
    if coverage:
        diagnostics += check_coverage(inputs, settings)
    return sorted(set(diagnostics))
