"""Facts that rest only on copies: every source they cite is marked `official: false` (a mirror, a document-sharing
site, a recruiter's page). Such a fact needs the authority's or the law's own page, or it is not known."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.diagnostics import Diagnostic, warning
from generator.load.documents import Document
from generator.validate import schema


def _refs(value: dict[str, Any]) -> list[str]:
    refs = value.get("source")
    return [r for r in (refs if isinstance(refs, list) else [refs]) if isinstance(r, str)]


def check(doc: Document, low_allowed: bool = False) -> Iterator[Diagnostic]:
    """One warning per fact (in a roadmap, catalogue or registry file) whose every cited source is unofficial: pages
    never show a copy, so such a fact would appear without a source. An unknown value is no claim. Outside roadmaps
    (`low_allowed`), a fact marked low confidence passes: the catalogue must answer "is it regulated?" for old public
    offices whose only surviving official list is a copy, and the page shows it as uncertain with whom to ask."""
    sources = doc.data.get("sources") if isinstance(doc.data.get("sources"), list) else []
    official = {s["id"]: s.get("official") for s in sources if isinstance(s, dict) and isinstance(s.get("id"), str)}
    for path, value in doc.nodes():
        if not path or path[0] == "sources" or not isinstance(value, dict):
            continue
        refs = _refs(value)
        if value.get("status") == "unknown":
            continue  # states no value: its note may report what a copy says, with whom to ask
        if low_allowed and value.get("confidence") == "low":
            continue  # a catalogue or registry line marked uncertain, whose text says whom to ask
        if refs and all(official.get(r) is False for r in refs):
            yield warning(
                doc.path,
                doc.pos((*path, "source")),
                "unofficial-source",
                f"this fact cites only unofficial copies ({', '.join(refs)}): cite the authority's or the law's own "
                "page, or make the fact unknown with `ask`",
                schema.pointer(path),
            )
