"""Each data cell of a Markdown table carries its column's header as data-label (the cards on a phone)."""

from __future__ import annotations

import markdown

from generator.output.table_labels import label_tables


def _html(source: str) -> str:
    return label_tables(markdown.markdown(source, extensions=["tables"]))


def test_cells_get_their_column_header() -> None:
    html = _html("| Where | Fee |\n|---|:-:|\n| Flanders | €10 |\n| Wallonia | €20 |\n")
    assert html.count('data-label="Where"') == 2
    assert '<td style="text-align: center;" data-label="Fee">€20</td>' in html


def test_header_markup_is_not_copied_and_text_is_escaped() -> None:
    html = _html('| A <b>"x"</b> & y | B |\n|---|---|\n| 1 | 2 |\n')
    assert 'data-label="A &quot;x&quot; &amp; y"' in html
    assert "data-label=\"A <b>" not in html


def test_tables_without_headers_are_left_alone() -> None:
    source = "| | |\n|---|---|\n| Fee | €10 |\n"
    assert _html(source) == markdown.markdown(source, extensions=["tables"])


def test_more_cells_than_headers_get_no_label() -> None:
    html = label_tables("<table>\n<thead>\n<tr><th>A</th></tr>\n</thead>\n<tbody>\n<tr><td>1</td><td>2</td></tr>\n</tbody>\n</table>")
    assert '<td data-label="A">1</td><td>2</td>' in html
