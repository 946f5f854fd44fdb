"""The list of every title that the guide's filter searches (assets/guide-filter.js), as a script of its own next to
the page: the filter loads it when the visitor first uses the filter field, so the page itself stays small. A script
and not a JSON file, because pages opened from disk (the offline copy) may load scripts but not fetch files.

The script sets one variable to a list of rows `[link, language, title, rest]`: the link is relative to the page's
folder (a folder URL, as MkDocs writes it: `nurse/`, `../catalogue/midwife/`), `rest` is the text after the link
(`— nurse (former name)`). The filter makes each row a list item with textContent, never markup.
"""

from __future__ import annotations

import json
import posixpath
from typing import Any

from generator.model import paths
from generator.render.language import Language, Page

FILE = "titles.js"  # next to the page: <folder of the page>/titles.js
VARIABLE = "grensroutesGuideTitles"
_PREFIX = f"window.{VARIABLE} = "
_SUFFIX = ";\n"

Row = list[str]


def path_for(page: str) -> str:
    """The script's path in the docs folder, for the page at `page` (`guide/index.md` → `guide/titles.js`)."""
    return posixpath.join(posixpath.dirname(page), FILE)


def rows(entries: list[dict[str, Any]], lang: Language) -> list[Row]:
    """One row per title, from render/titles.py's entries for the page."""
    former = f" ({lang.label('guide_former')})"
    return [
        [paths.folder_url(e["href"]), e["lang"], e["title"], f" — {e['profession']}{former if e['former'] else ''}"]
        for e in entries
    ]


def script(table: list[Row]) -> str:
    """The script's text. JSON is JavaScript; the two line separators JSON allows in strings are escaped for older
    engines."""
    data = json.dumps(table, ensure_ascii=False, separators=(",", ":"))
    return _PREFIX + data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + _SUFFIX


def read(text: str) -> list[Row]:
    """The rows of a script written by `script` (the offline copy rewrites the links; tests read the titles)."""
    if not (text.startswith(_PREFIX) and text.endswith(_SUFFIX)):
        raise ValueError("not a list of the guide's titles")
    table: list[Row] = json.loads(text[len(_PREFIX) : -len(_SUFFIX)])
    return table


def page(entries: list[dict[str, Any]], lang: Language, page_path: str) -> Page:
    """The script as a generated file of the docs folder (MkDocs copies it as it is)."""
    return Page(path_for(page_path), script(rows(entries, lang)))
