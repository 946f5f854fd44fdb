"""The rules of the local-office registry that its schema cannot express: every district names a regional
government of its own Land, every Land office is in the authority registry, and no town belongs to two districts of
one Land (the page's A–Z would send it to two places)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.diagnostics import Diagnostic, error, repeated
from generator.load.documents import Document
from generator.load.inputs import Inputs, entries_of

KIND = "local-offices"


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _lands(doc: Document) -> list[tuple[int, dict[str, Any]]]:
    return [(i, land) for i, land in enumerate(_list(doc.data.get("lands"))) if isinstance(land, dict)]


def check(inputs: Inputs) -> Iterator[Diagnostic]:
    for doc in inputs.registries.get(KIND, []):
        yield from _check_regions(doc)
        yield from _check_offices(doc, inputs.ids("authorities"))
        yield from _check_towns(doc)


def _check_regions(doc: Document) -> Iterator[Diagnostic]:
    regions: dict[str, str] = {}  # region id → its Land
    ids = []
    for i, land in _lands(doc):
        for j, region in enumerate(_list(land.get("regions"))):
            rid = region.get("id") if isinstance(region, dict) else None
            ids.append(((i, j), rid))
            if isinstance(rid, str):
                regions.setdefault(rid, str(land.get("jurisdiction")))
    for (i, j), rid, _first in repeated(ids):
        yield error(doc.path, doc.pos(("lands", i, "regions", j, "id")), "duplicate-id", f"region id '{rid}' is used twice")
    for k, entry in enumerate(entries_of(doc)):
        region = entry.get("region")
        if isinstance(region, str) and regions.get(region) != entry.get("jurisdiction"):
            yield error(
                doc.path,
                doc.pos(("entries", k, "region")),
                "unknown-region",
                f"district '{entry.get('id')}' names region '{region}', which is not a region of "
                f"{entry.get('jurisdiction')} in this file's `lands`",
            )


def _check_offices(doc: Document, authorities: set[str]) -> Iterator[Diagnostic]:
    for i, land in _lands(doc):
        for j, office in enumerate(_list(land.get("offices"))):
            ref = office.get("authority") if isinstance(office, dict) else None
            if isinstance(ref, str) and ref not in authorities:
                yield error(
                    doc.path,
                    doc.pos(("lands", i, "offices", j, "authority")),
                    "unknown-authority",
                    f"Land office '{ref}' is not in the authority registry",
                )


def _check_towns(doc: Document) -> Iterator[Diagnostic]:
    seen: dict[tuple[str, str], str] = {}  # (Land, town) → the district that lists it first
    for k, entry in enumerate(entries_of(doc)):
        towns = entry["towns"] if isinstance(entry.get("towns"), dict) else {}
        for t, town in enumerate(_list(towns.get("names"))):
            key = (str(entry.get("jurisdiction")), str(town))
            first = seen.setdefault(key, str(entry.get("id")))
            if first != entry.get("id"):
                yield error(
                    doc.path,
                    doc.pos(("entries", k, "towns", "names", t)),
                    "duplicate-town",
                    f"town '{town}' is already listed under district '{first}' of {key[0]}",
                )
