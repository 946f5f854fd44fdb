"""A size budget for the search index: the pages that multiply with the roadmaps get at most ~2 KB each.

MkDocs-Material indexes the full text of every section; a roadmap page alone adds ~20 KB, so a knowledge base of
thousands of roadmaps would make every visitor who searches download tens of megabytes. Each roadmap and guide page
keeps its title and as many of its sections (heading and the start of the text, tags stripped) as fit in
PAGE_BUDGET bytes: searches find every such page by its title, headings and opening words.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

PAGE_BUDGET = 1800  # bytes of JSON per page; the target is < 2 KB per page
# Only the pages whose number grows with the knowledge base are trimmed: roadmaps (one per route), the guide's steps
# (dozens per profession) and the catalogue (one page per regulated profession, with long tables and source lists).
TRIMMED = ("roadmaps/", "guide/", "catalogue/")
# What a catalogue page must keep whole, however long: its opening line (the other names) and its list of every
# title in every jurisdiction and language — search must find a profession by any of its titles.
WHOLE = re.compile(r"^catalogue/[^/#]+/(?:#names)?$")
INDEX = Path("search") / "search_index.json"
_TAG = re.compile(r"<[^>]*>")
_PARTIAL_ENTITY = re.compile(r"&[#\w]*$")
_SPACE = re.compile(r"\s+")


def _page(location: str) -> str:
    return location.split("#", 1)[0]


def _size(entry: dict[str, Any]) -> int:
    return len(json.dumps(entry, ensure_ascii=False, separators=(",", ":"))) + 1


def _cut(text: str, room: int) -> str:
    """Plain text (the markup stripped, entities kept) cut at a word boundary to at most `room` characters."""
    plain = _SPACE.sub(" ", _TAG.sub(" ", text)).strip()
    if len(plain) <= room:
        return plain
    if room < 8:
        return ""
    cut = _PARTIAL_ENTITY.sub("", plain[: room - 2].rsplit(" ", 1)[0]).rstrip()
    return f"{cut} …" if cut else ""


def _fit(entry: dict[str, Any], room: int) -> dict[str, Any] | None:
    """The entry shortened to `room` bytes, or None when not even its title fits."""
    bare = {**entry, "text": ""}
    if _size(bare) > room:
        return None
    chars = room - _size(bare)
    shortened = {**entry, "text": _cut(entry.get("text", ""), chars)}
    while _size(shortened) > room:  # escapes and non-ASCII make JSON longer than the text: shrink until it fits
        chars = chars * 3 // 4
        shortened["text"] = _cut(entry.get("text", ""), chars)
    return shortened


def trim_docs(docs: list[dict[str, Any]], budget: int = PAGE_BUDGET) -> list[dict[str, Any]]:
    """Keep, page by page and in order, what fits in `budget` bytes; a page's first entry is always kept."""
    used: dict[str, int] = {}
    kept = []
    for entry in docs:
        page = _page(entry.get("location", ""))
        if not page.startswith(TRIMMED):
            kept.append(entry)
            continue
        first = page not in used
        room = budget - used.get(page, 0)
        if WHOLE.match(entry.get("location", "")):
            fitted: dict[str, Any] | None = {**entry, "text": _cut(entry.get("text", ""), len(entry.get("text", "")))}
        else:
            fitted = _fit(entry, room) or ({**entry, "text": ""} if first else None)
        if fitted is not None:
            used[page] = used.get(page, 0) + _size(fitted)
            kept.append(fitted)
    return kept


def trim(site_dir: Path, budget: int = PAGE_BUDGET) -> tuple[int, int]:
    """Trim site_dir/search/search_index.json in place (a new file, not a write into a shared inode).
    Returns the sizes before and after."""
    path = site_dir / INDEX
    if not path.exists():
        return 0, 0
    before = path.stat().st_size
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"] = trim_docs(index.get("docs", []), budget)
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    temp.replace(path)
    return before, path.stat().st_size
