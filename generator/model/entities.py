"""The resolved model: typed, immutable objects that the renderer reads. References are objects, not ids."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from generator.model.facts import (
    Amount,
    ApplyOnline,
    Change,
    Cited,
    Compensation,
    Cost,
    IfRefused,
    LanguageRule,
    MoneyHelp,
    Notice,
    Period,
    Regulation,
    Temporary,
    Value,
    value_of,
)

Text = dict[str, str]


@dataclass(frozen=True)
class Source:
    id: str
    url: str
    title: str
    checked: str
    publisher: str = ""
    official: bool = False


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    country: str
    name: Text
    official_languages: tuple[str, ...]
    destination: bool
    parent: str | None = None
    forms: dict[str, dict[str, str]] = field(default_factory=dict)  # language → from / to / in → the name in a sentence


@dataclass(frozen=True)
class Authority:
    id: str
    name: str
    name_language: str
    translation: Text
    jurisdiction: Jurisdiction
    kind: str
    contact: dict[str, Any]
    sources: dict[str, Source]
    short: str = ""
    note: Text | None = None


@dataclass(frozen=True)
class Profession:
    id: str
    name: Text
    titles: tuple[dict[str, str], ...]
    regulation: dict[str, Any]
    sources: dict[str, Source]
    isco08: str = ""


@dataclass(frozen=True)
class Grensinfopunt:
    id: str
    name: str
    borders: tuple[str, ...]
    region: Text
    towns: tuple[str, ...]
    contact: dict[str, Any]
    sources: dict[str, Source]


@dataclass(frozen=True)
class Term:
    id: str
    term: Text
    definition: dict[str, Any]
    sources: dict[str, Source]
    original: str = ""

    @property
    def definition_source(self) -> Source | None:
        """The first citable source of the definition (the sources hold only official ones)."""
        refs = self.definition["source"]
        return next((self.sources[r] for r in ([refs] if isinstance(refs, str) else refs) if r in self.sources), None)


@dataclass(frozen=True)
class Fact:
    """One sourced (or honestly unknown) fact inside a roadmap."""

    pointer: str
    data: dict[str, Any]
    sources: tuple[Source, ...]
    checked: str  # explicit date, or the oldest date of its sources; "" if it cites nothing
    confidence: str
    unknown: bool

    @property
    def value(self) -> Value:
        return value_of(self.data)


@dataclass(frozen=True)
class Step:
    number: int
    id: str
    authority: Authority
    title: Text
    what: Cited
    documents: tuple[Cited, ...]
    fee: Amount
    deadline: Period
    duration: Period
    outcome: Cited
    automatic: bool = False  # the authority acts by itself once the step before is done


@dataclass(frozen=True)
class Roadmap:
    key: str  # e.g. physiotherapist/nl-to-de-nw: also the page path in every language
    file: str
    profession: Profession
    origin: Jurisdiction
    destination: Jurisdiction
    data: dict[str, Any]  # as written, for the open data and the maintainers' tools; pages read the typed fields
    steps: tuple[Step, ...]
    sources: dict[str, Source]
    facts: tuple[Fact, ...]
    authorities: dict[str, Authority]
    grensinfopunten: tuple[Grensinfopunt, ...]
    contacts: tuple[Authority, ...]
    version: str  # short hash of the roadmap's data: changes whenever its content changes
    regulation: Regulation
    summary: Cited
    language: LanguageRule
    compensation: Compensation
    temporary: Temporary
    after_recognition: tuple[Cited, ...]
    tips: tuple[Cited, ...] = ()
    costs: tuple[Cost, ...] = ()
    changes: tuple[Change, ...] = ()
    if_refused: IfRefused | None = None
    money_help: MoneyHelp | None = None
    apply_online: ApplyOnline | None = None
    notices: tuple[Notice, ...] = ()

    @property
    def oldest_check(self) -> str:
        return min((f.checked for f in self.facts if f.checked), default="")

    @property
    def unknowns(self) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.unknown)

    @property
    def low_confidence(self) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.confidence == "low")


@dataclass(frozen=True)
class CitedText:
    """A text fact of the catalogue with its sources, effective check date and confidence."""

    text: Text
    sources: tuple[Source, ...]
    checked: str
    confidence: str


@dataclass(frozen=True)
class CatalogueTitle:
    title: str
    language: str
    kind: str  # official, synonym or former
    jurisdiction: str


@dataclass(frozen=True)
class CatalogueEntry:
    """One profession in one jurisdiction: regulated or not, and who recognises an EU/EEA/CH qualification."""

    jurisdiction: Jurisdiction
    regulated: str  # yes, no or unknown
    titles: tuple[CatalogueTitle, ...]
    authority: Authority | None
    authority_note: Text | None
    second_step: CitedText | None
    legal_basis: CitedText | None
    sources: tuple[Source, ...]
    checked: str  # explicit date, or the oldest date of its sources
    confidence: str
    file: str


@dataclass(frozen=True)
class Related:
    """Another profession that does the same work elsewhere, with an optional note on how they relate."""

    profession: str
    note: Text | None = None


@dataclass(frozen=True)
class CatalogueProfession:
    """One profession of the catalogue, merged from every jurisdiction's file (and the profession registry)."""

    id: str
    name: Text
    sector: str
    isco08: str
    titles: tuple[CatalogueTitle, ...]  # every jurisdiction's titles, plus the profession registry's
    entries: tuple[CatalogueEntry, ...]  # in the order of the jurisdiction registry
    roadmaps: tuple[Roadmap, ...] = ()
    related: tuple[Related, ...] = ()  # declared in any catalogue file or the profession registry

    def entry(self, code: str) -> CatalogueEntry | None:
        return next((e for e in self.entries if e.jurisdiction.code == code), None)


@dataclass(frozen=True)
class Project:
    jurisdictions: dict[str, Jurisdiction]
    authorities: dict[str, Authority]
    professions: dict[str, Profession]
    grensinfopunten: dict[str, Grensinfopunt]
    glossary: tuple[Term, ...]
    roadmaps: tuple[Roadmap, ...] = field(default=())
    catalogue: dict[str, CatalogueProfession] = field(default_factory=dict)
    local_offices: dict[str, Land] = field(default_factory=dict)  # Land code → its districts near the border


# ---- the districts near the border and their offices (roadmaps/registry/local-offices.yaml) ----


@dataclass(frozen=True)
class Sourcing:
    sources: tuple[Source, ...]
    checked: str
    confidence: str


@dataclass(frozen=True)
class Region:
    """A regional government (NRW: Bezirksregierung) and, sourced, the districts it covers."""

    id: str
    name: str
    website: str
    sourcing: Sourcing


@dataclass(frozen=True)
class LandOffice:
    """An office of the authority registry that acts for the whole Land, and what it handles there."""

    authority: Authority
    handles: dict[str, str]
    sourcing: Sourcing


@dataclass(frozen=True)
class HealthOffice:
    name: str
    contact: dict[str, Any]  # website, email, phone, address: only what a source gives
    sourcing: Sourcing | None  # None: no official page of the office was found
    note: dict[str, str] | None = None  # what a reader needs to know, per language

    @property
    def known(self) -> bool:
        return self.sourcing is not None


@dataclass(frozen=True)
class District:
    id: str
    name: str
    kind: str  # kreis, staedteregion, landkreis, kreisfreie-stadt
    region: Region | None
    towns: tuple[str, ...]
    towns_sourcing: Sourcing | None  # None: the list is not yet checked against the official directory
    health_office: HealthOffice


@dataclass(frozen=True)
class Land:
    """One Land's page: its regional governments, its Land-wide offices and its districts near the border."""

    jurisdiction: Jurisdiction
    regions: tuple[Region, ...]
    offices: tuple[LandOffice, ...]
    districts: tuple[District, ...]

    def towns(self) -> list[tuple[str, District]]:
        """Every town with its district, A–Z (case and accents folded, so Übach sorts under U)."""
        pairs = [(town, d) for d in self.districts for town in d.towns]
        return sorted(pairs, key=lambda p: (fold(p[0]), p[0]))

    def in_region(self, region: Region | None) -> tuple[District, ...]:
        return tuple(d for d in self.districts if d.region == region)


def fold(text: str) -> str:
    """A sort and index key: 'Übach-Palenberg' → 'ubach-palenberg', 'Ä' → 'a', 'ß' → 'ss'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
