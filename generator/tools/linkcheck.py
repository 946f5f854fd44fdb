"""`roadmaps check-links --online`: report dead external links (sources, authority and Grensinfopunt websites).

For maintainers, not CI: it needs the internet. Each URL is asked once (HEAD, then GET where HEAD is refused), with a
bounded number of requests at a time and a timeout, and the report names every file and line that uses a dead URL.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from generator.diagnostics import Diagnostic, warning
from generator.load.documents import Document, walk

USER_AGENT = "grensroutes-linkcheck/1.0 (+https://grensroutes.eu)"


@dataclass(frozen=True)
class Use:
    url: str
    path: str
    pos: tuple[int, int]


def external_urls(documents: Iterable[Document]) -> Iterator[Use]:
    for doc in documents:
        for path, value in walk(doc.data):
            if path and path[-1] in ("url", "website") and isinstance(value, str) and value.startswith("http"):
                yield Use(value, doc.path, doc.pos(path))


def status(url: str, timeout: float) -> str:
    """'' when the URL answers with success, else a short reason."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                if response.status < 400:
                    return ""
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue  # some servers refuse HEAD but serve GET
            return f"HTTP {exc.code}"
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            return str(getattr(exc, "reason", exc))
    return "no answer"


def check_links(documents: Iterable[Document], timeout: float = 15, workers: int = 8) -> list[Diagnostic]:
    uses = list(external_urls(documents))
    unique = sorted({u.url for u in uses})
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = dict(zip(unique, pool.map(lambda u: status(u, timeout), unique), strict=True))
    return sorted(
        warning(u.path, u.pos, "dead-link", f"{u.url} does not answer: {results[u.url]}")
        for u in uses
        if results[u.url]
    )
