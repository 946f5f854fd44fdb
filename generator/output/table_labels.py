"""MkDocs hook: every data cell of a table gets its column's header as `data-label`, so that on a phone
(assets/phone.css) each row can be shown as a card with the headers as labels, without JavaScript.

Markdown tables cannot carry attributes per cell, and the templates write their tables in Markdown; adding the
labels here, once, to the HTML that Python-Markdown made, serves every table of every page (catalogue, roadmaps,
data, maintainers) and keeps the templates as they are. Python-Markdown writes tables in one fixed shape
(`<table>`, `<thead>` with one row of `<th>`, `<tbody>` with rows of `<td>`), which is all this relies on; a table of
another shape (raw HTML with its own attributes) is left alone. The header's text is unescaped and escaped again for
the attribute, so no markup of a header reaches the label. MkDocs loads this file by its path (`hooks:` in the
generated config), so it imports nothing from the generator.
"""

from __future__ import annotations

import html
import itertools
import re
from typing import Any

TABLE = re.compile(r"<table>\s*<thead>(?P<head>.*?)</thead>(?P<body>.*?)</table>", re.S)
HEADER_CELL = re.compile(r"<th(?:\s[^>]*)?>(?P<text>.*?)</th>", re.S)
ROW = re.compile(r"<tr>(?P<cells>.*?)</tr>", re.S)
DATA_CELL = re.compile(r"<td(?P<attrs>(?:\s[^>]*)?)>")
TAG = re.compile(r"<[^>]+>")


def _text(cell_html: str) -> str:
    return " ".join(html.unescape(TAG.sub("", cell_html)).split())


def _label_row(row: re.Match[str], labels: list[str]) -> str:
    column = itertools.count()

    def cell(match: re.Match[str]) -> str:
        index = next(column)
        label = labels[index] if index < len(labels) else ""
        if not label or "data-label=" in match["attrs"]:
            return match[0]
        return f'<td{match["attrs"]} data-label="{html.escape(label, quote=True)}">'

    return "<tr>" + DATA_CELL.sub(cell, row["cells"]) + "</tr>"


def _label_table(table: re.Match[str]) -> str:
    labels = [_text(m["text"]) for m in HEADER_CELL.finditer(table["head"])]
    if not any(labels):
        return table[0]
    body = ROW.sub(lambda row: _label_row(row, labels), table["body"])
    return f"<table>\n<thead>{table['head']}</thead>{body}</table>"


def label_tables(page_html: str) -> str:
    """The same HTML, each `<td>` of a Markdown table labelled with its column's header."""
    return TABLE.sub(_label_table, page_html)


def on_page_content(html: str, **_: Any) -> str:  # the MkDocs event
    return label_tables(html)
