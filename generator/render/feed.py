"""An Atom feed per language of every change in the roadmaps' `changes` logs (site/<lang>/feed.xml).

Deterministic: entry ids come from the site's address (atom_id), the roadmap key and the change date, `updated` is
the newest change date, and the entries are sorted; nothing depends on the time of the build.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from generator.config import Settings
from generator.model import paths
from generator.model.entities import Project, Roadmap
from generator.render import grammar

ATOM = "http://www.w3.org/2005/Atom"
TAG_DATE = "2026"  # part of every tag URI: changing it would change every id readers have seen
FEED_FILE = "feed.xml"


def atom_id(settings: Settings, name: str) -> str:
    """The permanent id (RFC 4287 atom:id) of the feed or an entry, `name` being its stable path-like part.

    With the site's address: a tag URI (RFC 4151) on the deployment's own host, its path kept so that two deployments
    on one host differ, e.g. `tag:example.org,2026:grensroutes/roadmaps/…`; stable as long as the deployment keeps
    its address (a new address is a new feed to readers). Without an address no domain is known to be held, and a
    tag URI may only be minted by the holder of its domain or e-mail address, so the id is a name-based UUID URN
    (RFC 4122, version 5; atom:id may be any IRI) of the repository and the name: deterministic, claiming no
    authority at all.
    """
    parts = urlsplit(settings.site_url)
    if parts.hostname:
        prefix = "/".join(p for p in parts.path.split("/") if p)
        return f"tag:{parts.hostname},{TAG_DATE}:{prefix + '/' if prefix else ''}{name}"
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.repository or 'grensroutes'}#{name}"))


@dataclass(frozen=True)
class Entry:
    id: str
    name: str  # the stable part of the id (see atom_id)
    date: str  # YYYY-MM-DD
    roadmap: Roadmap
    text: str


def _day(value: str) -> str:
    return value if len(value) == 10 else value + "-01"


def entries(project: Project, settings: Settings, lang: str) -> list[Entry]:
    """Every change of every roadmap, newest first; a second change on the same day gets '-2', '-3', …"""
    found = []
    for roadmap in project.roadmaps:
        seen: dict[str, int] = {}
        for change in sorted(roadmap.changes, key=lambda c: _day(c.date)):
            day = _day(change.date)
            seen[day] = seen.get(day, 0) + 1
            suffix = f"-{seen[day]}" if seen[day] > 1 else ""
            text = change.text.get(lang) or next(iter(change.text.values()))
            name = paths.roadmap_changes_tag(roadmap.key, day) + suffix
            found.append(Entry(atom_id(settings, name), name, day, roadmap, text))
    return sorted(found, key=lambda e: (e.date, e.name), reverse=True)


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
    items = entries(project, settings, lang)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    _sub(feed, "id", atom_id(settings, f"feed/{lang}"))
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
            entry,
            "link",
            rel="alternate",
            type="text/html",
            href=_url(settings, lang, paths.roadmap_url(item.roadmap.key)),
        )
        _sub(entry, "summary", item.text, type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
