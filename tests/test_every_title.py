"""Every title of every profession, in every language, leads somewhere useful without JavaScript.

In each language the walker takes every title of the guide's first page (its filter's list, a script next to the
page) and follows plain links (hrefs in the built HTML, no script): to the profession's page, or to the choice page of a title several professions share,
and on to a page that names the competent authority for a destination — or to the page of a related profession that
does. It also checks that the list holds every title: official, synonym, former and gendered, in all four
languages, from the profession registry and the catalogue.
"""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, SoupStrainer, Tag

from generator.model.entities import Project
from generator.render import guide_titles
from generator.render.formatting import fold
from generator.render.titles import every_title

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site


LANGUAGES = ("nl", "de", "fr", "en")
MAX_DEPTH = 6  # the guide asks at most origin, destination (and Brussels), mode


@cache
def _content(path: Path) -> Tag:
    """The page's article (its own content: not the navigation, not the language switcher)."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser", parse_only=SoupStrainer("article"))
    found = soup.select_one("article")
    assert isinstance(found, Tag), path
    return found


def _target(page: Path, href: str, site: Path) -> Path | None:
    """The HTML file an internal link leads to (None for external links and anchors on the same page)."""
    if not href or href.startswith(("http:", "https:", "mailto:", "tel:", "#")):
        return None
    local = href.split("#", 1)[0]
    path = Path(posixpath.normpath(posixpath.join(page.parent.as_posix(), local)))
    if path.is_dir() or local.endswith("/"):
        path = path / "index.html"
    assert path.exists(), f"{page.relative_to(site)}: broken link {href}"
    return path


def _links(page: Path, site: Path, scope: Tag | None = None) -> list[Path]:
    """The page's links to other pages of the same language (not the language switcher's)."""
    lang = site / page.relative_to(site).parts[0]
    found = []
    for a in (scope or _content(page)).find_all("a", href=True):
        target = _target(page, str(a["href"]), site)
        if target is not None and lang in target.parents:
            found.append(target)
    return found


def _authority_names(project: Project) -> tuple[str, ...]:
    names = {a.name for a in project.authorities.values()} | {a.short for a in project.authorities.values() if a.short}
    return tuple(sorted((n for n in names if len(n) >= 3), key=len, reverse=True))


def _names_an_authority(page: Path, project: Project) -> bool:
    """The page's who-decides table (catalogue) or its answer (guide) names a competent authority."""
    content = _content(page)
    table = content.select_one("#who-decides")
    text = (
        content.get_text(" ")
        if table is None
        else " ".join(cell.get_text(" ") for row in content.select("table tr") for cell in row.select("td")[2:3])
    )
    return any(name in text for name in _authority_names(project))  # the names are few: ~200


def _ends_well(page: Path, site: Path, project: Project, seen: dict[Path, bool], depth: int = 0) -> bool:
    """Names an authority, or leads (through the guide's answers, a choice page or a related profession) to a page
    that does."""
    if page in seen:
        return seen[page]
    seen[page] = False  # against cycles while walking
    relative = page.relative_to(site).as_posix().split("/", 1)[1]
    if _names_an_authority(page, project):
        seen[page] = True
        return True
    if depth >= MAX_DEPTH:
        return False
    if relative.startswith("catalogue/titles/"):
        nexts = [p for li in _content(page).select("li") for p in _links(page, site, li)[:1]]
        result = bool(nexts) and all(_ends_well(p, site, project, seen, depth + 1) for p in nexts)
    elif relative.startswith("guide/"):
        here = page.parent
        nexts = [p for p in _links(page, site) if here in p.parents]
        result = any(_ends_well(p, site, project, seen, depth + 1) for p in nexts)
    else:
        related = _content(page).select_one("#related")
        scope = related.find_next("ul") if related is not None else None
        nexts = _links(page, site, scope) if isinstance(scope, Tag) else []
        result = any(_ends_well(p, site, project, seen, depth + 1) for p in nexts)
    seen[page] = result
    return result


def _first_page_titles(site: Path, lang: str) -> dict[str, list[Path]]:
    page = site / lang / "guide" / "index.html"
    source = _content(page).select_one("#gr-titles")
    assert source is not None, "the guide's first page has no list of titles"
    listing = guide_titles.read((page.parent / str(source["data-titles"])).read_text(encoding="utf-8"))
    titles: dict[str, list[Path]] = {}
    for href, _lang, title, _rest in listing:
        target = _target(page, href, site)
        if target is not None:
            titles.setdefault(fold(" ".join(title.split())), []).append(target)
    return titles


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_guide_lists_every_title_in_every_language(site: Path, real_project: Project, lang: str) -> None:
    listed = _first_page_titles(site, lang)
    missing = [t.title for key, t in every_title(real_project).items() if key not in listed]
    assert missing == []
    for key in ("erzieherin", "erzieher", "kita-erzieherin", "hebamme", "lehrer", "docent", "professeur", "regent"):
        assert key in listed, key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_shared_title_offers_the_choices(site: Path, real_project: Project, lang: str) -> None:
    listed = _first_page_titles(site, lang)
    for key in ("lehrer", "docent", "teacher", "erzieher", "pedagogisch medewerker"):
        (choice,) = listed[key]
        assert "/catalogue/titles/" in choice.as_posix()
        professions = {p.relative_to(site / lang).as_posix() for p in _links(choice, site)}
        shared = every_title(real_project)[key].professions
        assert len(shared) > 1
        for pid in shared:
            target = f"guide/{pid}/index.html" if pid in real_project.professions else f"catalogue/{pid}/index.html"
            assert target in professions, (key, pid)


def _unknown_everywhere(project: Project) -> set[str]:
    """Catalogue professions for which no authority is known anywhere (no entry names one, no roadmap, no related
    profession): their page can only say so and point to the EU database and the Grensinfopunten."""

    def known(pid: str) -> bool:
        profession = project.catalogue[pid]
        return bool(profession.roadmaps) or any(e.authority for e in profession.entries)

    return {
        pid
        for pid, p in project.catalogue.items()
        if not known(pid) and not any(known(r.profession) for r in p.related if r.profession in project.catalogue)
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_title_leads_to_who_decides(site: Path, real_project: Project, lang: str) -> None:
    seen: dict[Path, bool] = {}
    dead_ends = {
        target
        for targets in _first_page_titles(site, lang).values()
        for target in targets
        if not _ends_well(target, site, real_project, seen)
    }
    gaps = {site / lang / "catalogue" / pid / "index.html" for pid in _unknown_everywhere(real_project)}
    assert sorted(p.relative_to(site).as_posix() for p in dead_ends - gaps) == []
    for page in dead_ends:  # an honest "not known", with where to ask
        hrefs = [str(a["href"]) for a in _content(page).find_all("a", href=True)]
        assert any("regprof" in h for h in hrefs) and any("grensinfopunten" in h for h in hrefs), page


def test_the_erzieherin_from_aachen_finds_duo(site: Path) -> None:
    """The story that started it: 'Erzieherin', in German, reaches the Dutch childcare profession and DUO."""
    titles = _first_page_titles(site, "de")
    (educator,) = titles["erzieherin / erzieher"]
    page = _content(educator)
    related = page.select_one("#related")
    assert related is not None
    nl_row = next(r for r in page.select("table tr") if "Niederlande" in r.get_text())
    assert "DUO" in nl_row.get_text()
    assert "childcare-worker" in str(nl_row) or "early-childhood-educator" in str(nl_row)
