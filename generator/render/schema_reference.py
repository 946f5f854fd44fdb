"""Field reference for maintainers, generated from the JSON Schemas: every field with its meaning (the schema's
`description`), its type, whether it is required, and an example taken from the real data.

The reference text is the schemas' own English; the pages around it are translated (see maintainers.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from markupsafe import Markup

from generator.render import formatting as fmt

EXAMPLE_FIRST = "physiotherapist/nl-to-de-nw.yaml"  # the roadmap the examples come from, where it has the field
MAX_EXAMPLE_FILES = 60  # per schema: enough for every field's example; the examples come from the first ones
_LANGS = {"nl", "de", "fr", "en"}
_TYPES = {
    "string": "text",
    "number": "number",
    "integer": "whole number",
    "boolean": "true or false",
    "object": "mapping",
    "array": "list",
    "null": "nothing",
}

Tokens = tuple[str, ...]


@dataclass(frozen=True)
class Field:
    path: str
    type: str  # Markdown built here from the schema
    required: str
    description: str
    example: str


@dataclass(frozen=True)
class Section:
    """A schema's root fields, or one of its building blocks ($defs)."""

    name: str  # "" for the root
    description: str
    kind: str  # the type of a building block that is not a mapping
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Reference:
    stem: str  # "roadmap" for roadmap.schema.json
    title: str
    description: str
    sections: tuple[Section, ...]


# ---- examples ------------------------------------------------------------------------------------------------


def stem(file: str) -> str:
    return file.removesuffix(".schema.json")


def example_documents(documents: Iterable[tuple[str, str, Any]]) -> dict[str, list[Any]]:
    """(path inside roadmaps/, schema file, data) → the data by schema, the preferred example roadmap first."""
    found: dict[str, list[tuple[bool, tuple[str, ...], Any]]] = {}
    for rel, schema_file, data in sorted(documents, key=lambda d: (d[0] != EXAMPLE_FIRST, PurePosixPath(d[0]).parts)):
        if len(found.setdefault(schema_file, [])) < MAX_EXAMPLE_FILES:  # thousands of roadmaps: the first ones do
            found[schema_file].append((rel != EXAMPLE_FIRST, PurePosixPath(rel).parts, data))
    return {name: [data for *_, data in docs] for name, docs in found.items()}


# ---- looking up examples ---------------------------------------------------------------------------------------


def lookup(data: Any, tokens: Tokens) -> Any:
    """The first value at `tokens` ('[]' means: any item of a list); None if the data has none."""
    if not tokens:
        return data
    head, rest = tokens[0], tokens[1:]
    if head == "[]":
        for item in data if isinstance(data, list) else []:
            found = lookup(item, rest)
            if found is not None:
                return found
        return None
    return lookup(data.get(head), rest) if isinstance(data, dict) else None


def show(value: Any, width: int = 60) -> str:
    """An example value, short and escaped (it comes from YAML)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, dict) and value and set(value) <= _LANGS:
        text = f"{value.get('en', next(iter(value.values())))} (en)"
    elif isinstance(value, dict) and isinstance(value.get("text"), dict):
        return show(value["text"], width)
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in value.items()) + "}"
    elif isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        text = f"({len(value)} item{'s' * (len(value) != 1)})"
    elif isinstance(value, list):
        text = "[" + ", ".join(_scalar(v) for v in value) + "]"
    else:
        text = str(value)
    text = " ".join(text.split())
    return fmt.md_escape(text if len(text) <= width else text[: width - 1].rstrip() + "…")


def _scalar(value: Any) -> str:
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    return "true" if value is True else "false" if value is False else str(value)


# ---- describing types ------------------------------------------------------------------------------------------


def prose(text: str) -> Markup:
    """Schema descriptions: `code` stays code, everything else is escaped."""
    parts = " ".join(text.split()).split("`")
    return Markup("".join(_code(part) if i % 2 else _escape_keeping_spaces(part) for i, part in enumerate(parts)))


def _code(part: str) -> str:
    return f"`{part}`" if part and "|" not in part else fmt.md_escape(part)


def _escape_keeping_spaces(part: str) -> str:
    escaped = fmt.md_escape(part)
    return (" " if part.startswith(" ") else "") + escaped + (" " if part.endswith(" ") and part.strip() else "")


def _ref_link(ref: str, here: str) -> str:
    file, _, pointer = ref.partition("#")
    page = "" if not file or file == here else f"schema-{stem(file)}.md"
    parts = [p for p in pointer.split("/") if p]
    if not parts:  # a whole schema
        return f"[{stem(file)}]({page or f'schema-{stem(here)}.md'})"
    block = parts[1] if parts[0] == "$defs" and len(parts) > 1 else parts[-1]
    label = ".".join([block, *(p for p in parts[2:] if p != "properties")])
    return f"[{label}]({page}#def-{block})"


def resolve(ref: str, here: str, schemas: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The schema node a `$ref` points to (same file when the ref names none)."""
    file, _, pointer = ref.partition("#")
    node: Any = schemas.get(file or here, {})
    for part in (p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/") if p):
        node = node.get(part, {}) if isinstance(node, dict) else {}
    return node if isinstance(node, dict) else {}


def description(node: dict[str, Any], here: str, schemas: dict[str, dict[str, Any]]) -> str:
    """A field's own description, else that of the building block it refers to."""
    if node.get("description"):
        return str(node["description"])
    return str(resolve(node["$ref"], here, schemas).get("description", "")) if "$ref" in node else ""


def type_of(node: dict[str, Any], here: str) -> str:
    if "$ref" in node:
        return _ref_link(node["$ref"], here)
    if "enum" in node:
        return "one of: " + ", ".join(f"`{v}`" for v in node["enum"])
    if "const" in node:
        return f"always `{node['const']}`"
    if "oneOf" in node or "anyOf" in node:
        return " or ".join(type_of(n, here) for n in node.get("oneOf") or node.get("anyOf") or [])
    kind = node.get("type")
    if kind == "array" or ("items" in node and kind is None):
        items = node.get("items", {})
        if not items:
            return "list"
        return "list of " + ("mappings (fields below)" if "properties" in items else type_of(items, here))
    if kind == "object" and "properties" in node:
        return "mapping (fields below)"
    kinds: list[str] = kind if isinstance(kind, list) else [kind] if kind else []
    words = " or ".join(_TYPES.get(k, k) for k in kinds)
    return words + (" (a fixed pattern)" if "pattern" in node else "") if words else "any value"


def _condition(rule: dict[str, Any]) -> str | None:
    props = (rule.get("if") or {}).get("properties") or {}
    for key, value in props.items():
        if "const" in value:
            return f"{key} = {value['const']}"
    return None


def _forbidden(then: dict[str, Any]) -> set[str]:
    negated = then.get("not") or {}
    groups = negated.get("anyOf", [negated])
    return {name for group in groups for name in group.get("required", [])}


def requirements(node: dict[str, Any]) -> dict[str, str]:
    """Required, conditionally required ('when status = known') or forbidden ('not when …'), per field."""
    needed: dict[str, list[str]] = {}
    banned: dict[str, list[str]] = {}
    for rule in node.get("allOf", []):
        condition, then = _condition(rule), rule.get("then") or {}
        if condition:
            for name in then.get("required", []):
                needed.setdefault(name, []).append(condition)
            for name in _forbidden(then):
                banned.setdefault(name, []).append(condition)
    alternatives = [a["required"] for a in node.get("anyOf", []) if set(a) == {"required"}]
    words: dict[str, str] = {}
    for name in node.get("properties", {}):
        if name in node.get("required", []):
            text = "yes"
        elif any(name in group for group in alternatives):
            text = "one of " + ", ".join(n for group in alternatives for n in group) + " is required"
        else:
            text = "when " + " or ".join(needed[name]) if name in needed else "no"
        if name in banned:
            text += "; not allowed when " + " or ".join(banned[name])
        words[name] = text
    return words


def _conditional_types(node: dict[str, Any], here: str) -> dict[str, list[str]]:
    """Fields whose type depends on another field (e.g. the entries of each kind of registry)."""
    notes: dict[str, list[str]] = {}
    for rule in node.get("allOf", []):
        condition = _condition(rule)
        for name, sub in ((rule.get("then") or {}).get("properties") or {}).items():
            if condition:
                notes.setdefault(name, []).append(f"when {condition}: {type_of(sub, here)}")
    return notes


# ---- walking a schema ------------------------------------------------------------------------------------------


def fields(
    node: dict[str, Any],
    here: str,
    examples: list[Any],
    at: Tokens = (),
    shown: Tokens = (),
    schemas: dict[str, dict[str, Any]] | None = None,
) -> Iterator[Field]:
    """Every field of an object schema, nested mappings and lists of mappings included, in schema order. `at` is
    where the object stands in the example data, `shown` the path printed (relative to a building block)."""
    required = requirements(node)
    conditional = _conditional_types(node, here)
    for name, sub in node.get("properties", {}).items():
        kind = "; ".join([type_of(sub, here), *conditional.get(name, [])])
        example = next((show(v) for v in (lookup(d, (*at, name)) for d in examples) if v is not None), "")
        path = ".".join((*shown, name)).replace(".[]", "[]")
        yield Field(path, kind, required[name], prose(description(sub, here, schemas or {})), example)
        if "properties" in sub:
            yield from fields(sub, here, examples, (*at, name), (*shown, name), schemas)
        elif "properties" in sub.get("items", {}):
            yield from fields(sub["items"], here, examples, (*at, name, "[]"), (*shown, name, "[]"), schemas)


def usages(schemas: dict[str, dict[str, Any]], examples: dict[str, list[Any]]) -> dict[str, tuple[list[Any], Tokens]]:
    """Where each building block is first used in data that has examples: '<file>#<name>' → (documents, path)."""
    found: dict[str, tuple[list[Any], Tokens]] = {}

    def visit(node: Any, file: str, docs: list[Any], tokens: Tokens, depth: int = 0) -> None:
        if not isinstance(node, dict) or depth > 12:
            return
        if "$ref" in node:
            target_file, _, pointer = node["$ref"].partition("#")
            target_file = target_file or file
            key = f"{target_file}#{pointer.rsplit('/', 1)[-1]}"
            if key not in found:
                found[key] = (docs, tokens)
                target = schemas.get(target_file, {}).get("$defs", {}).get(pointer.rsplit("/", 1)[-1], {})
                visit(target, target_file, docs, tokens, depth + 1)
        for name, sub in node.get("properties", {}).items():
            visit(sub, file, docs, (*tokens, name), depth + 1)
        for key in ("items",):
            visit(node.get(key), file, docs, (*tokens, "[]"), depth + 1)
        for key in ("allOf", "anyOf", "oneOf"):
            for sub in node.get(key, []):
                visit(sub, file, docs, tokens, depth + 1)
                visit(sub.get("then"), file, docs, tokens, depth + 1)

    for file, schema in schemas.items():
        docs = examples.get(file, [])
        if docs:
            visit(schema, file, docs, ())
    return found


def reference(file: str, schemas: dict[str, dict[str, Any]], examples: dict[str, list[Any]]) -> Reference:
    schema, used = schemas[file], usages(schemas, examples)
    sections = []
    if "properties" in schema:
        sections.append(Section("", "", "", tuple(fields(schema, file, examples.get(file, []), schemas=schemas))))
    for name, node in schema.get("$defs", {}).items():
        docs, at = used.get(f"{file}#{name}", ([], ()))
        block = tuple(fields(node, file, docs, at, schemas=schemas)) if "properties" in node else ()
        kind = "" if block else type_of(node, file)
        sections.append(Section(name, prose(node.get("description", "")), kind, block))
    return Reference(stem(file), schema.get("title", stem(file)), prose(schema.get("description", "")), tuple(sections))


def all_references(schemas: dict[str, dict[str, Any]], examples: dict[str, list[Any]]) -> tuple[Reference, ...]:
    return tuple(reference(file, schemas, examples) for file in schemas)


def undocumented(
    schema: Any, path: str = "$", here: str = "", schemas: dict[str, dict[str, Any]] | None = None
) -> Iterator[str]:
    """Properties without a `description`, their own or their `$ref` target's (conditions in if/then/not only
    restate fields declared elsewhere)."""
    if isinstance(schema, dict):
        for name, sub in (schema.get("properties") or {}).items():
            if not isinstance(sub, dict) or not description(sub, here, schemas or {}):
                yield f"{path}.properties.{name}"
        for key, sub in schema.items():
            if key not in ("if", "then", "else", "not"):
                yield from undocumented(sub, f"{path}.{key}", here, schemas)
    elif isinstance(schema, list):
        for i, sub in enumerate(schema):
            yield from undocumented(sub, f"{path}[{i}]", here, schemas)
