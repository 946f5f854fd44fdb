"""The offline copy's files, made from the online build's: what Material's `offline` plugin changes, done to the
finished pages instead of in a second MkDocs build.

From disk (file://) a link to a folder shows a file listing, so every relative link to a folder of the copy that holds
an index.html gets `index.html` added (`../about/` → `../about/index.html`, `..` → `../index.html`), in the pages
and in the search index. Pages keep their places, so every other relative address stays right. Browsers refuse to
fetch files and to start workers from file://, so, like the plugin, the search index is also written as a script
(search/search_index.js, `var __index = …`, which Material's bundle loads from disk) and every page loads the
iframe-worker shim, which runs the search worker in an iframe; the page's Content-Security-Policy then allows the
shim's one inline script by its hash (output/csp.py). Links to the online site's own address (canonical) go.

Pages are read with Python's HTML parser (script and style contents are never taken for tags) and changed only where
it found an attribute to change: every other byte stays as MkDocs wrote it, so inline scripts keep their hashes.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

from generator.output import csp
from generator.render import guide_titles as guide_titles_script

Exists = Callable[[str], bool]  # is this path (relative to the copy's top folder) a file of the copy?

LINKS = {"a": "href", "area": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src"}
ONLINE_ONLY = (("link", "rel", "canonical"), ("meta", "property", "og:url"))  # the online site's own address
HEADINGS = ("h2", "h3")
WANTED = frozenset([*LINKS, *(name for name, _, _ in ONLINE_ONLY), *HEADINGS])  # the start tags recorded
ENDS = frozenset(["head", *HEADINGS])  # the end tags recorded
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_NAME = re.compile(r"<[^\s/>]+")
# one attribute of a start tag, as HTMLParser reads them: a name, then optionally = and a quoted or bare value
_ATTRIBUTE = re.compile(r"""\s*(?P<name>[^\s/>"'=][^\s/>=]*)(?:\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^\s>]*))?|\s*/""")


def _split(url: str) -> tuple[str, str]:
    """A relative URL's path, and its query and fragment (kept as they are)."""
    cut = min((i for i in (url.find("#"), url.find("?")) if i >= 0), default=len(url))
    return url[:cut], url[cut:]


def file_url(url: str, folder: str, exists: Exists) -> str:
    """`url` as a link from a page in `folder` that works from disk: `index.html` added to a link to a folder of the
    copy that holds one. Anything else (absolute, another scheme, a file, a fragment) is returned as it is."""
    if not url or url.startswith(("#", "/", "?")) or _SCHEME.match(url):
        return url
    path, rest = _split(url)
    target = posixpath.normpath(posixpath.join(folder, path))
    if target == ".." or target.startswith("../") or exists(target):
        return url
    index = "index.html" if target == "." else f"{target}/index.html"
    if not exists(index):
        return url
    return f"{path}{'' if path.endswith('/') else '/'}index.html{rest}"


def from_site(url: str, folder: str, site_url: str) -> str:
    """A link to the online site's own address (the absolute hreflang alternates), as a relative link from a page in
    `folder`: the copy holds the same tree, and from disk an absolute link would leave the machine."""
    if not site_url or not url.startswith(f"{site_url}/"):
        return url
    target = url[len(site_url) + 1 :]
    path, rest = _split(target)
    relative = posixpath.relpath(path or ".", folder or ".")
    return f"{relative}/{rest}" if path.endswith("/") or not path else f"{relative}{rest}"


@dataclass
class Tag:
    name: str
    attrs: dict[str, str]
    start: int
    end: int
    closing: bool = False


class _Tags(HTMLParser):
    """Every start and end tag of a document with its place (character offsets) in the text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.tags: list[Tag] = []
        self.lines = [0] + [m.end() for m in re.finditer("\n", text)]
        self.feed(text)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in WANTED:
            return  # most tags: nothing to change, nothing to record
        start = self._offset()
        raw = self.get_starttag_text() or ""
        self.tags.append(Tag(tag, {k: v or "" for k, v in reversed(attrs)}, start, start + len(raw)))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag in ENDS:
            start = self._offset()
            self.tags.append(Tag(tag, {}, start, self.text.index(">", start) + 1, closing=True))


def tags(text: str) -> list[Tag]:
    """The start tags of links, headings and `ONLINE_ONLY` elements, and the end tags of headings and the head."""
    return _Tags(text).tags


def with_attribute(raw: str, name: str, value: str) -> str:
    """The start tag `raw` with attribute `name` set to `value`, every other character unchanged."""
    head = _NAME.match(raw)
    if head is None:
        raise ValueError(f"not a start tag: {raw!r}")
    at = head.end()
    while (found := _ATTRIBUTE.match(raw, at)) and found.end() > at:
        if (found["name"] or "").lower() == name:
            return f'{raw[: found.start("name")]}{found["name"]}="{html.escape(value)}"{raw[found.end() :]}'
        at = found.end()
    raise ValueError(f"no attribute {name} in {raw!r}")


Edit = tuple[int, int, str]  # replace text[start:end] with this


def apply(text: str, edits: list[Edit]) -> str:
    out, at = [], 0
    for start, end, replacement in sorted(edits):
        out += [text[at:start], replacement]
        at = end
    return "".join([*out, text[at:]])


def link_edits(text: str, found: list[Tag], page: str, exists: Exists, site_url: str = "") -> list[Edit]:
    """Links to folders made into links to their index.html, links into the online site made relative, and the
    online site's own address (canonical, og:url) removed."""
    folder, edits = posixpath.dirname(page), []
    for tag in found:
        if tag.closing:
            continue
        if any(tag.name == n and tag.attrs.get(a, "").lower() == v for n, a, v in ONLINE_ONLY):
            edits.append((tag.start, tag.end, ""))
            continue
        attribute = LINKS.get(tag.name)
        if attribute is None or attribute not in tag.attrs:
            continue
        url = tag.attrs[attribute]
        new = file_url(from_site(url, folder, site_url), folder, exists)
        if new != url:
            edits.append((tag.start, tag.end, with_attribute(text[tag.start : tag.end], attribute, new)))
    return edits


def section_edit(text: str, found: list[Tag], section: str, replacement: str) -> list[Edit]:
    """Replace what follows the heading with id `section` up to the next heading of its level (none if absent)."""
    for i, tag in enumerate(found):
        if not tag.closing and tag.name in HEADINGS and tag.attrs.get("id") == section:
            end = next(t for t in found[i:] if t.closing and t.name == tag.name)
            after = next((t for t in found[i + 1 :] if not t.closing and t.name == tag.name), None)
            return [(end.end, after.start if after else end.end, replacement)]
    return []


def shim_edit(found: list[Tag], page: str, shim: str) -> list[Edit]:
    """The iframe-worker shim, loaded at the end of the head, as the plugin's `polyfills` are."""
    head = next((t for t in found if t.closing and t.name == "head"), None)
    if head is None:
        return []
    url = posixpath.relpath(shim, posixpath.dirname(page) or ".")
    return [(head.start, head.start, f'<script src="{html.escape(url)}"></script>\n  ')]


def page(
    text: str,
    path: str,
    exists: Exists,
    shim: str,
    shim_source: str,
    sections: dict[str, str] | None = None,
    site_url: str = "",
) -> str:
    """The offline version of the page at `path` (relative to the copy's top), its policy made afresh; `sections`
    replaces what follows the headings with these ids."""
    found = tags(text)
    edits = [*link_edits(text, found, path, exists, site_url), *shim_edit(found, path, shim)]
    for section, replacement in (sections or {}).items():
        edits += section_edit(text, found, section, replacement)
    return csp.with_policy(csp.without_policy(apply(text, edits)), shim_source)


def search_index(index: str, folder: str, exists: Exists, sections: dict[str, str] | None = None) -> tuple[str, str]:
    """The search index with file locations (`""` is the home page), as JSON and as the script Material loads from
    disk; `sections` replaces the text of the entries at these locations."""
    data = json.loads(index)
    for entry in data.get("docs", []):
        location = entry.get("location", "")
        if location in (sections or {}):
            entry["text"] = (sections or {})[location]
        if location == "" or location.startswith("#"):
            entry["location"] = f"index.html{location}"
        else:
            entry["location"] = file_url(location, folder, exists)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text, f"var __index = {text}"


def guide_titles(script: str, name: str, exists: Exists) -> str:
    """The guide filter's list of titles (render/guide_titles.py) at `name`, its links to folders made into links to
    their index.html like the page's that loads it (the page is in the same folder)."""
    folder = posixpath.dirname(name)
    rows = guide_titles_script.read(script)
    return guide_titles_script.script([[file_url(row[0], folder, exists), *row[1:]] for row in rows])
