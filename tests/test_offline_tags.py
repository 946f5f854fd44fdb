"""The offline copy finds the tags it changes with a regular expression (generator/output/offline_pages.tags); Python's
HTMLParser is the reference reading. Both must find the same tags, with the same attributes, at the same places: on
tricky markup, on the injection corpus's payloads, and on every page of the built site."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.output import offline_pages
from generator.output.offline_pages import ENDS, WANTED, Tag
from tests.injection_corpus import PAYLOADS, URLS


class _Reference(HTMLParser):
    """Every wanted start tag and end tag with its place, as HTMLParser reads the document."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.lines = [0] + [m.end() for m in re.finditer("\n", text)]
        self.tags: list[Tag] = []
        self.feed(text)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in WANTED:
            start = self._offset()
            raw = self.get_starttag_text() or ""
            self.tags.append(Tag(tag, {k: v or "" for k, v in reversed(attrs)}, start, start + len(raw)))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag in ENDS:
            start = self._offset()
            self.tags.append(Tag(tag, {}, start, self.text.index(">", start) + 1, closing=True))


def reference(text: str) -> list[Tag]:
    return _Reference(text).tags


TRICKY = [
    '<a href="../about/">About</a>',
    "<A HREF='x/'>upper case</A><H2 ID=a>b</H2 >",
    '<a href=../bare/ title="a > b">quoted greater-than</a>',
    '<a title="<a href=no/>" href="yes/">an attribute that looks like a tag</a>',
    '<!-- <a href="commented/"> --><a href="real/">x</a>',
    '<script>let s = "<a href=\\"in-script/\\">";</script><a href="after/">x</a>',
    '<script src="app.js" defer></script><style>a[href="x"] { content: "<a href=y>" }</style>',
    '<a href="x/" href="y/">the first of a repeated attribute wins</a>',
    '<a href="?q=1&amp;r=2#f">entities in values</a><img src=pic.png alt=x/>',
    '<!doctype html><?xml version="1.0"?><link rel=canonical href="https://e.org/"><meta property="og:url" content=u>',
    "1 < 2 and <a href=x>link</a> <",
    "<h2 id=one>One</h2><h3>Three</h3></head>",
    "<svg><path d='M0 0'/></svg><a\nhref='multi\nline/'\n>x</a>",
    "<!-- unterminated comment <a href=x>",
]


@pytest.mark.parametrize("markup", TRICKY)
def test_tricky_markup_is_read_as_the_html_parser_reads_it(markup: str) -> None:
    assert offline_pages.tags(markup) == reference(markup)


@pytest.mark.parametrize("payload", [*PAYLOADS, *URLS])
def test_injection_payloads_are_read_as_the_html_parser_reads_them(payload: str) -> None:
    page = f'<h2 id="x">t</h2><p>{payload}</p><a href="next/">n</a><a title="{payload}" href="{payload}">p</a>'
    assert offline_pages.tags(page) == reference(page)


@pytest.mark.slow
def test_every_english_page_is_read_as_the_html_parser_reads_it(built_site: Path) -> None:
    # one language holds every kind of page; the four languages share every template
    pages = sorted((built_site / "en").rglob("*.html"))
    assert len(pages) > 500
    differ = [p for p in pages if offline_pages.tags(text := p.read_text(encoding="utf-8")) != reference(text)]
    assert not differ, f"{len(differ)} pages read differently, first: {differ[0]}"
