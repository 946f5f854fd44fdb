"""The sources a page may cite. A source is the authority's own page or the official publication; a copy (a mirror,
a document-sharing site, a recruiter's page) may stay in the data as `official: false` so maintainers can see where a
fact was first found, but it is never shown to citizens as a citation. Filtering here, once, means no page kind,
factsheet or export can show one by mistake; the validator warns about a fact that rests on copies alone."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.model.entities import Source


def citable(data: Mapping[str, Any]) -> dict[str, Source]:
    """A document's official sources by id, in the order of the file."""
    return {
        s["id"]: Source(s["id"], s["url"], s["title"], s["checked"], s.get("publisher", ""), True)
        for s in data.get("sources", [])
        if s.get("official", False)
    }


def cited(refs: str | list[str], sources: Mapping[str, Source]) -> tuple[Source, ...]:
    """The citable sources among a fact's references (a copy among them is left out)."""
    return tuple(sources[r] for r in (refs if isinstance(refs, list) else [refs]) if r in sources)
