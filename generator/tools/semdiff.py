"""`roadmaps diff`: what changes for citizens between two versions of the knowledge base, in words.

Roadmaps are compared by route (not by file), steps by id, sources by id, registry entries by id; facts are compared
by value, then note, source, confidence and check date. Whatever no rule below describes is still reported ("other
change in …"), so the summary never hides a change. Input need not be valid: a pull request is summarised even while
validation fails on it. The summary is in English, the project's working language.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from generator.load.revisions import Tree
from generator.render import formatting as fmt
from generator.tools.factdiff import (
    Names,
    Rule,
    amount,
    as_dict,
    as_list,
    authority,
    canon,
    cited,
    cited_list,
    english,
    fact_rule,
    get_in,
    ids,
    languages,
    level,
    notices,
    objection,
    online_services,
    period,
    plain,
    route_name,
    scalar,
    short,
    status_words,
    valued,
)


@dataclass(frozen=True)
class Change:
    subject: str  # what changed: a route, a registry entry or a file
    message: str


MONEY_HELP = {"available": "support available", "none-found": "no support found", "None": "nothing"}
APPLY_ONLINE = {"available": "available", "not-available": "not available (paper or e-mail)", "unknown": "not known"}
APPLY_ONLINE["None"] = "nothing"

# Where each part of a roadmap stands, in page order, and how to describe its change.
SECTIONS: tuple[tuple[tuple[str, ...], str, Rule], ...] = (
    (("regulation", "status"), "regulation status", scalar),
    (("regulation", "law"), "the law", cited),
    (("regulation", "work_before_recognition"), "'may I work before recognition'", cited),
    (("summary",), "summary", cited),
    (("language", "language"), "required language", scalar),
    (("language", "level"), "language level", fact_rule(level)),
    (("language", "proof"), "accepted language proof", cited),
    (("language", "when"), "when the language proof is asked", cited),
    (("language", "checked_by"), "who checks the language", authority),
    (("compensation", "measures"), "compensation measures", ids),
    (("compensation", "chooser"), "who chooses the compensation measure", scalar),
    (("compensation", "details"), "compensation rules", cited),
    (("temporary", "status"), "temporary work route", scalar),
    (("temporary", "authority"), "who receives the temporary-work declaration", authority),
    (("temporary", "ask"), "who to ask about temporary work", authority),
    (("temporary", "details"), "temporary work", cited),
    (("temporary", "renewal"), "renewal of the temporary-work declaration", cited),
    (("temporary", "documents"), "documents for the temporary-work declaration", cited_list),
    (("after_recognition",), "after recognition", cited_list),
    (("tips",), "tips", cited_list),
    (("if_refused", "decisions"), "the decisions the authority can take", cited),
    (("if_refused", "objection"), "how to object to a decision", objection),
    (("if_refused", "next_stops"), "where to get help after a refusal", cited),
    (("if_refused", "contacts"), "advice services after a refusal", ids),
    (("money_help", "status"), "financial support", status_words(MONEY_HELP)),
    (("money_help", "items"), "financial support", cited_list),
    (("apply_online", "status"), "online application", status_words(APPLY_ONLINE)),
    (("apply_online", "services"), "online application", online_services),
    (("apply_online", "note"), "how to apply", cited),
    (("notices",), "notice", notices),
    (("help", "grensinfopunten"), "Grensinfopunten", ids),
    (("help", "contacts"), "advice contacts", ids),
)
STEP_FIELDS: tuple[tuple[str, str, Rule], ...] = (
    ("authority", "authority", authority),
    ("title", "title", cited),
    ("what", "what happens", cited),
    ("automatic", "automatic", scalar),
    ("documents", "documents", cited_list),
    ("fee", "fee", fact_rule(amount)),
    ("deadline", "legal deadline", fact_rule(period)),
    ("duration", "usual duration", fact_rule(period)),
    ("outcome", "outcome", cited),
)
_HANDLED = {"profession", "origin", "destination", "steps", "costs", "changes", "sources"}
_HANDLED |= {path[0] for path, _, _ in SECTIONS}


# ---- roadmaps ------------------------------------------------------------------------------------------------


def _steps(old: list[Any], new: list[Any], names: Names) -> Iterator[str]:
    def by_id(steps: list[Any]) -> dict[str, tuple[int, dict[str, Any]]]:
        return {str(s.get("id")): (i + 1, s) for i, s in enumerate(steps) if isinstance(s, dict)}

    before, after = by_id(old), by_id(new)
    for sid, (number, step) in before.items():
        if sid not in after:
            yield f"step {number} removed: '{english(step.get('title'))}'"
    for sid, (number, step) in after.items():
        if sid not in before:
            yield f"step {number} added: '{english(step.get('title'))}' ({names.authority(step.get('authority'))})"
    common_old = [sid for sid in before if sid in after]
    common_new = [sid for sid in after if sid in before]
    if common_old != common_new:
        yield f"steps in a new order: {', '.join(common_old)} → {', '.join(common_new)}"
    for sid in common_new:
        (_, a), (number, b) = before[sid], after[sid]
        for key, label, rule in STEP_FIELDS:
            yield from rule(f"{label} of step {number}", a.get(key), b.get(key), names)
        for key in sorted((set(a) | set(b)) - {k for k, _, _ in STEP_FIELDS} - {"id"}):
            if a.get(key) != b.get(key):
                yield f"step {number}: other change in `{key}`"


def _costs(old: Any, new: Any, names: Names) -> Iterator[str]:
    before = {canon(get_in(c, "label")): c for c in as_list(old)}
    after = {canon(get_in(c, "label")): c for c in as_list(new)}
    for key, cost in after.items():
        label = f"extra cost '{english(get_in(cost, 'label'))}'"
        if key not in before:
            yield f"{label} added: {amount(get_in(cost, 'amount'), names)}"
        else:
            yield from valued(label, get_in(before[key], "amount"), get_in(cost, "amount"), names, amount)
    for key, cost in before.items():
        if key not in after:
            yield f"extra cost '{english(get_in(cost, 'label'))}' removed"


def _change_log(old: Any, new: Any) -> Iterator[str]:
    before = {canon(c) for c in as_list(old)}
    after = {canon(c) for c in as_list(new)}
    for entry in as_list(new):
        if canon(entry) not in before:
            yield f"change log: {get_in(entry, 'date')} '{english(get_in(entry, 'text'))}'"
    for entry in as_list(old):
        if canon(entry) not in after:
            yield f"change log entry of {get_in(entry, 'date')} removed"


def sources(old: Any, new: Any) -> Iterator[str]:
    def by_id(items: Any) -> dict[str, dict[str, Any]]:
        return {str(s.get("id")): s for s in as_list(items) if isinstance(s, dict)}

    before, after = by_id(old), by_id(new)
    for sid, src in after.items():
        if sid not in before:
            yield f"source '{sid}' added: {short(src.get('title'), 60)}"
            continue
        was = before[sid]
        if was.get("checked") != src.get("checked"):
            yield f"source '{sid}' checked again ({was.get('checked')} → {src.get('checked')})"
        for key in ("url", "title", "publisher", "official"):
            if was.get(key) != src.get(key):
                yield f"source '{sid}': {key} changed from {plain(was.get(key))} to {plain(src.get(key))}"
    for sid in before.keys() - after.keys():
        yield f"source '{sid}' removed"


def roadmap(old: dict[str, Any], new: dict[str, Any], names: Names) -> Iterator[str]:
    """Every change of one roadmap, in page order."""
    for path, label, rule in SECTIONS[:4]:
        yield from rule(label, get_in(old, *path), get_in(new, *path), names)
    yield from _steps(as_list(old.get("steps")), as_list(new.get("steps")), names)
    yield from _costs(old.get("costs"), new.get("costs"), names)
    for path, label, rule in SECTIONS[4:]:
        yield from rule(label, get_in(old, *path), get_in(new, *path), names)
    for section in ("language", "compensation", "temporary", "if_refused", "money_help", "apply_online", "help"):
        known = {p[1] for p, _, _ in SECTIONS if p[0] == section}
        for key in sorted((set(as_dict(old.get(section))) | set(as_dict(new.get(section)))) - known):
            if get_in(old, section, key) != get_in(new, section, key):
                yield f"other change in `{section}.{key}`"
    for key in sorted((set(old) | set(new)) - _HANDLED):
        if old.get(key) != new.get(key):
            yield f"other change in `{key}`"
    yield from _change_log(old.get("changes"), new.get("changes"))
    yield from sources(old.get("sources"), new.get("sources"))


# ---- registries and other files ------------------------------------------------------------------------------

_ENTRY_NAMES = {
    "authorities": "authority",
    "grensinfopunten": "Grensinfopunt",
    "professions": "profession",
    "jurisdictions": "jurisdiction",
    "glossary": "glossary term",
}


def _entry_changes(old: dict[str, Any], new: dict[str, Any], names: Names) -> Iterator[str]:
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        if key == "contact":
            for part in sorted(set(as_dict(a)) | set(as_dict(b))):
                if get_in(a, part) != get_in(b, part):
                    yield f"contact {part} changed from {plain(get_in(a, part))} to {plain(get_in(b, part))}"
        elif isinstance(a, dict) and isinstance(b, dict) and set(a) | set(b) <= {"nl", "de", "fr", "en"}:
            yield f"{key} text changed ({languages(a, b)})"
        else:
            yield f"{key} changed from {plain(a)} to {plain(b)}"


def registry(kind: str, old: dict[str, Any], new: dict[str, Any], names: Names) -> Iterator[Change]:
    key = "code" if kind == "jurisdictions" else "id"
    noun = _ENTRY_NAMES.get(kind, f"{kind} entry")

    def by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
        return {str(e.get(key)): e for e in as_list(data.get("entries")) if isinstance(e, dict)}

    before, after = by_id(old), by_id(new)
    for eid, entry in after.items():
        if eid not in before:
            yield Change(f"{noun} {eid}", "added")
        else:
            for message in _entry_changes(before[eid], entry, names):
                yield Change(f"{noun} {eid}", message)
    for eid in sorted(before.keys() - after.keys()):
        yield Change(f"{noun} {eid}", "removed")
    for message in sources(old.get("sources"), new.get("sources")):
        yield Change(f"registry {kind}", message)


def _kind(data: Any) -> str:
    if isinstance(data, dict) and isinstance(data.get("registry"), str):
        return "registry"
    if isinstance(data, dict) and {"profession", "origin", "destination"} <= set(data):
        return "roadmap"
    return "other"


def compare(base: Tree, head: Tree) -> list[Change]:
    """Every change from `base` to `head`: roadmaps by route, then registries, then any other file."""
    names = Names(base, head)
    changes: list[Change] = []

    def files(tree: Tree, kind: str) -> dict[str, tuple[str, Any]]:
        found = {}
        for path, data in tree.files.items():
            if _kind(data) == kind:
                found[route_name(data) if kind == "roadmap" else data["registry"] if kind == "registry" else path] = (
                    path,
                    data,
                )
        return found

    old, new = files(base, "roadmap"), files(head, "roadmap")
    for route in sorted(old.keys() | new.keys()):
        if route not in old:
            changes.append(
                Change(route, f"new roadmap ({new[route][0]}), {len(as_list(new[route][1].get('steps')))} steps")
            )
        elif route not in new:
            if old[route][0] not in head.unreadable:  # an unreadable file is reported below, not as removed
                changes.append(Change(route, f"roadmap removed ({old[route][0]})"))
        else:
            changes += [Change(route, m) for m in roadmap(old[route][1], new[route][1], names)]
    old, new = files(base, "registry"), files(head, "registry")
    for kind in sorted(old.keys() | new.keys()):
        changes += registry(kind, as_dict(old.get(kind, ("", {}))[1]), as_dict(new.get(kind, ("", {}))[1]), names)
    old, new = files(base, "other"), files(head, "other")
    for path in sorted(old.keys() | new.keys()):
        if path not in old:
            changes.append(Change(path, "file added"))
        elif path not in new:
            if path not in head.unreadable:  # an unreadable file is reported below, not as removed
                changes.append(Change(path, "file removed"))
        elif old[path][1] != new[path][1]:
            changes.append(Change(path, "changed"))
    for path in sorted(head.unreadable):
        changes.append(Change(path, f"cannot be read in {head.label} (run `roadmaps validate`)"))
    return changes


# ---- output --------------------------------------------------------------------------------------------------


def as_text(changes: list[Change]) -> str:
    return "\n".join(f"{c.subject}: {c.message}" for c in changes) or "no change for citizens"


def as_json(changes: list[Change]) -> str:
    return json.dumps([asdict(c) for c in changes], ensure_ascii=False, indent=2)


def as_markdown(changes: list[Change], base: str, head: str) -> str:
    """For the pull request's job summary; every text from YAML is escaped, so a PR cannot inject markup."""
    lines = ["## What changes for citizens", ""]
    lines.append(
        f"From {fmt.md_escape(base)} to {fmt.md_escape(head)}: {len(changes)} change{'s' * (len(changes) != 1)}."
    )
    if not changes:
        return "\n".join([*lines, "", "No change for citizens: the knowledge base is the same in both versions.", ""])
    subject = None
    for change in changes:
        if change.subject != subject:
            subject = change.subject
            lines += ["", f"### {fmt.md_escape(subject)}", ""]
        lines.append(f"- {fmt.md_escape(change.message)}")
    return "\n".join([*lines, ""])
