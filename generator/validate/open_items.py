"""Open items: the placeholders that `roadmaps new` writes, reported until a maintainer replaces them.

The placeholder is one fixed sentence per language, so it can be found exactly and never mistaken for a fact. It
avoids the words TODO/TBD/FIXME on purpose: those belong to code, and maintainers are not asked to read code.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.diagnostics import Diagnostic, warning
from generator.load.documents import Document, walk
from generator.validate import schema

# The scaffold's "to be written" sentence, per language.
MARKER: dict[str, str] = {
    "nl": "Nog te schrijven.",
    "de": "Noch zu schreiben.",
    "fr": "À rédiger.",
    "en": "To be written.",
}
_MARKERS = frozenset(MARKER.values())


def is_marker(value: Any) -> bool:
    return isinstance(value, str) and value.strip() in _MARKERS


def marked_languages(value: Any) -> list[str]:
    """The languages of a multilingual text that still hold the placeholder."""
    if not isinstance(value, dict) or not value or not set(value) <= set(MARKER):
        return []
    return [lang for lang, text in value.items() if is_marker(text)]


def check(doc: Document) -> Iterator[Diagnostic]:
    """One warning per placeholder text and per placeholder source; `--strict` (CI) turns them into failures."""
    for path, value in doc.nodes():
        langs = marked_languages(value)
        if langs:
            yield warning(
                doc.path,
                doc.pos(path),
                "open-item",
                f"open item: the {', '.join(langs)} text is still the placeholder; write the checked fact",
                schema.pointer(path),
            )
        elif len(path) == 3 and path[0] == "sources" and path[2] == "title" and is_marker(value):
            sid = doc.data["sources"][path[1]].get("id", "?")  # the parent of a key is always a mapping
            yield warning(
                doc.path,
                doc.pos(path),
                "open-item",
                f"open item: source '{sid}' is still the placeholder; give the page's title, address and the day you read it",
                schema.pointer(path),
            )


def count(data: Any, lang: str) -> int:
    """How many placeholders one language still has (for the maintenance report)."""
    return sum(lang in marked_languages(value) for _, value in walk(data))
