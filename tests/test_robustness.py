"""Quality gates on bad input: text from YAML never becomes markup or script, and the validator never raises."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from generator.build import build
from generator.config import Settings
from generator.load.documents import Document, load_text, walk
from generator.load.inputs import Inputs, load_inputs
from generator.validate.documents import is_text, validate
from tests.conftest import FIXTURES

PAYLOAD = (
    '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> '
    '[x](javascript:window.__pwned=3) <!-- c --> {{ 7*7 }} | a | b | {: onclick="window.__pwned=4" }'
)
VALID = (FIXTURES / "valid/physiotherapist/nl-to-de-nw.yaml").read_text(encoding="utf-8")


def _poison(data: Any) -> Any:
    """Put the payload into every text field of every kind."""
    data = copy.deepcopy(data)
    for _path, value in list(walk(data)):
        if is_text(value):
            for lang in value:
                value[lang] = f"{PAYLOAD} ({lang})"
    return data


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import copy_project

    root = copy_project(tmp_path_factory.mktemp("poisoned") / "project")
    target = root / "roadmaps/physiotherapist/nl-to-de-nw.yaml"
    doc, _ = load_text("x.yaml", VALID)
    assert doc is not None
    target.write_text(yaml.safe_dump(_poison(doc.data), allow_unicode=True), encoding="utf-8")
    result = build(root, pdfs=False, offline=False)  # the pages are what these tests read
    assert result.ok, "\n".join(map(str, result.diagnostics))
    return root / "site"


@pytest.mark.slow
def test_payload_is_inert_in_html(poisoned_site: Path) -> None:
    html = (poisoned_site / "en/roadmaps/physiotherapist/nl-to-de-nw/index.html").read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in html and "<img src=x" not in html and 'href="javascript:' not in html
    assert 'onclick="window.__pwned' not in html and "<!-- c -->" not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html  # shown literally
    assert "{{ 7*7 }}" in html and "49" not in html.split("{{ 7*7 }}")[0][-5:]


@pytest.mark.slow
@pytest.mark.browser
def test_payload_runs_no_script_in_chromium(browser, poisoned_site: Path) -> None:  # type: ignore[no-untyped-def]
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(SimpleHTTPRequestHandler, directory=str(poisoned_site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"http://127.0.0.1:{server.server_address[1]}/en/roadmaps/physiotherapist/nl-to-de-nw/")
    for link in page.locator("article a").all()[:5]:
        assert not (link.get_attribute("href") or "").startswith("javascript:")
    assert page.evaluate("window.__pwned") is None and dialogs == []
    assert "<script>window.__pwned=1</script>" in page.inner_text("article")
    context.close()
    server.shutdown()
    server.server_close()


# ---- property-based: mutated roadmaps give located errors or pass, never an exception ----------------------

_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def _mutate(data: dict[str, Any], choice: int, value: Any, delete: bool) -> dict[str, Any]:
    data = copy.deepcopy(data)
    paths = [p for p, _ in walk(data) if p]
    path = paths[choice % len(paths)]
    parent: Any = data
    for part in path[:-1]:
        parent = parent[part]
    if delete and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return data


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(choice=st.integers(0, 10**6), value=_VALUES, delete=st.booleans())
def test_validator_never_raises(settings: Settings, choice: int, value: Any, delete: bool) -> None:
    import datetime as dt

    doc, _ = load_text("roadmaps/physiotherapist/nl-to-de-nw.yaml", VALID)
    assert doc is not None
    mutated = Document(doc.path, _mutate(doc.data, choice, value, delete), doc.node)
    registries, _ = load_inputs(settings, [FIXTURES / "valid"])
    inputs = Inputs(registries=registries.registries, roadmaps=[mutated])
    for diagnostic in validate(inputs, settings, dt.date(2026, 12, 31), coverage=False):
        assert diagnostic.line >= 1 and diagnostic.column >= 1 and diagnostic.code


@hsettings(max_examples=150, deadline=None)
@given(text=st.text(max_size=200))
def test_loader_never_raises(text: str) -> None:
    doc, diagnostics = load_text("x.yaml", text)
    assert (doc is None) == bool(diagnostics)
