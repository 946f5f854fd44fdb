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
  YAML, on one line, so no value can add keys or end the block; the same bytes as Jinja's `tojson`).
- JSON-LD (front matter `jsonld:`, printed by overrides/partials/seo-head.html) stays plain text: the override prints
  it through `tojson`, which escapes `<`, `>`, `&` and `'`, so no value can end the script element.
- The navigation in each language's MkDocs config → `navigation` (every title through `theme_text`).

Not here, because the writer escapes by construction: the Atom feed (ElementTree, `type="text"`), the JSON and CSV
open data (JSON encoding; CSV formulas are neutralised by the export), the factsheet PDFs (Jinja with autoescape).
"""

from __future__ import annotations

from typing import Any

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
