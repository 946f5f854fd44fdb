"""One escaping function per place data lands (generator/render/escape.py), and the Content-Security-Policy computed
for each finished page (generator/output/csp.py): fast checks without a build."""

from __future__ import annotations

import base64
import hashlib

import yaml
from markupsafe import Markup

from generator.output import csp
from generator.render import escape
from generator.render.language import markdown_environment

PAYLOAD = '<img src=x onerror=alert(1)> "><script>alert(1)</script>\n\'x\' & {{7*7}}'


def test_front_matter_is_one_yaml_string_of_html_text() -> None:
    text = f"title: {escape.front_matter(PAYLOAD)}\ndescription: {escape.front_matter('a')}\n"
    loaded = yaml.safe_load(text)
    assert loaded["title"] == (
        "&lt;img src=x onerror=alert(1)&gt; &#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &#39;x&#39; &amp; {{7*7}}"
    )
    assert loaded["description"] == "a"


def test_front_matter_keeps_markup_that_is_html_already() -> None:
    assert yaml.safe_load(str(escape.front_matter(Markup("a &amp; <em>b</em>")))) == "a &amp; <em>b</em>"


def test_front_matter_lists_escape_each_item() -> None:
    assert yaml.safe_load(str(escape.front_matter(["<b>", "a&b"]))) == ["&lt;b&gt;", "a&amp;b"]


def test_front_matter_filter_in_markdown_templates() -> None:
    env = markdown_environment({"page.md.j2": "---\ntitle: {{ title | front_matter }}\n---\n# {{ title }}\n"})
    page = env.get_template("page.md.j2").render(title="<img src=x onerror=alert(1)> [x](javascript:alert(1))")
    head, body = page.split("---\n")[1:]
    assert yaml.safe_load(head)["title"] == "&lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(1))"
    assert "<img" not in body and "](" not in body


def test_navigation_titles_are_escaped_and_paths_kept() -> None:
    nav = [{"<b>Home</b>": "index.md"}, {"A & B": [{"x<y": ["a.md", "b.md"]}, "c.md"]}]
    assert escape.navigation(nav) == [
        {"&lt;b&gt;Home&lt;/b&gt;": "index.md"},
        {"A &amp; B": [{"x&lt;y": ["a.md", "b.md"]}, "c.md"]},
    ]


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<script id="__config" type="application/json">{"search": "../w.js"}</script>
<script type="application/ld+json">{"a": 1}</script>
<script src="a.js"></script><script>var a=1</script><style>b{c:d}</style></head><body></body></html>"""


def test_policy_allows_own_origin_and_the_hashes_of_the_inline_scripts_only() -> None:
    policy = csp.policy(PAGE)
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == f"'self' {_sha('var a=1')}"
    assert directives["style-src"] == f"'self' {_sha('b{c:d}')}"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in policy and "http" not in policy and "*" not in policy


def test_policy_and_referrer_come_right_after_the_charset() -> None:
    page = csp.with_policy(PAGE)
    head = page.split("<title>")[0]
    assert '<meta http-equiv="Content-Security-Policy" content="default-src' in head
    assert '<meta name="referrer" content="no-referrer">' in head
    assert csp.with_policy(page) == page


def test_offline_shim_script_is_allowed_by_its_hash() -> None:
    shim = 'x;function c(s,n){parent.postMessage(s,n||"*")}function d(...s){return s.map(n=>{return n})}y'
    page = PAGE.replace("<script src=\"a.js\">", '<script src="iframe-worker.js">')
    expected = (
        'postMessage=function c(s,n){parent.postMessage(s,n||"*")};importScripts=function d(...s){return s.map(n=>'
        '{return n})};addEventListener("error",({error})=>{parent.dispatchEvent(new ErrorEvent("error",'
        '{filename:"../w.js",error}))})'
    )
    assert _sha(expected) in csp.policy(page, shim)
