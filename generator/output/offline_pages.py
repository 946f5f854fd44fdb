"""The offline copy's files, made from the online build's: what Material's `offline` plugin changes, done to the
finished pages instead of in a second MkDocs build.

From disk (file://) a link to a folder shows a file listing, so every relative link to a folder of the copy that holds
an index.html gets `index.html` added (`../about/` → `../about/index.html`, `..` → `../index.html`), in the pages
and in the search index. Pages keep their places, so every other relative address stays right. Browsers refuse to
fetch files and to start workers from file://, so, like the plugin, the search index is also written as a script
(search/search_index.js, `var __index = …`, which Material's bundle loads from disk) and every page loads the
iframe-worker shim, which runs the search worker in an iframe; the page's Content-Security-Policy then allows the
shim's one inline script by its hash (output/csp.py). Links to the online site's own address (canonical) go.

Pages are read by a tokenizer that reads HTML as Python's HTMLParser does (script and style contents are never taken
for tags; see `tags`) and changed only where it found an attribute to change: every other byte stays as MkDocs wrote
it, so inline scripts keep their hashes.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.output import csp
from generator.render import guide_titles as guide_titles_script

Exists = Callable[[str], bool]  # is this path (relative to the copy's top folder) a file of the copy?

LINKS = {"a": "href", "area": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src"}
ONLINE_ONLY = (("link", "rel", "canonical"), ("meta", "property", "og:url"))  # the online site's own address
HEADINGS = ("h2", "h3")
WANTED = frozenset([*LINKS, *(name for name, _, _ in ONLINE_ONLY), *HEADINGS])  # the start tags recorded
ENDS = frozenset(["head", *HEADINGS])  # the end tags recorded
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_NAME = re.compile(r"<[a-zA-Z][^\t\n\r\f />\x00]*")


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


# The page's tags in one pass of a regular expression (C) instead of Python's HTMLParser, which visits each of the
# site's two million tags in Python: for ~3,000 pages that was 7 of the build's 60 CPU seconds. It reads the syntax
# HTMLParser reads: comments, and the contents of script and style elements, are never taken for tags; attribute values
# are double-quoted, single-quoted or bare, and a `>` inside quotes does not end the tag. Every other tag is matched
# whole and passed over, so no attribute value is mistaken for a tag. tests/test_offline_tags.py holds HTMLParser's
# reading of every page of the built site (and of hostile markup) against this one.
_SPACE = "\t\n\r\f "
_UNTIL_GT = r"""(?:[^'">]+|"[^"]*"|'[^']*')*"""  # a start tag's attributes: quoted values may hold ">"
_NAMED = rf"(?=[{_SPACE}/>])"  # the end of a tag's name


def _one_of(names: Iterable[str]) -> str:
    return "|".join(sorted(names, key=len, reverse=True))  # longest first: "h2" before "h"


_TOKENS = re.compile(
    rf"""<!--.*?(?:--!?>|\Z)
    |(?P<opening><(?P<raw>script|style){_NAMED}{_UNTIL_GT}>).*?(?=</(?P=raw)[{_SPACE}/>]|\Z)
    |<(?P<tag>{_one_of(WANTED - {"script"})}){_NAMED}{_UNTIL_GT}>
    |<[a-zA-Z]{_UNTIL_GT}>
    |</(?P<end>{_one_of(ENDS)})[{_SPACE}]*>
    |</[^>]*>|<[!?][^>]*>""",
    re.S | re.X | re.I,
)
# one attribute, as HTMLParser reads it: a name, then optionally "=" and a quoted or bare value
_ATTRIBUTE = re.compile(r"""((?<=['"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?(?:\s|/(?!>))*""")


def _attributes(raw: str, name: str) -> dict[str, str]:
    """A start tag's attributes by lower-case name, values unquoted and unescaped; the first of a repeated name wins."""
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(raw, 1 + len(name), len(raw) - 1):
        key, given, value = match.group(1, 2, 3)
        if given and value[:1] in "'\"" and value[:1] == value[-1:]:
            value = value[1:-1]
        found.setdefault(key.lower(), html.unescape(value) if given and value else "")
    return found


def tags(text: str) -> list[Tag]:
    """The start tags of links, headings and `ONLINE_ONLY` elements, and the end tags of headings and the head."""
    found: list[Tag] = []
    for match in _TOKENS.finditer(text):
        kind, start = match.lastgroup, match.start()  # a script or style element: "opening", its start tag
        if kind == "end":
            found.append(Tag(match["end"].lower(), {}, start, match.end(), closing=True))
        elif kind == "tag" or (kind == "opening" and match["raw"].lower() == "script"):
            name = match["tag" if kind == "tag" else "raw"].lower()
            raw = match[0 if kind == "tag" else "opening"]
            found.append(Tag(name, _attributes(raw, name), start, start + len(raw)))
    return found


def with_attribute(raw: str, name: str, value: str) -> str:
    """The start tag `raw` with attribute `name` (its first occurrence, the one read) set to `value`, every other
    character unchanged."""
    head = _NAME.match(raw)
    if head is None:
        raise ValueError(f"not a start tag: {raw!r}")
    for found in _ATTRIBUTE.finditer(raw, head.end(), len(raw) - 1):
        key, given = found.group(1, 2)
        if key.lower() == name:
            end = found.end(2) if given else found.end(1)
            return f'{raw[: found.start(1)]}{key}="{html.escape(value)}"{raw[end:]}'
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
