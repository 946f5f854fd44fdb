"""MkDocs hook: a block of Markdown that many pages of one folder repeat word for word is made into HTML once.

Every catalogue profession page (about 250 per language) ends with the same cards of the Grensinfopunten at each
border: half of the catalogue's Markdown, and more than a tenth of the time MkDocs spent on a language. A template
puts such a block between `START` and `END` (HTML comments on lines of their own). The first page of a folder that
holds the block is converted as usual and the block's HTML kept; on the folder's next pages the block is replaced by a
placeholder before conversion, and the kept HTML put in its place after. The same Markdown in the same folder makes
the same HTML, since its links are relative to the folder. A shared block holds no heading: the table of contents of
the pages that receive its HTML would miss it. The comments never reach the site.

MkDocs loads this file by its path (`hooks:` in the generated config), so it imports nothing from the generator. Each
MkDocs build is a process of its own, so what is kept lasts one build.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from typing import Any

START = "<!-- shared-block -->"
END = "<!-- /shared-block -->"
_BLOCK = re.compile(rf"^{re.escape(START)}\n(?P<body>.*?)^{re.escape(END)}$", re.S | re.M)
_HEADING = re.compile(r"^#{1,6}\s", re.M)
_PLACEHOLDER = "<!-- shared-block {} -->"
_PLACED = re.compile(r"\n*<!-- shared-block ([0-9a-f]{64}) -->\n*")

_kept: dict[str, str] = {}  # a block's key → its HTML
_made: dict[str, list[str]] = {}  # a page → the keys of the blocks its conversion makes


def _key(folder: str, body: str) -> str:
    return hashlib.sha256(f"{folder}\0{body}".encode()).hexdigest()


def on_pre_build(**_: Any) -> None:  # the MkDocs event
    _kept.clear()
    _made.clear()


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:  # the MkDocs event
    folder, made = posixpath.dirname(page.file.src_uri), []

    def share(block: re.Match[str]) -> str:
        if _HEADING.search(block["body"]):
            raise ValueError(f"{page.file.src_uri}: a shared block holds a heading")
        key = _key(folder, block["body"])
        if key in _kept:
            return _PLACEHOLDER.format(key)
        made.append(key)
        return block[0]

    markdown = _BLOCK.sub(share, markdown)
    _made[page.file.src_uri] = made
    return markdown


def _keep(html: str, keys: list[str]) -> str:
    """The blocks this page made, kept in the order they came, their comments taken out."""
    for key in keys:
        start, end = html.index(START), html.index(END)
        _kept[key] = html[start + len(START) : end].strip("\n")
        html = html[:start] + _PLACEHOLDER.format(key) + html[end + len(END) :]
    return html


def on_page_content(html: str, page: Any, **_: Any) -> str:  # the MkDocs event
    # a comment is a block of its own in Python-Markdown's output: the newlines around it go with it, so the page is
    # the same as if the block's HTML had been made on it
    html = _keep(html, _made.pop(page.file.src_uri, []))
    return _PLACED.sub(lambda m: f"\n{_kept[m[1]]}\n", html)
