"""A hostile copy of the real project: every text field the schemas accept carries script, HTML and Markdown payloads.

Which strings are text is decided by the schemas and the validator, not by a list of field names: every string in
every document is given a payload, and the JSON Schema (then our own rules) reject the ones that may not carry it
(ids, dates, codes, patterns, enums), which fall back to their next candidate and finally to their original value.
A field added to a schema later is covered without touching this file. Web-address fields get `javascript:` where
the schema allows it, else an address that tries to break out of its attribute.

`schema_text_fields` walks the schemas themselves and lists every free-text string field (type string, no
enum/const/pattern/format), so a test can check that each one that occurs in the data was given a payload.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.build import check
from generator.load.documents import load_text
from generator.validate.schema import validator

# Each payload would run script, add markup, a link or an attribute, or be evaluated, if it were not escaped.
PAYLOADS = (
    "<img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "' onmouseover='alert(1)' x='",
    "{{7*7}}",
    "]] [x](javascript:alert(1))",
    "<!-- c --><a href=javascript:alert(1)>a</a>",
    "*b* `c` <b onclick=alert(1)>d</b> {: onclick=alert(1) }",
    "</title><svg onload=alert(1)>",
)
TEXT = " " + " ".join(PAYLOADS)
SHORT = " <img src=x onerror=alert(1)>"
URLS = (
    "javascript:alert(1)",
    'https://example.org/?q="><img/src=x/onerror=alert(1)>',
    "https://example.org/?q='onmouseover='alert(1)')](javascript:alert(1))",
    "https://example.org/?q='x",
)
# What the visible text of a hostile page must contain: payloads shown as text, not run and not evaluated.
SHOWN = "<img src=x onerror=alert(1)>"

Path_ = tuple[str | int, ...]
_Dumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml writes the ~150 documents much faster


@dataclass
class Corpus:
    """The hostile project: where it is, and which string fields carry which payload."""

    root: Path
    hostile: dict[str, set[Path_]] = field(default_factory=dict)  # document → paths of the strings given a payload
    kept: dict[str, set[Path_]] = field(default_factory=dict)  # document → strings that accept no payload

    def count(self) -> int:
        return sum(len(paths) for paths in self.hostile.values())


def schema_name(relative: str) -> str:
    parts = relative.split("/")
    if parts[1] == "guide":
        return "flow.schema.json"
    if parts[1] == "catalogue":
        return "catalogue.schema.json"
    if parts[-1] == "local-offices.yaml":
        return "local-offices.schema.json"
    return "registry.schema.json" if parts[1] == "registry" else "roadmap.schema.json"


def _strings(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))
    elif isinstance(data, str):
        yield path, data


def _set(data: Any, path: Path_, value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _candidates(original: str) -> list[str]:
    if re.match(r"^[a-z][a-z0-9+.-]*:", original):
        return [*URLS, original]
    return [original + TEXT, original + SHORT, original]


class _Document:
    """One data file and, per string, its remaining candidate values (the first one is in the data)."""

    def __init__(self, path: Path, relative: str) -> None:
        self.path, self.relative = path, relative
        loaded, problems = load_text(relative, path.read_text(encoding="utf-8"))  # the project's YAML rules
        assert loaded is not None, problems
        self.data = loaded.data
        self.options = {p: _candidates(v) for p, v in _strings(self.data)}
        for p, values in self.options.items():
            _set(self.data, p, values[0])

    def fall_back(self, path: Path_) -> bool:
        """The next candidate for the string at `path`, or for every hostile string under it. False: nothing left."""
        moved = False
        # A string has nothing under it: when `path` is one, it is the only match (no walk over every string).
        matching = [path] if path in self.options else [p for p in self.options if p[: len(path)] == path]
        for p in matching:
            values = self.options[p]
            if len(values) > 1:
                values.pop(0)
                _set(self.data, p, values[0])
                moved = True
        return moved

    def write(self) -> None:
        class _NoAliases(_Dumper):  # type: ignore[valid-type,misc]
            def ignore_aliases(self, data: Any) -> bool:
                return True

        text = yaml.dump(self.data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=10_000)
        self.path.write_text(text, encoding="utf-8")


def _error_paths(error: Any) -> Iterator[Path_]:
    """The deepest paths an error (or, for oneOf/anyOf, its best sub-errors) points at."""
    if error.context:
        for sub in error.context:
            yield from _error_paths(sub)
    else:
        yield tuple(error.absolute_path)


def _pointer_path(pointer: str) -> Path_:
    """'$.steps[1].fee' → ('steps', 1, 'fee')."""
    parts: list[str | int] = []
    for name, index in re.findall(r"\.([^.\[\]]+)|\[(\d+)\]", pointer):
        parts.append(int(index) if index else name)
    return tuple(parts)


def make_hostile(root: Path, schemas_dir: Path) -> Corpus:
    """Give every string of every document in the project copy at `root` a payload its schema and our rules accept."""
    documents = [_Document(p, p.relative_to(root).as_posix()) for p in sorted((root / "roadmaps").rglob("*.yaml"))]
    for doc in documents:
        check_schema = validator(schemas_dir, schema_name(doc.relative))
        for _ in range(50):
            errors = list(check_schema.iter_errors(doc.data))
            if not errors:
                break
            paths = {p for e in errors for p in _error_paths(e)}
            exact = {p for p in paths if p in doc.options and len(doc.options[p]) > 1}
            moved = [doc.fall_back(p) for p in sorted(exact or paths, key=str)]
            assert any(moved), f"{doc.relative}: {errors[0].message}"
        doc.write()
    by_path = {d.relative: d for d in documents}
    for _ in range(20):
        diagnostics = [d for d in check(_settings(root)).diagnostics if d.severity.value == "error"]
        if not diagnostics:
            break
        moved = []
        for diagnostic in diagnostics:
            doc = by_path[diagnostic.path]
            moved.append(doc.fall_back(_pointer_path(diagnostic.pointer)))
        assert any(moved), "\n".join(map(str, diagnostics))
        for doc in {by_path[d.path].relative: by_path[d.path] for d in diagnostics}.values():
            doc.write()
    corpus = Corpus(root)
    for doc in documents:
        corpus.hostile[doc.relative] = {p for p, v in doc.options.items() if len(v) > 1}
        corpus.kept[doc.relative] = {p for p, v in doc.options.items() if len(v) == 1}
    return corpus


def hostile_labels(labels: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Every UI label with the payloads appended (braces doubled: labels are format strings)."""
    text = TEXT.replace("{", "{{").replace("}", "}}")
    return {lang: {key: value + text for key, value in strings.items()} for lang, strings in labels.items()}


def _settings(root: Path) -> Any:
    from generator.config import load_settings

    settings, diagnostics = load_settings(root)
    assert settings is not None, diagnostics
    return settings


# ---- the schemas' own list of text fields --------------------------------------------------------------------------


def _resolve(ref: str, here: str, schemas: dict[str, Any]) -> tuple[Any, str]:
    name, _, fragment = ref.partition("#")
    name = name.rsplit("/", 1)[-1] or here
    node = schemas[name]
    for part in [p for p in fragment.split("/") if p]:
        node = node[part]
    return node, name


def schema_text_fields(schemas_dir: Path) -> dict[str, set[str]]:
    """schema file → names of the properties that hold free text (directly, or as a language → text mapping)."""
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(schemas_dir.glob("*.schema.json"))}
    found: dict[str, set[str]] = {}

    def free_text(node: Any, here: str, seen: frozenset[int]) -> bool:
        """Free text itself, a mapping of free texts (a text per language), a list of them, or a choice of them."""
        if not isinstance(node, dict) or id(node) in seen:
            return False
        seen = seen | {id(node)}
        if "$ref" in node and free_text(*_resolve(node["$ref"], here, schemas), seen):
            return True
        if node.get("type") == "string":
            return not {"enum", "const", "pattern", "format"} & node.keys()
        branches = [*node.get("oneOf", []), *node.get("anyOf", []), *node.get("allOf", [])]
        members = list(node.get("properties", {}).values())
        if node.get("type") == "object" and members and all(free_text(m, here, seen) for m in members):
            return True
        inner = [node.get("additionalProperties"), node.get("items")]
        return any(free_text(b, here, seen) for b in [*branches, *inner])

    def walk(node: Any, here: str, top: str, seen: frozenset[int]) -> None:
        if isinstance(node, dict):
            if id(node) in seen:
                return
            seen = seen | {id(node)}
            if "$ref" in node:
                target, name = _resolve(node["$ref"], here, schemas)
                walk(target, name, top, seen)
            for key, value in node.get("properties", {}).items():
                if free_text(value, here, frozenset()):
                    found.setdefault(top, set()).add(key)
            for value in node.values():
                walk(value, here, top, seen)
        elif isinstance(node, list):
            for value in node:
                walk(value, here, top, seen)

    for name in ("roadmap.schema.json", "registry.schema.json", "catalogue.schema.json", "flow.schema.json"):
        walk(schemas[name], name, name, frozenset())
    return found
