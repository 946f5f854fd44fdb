"""Publishing never leaves a broken site: one build at a time, a swap that can be recovered, system libraries checked
first, and an address only where the deployment gives one."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import build
from generator.config import SITE_URL_ENV, load_settings
from generator.output import lock, system, write


def test_a_second_build_in_the_same_folder_is_refused_with_a_message(tmp_path: Path) -> None:
    busy = pytest.raises(lock.Busy, match=r"another build is running in this folder \(pid \d+\)")
    with lock.exclusive(tmp_path), busy, lock.exclusive(tmp_path):
        pass


def test_the_lock_is_free_again_after_a_build(tmp_path: Path) -> None:
    with lock.exclusive(tmp_path):
        pass
    with lock.exclusive(tmp_path):
        pass


def test_a_build_that_died_between_the_two_renames_gets_its_site_back(project: Path) -> None:
    settings, _ = load_settings(project)
    assert settings is not None
    old = settings.build_dir / "site.old"
    old.mkdir(parents=True)
    (old / "index.html").write_text("previous site", encoding="utf-8")
    write.recover(settings)
    assert (settings.site_dir / "index.html").read_text(encoding="utf-8") == "previous site"
    assert not old.exists()


def test_recover_leaves_a_complete_site_alone(project: Path) -> None:
    settings, _ = load_settings(project)
    assert settings is not None
    settings.site_dir.mkdir()
    (settings.build_dir / "site.old").mkdir(parents=True)
    write.recover(settings)
    assert settings.site_dir.is_dir() and (settings.build_dir / "site.old").is_dir()


def test_a_missing_system_library_is_one_sentence_naming_the_package() -> None:
    needed = (("the factsheets (WeasyPrint)", ("no-such-library-anywhere",), "libno-such0"),)
    assert system.missing(needed) == [
        "the factsheets (WeasyPrint) need the system library no-such-library-anywhere: "
        "install it with `apt-get install libno-such0`"
    ]
    assert system.missing() == []  # this machine has what the build needs


def test_weasyprints_fallback_notice_for_font_subsetting_is_not_an_error() -> None:
    assert system.harmless('Using fontTools instead of HarfBuzz-Subset for font "Noto Sans". This will be …')
    assert not system.harmless("Failed to load font-face")


def test_the_site_address_comes_from_the_deployment(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SITE_URL_ENV, raising=False)
    settings, _ = load_settings(project)
    assert settings is not None and settings.site_url == ""  # a local build points at no address
    monkeypatch.setenv(SITE_URL_ENV, "https://example.github.io/grensroutes/")
    settings, _ = load_settings(project)
    assert settings is not None and settings.site_url == "https://example.github.io/grensroutes"


def test_a_build_while_another_runs_reports_build_busy(project: Path) -> None:
    with lock.exclusive(project / ".build"):
        result = build(project, pdfs=False, offline=False)
    assert [(d.code, d.path) for d in result.diagnostics] == [("build-busy", ".build/build.lock")]


def test_a_build_without_pango_stops_first_with_system_library(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(system, "missing", lambda: ["the factsheets (WeasyPrint) need the system library pango-1.0: install it"])
    result = build(project)
    assert [d.code for d in result.diagnostics] == ["system-library"]
    assert not (project / "site").exists()
