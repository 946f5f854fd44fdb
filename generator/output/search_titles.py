"""No two search results with the same title: a page whose title another page shares (the catalogue page and the
comparison page of one profession are both called "Physiotherapist") gets its kind added, "Physiotherapist —
catalogue" and "Physiotherapist — comparison". Runs on the built search index of each language; idempotent. The
theme shows result titles as HTML, so the added name is escaped like every title (render/escape.py, `theme_text`)."""

from __future__ import annotations

import json
from pathlib import Path

from generator.output.search_budget import INDEX
from generator.render import escape

KINDS = ("catalogue", "professions", "roadmaps", "guide", "factsheets", "glossary", "maintainers")


def kind_of(location: str) -> str:
    return location.split("/", 1)[0] if "/" in location else ""


def distinguish(docs: list[dict[str, str]], kinds: dict[str, str]) -> list[dict[str, str]]:
    """`kinds`: the name of each kind of page (the first folder of its address) in the site's language."""
    pages: dict[str, set[str]] = {}
    for entry in docs:
        if "#" not in entry.get("location", "#"):
            pages.setdefault(entry.get("title", ""), set()).add(entry["location"])
    out = []
    for entry in docs:
        location, title = entry.get("location", "#"), entry.get("title", "")
        kind = escape.theme_text(kinds.get(kind_of(location), ""))
        if "#" not in location and len(pages.get(title, ())) > 1 and kind and not title.endswith(f" — {kind}"):
            entry = {**entry, "title": f"{title} — {kind}"}
        out.append(entry)
    return out


def write(site_dir: Path, kinds: dict[str, str]) -> None:
    path = site_dir / INDEX
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"] = distinguish(index.get("docs", []), kinds)
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    temp.replace(path)
