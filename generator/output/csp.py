"""Content-Security-Policy and referrer policy for every HTML page, as `<meta>` elements (the site is static: no
server sends headers). The policy allows the site's own scripts, styles, images, fonts, fetches and workers and
nothing else: no third-party origin, no plugin, no `<base>`, no form to another site. The few inline scripts and
styles (Material's small start-up scripts, whose text depends on the page's depth; the root page's style) are
allowed by their SHA-256 hashes, computed from the finished page, so an injected script has no hash and never runs.

Also an MkDocs hook (registered by output/write.py for every language, online and offline): MkDocs loads this file
by its path in its own process, so it imports nothing from the generator.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any

REFERRER = "no-referrer"
_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_STYLE = re.compile(r"<style(?:\s[^>]*)?>(?P<body>.*?)</style>", re.S | re.I)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.I)
_SRC = re.compile(r"\ssrc\s*=", re.I)
_CHARSET = re.compile(r"<meta charset=\"?utf-8\"?>", re.I)
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
_JAVASCRIPT = {"", "text/javascript", "application/javascript", "module"}
# The vendored iframe-worker shim (offline zip, file://) starts the search in an iframe whose document it writes,
# with one inline script made of two of its own functions and the worker's address.
SHIM = Path(__file__).resolve().parent.parent / "vendor" / "iframe-worker" / "shim.js"
_SHIM_NAME = "iframe-worker"


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _function(source: str, name: str) -> str:
    """The text of `function name(…){…}` in minified source, as Function.prototype.toString returns it."""
    start = source.index(f"function {name}(")
    depth, i = 0, source.index("{", start)
    while True:
        depth += {"{": 1, "}": -1}.get(source[i], 0)
        i += 1
        if depth == 0:
            return source[start:i]


def shim_script(worker: str, shim: str) -> str:
    """The inline script the shim writes into its iframe for the worker at `worker` (see shim.js)."""
    post, load = _function(shim, "c"), _function(shim, "d")
    return (
        f"postMessage={post};importScripts={load};addEventListener(\"error\",({{error}})=>"
        f"{{parent.dispatchEvent(new ErrorEvent(\"error\",{{filename:\"{worker}\",error}}))}})"
    )


def policy(html: str, shim: str | None = None) -> str:
    """The policy for one finished page: its own origin, plus the hash of each inline script and style it holds."""
    scripts = []
    for match in _SCRIPT.finditer(html):
        kind = _TYPE.search(match["attrs"])
        if _SRC.search(match["attrs"]) or (kind and kind.group(1).lower() not in _JAVASCRIPT):
            continue  # external scripts are 'self'; JSON data blocks never run
        scripts.append(_hash(match["body"]))
    config = _CONFIG.search(html)
    if shim is not None and _SHIM_NAME in html and config:
        worker = json.loads(config.group(1)).get("search")
        if worker:
            scripts.append(_hash(shim_script(worker, shim)))
    styles = [_hash(m["body"]) for m in _STYLE.finditer(html)]
    parts = [
        "default-src 'self'",
        "script-src " + " ".join(["'self'", *sorted(set(scripts))]),
        "style-src " + " ".join(["'self'", *sorted(set(styles))]),
        "img-src 'self' data:",  # Material's icons are data: SVG in its stylesheet
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(parts)


def with_policy(html: str, shim: str | None = None) -> str:
    """The page with its policy and the referrer policy as the first elements after `<meta charset>`."""
    found = _CHARSET.search(html)
    if found is None or 'http-equiv="Content-Security-Policy"' in html:
        return html
    meta = (
        f'\n  <meta http-equiv="Content-Security-Policy" content="{policy(html, shim)}">'
        f'\n  <meta name="referrer" content="{REFERRER}">'
    )
    return html[: found.end()] + meta + html[found.end() :]


def without_policy(html: str) -> str:
    """The page without the two elements that `with_policy` added (to make its policy afresh after a change)."""
    start = html.find('\n  <meta http-equiv="Content-Security-Policy" content="')
    if start < 0:
        return html
    tail = f'\n  <meta name="referrer" content="{REFERRER}">'
    end = html.index(tail, start) + len(tail)
    return html[:start] + html[end:]


# ---- MkDocs hook -----------------------------------------------------------------------------------------------


def _shim_source() -> str | None:
    return SHIM.read_text(encoding="utf-8") if SHIM.exists() else None


def on_post_page(output: str, page: Any, config: Any) -> str:
    return with_policy(output, _shim_source())


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """404.html; other templates (sitemap.xml) are not HTML."""
    return with_policy(output_content, _shim_source()) if template_name.endswith(".html") else output_content
