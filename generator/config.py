"""Project settings: read from `extra.grensroutes` in mkdocs.yml, the single place a maintainer configures."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostic, error
from generator.load.documents import load_file

LANGUAGE_NAMES = {"nl": "Nederlands", "de": "Deutsch", "fr": "Français", "en": "English"}
LOCALES = {"nl": "nl_NL", "de": "de_DE", "fr": "fr_BE", "en": "en_GB"}


SITE_URL_ENV = "GRENSROUTES_SITE_URL"  # the deployment's address; overrides extra.grensroutes.site_url


@dataclass(frozen=True)
class Coverage:
    """Which roadmaps must exist (profession × route); empty means no coverage check."""

    professions: tuple[str, ...] = ()
    routes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DataLicence:
    """The licence of the open data in site/data/ (extra.grensroutes.data_licence)."""

    id: str = "CC-BY-4.0"
    name: str = "Creative Commons Attribution 4.0 International"
    url: str = "https://creativecommons.org/licenses/by/4.0/"
    attribution: str = "grensroutes contributors"


@dataclass(frozen=True)
class Settings:
    root: Path
    languages: tuple[str, ...] = ("nl", "de", "fr", "en")
    required_languages: tuple[str, ...] = ("nl", "de", "fr", "en")
    site_url: str = ""
    repository: str = ""
    review_months: int = 12
    coverage: Coverage = field(default_factory=Coverage)
    data_licence: DataLicence = field(default_factory=DataLicence)

    @property
    def roadmaps_dir(self) -> Path:
        return self.root / "roadmaps"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def schemas_dir(self) -> Path:
        return self.root / "schemas"

    @property
    def build_dir(self) -> Path:
        return self.root / ".build"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"


def _coverage(raw: dict[str, Any]) -> Coverage:
    routes = tuple(tuple(r.split(">", 1)) for r in raw.get("routes", []))
    pairs: tuple[tuple[str, str], ...] = tuple((r[0], r[1]) for r in routes if len(r) == 2)
    return Coverage(tuple(raw.get("professions", [])), pairs)


def _data_licence(raw: Any) -> DataLicence:
    if raw is None:
        return DataLicence()
    if not isinstance(raw, dict) or not all(isinstance(raw.get(k), str) and raw[k] for k in ("id", "url")):
        raise ValueError("data_licence needs at least `id` (SPDX, e.g. CC-BY-4.0) and `url`")
    default = DataLicence()
    return DataLicence(
        str(raw["id"]),
        str(raw.get("name", raw["id"])),
        str(raw["url"]),
        str(raw.get("attribution", default.attribution)),
    )


def load_settings(root: Path) -> tuple[Settings | None, list[Diagnostic]]:
    """Read mkdocs.yml; a missing or malformed settings block is a located error."""
    doc, diagnostics = load_file(root / "mkdocs.yml", root)
    if doc is None:
        return None, diagnostics
    raw = (doc.data.get("extra") or {}).get("grensroutes")
    if not isinstance(raw, dict):
        return None, [error("mkdocs.yml", (1, 1), "config", "mkdocs.yml needs an `extra.grensroutes` settings block")]
    try:
        settings = Settings(
            root=root,
            languages=tuple(raw["languages"]),
            required_languages=tuple(raw.get("required_languages") or raw["languages"]),
            site_url=(os.environ.get(SITE_URL_ENV) or str(raw.get("site_url") or "")).rstrip("/"),
            repository=str(raw.get("repository", "")),
            review_months=int(raw.get("review_months", 12)),
            coverage=_coverage(raw.get("coverage") or {}),
            data_licence=_data_licence(raw.get("data_licence")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        pos = doc.pos(("extra", "grensroutes"))
        return None, [error("mkdocs.yml", pos, "config", f"extra.grensroutes is not valid: {exc}")]
    unknown = [lang for lang in settings.languages if lang not in LANGUAGE_NAMES]
    if unknown or not set(settings.required_languages) <= set(settings.languages):
        pos = doc.pos(("extra", "grensroutes", "languages"))
        return None, [
            error(
                "mkdocs.yml", pos, "config", f"languages must be among {sorted(LANGUAGE_NAMES)}; required ⊆ languages"
            )
        ]
    return settings, []
