"""`roadmaps new`: write the skeleton of a new roadmap, with every section and honest "not known" values.

Texts are the placeholder sentence of `open_items`, so validation lists each of them as open work until a maintainer
writes the checked fact. Nothing is invented: the only values taken over are registry ids (an authority, the
Grensinfopunten), preferably from an existing roadmap for the same destination, and the file says so.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from generator import resources
from generator.config import Settings
from generator.load.inputs import Inputs
from generator.model import paths
from generator.validate.documents import roadmap_key
from generator.validate.open_items import MARKER

TEMPLATES = resources.TEMPLATES
SOURCE_ID = "to-check"


class ScaffoldError(Exception):
    """The request cannot be met (unknown profession, jurisdiction or authority, or the file exists)."""


@dataclass(frozen=True)
class Route:
    profession: str
    origin: str
    destination: str

    @property
    def key(self) -> str:
        return roadmap_key({"profession": self.profession, "origin": self.origin, "destination": self.destination})


def _entries(inputs: Inputs, kind: str) -> list[dict[str, Any]]:
    return [e for doc in inputs.registries.get(kind, []) for e in doc.data.get("entries") or [] if isinstance(e, dict)]


def _choices(values: list[str]) -> str:
    return ", ".join(sorted(values))


def check_route(inputs: Inputs, profession: str, origin: str, destination: str) -> Route:
    """The route, with codes in upper case, or ScaffoldError naming what is allowed."""
    professions = [e["id"] for e in _entries(inputs, "professions") if isinstance(e.get("id"), str)]
    jurisdictions = {e["code"]: e for e in _entries(inputs, "jurisdictions") if isinstance(e.get("code"), str)}
    destinations = [code for code, e in jurisdictions.items() if e.get("destination")]
    countries = sorted({str(e.get("country")) for e in jurisdictions.values() if e.get("destination")})
    origin, destination = origin.upper(), destination.upper()
    if profession not in professions:
        raise ScaffoldError(f"unknown profession '{profession}'; known: {_choices(professions)}")
    if origin not in countries:
        raise ScaffoldError(f"unknown origin '{origin}': give the country of the diploma, one of {_choices(countries)}")
    if destination not in destinations:
        raise ScaffoldError(
            f"unknown destination '{destination}': give a jurisdiction that decides on recognition, one of "
            f"{_choices(destinations)}"
        )
    if jurisdictions[destination].get("country") == origin:
        raise ScaffoldError(f"{origin} → {destination} does not cross a border")
    return Route(profession, origin, destination)


def _similar(inputs: Inputs, route: Route) -> list[dict[str, Any]]:
    """Existing roadmaps to the same destination: same profession first, then same origin."""
    same = [d.data for d in inputs.roadmaps if d.data.get("destination") == route.destination]
    return sorted(
        same,
        key=lambda r: (r.get("profession") != route.profession, r.get("origin") != route.origin, roadmap_key(r)),
    )


def _first_step_authority(roadmap: dict[str, Any]) -> str | None:
    steps = roadmap.get("steps")
    step = steps[0] if isinstance(steps, list) and steps and isinstance(steps[0], dict) else {}
    return step.get("authority") if isinstance(step.get("authority"), str) else None


def _guess(inputs: Inputs, route: Route, authority: str | None) -> tuple[str, list[str], list[str]]:
    """The authority and Grensinfopunten to start from, and a note on where they were taken from."""
    known = {e["id"]: e for e in _entries(inputs, "authorities") if isinstance(e.get("id"), str)}
    if authority is not None and authority not in known:
        raise ScaffoldError(f"unknown authority '{authority}'; see roadmaps/registry/authorities.yaml")
    similar = [r for r in _similar(inputs, route) if _first_step_authority(r) in known]
    taken = "given with --authority" if authority else "the registry"
    if authority is None and similar and similar[0].get("profession") == route.profession:
        authority = _first_step_authority(similar[0])
        taken = paths.roadmap_file(roadmap_key(similar[0]))
    if authority is None:
        jurisdictions = {e.get("code"): e for e in _entries(inputs, "jurisdictions")}
        parent = jurisdictions.get(route.destination, {}).get("parent")
        local = [a for a, e in known.items() if e.get("jurisdiction") == route.destination]
        national = [a for a, e in known.items() if parent and e.get("jurisdiction") == parent]
        authority = next(iter(local + national), None)
    if authority is None:
        raise ScaffoldError(f"no authority of {route.destination} in the registry; add one first, or pass --authority")
    gips, gips_taken = _grensinfopunten(inputs, route, similar)
    return authority, gips, [f"authority taken from {taken}", f"Grensinfopunten taken from {gips_taken}"]


def _grensinfopunten(inputs: Inputs, route: Route, similar: list[dict[str, Any]]) -> tuple[list[str], str]:
    for roadmap in sorted(similar, key=lambda r: r.get("origin") != route.origin):
        gips = [g for g in (roadmap.get("help") or {}).get("grensinfopunten") or [] if isinstance(g, str)]
        if gips:
            return gips, paths.roadmap_file(roadmap_key(roadmap))
    jurisdictions = {e.get("code"): e for e in _entries(inputs, "jurisdictions")}
    border = {route.origin, str(jurisdictions[route.destination].get("country"))}
    entries = _entries(inputs, "grensinfopunten")
    matching = [e["id"] for e in entries if any(set(str(b).split("-")) == border for b in e.get("borders") or [])]
    touching = [e["id"] for e in entries if any(set(str(b).split("-")) & border for b in e.get("borders") or [])]
    return (matching or touching or [e["id"] for e in entries])[:4], "the registries"


def _source_url(inputs: Inputs, authority: str) -> str:
    """The authority's own website: the first page to read. A placeholder title keeps it an open item."""
    by_id = {e.get("id"): e for e in _entries(inputs, "authorities")}
    websites = [(by_id.get(authority) or {}).get("contact", {}).get("website")]
    websites += [e.get("contact", {}).get("website") for e in by_id.values()]
    return next(w for w in websites if isinstance(w, str) and w.startswith("https://"))


@cache
def _roadmap_schema(schemas_dir: Path) -> dict[str, Any]:
    return dict(json.loads((schemas_dir / "roadmap.schema.json").read_text(encoding="utf-8")))


def _describe(schemas_dir: Path) -> Any:
    """`about("steps", "fee")` → the schema's description of that field as YAML comment lines."""

    def about(*path: str) -> str:
        node = _roadmap_schema(schemas_dir)
        for key in path:
            node = node.get("items", node)["properties"][key]
        text = node.get("description", "")
        return "\n".join("# " + line for line in textwrap.wrap(text, 110))

    return about


def render(settings: Settings, inputs: Inputs, route: Route, today: dt.date, authority: str | None = None) -> str:
    """The YAML text of the new roadmap."""
    chosen, gips, origin_of_guess = _guess(inputs, route, authority)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        autoescape=False,  # YAML, not HTML; every inserted value is a checked id, a code or a date
    )
    return env.get_template("scaffold.yaml.j2").render(
        profession=route.profession,
        origin=route.origin,
        destination=route.destination,
        authority=chosen,
        grensinfopunten=gips,
        contacts=[],
        origin_of_guess=origin_of_guess,
        marker=MARKER,
        source_id=SOURCE_ID,
        source_url=json.dumps(_source_url(inputs, chosen)),
        today=today.isoformat(),
        about=_describe(settings.schemas_dir),
    )


def target(settings: Settings, route: Route) -> Path:
    return settings.roadmaps_dir / f"{route.key}.yaml"


def write(settings: Settings, route: Route, text: str) -> Path:
    """Create the file; never overwrite one (mode 'x' also closes the race with a second `new`)."""
    path = target(settings, route)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        rel = path.relative_to(settings.root).as_posix()
        raise ScaffoldError(f"{rel} already exists; edit it instead (`roadmaps new` never overwrites)") from None
    return path
