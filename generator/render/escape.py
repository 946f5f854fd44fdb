"""Escaping for every place a string from the data lands, one function per place, so no field can be forgotten.

Where a value ends up, and why it is escaped the way it is:

- Markdown body → `markdown` (`formatting.md_escape`: no markup, HTML, links or attribute lists; also safe inside a
  double-quoted HTML attribute written in a Markdown template). The Markdown templates apply it to every `{{ … }}`.
- HTML text and double-quoted attributes (the factsheet templates, markup built in Python) → `html`.
- Values the theme prints without escaping → `theme_text`. MkDocs and Material render their templates without
  autoescape, and treat page titles, navigation titles, `<meta name="description">` and the search index as HTML:
  the header, the navigation, the breadcrumbs, the footer links and the search results (whose JavaScript inserts
  title, text and tags with `innerHTML`) print them as they are. So these values are HTML-escaped once, here, and
  the theme's own escaping (`| e`, `striptags`) of the few places that have it decodes them back to the same text.
- YAML front matter (`title:`, `description:`, `tags:`) → `front_matter`: `theme_text`, written as a JSON string (valid
  YAML, on one line, so no value can add keys or end the block; the same bytes as Jinja's `tojson`). And every page
  passes `page` on its way to disk (output/write.py), which rewrites each of these keys, however the page wrote it,
  as `front_matter` of its text: a template or a page built in Python that forgets the filter still prints text.
- JSON-LD (front matter `jsonld:`, printed by overrides/partials/seo-head.html) stays plain text: the override prints
  it through `tojson`, which escapes `<`, `>`, `&` and `'`, so no value can end the script element.
- The navigation in each language's MkDocs config → `navigation` (every title through `theme_text`).

Not here, because the writer escapes by construction: the Atom feed (ElementTree, `type="text"`), the JSON and CSV
open data (JSON encoding; CSV formulas are neutralised by the export), the factsheet PDFs (Jinja with autoescape).
"""

from __future__ import annotations

import html as html_text
import json
import re
from typing import Any

import yaml
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup, escape

from generator.render import formatting as fmt


def markdown(value: Any) -> Markup:
    """Text inside a Markdown page."""
    return fmt.md_escape(value)


def html(value: Any) -> Markup:
    """Text inside HTML, or a double-quoted attribute value. Markup passes unchanged."""
    return escape(value)


def theme_text(value: Any) -> str:
    """A value the theme prints as HTML: whitespace collapsed, `& < > " '` escaped. Markup (already HTML) is kept."""
    if isinstance(value, Markup):
        return " ".join(str(value).split())
    return str(escape(" ".join(str(value).split())))


def front_matter(value: Any) -> Markup:
    """A front matter value the theme shows (title, description; a list for tags), as one JSON (= YAML) scalar."""
    if isinstance(value, list | tuple):
        return htmlsafe_json_dumps([theme_text(v) for v in value])
    return htmlsafe_json_dumps(theme_text(value))


def navigation(nav: Any) -> Any:
    """The MkDocs `nav`: every section and page title escaped; paths and URLs unchanged."""
    if isinstance(nav, list):
        return [navigation(item) for item in nav]
    if isinstance(nav, dict):
        return {theme_text(title): navigation(target) for title, target in nav.items()}
    return nav


SHOWN_KEYS = ("title", "description", "tags")  # front matter the theme prints as HTML
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FRONT_MATTER = re.compile(r"\A---\n(?P<block>.*?\n)---\n", re.S)
_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):(?:\s|$)")


def _text(value: Any) -> Any:
    """The text a shown value stands for: escaped once or not at all, it is the same text."""
    if isinstance(value, str):
        return html_text.unescape(value)
    if isinstance(value, list):
        return [html_text.unescape(str(v)) for v in value]
    return str(value)


def _entries(block: str) -> list[tuple[str, str]]:
    """The front matter as (top-level key, its lines): a key's value runs to the next line that starts a key."""
    found: list[tuple[str, str]] = []
    for line in block.splitlines(keepends=True):
        key = _TOP_KEY.match(line)
        if key or not found:
            found.append((key["key"] if key else "", line))
        else:
            found[-1] = (found[-1][0], found[-1][1] + line)
    return found


def _escaped(key: str, text: str) -> bool:
    """Whether a front matter entry is not shown by the theme, or already is what `front_matter` writes (the usual
    case: then the page needs no YAML parser)."""
    if key not in SHOWN_KEYS:
        return True
    try:
        value = json.loads(text[len(key) + 1 :])
    except ValueError:
        return False
    return isinstance(value, str | list) and text == f"{key}: {front_matter(_text(value))}\n"


def page(markdown: str) -> str:
    """A page's Markdown with `title`, `description` and `tags` in its front matter escaped once for the theme,
    whether the page escaped them or not (escaping the unescaped text again gives the same bytes); other keys and
    the body are unchanged."""
    found = _FRONT_MATTER.match(markdown)
    if found is None or all(_escaped(key, text) for key, text in _entries(found["block"])):
        return markdown
    data = yaml.load(found["block"], Loader=_LOADER)
    if not isinstance(data, dict) or not any(data.get(key) is not None for key in SHOWN_KEYS):
        return markdown
    lines = [
        f"{key}: {front_matter(_text(data[key]))}\n" if key in SHOWN_KEYS and data.get(key) is not None else text
        for key, text in _entries(found["block"])
    ]
    block = "".join(lines)
    if block == found["block"]:
        return markdown
    shown = {k: yaml.load(str(front_matter(_text(v))), Loader=_LOADER) for k, v in data.items() if k in SHOWN_KEYS}
    if yaml.load(block, Loader=_LOADER) != {**data, **{k: v for k, v in shown.items() if data[k] is not None}}:
        raise ValueError(f"front matter that cannot be rewritten key by key: {found['block'][:200]!r}")
    return f"---\n{block}---\n{markdown[found.end() :]}"
