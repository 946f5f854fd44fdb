"""Every page's title, description and tags are escaped for the theme where pages go to disk (escape.page, called by
output/write.py), whatever wrote them: a page built in Python or a template that forgets the `front_matter` filter
still shows its title as text. Pages that used the filter keep their bytes. Fast: no build."""

from __future__ import annotations

import json
from dataclasses import replace

import yaml

from generator.config import Settings
from generator.output import write
from generator.render import escape
from generator.render.language import Page

PAYLOAD = "<img src=x onerror=alert(1)> \"><script>alert(1)</script> ' & {{7*7}}"
RAW = json.dumps(PAYLOAD, ensure_ascii=False)  # a YAML string, not escaped for HTML
SHOWN = "&lt;img src=x onerror=alert(1)&gt; &#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &#39; &amp; {{7*7}}"
TWICE = SHOWN.replace("&#39;", "").replace("  ", " ")


def _head(markdown: str) -> dict[str, object]:
    loaded = yaml.safe_load(markdown.split("---\n")[1])
    assert isinstance(loaded, dict)
    return loaded


def test_unescaped_title_description_and_tags_become_text() -> None:
    raw = (
        f"---\ntitle: {RAW}\ndescription: >-\n  {PAYLOAD.replace(chr(39), '')}\n  {PAYLOAD.replace(chr(39), '')}\n"
        "tags:\n- <b onclick=alert(1)>x</b>\n- plain\n---\n\n# body <b>kept</b>\n"
    )
    assert _head(raw)["title"] == PAYLOAD  # written without the filter
    page = escape.page(raw)
    head = _head(page)
    assert head == {
        "title": SHOWN,
        "description": f"{TWICE} {TWICE}",
        "tags": ["&lt;b onclick=alert(1)&gt;x&lt;/b&gt;", "plain"],
    }
    assert page.endswith("---\n\n# body <b>kept</b>\n")


def test_pages_that_used_the_filter_keep_their_bytes() -> None:
    markdown = (
        f"---\ntitle: {escape.front_matter(PAYLOAD)}\ndescription: {escape.front_matter('a & b')}\n"
        f"tags: {escape.front_matter(['<x>', 'y'])}\nhide:\n  - toc\njsonld:\n  name: <kept as data>\n---\n\n# {PAYLOAD}\n"
    )
    assert escape.page(markdown) == markdown
    assert escape.page("no front matter <b>\n") == "no front matter <b>\n"
    assert escape.page("<?xml version='1.0'?><feed/>") == "<?xml version='1.0'?><feed/>"


def test_other_keys_stay_as_they_were_written() -> None:
    raw = f"---\nhide:\n  - toc\ntitle: {RAW}\nsearch:\n  exclude: true\njsonld: {{'name': '<kept>'}}\n---\nx\n"
    head = _head(escape.page(raw))
    assert head == {"hide": ["toc"], "title": SHOWN, "search": {"exclude": True}, "jsonld": {"name": "<kept>"}}


def test_escaping_at_the_sink_is_idempotent() -> None:
    once = escape.page(f"---\ntitle: {RAW}\n---\n")
    assert escape.page(once) == once
    assert _head(once)["title"] == SHOWN


def test_the_writer_escapes_every_page(settings: Settings) -> None:
    empty = replace(settings, root=settings.root / "no-such-project")  # no content/ folder: the pages only
    files = write.docs_files(empty, "en", [Page("catalogue/titles/x.md", f"---\ntitle: {RAW}\n---\n\n# x\n")])
    text = files["catalogue/titles/x.md"]
    assert isinstance(text, str) and _head(text)["title"] == SHOWN
