"""The guide's filter counts in the reader's grammar: the browser picks the CLDR plural category with
Intl.PluralRules from the texts the page carries (data-one, data-other): '1 Name gefunden', French '0 nom trouvé'."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from generator.build import build
from tests.conftest import copy_project


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def guide_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = copy_project(tmp_path_factory.mktemp("plurals") / "project")
    result = build(root, pdfs=False, offline=False)
    assert result.ok, "\n".join(map(str, result.diagnostics))
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.slow
@pytest.mark.browser
def test_the_filter_count_follows_the_plural_rules(browser: Any, guide_url: str) -> None:
    cases = [
        ("de", "A-verpleegkundige", "1 Name gefunden"),
        ("de", "zzzz", "0 Namen gefunden"),
        ("fr", "zzzz", "0 nom trouvé"),
        ("fr", "A-verpleegkundige", "1 nom trouvé"),
        ("nl", "A-verpleegkundige", "1 naam gevonden"),
        ("en", "A-verpleegkundige", "1 name found"),
    ]
    page = browser.new_page()  # the session's Chromium (one Playwright per process)
    seen = []
    for lang, query, _ in cases:
        page.goto(f"{guide_url}/{lang}/guide/")
        page.fill("#gr-filter-input", query)
        seen.append(page.inner_text("#gr-filter-status"))
    page.close()
    assert seen == [expected for _, _, expected in cases]
