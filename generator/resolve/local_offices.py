"""Resolve roadmaps/registry/local-offices.yaml into one `Land` per jurisdiction (validated input only)."""

from __future__ import annotations

from typing import Any

from generator.load.inputs import Inputs
from generator.model.entities import (
    Authority,
    District,
    HealthOffice,
    Jurisdiction,
    Land,
    LandOffice,
    Region,
    Source,
    Sourcing,
)
from generator.resolve import sources as citing

KIND = "local-offices"
_CONTACT = ("website", "email", "phone", "address")


def _sourcing(raw: dict[str, Any], sources: dict[str, Source]) -> Sourcing | None:
    if "source" not in raw:
        return None
    refs = raw["source"] if isinstance(raw["source"], list) else [raw["source"]]
    return Sourcing(citing.cited(refs, sources), raw["checked"], raw["confidence"])


def _health_office(raw: dict[str, Any], sources: dict[str, Source]) -> HealthOffice:
    contact = {k: raw[k] for k in _CONTACT if k in raw}
    return HealthOffice(raw.get("name", ""), contact, _sourcing(raw, sources), raw.get("note"))


def resolve(
    inputs: Inputs, jurisdictions: dict[str, Jurisdiction], authorities: dict[str, Authority]
) -> dict[str, Land]:
    """Land code → its Land, in the order of the file."""
    lands: dict[str, Land] = {}
    for doc in inputs.registries.get(KIND, []):
        sources = citing.citable(doc.data)
        regions: dict[str, Region] = {}
        for land in doc.data["lands"]:
            for r in land["regions"]:
                sourcing = _sourcing(r, sources)
                assert sourcing is not None  # the schema requires it
                regions[r["id"]] = Region(r["id"], r["name"], r.get("website", ""), sourcing)
        districts = [
            (
                e["jurisdiction"],
                District(
                    e["id"],
                    e["name"],
                    e["kind"],
                    regions.get(e.get("region", "")),
                    tuple(e["towns"]["names"]),
                    _sourcing(e["towns"], sources),
                    _health_office(e["health_office"], sources),
                ),
            )
            for e in doc.data["entries"]
        ]
        for land in doc.data["lands"]:
            code = land["jurisdiction"]
            offices = []
            for o in land["offices"]:
                sourcing = _sourcing(o, sources)
                assert sourcing is not None
                offices.append(LandOffice(authorities[o["authority"]], dict(o["handles"]), sourcing))
            lands[code] = Land(
                jurisdictions[code],
                tuple(regions[r["id"]] for r in land["regions"]),
                tuple(offices),
                tuple(d for where, d in districts if where == code),
            )
    return lands
