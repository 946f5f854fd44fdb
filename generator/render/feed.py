"""An Atom feed per language of every change in the roadmaps' `changes` logs (site/<lang>/feed.xml).

Deterministic: entry ids come from the roadmap key and the change date, `updated` is the newest change date, and the
entries are sorted; nothing depends on the time of the build.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from generator.config import Settings
from generator.model import paths
from generator.model.entities import Project, Roadmap
from generator.render import grammar

ATOM = "http://www.w3.org/2005/Atom"
TAG = "tag:grensroutes.eu,2026:"  # a tag URI (RFC 4151): stable ids that need no web address
FEED_FILE = "feed.xml"


@dataclass(frozen=True)
class Entry:
    id: str
    date: str  # YYYY-MM-DD
    roadmap: Roadmap
    text: str


def _day(value: str) -> str:
    return value if len(value) == 10 else value + "-01"


def entries(project: Project, lang: str) -> list[Entry]:
    """Every change of every roadmap, newest first; a second change on the same day gets '-2', '-3', …"""
    found = []
    for roadmap in project.roadmaps:
        seen: dict[str, int] = {}
        for change in sorted(roadmap.changes, key=lambda c: _day(c.date)):
            day = _day(change.date)
            seen[day] = seen.get(day, 0) + 1
            suffix = f"-{seen[day]}" if seen[day] > 1 else ""
            text = change.text.get(lang) or next(iter(change.text.values()))
            found.append(Entry(f"{TAG}{paths.roadmap_changes_tag(roadmap.key, day)}{suffix}", day, roadmap, text))
    return sorted(found, key=lambda e: (e.date, e.id), reverse=True)


def _url(settings: Settings, lang: str, path: str) -> str:
    """Absolute where the site's address is known; otherwise relative to the feed (readers resolve it)."""
    return f"{settings.site_url}/{lang}/{path}" if settings.site_url else path


def _title(roadmap: Roadmap, strings: dict[str, str], lang: str) -> str:
    return grammar.route_title(roadmap, strings, lang)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: Any) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: str(v) for k, v in attrs.items()})
    element.text = text
    return element


def atom(project: Project, settings: Settings, lang: str, strings: dict[str, str]) -> str:
    """The feed of one language as XML text."""
    items = entries(project, lang)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    _sub(feed, "id", f"{TAG}feed/{lang}")
    _sub(feed, "title", strings["mt_feed_title"])
    _sub(feed, "subtitle", strings["mt_feed_subtitle"])
    _sub(feed, "updated", f"{items[0].date if items else '1970-01-01'}T00:00:00Z")
    _sub(feed, "link", rel="self", type="application/atom+xml", href=_url(settings, lang, FEED_FILE))
    _sub(feed, "link", rel="alternate", type="text/html", href=_url(settings, lang, ""))
    _sub(_sub(feed, "author"), "name", "grensroutes")
    for item in items:
        entry = _sub(feed, "entry")
        _sub(entry, "id", item.id)
        _sub(entry, "title", f"{_title(item.roadmap, strings, lang)} – {item.text}")
        _sub(entry, "updated", f"{item.date}T00:00:00Z")
        _sub(
            entry, "link", rel="alternate", type="text/html", href=_url(settings, lang, paths.roadmap_url(item.roadmap.key))
        )
        _sub(entry, "summary", item.text, type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
