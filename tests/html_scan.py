"""One quick pass over an HTML page with the standard library's tokenizer: the URL attributes of its tags and the
ids it defines. The whole-site checks (links, anchors, third-party requests) read thousands of pages; building a
BeautifulSoup tree for each cost minutes, while they need only these attributes."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Scan:
    urls: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, value)
    ids: set[str] = field(default_factory=set)
    rels: dict[int, str] = field(default_factory=dict)  # index in urls → the tag's rel, for <link>


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = Scan()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.scan.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.scan.ids.add(values["name"])
        for attribute in ("href", "src"):
            if attribute in values:
                if tag == "link":
                    self.scan.rels[len(self.scan.urls)] = values.get("rel", "")
                self.scan.urls.append((tag, attribute, values[attribute]))

    handle_startendtag = handle_starttag


def scan(text: str) -> Scan:
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    return scanner.scan
