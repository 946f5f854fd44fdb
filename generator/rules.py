"""Every rule the validator can report, declared once: its id, its severity and what it means.

Every diagnostic names one of these ids with the severity given here (`diagnostics.error` / `warning` refuse any
other); a test checks that every id has a fixture under tests/fixtures/invalid/, and the rule catalogue in
CONTRIBUTING.md is generated from this table (`roadmaps docs`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    severity: Severity
    meaning: str


E, W = Severity.ERROR, Severity.WARNING

RULES: dict[str, Rule] = {
    # reading the file
    "unreadable": Rule(E, "The file cannot be read (permissions, a folder instead of a file)."),
    "file-too-large": Rule(E, "The file is larger than 2 MB; a roadmap is about 40 KB."),
    "unsafe-file": Rule(E, "A symbolic link that leads outside the project, a FIFO or a device among the data or the hand-written pages: only regular files inside the project are read."),
    "encoding": Rule(E, "The file is not UTF-8. Save it as UTF-8 in your editor."),
    "empty-file": Rule(E, "The file is empty or holds only comments."),
    "yaml-syntax": Rule(E, "The YAML cannot be parsed: check indentation, colons and quotes near the position given."),
    "yaml-duplicate-key": Rule(E, "The same key appears twice in one mapping; YAML would silently keep only the last one."),
    "yaml-alias": Rule(E, "Anchors and aliases (&name, *name) are not allowed: write every value out."),
    "yaml-tag": Rule(E, "Explicit tags such as !!python/... are not allowed, or a value does not fit its tag."),
    "yaml-key": Rule(E, "A key must be plain text, not a list or mapping."),
    "too-deep": Rule(E, "The data is nested more than 64 levels deep."),
    "number-out-of-range": Rule(E, "A number with more than 4,300 digits, or too large to be stored (such as 1e999)."),
    "not-a-mapping": Rule(E, "The file holds a list or a single value; it must hold a mapping of keys."),
    # the schema
    "unknown-key": Rule(E, "A key that the schema does not know (often a typo)."),
    "missing-field": Rule(E, "A required key is missing."),
    "wrong-type": Rule(E, "A value has the wrong type (text where a number is needed, a list where text is needed, …)."),
    "invalid-value": Rule(E, "A value is not allowed: not in the list of choices, wrong format, too short, …"),
    # meaning
    "missing-translation": Rule(E, "A text lacks one of the required languages (set in mkdocs.yml)."),
    "invalid-date": Rule(E, "A date that does not exist, such as 2026-02-30."),
    "future-date": Rule(E, "A check date or change date lies in the future."),
    "insecure-url": Rule(E, "A web address that does not start with https://, or hides its real host behind a user name (https://user@host/)."),
    "min-greater-than-max": Rule(E, "A range whose minimum is larger than its maximum."),
    "duplicate-id": Rule(E, "An id is used twice (sources in one file, steps in one roadmap, entries in a registry or catalogue file)."),
    "unknown-source": Rule(E, "A fact cites a source id that is not in the file's `sources` list."),
    "unused-source": Rule(W, "A source is listed but no fact cites it (warning)."),
    "unofficial-source": Rule(W, "A fact in a roadmap, catalogue or registry file cites only sources marked `official: false` (a copy: mirror, document-sharing site, recruiter). Pages never show a copy as a citation. Cite the authority's or the law's own page, or make the fact unknown with `ask`; in catalogue and registry files a fact marked `confidence: low` whose text says whom to ask is allowed (warning; `--strict` and CI fail on it). Never mark a copy `official: true`."),
    "open-item": Rule(W, "A text or source is still the placeholder that `roadmaps new` wrote (such as 'To be written.'); write the checked fact (warning; `--strict` and CI fail on it)."),
    "unknown-authority": Rule(E, "A roadmap names an authority id that is not in roadmaps/registry/authorities.yaml."),
    "unknown-grensinfopunt": Rule(E, "A roadmap names a Grensinfopunt that is not in roadmaps/registry/grensinfopunten.yaml."),
    "unknown-profession": Rule(E, "A roadmap names a profession that is not in roadmaps/registry/professions.yaml."),
    "unknown-jurisdiction": Rule(E, "A jurisdiction code that is not in roadmaps/registry/jurisdictions.yaml."),
    "invalid-destination": Rule(E, "A destination that does not decide on recognition itself (e.g. BE instead of BE-FL)."),
    "unknown-region": Rule(E, "A district of roadmaps/registry/local-offices.yaml names a regional government (Bezirksregierung) that its Land does not list."),
    "duplicate-town": Rule(E, "A town is listed under two districts of the same Land in roadmaps/registry/local-offices.yaml."),
    "path-mismatch": Rule(E, "The file's folder and name do not match its profession, origin and destination (catalogue: its jurisdiction)."),
    # the guide's question flow (roadmaps/guide/flow.yaml)
    "flow-unknown-target": Rule(E, "An answer or outcome of the guide leads to a question, outcome or place that is not in the flow."),
    "flow-unreachable": Rule(E, "A question or outcome of the guide cannot be reached from the first question."),
    "flow-cycle": Rule(E, "An answer of the guide leads back to a question that comes before it, so a path never ends."),
    "flow-dead-end": Rule(E, "A path of the guide reaches the roadmap outcome without knowing the profession, origin or destination."),
    "flow-roadmap-unreached": Rule(E, "A roadmap that no path of the guide leads to."),
    # the catalogue of regulated professions (roadmaps/catalogue/<jurisdiction>.yaml)
    "catalogue-name-mismatch": Rule(W, "One profession id has different `name` texts in two catalogue files (warning): same id, same name."),
    "catalogue-name-clash": Rule(W, "Two different profession ids share a `name` in one language (warning): their pages would carry the same title."),
    "catalogue-id-mismatch": Rule(W, "A catalogue entry is named like a profession of roadmaps/registry/professions.yaml but uses another id (warning)."),
    "related-unknown": Rule(E, "A `related` profession id that is neither in the catalogue nor in roadmaps/registry/professions.yaml."),
    "related-one-way": Rule(E, "Profession A names B as `related`, but B does not name A: declare the relation on both professions, so each page points to the other."),
    "dead-link": Rule(W, "An external web address that does not answer (only `roadmaps check-links --online`)."),
    # the project as a whole
    "missing-roadmap": Rule(E, "A roadmap that mkdocs.yml (extra.grensroutes.coverage) requires does not exist."),
    "missing-page": Rule(E, "A hand-written page exists in some languages but not in all."),
    "config": Rule(E, "The settings block extra.grensroutes in mkdocs.yml is missing or invalid."),
    "mkdocs": Rule(E, "MkDocs failed to build a language (the message shows its output)."),
    "build-busy": Rule(E, "Another build is running in the same folder (for example `make serve`); wait for it to finish."),
    "system-library": Rule(E, "A system library the build needs is missing; the message names the package to install."),
    # the printable factsheets
    "factsheet-too-long": Rule(E, "A roadmap's factsheet does not fit on 3 A4 pages per language (6 for a two-language sheet) at 9.5pt: shorten its longest texts."),
    "factsheet-render": Rule(E, "WeasyPrint reported a problem while making a factsheet (a font or file that failed to load, bad CSS)."),
    "factsheet-glyph": Rule(E, "A factsheet uses a character that the bundled fonts (generator/fonts/) lack; it would print in a stray system font."),
}
