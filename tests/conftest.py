"""Shared fixtures: the real project, a throwaway copy of it, a built site, a local server and Chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import first_load
from bench.chromium import CHROMIUM, CHROMIUM_ARGS
from bench.synthetic import copy_inputs
from generator.build import Result, check, make_kit
from generator.config import SITE_URL_ENV, Settings, load_settings
from generator.model.entities import Project
from generator.render.language import Kit
from tests import session_builds

ROOT = Path(__file__).resolve().parent.parent
# The address test builds are published at (a deployment sets it the same way; a local build has none).
TEST_SITE_URL = "https://grensroutes.example.org"
os.environ.setdefault(SITE_URL_ENV, TEST_SITE_URL)
# The build date of pages that tests render without a build (2026-01-01, UTC). A build takes its own date
# (build.build_epoch); a test that depends on that date says so and passes it to `kit_of`.
EPOCH = 1767225600
FIXTURES = Path(__file__).parent / "fixtures"


def copy_project(target: Path) -> Path:
    """A copy of the project's inputs (not its code), so builds in tests never touch the real site/."""
    return copy_inputs(target, ROOT)


@pytest.fixture(scope="session")
def settings() -> Settings:
    loaded, diagnostics = load_settings(ROOT)
    assert loaded is not None, diagnostics
    return loaded


def kit_of(settings: Settings, epoch: int = EPOCH) -> Kit:
    """What rendering needs besides the model (labels, templates, settings, build date), as a build makes it."""
    return make_kit(settings, epoch)


@pytest.fixture(scope="session")
def kit(settings: Settings) -> Kit:
    """The real project's kit, dated EPOCH: for tests that render pages or read labels without a build."""
    return kit_of(settings)


@pytest.fixture(scope="session")
def real_result(settings: Settings) -> Result:
    """The real knowledge base, validated and resolved once per session (it is immutable): project, inputs, flow."""
    result = check(settings)
    assert result.project is not None, [str(d) for d in result.diagnostics]
    return result


@pytest.fixture(scope="session")
def real_project(real_result: Result) -> Project:
    assert real_result.project is not None
    return real_result.project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session", autouse=True)
def pdf_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Factsheet PDFs are cached by a hash of their content, so all project copies of a session can share one cache."""
    from generator.output.factsheets import CACHE_ENV

    folder = tmp_path_factory.mktemp("pdf-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(folder))
        yield folder


@pytest.fixture(scope="session", autouse=True)
def shared_builds(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[session_builds.SharedBuilds]:
    """Starts the builds the session's tests share, in processes of their own (tests/session_builds.py), before the
    first test runs."""
    builds = session_builds.SharedBuilds(tmp_path_factory)
    for name in session_builds.needed(request.session.items):
        builds.start(name)
    yield builds
    builds.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Test files that need a shared build run after the others, which run while the builds are made. A file's tests
    keep their order and stay together (the sort is stable)."""
    waiting = {item.path for item in items if session_builds.needed([item])}
    items.sort(key=lambda item: item.path in waiting)


@pytest.fixture(scope="session")
def built_site(shared_builds: session_builds.SharedBuilds, pdf_cache: Path) -> Path:
    """The real knowledge base, built once per test session; returns its site/ folder."""
    folder = shared_builds.join(session_builds.SITE)
    _reuse_pdfs(folder / "pdf-cache", pdf_cache)
    return folder / "project" / "site"


@pytest.fixture(scope="session")
def session_pdfs(built_site: Path, pdf_cache: Path) -> Path:
    """This process's PDF cache once it holds every factsheet of the session build: for tests that render the real
    sheets again, which then come from the cache (and wait for the session build, instead of rendering all of them)."""
    return pdf_cache


def _reuse_pdfs(built: Path, cache: Path) -> None:
    """Later builds in this process reuse the factsheets the session build rendered. Each process keeps a cache of its
    own: two builds that write one cache at once could clash."""
    for path in built.iterdir():
        if not (cache / path.name).exists():
            shutil.copy2(path, cache / path.name)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with first_load.serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is required for the browser tests: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite tests/golden/ from the current output.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
