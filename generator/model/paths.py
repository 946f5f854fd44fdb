"""Every key, page path, URL and file name the site uses, once: a change of URL is one edit here."""

from __future__ import annotations

from pathlib import Path

ROADMAPS = "roadmaps"
ROADMAPS_INDEX = "roadmaps/index.md"
CHECKLISTS = "checklists"
FEED_FILE = "feed.xml"
FLOW_FILE = Path("guide/flow.yaml")  # the guide's question flow, inside roadmaps/


def roadmap_key(profession: str, origin: str, destination: str) -> str:
    """'physiotherapist', 'NL', 'DE-NW' → 'physiotherapist/nl-to-de-nw': the route's id everywhere."""
    return f"{profession}/{origin.lower()}-to-{destination.lower()}"


def roadmap_file(key: str) -> str:
    """The roadmap's data file, relative to the project root."""
    return f"{ROADMAPS}/{key}.yaml"


def roadmap_page(key: str) -> str:
    """The roadmap's Markdown page inside one language's docs folder."""
    return f"{ROADMAPS}/{key}.md"


def roadmap_url(key: str) -> str:
    """The roadmap's address under a language's root (e.g. after /en/)."""
    return f"{ROADMAPS}/{key}/"


def checklist_page(key: str) -> str:
    """The roadmap's printable "What to prepare" checklist inside one language's docs folder."""
    return f"{CHECKLISTS}/{key}.md"


def roadmap_json(key: str) -> str:
    """The roadmap's open-data file inside data/."""
    return f"{ROADMAPS}/{key}.json"


def roadmap_changes_tag(key: str, day: str) -> str:
    """The stable part of a feed entry's id for one roadmap's changes of one day."""
    return f"{ROADMAPS}/{key}/changes/{day}"


def local_offices_page(jurisdiction: str) -> str:
    """The local-office page of one Land ('DE-NW' → local-offices/de-nw.md) inside one language's docs folder."""
    return f"local-offices/{jurisdiction.lower()}.md"


def page_url(site_url: str, lang: str, path: str) -> str:
    """An absolute address when the site's address is known, else the path from the site's root."""
    return f"{site_url}/{lang}/{path}" if site_url else f"/{lang}/{path}"


# ---- open data: site/data/ (one folder for every language) ----


# Where MkDocs (use_directory_urls) puts a page, in the two forms the generator needs: the file it writes, and the
# address a relative link to the page becomes.
def output_of(rel: str) -> str:
    """The file MkDocs writes for a docs file: x.md → x/index.html, x/index.md → x/index.html."""
    if not rel.endswith(".md"):
        return rel
    stem = rel.removesuffix(".md")
    if stem == "index" or stem.endswith("/index") or stem == "README" or stem.endswith("/README"):
        return f"{stem.rsplit('/', 1)[0]}/index.html" if "/" in stem else "index.html"
    return f"{stem}/index.html"


def folder_url(md_link: str) -> str:
    """A relative link to a Markdown page as the link MkDocs makes of it: `a/index.md` → `a/`, `../b/c.md` →
    `../b/c/`."""
    if md_link == "index.md" or md_link.endswith("/index.md"):
        return md_link.removesuffix("index.md") or "./"
    return md_link.removesuffix(".md") + "/"


DATA = "data"
COMBINED = "grensroutes.json"
CSV_FILE = "comparison.csv"
MANIFEST = "manifest.json"
LICENCE = "LICENCE.txt"
CATALOGUE_JSON = "catalogue.json"
CATALOGUE_CSV = "catalogue.csv"
PUBLISHED_SCHEMAS = (
    "common.schema.json",
    "registry.schema.json",
    "roadmap.schema.json",
    "opendata.schema.json",
    "opendata-roadmap.schema.json",
    "local-offices.schema.json",
)
PAGE = "data/index.md"  # the page per language that explains the files (its folder is data/ in both URL styles)
ZIP = "offline/grensroutes-offline.zip"
