"""'Report an error on this page': a link that opens a pre-filled issue in the project's repository."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from generator.config import Settings
from generator.model import paths
from generator.model.entities import Roadmap


def page_url(settings: Settings, roadmap: Roadmap, lang: str) -> str:
    return paths.page_url(settings.site_url, lang, paths.roadmap_url(roadmap.key))


def issue_url(settings: Settings, roadmap: Roadmap, strings: dict[str, str], lang: str) -> str:
    """The new-issue address naming the roadmap, the language and the content version; '' without a repository."""
    if not settings.repository:
        return ""
    values = {
        "roadmap": roadmap.key,
        "lang": lang,
        "version": roadmap.version,
        "page": page_url(settings, roadmap, lang),
    }
    query = {"title": strings["mt_error_title"].format(**values), "body": strings["mt_error_body"].format(**values)}
    # quote (not quote_plus): '+' would stay a literal plus in GitHub's form; safe='' also encodes '/' and '&'
    return f"{settings.repository.rstrip('/')}/issues/new?{urlencode(query, quote_via=quote)}"
