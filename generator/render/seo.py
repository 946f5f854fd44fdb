"""For search engines and sharing: schema.org JSON-LD for the roadmap and profession pages (written into the page's
front matter and printed by overrides/partials/seo-head.html through Jinja's `tojson`, which escapes `<`,
`>`, `&` and `'`, so YAML text can never close the script element), and one sitemap for the whole site with
hreflang alternates between the languages.
"""

from __future__ import annotations

from typing import Any

from generator.model.entities import Authority, Profession, Roadmap
from generator.render.language import Language


def _plain(text: str) -> str:
    return " ".join(text.split())


def _organisation(authority: Authority, lang: str) -> dict[str, Any]:
    org: dict[str, Any] = {"@type": "GovernmentOrganization", "name": authority.name}
    if authority.short and authority.short not in authority.name:
        org["alternateName"] = authority.short
    website = authority.contact.get("website")
    if website:
        org["url"] = website
    org["areaServed"] = {"@type": "AdministrativeArea", "name": authority.jurisdiction.name.get(lang, "")}
    return org


def roadmap_jsonld(roadmap: Roadmap, lang: Language, title: str) -> dict[str, Any]:
    """schema.org GovernmentService: who provides the recognition, where, for whom; no invented fields."""
    providers: dict[str, Authority] = {}
    for step in roadmap.steps:
        providers.setdefault(step.authority.id, step.authority)
    summary = roadmap.summary.text.get(lang.lang, "")
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": title,
        "serviceType": lang.label("ld_service_type"),
        "inLanguage": lang.lang,
        "areaServed": {"@type": "AdministrativeArea", "name": roadmap.destination.name.get(lang.lang, "")},
        "audience": {
            "@type": "Audience",
            "audienceType": lang.label(
                "ld_audience",
                profession=roadmap.profession.name.get(lang.lang, roadmap.profession.id),
                origin=roadmap.origin.name.get(lang.lang, roadmap.origin.code),
                origin_from=lang.form(roadmap.origin, "from"),
            ),
        },
        "provider": [_organisation(a, lang.lang) for a in providers.values()],
        "version": roadmap.version,
    }
    if summary:
        data["description"] = _plain(summary)
    return data


def profession_jsonld(profession: Profession, lang: str, names: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": profession.name.get(lang, profession.id),
        "alternateName": [n for n in names if n != profession.name.get(lang)],
        "inLanguage": lang,
    }
    if profession.isco08:
        data["occupationalCategory"] = {
            "@type": "CategoryCode",
            "codeValue": profession.isco08,
            "inCodeSet": "ISCO-08",
        }
    return data


# ---- sitemap -----------------------------------------------------------------------------------------------------
