"""A block of Markdown repeated on many pages of a folder is made into HTML once (generator/output/shared_blocks.py):
the pages MkDocs writes are the same, byte for byte, as when every page converts the block itself."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.output import shared_blocks

BLOCK = """<details class="gr-fold" markdown>
<summary>Show</summary>

**[Point A](../points.md#a)**

- Web page: [https://example.org/a](https://example.org/a){ .gr-bare }
- Hours: *by appointment* \\(ask first\\)

</details>"""


def shared(block: str) -> str:
    return f"{shared_blocks.START}\n\n{block}\n\n{shared_blocks.END}"


def page(title: str, *blocks: str) -> str:
    body = "\n\n### Between\n\n".join(blocks)
    return f"# {title}\n\nSome text.\n\n## Ask {{ #ask }}\n\n{body}\n\nAfter.\n"


def site(tmp: Path, docs: dict[str, str], hooks: list[str]) -> dict[str, bytes]:
    for name, text in docs.items():
        (tmp / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp / "docs" / name).write_text(text, encoding="utf-8")
    config = load_config(
        config_file=None,
        site_name="t",
        docs_dir=str(tmp / "docs"),
        site_dir=str(tmp / "site"),
        markdown_extensions=["attr_list", "md_in_html", "toc"],
        hooks=hooks,
    )
    build(config)
    return {p.relative_to(tmp / "site").as_posix(): p.read_bytes() for p in sorted((tmp / "site").rglob("*.html"))}


OTHER = BLOCK.replace("Point A", "Point B")
DOCS = {
    "points.md": "# Points\n\n## A { #a }\n",
    "catalogue/one.md": page("One", BLOCK, OTHER),
    "catalogue/two.md": page("Two", BLOCK, OTHER),
    "catalogue/three.md": page("Three", OTHER),
    "elsewhere/four.md": page("Four", BLOCK),  # another folder makes the block's HTML itself
}


def test_pages_with_shared_blocks_are_the_pages_without(tmp_path: Path) -> None:
    with_hook = site(
        tmp_path / "a",
        {name: text.replace(BLOCK, shared(BLOCK)).replace(OTHER, shared(OTHER)) for name, text in DOCS.items()},
        [shared_blocks.__file__],
    )
    plain = site(tmp_path / "b", DOCS, [])
    assert with_hook.keys() == plain.keys()
    for name in with_hook:
        assert with_hook[name] == plain[name], name
    assert b"shared-block" not in b"".join(with_hook.values())
    # made once per folder: both blocks in catalogue/, the first one in elsewhere/
    assert len(sys.modules[shared_blocks.__file__]._kept) == 3  # MkDocs loads a hook as a module named by its path
    assert b'<strong><a href="../../points/#a">Point A</a></strong>' in with_hook["catalogue/two/index.html"]


def test_a_shared_block_may_not_hold_a_heading(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="holds a heading"):
        site(tmp_path, {"x/one.md": page("One", shared("## Heading\n\ntext"))}, [shared_blocks.__file__])
