"""A Grensinfopunt's contact details as every page shows them: address, phone, e-mail, web page, hours or the
appointment link, its area and towns, the languages its advisers speak, and where that comes from and when it was
checked. A value no source gives says so and sends the reader to the point's web page.

Pure: takes the language and its labels, returns Markdown (every value escaped) or plain fields for the factsheet."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup

from generator.model.entities import Grensinfopunt, Sourcing
from generator.render import formatting as fmt
from generator.render import grammar

BORDERS = ("NL-DE", "NL-BE", "BE-DE")


def sourcing(point: Grensinfopunt) -> Sourcing:
    """The contact's sources, its check date (explicit, else the oldest of its sources) and confidence."""
    contact = point.contact
    refs = contact["source"] if isinstance(contact["source"], list) else [contact["source"]]
    cited = tuple(point.sources[r] for r in refs if r in point.sources)
    checked = contact.get("checked") or min((s.checked for s in cited), default="")
    return Sourcing(cited, checked, contact.get("confidence", ""))


def languages(point: Grensinfopunt, lang: str) -> list[str]:
    return [grammar.language_name(code, lang) for code in point.contact.get("languages", [])]


def _link(text: str, href: str) -> Markup:
    return Markup(f"[{fmt.md_escape(text)}]({fmt.md_url(href)})")


def details(point: Grensinfopunt, lang: str, labels: Mapping[str, str]) -> list[tuple[str, Markup]]:
    """(label key, Markdown value) for every line of the point's contact block, in reading order."""
    c: dict[str, Any] = point.contact
    missing = fmt.md_escape(labels["gip_not_found"])
    area = fmt.md_escape(point.region.get(lang, ""))
    if point.towns:
        area = Markup(f"{area} ({fmt.md_escape(', '.join(point.towns))})")
    hours: list[Markup] = []
    if "hours" in c and lang in c["hours"]:
        hours.append(fmt.md_escape(c["hours"][lang]))
    if "appointment" in c:
        hours.append(_link(labels["gip_book"], c["appointment"]))
    spoken = languages(point, lang)
    return [
        ("gip_address", fmt.md_escape(", ".join(c["address"])) if "address" in c else missing),
        ("gip_phone", _link(c["phone"], "tel:" + c["phone"].replace(" ", "")) if "phone" in c else missing),
        ("gip_email", _link(c["email"], "mailto:" + c["email"]) if "email" in c else missing),
        ("gip_website", Markup(f"{_link(c['website'], c['website'])}{{ .gr-bare }}") if "website" in c else missing),
        ("gip_hours", Markup(" · ").join(hours) if hours else missing),
        ("gip_area", area),
        ("gip_languages", fmt.md_escape(", ".join(spoken)) if spoken else missing),
        ("gip_source", source_line(point, lang, labels)),
    ]


def source_line(point: Grensinfopunt, lang: str, labels: Mapping[str, str]) -> Markup:
    s = sourcing(point)
    links = Markup("; ").join(_link(src.publisher or src.title, src.url) for src in s.sources)
    checked = fmt.md_escape(labels["source_checked"].format(date=fmt.date(s.checked, lang)))
    confidence = fmt.md_escape(labels.get(f"lo_confidence_{s.confidence}", s.confidence))
    return Markup(f"{links} — {checked}, {confidence}")


def by_border(points: Iterable[Grensinfopunt]) -> list[tuple[str, list[Grensinfopunt]]]:
    """The points grouped by the border they advise on (a point on two borders appears under each)."""
    listed = list(points)
    return [(b, [p for p in listed if b in p.borders]) for b in BORDERS if any(b in p.borders for p in listed)]


def fields(point: Grensinfopunt, lang: str, labels: Mapping[str, str]) -> dict[str, Any]:
    """The same details as plain values for the factsheet (HTML, autoescaped there): what is published, and the
    label keys of what is not, printed together on one line to keep the sheet short."""
    c: dict[str, Any] = point.contact
    s = sourcing(point)
    hours = c.get("hours", {}).get(lang, "")
    published = {
        "gip_address": ", ".join(c.get("address", [])),
        "gip_phone": c.get("phone", ""),
        "gip_email": c.get("email", ""),
        "gip_hours": hours or c.get("appointment", ""),
    }
    return {
        "website": c.get("website", ""),
        "published": {k: v for k, v in published.items() if v},
        "appointment": c.get("appointment", ""),
        "hours": hours,
        "missing": [labels[k] for k, v in published.items() if not v]
        + ([] if "website" in c else [labels["gip_website"]]),
        "languages": ", ".join(languages(point, lang)),
        "source": (s.sources[0].publisher or s.sources[0].title) if s.sources else "",  # the page lists them all
        "checked": fmt.date(s.checked, lang),
    }
