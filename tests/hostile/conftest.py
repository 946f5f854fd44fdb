"""The one hostile build of a test session, shared by the tests in this folder: a copy of the project whose every text field (tests/injection_corpus.py) and
every UI label carries script, HTML and Markdown payloads, built once (in a process of its own, while the tests that
need no build run: tests/session_builds.py), with its site served and its offline zip unpacked.

The hostile site is built in two languages: escaping does not depend on the language, and French is the one whose
typography (a no-break space before `; : ! ?`) rewrites text next to escaped characters. Two languages halve the
suite's largest build."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import first_load
from generator.build import build
from generator.model import paths
from tests import session_builds
from tests.conftest import copy_project
from tests.injection_corpus import Corpus, hostile_labels, make_hostile

LANGS = ("fr", "en")


def _only_languages(root: Path, langs: tuple[str, ...]) -> None:
    config = root / "mkdocs.yml"
    listed = f"[{', '.join(langs)}]"
    text = re.sub(r"(?m)^(\s+(?:required_)?languages:) \[[^\]]*\]", rf"\1 {listed}", config.read_text("utf-8"))
    assert text.count(listed) == 2, "mkdocs.yml lists its languages differently: update this fixture"
    config.write_text(text, "utf-8")


def build_hostile(project: Path) -> Corpus:
    """Copy the project to `project`, give it hostile data and hostile labels, and build it (tests/session_builds.py
    runs this in a process of its own)."""
    from generator.load import package

    root = copy_project(project)
    corpus = make_hostile(root, root / "schemas")
    _only_languages(root, LANGS)
    read_labels = package.read_labels
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(package, "read_labels", lambda: hostile_labels(read_labels()))
        # No PDFs: their text is escaped by Jinja's autoescape, and payloads make factsheets too long to print.
        result = build(root, pdfs=False)
    assert result.ok, "\n".join(map(str, result.diagnostics))
    return corpus


@pytest.fixture(scope="session")
def hostile(shared_builds: session_builds.SharedBuilds) -> tuple[Corpus, Path]:
    """The one hostile build of the session; returns the corpus and site/."""
    corpus: Corpus = session_builds.result(shared_builds.join(session_builds.HOSTILE))
    return corpus, corpus.root / "site"


@pytest.fixture(scope="session")
def hostile_url(hostile: tuple[Corpus, Path]) -> Iterator[str]:
    with first_load.serve(hostile[1]) as url:
        yield url


@pytest.fixture(scope="session")
def hostile_offline(hostile: tuple[Corpus, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("hostile-offline")
    with zipfile.ZipFile(hostile[1] / paths.ZIP) as archive:
        archive.extractall(target)
    return target / "grensroutes"
