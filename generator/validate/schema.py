"""JSON Schema checks, with jsonschema's errors turned into located, rule-named diagnostics."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource

from generator.diagnostics import Diagnostic, error
from generator.load.documents import Document, JsonPath

_RULES = {
    "additionalProperties": "unknown-key",
    "required": "missing-field",
    "type": "wrong-type",
}
_TYPE_WORDS = {
    "string": "text",
    "object": "a mapping (key: value)",
    "array": "a list",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "nothing",
}


@cache
def _validators(schemas_dir: Path) -> dict[str, Draft202012Validator]:
    """One validator per schema, built once: Draft202012Validator.validate() would re-check the schema each call."""
    contents = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(schemas_dir.glob("*.schema.json"))}
    registry: Registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in contents.values()
    )
    return {name: Draft202012Validator(schema, registry=registry) for name, schema in contents.items()}


def validator(schemas_dir: Path, name: str) -> Draft202012Validator:
    return _validators(schemas_dir.resolve())[name]


@cache
def _fast_validators(schemas_dir: Path) -> dict[str, jsonschema_rs.Validator]:
    """The same schemas compiled by jsonschema-rs: ~500x faster, so valid documents — nearly all of
    them — cost almost nothing. Only a document it rejects goes through `jsonschema`, whose errors carry what our
    diagnostics need (the failing keyword, best match among oneOf branches)."""
    contents = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(schemas_dir.glob("*.schema.json"))]
    registry = jsonschema_rs.Registry([(schema["$id"], schema) for schema in contents])
    return {
        name: jsonschema_rs.Draft202012Validator(schema, registry=registry)
        for name, schema in zip((p.name for p in sorted(schemas_dir.glob("*.schema.json"))), contents, strict=True)
    }


def is_valid(schemas_dir: Path, name: str, data: Any) -> bool:
    return bool(_fast_validators(schemas_dir.resolve())[name].is_valid(data))


def pointer(path: JsonPath) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    shown = repr(value) if not isinstance(value, int) or abs(value) < 10**60 else f"a number of {len(str(value)):,} digits"
    return shown if len(shown) <= 80 else shown[:60] + "…"


def _leaf(err: ValidationError) -> ValidationError:
    """For oneOf/anyOf failures, the most relevant sub-error (as check-jsonschema's 'best deep match')."""
    while err.context:
        err = best_match(err.context)
    return err


def _unknown_keys(doc: Document, err: ValidationError) -> Iterator[Diagnostic]:
    schema: Any = err.schema
    allowed = sorted(schema.get("properties", {}))
    instance: Any = err.instance
    for key in sorted(set(instance) - set(allowed)):
        path = (*err.absolute_path, key)
        yield error(
            doc.path,
            doc.pos(path, key=True),
            "unknown-key",
            f"unknown key '{key}'; allowed here: {', '.join(allowed)}",
            pointer(path),
        )


def _message(err: ValidationError) -> tuple[str, str]:
    keyword, schema = err.validator, err.schema
    instance: Any = err.instance
    value: Any = err.validator_value
    if keyword == "required":
        missing = [k for k in value if k not in instance]
        return "missing-field", f"missing required key '{missing[0]}'"
    if keyword == "type":
        want = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        words = " or ".join(_TYPE_WORDS.get(str(w), str(w)) for w in want)
        return "wrong-type", f"expected {words}, got {_describe(instance)}"
    if keyword in ("enum", "const"):
        options = value if keyword == "enum" else [value]
        return "invalid-value", f"expected one of {', '.join(map(str, options))}; got {_describe(instance)}"
    if keyword == "not":
        present = [k for k in ("min", "max", "value") if isinstance(instance, dict) and k in instance]
        status = instance.get("status") if isinstance(instance, dict) else None
        return "invalid-value", f"remove {', '.join(present) or 'this value'}: not allowed with status '{status}'"
    if keyword in ("maximum", "minimum"):
        bound = "at most" if keyword == "maximum" else "at least"
        return "invalid-value", f"{_describe(instance)} is out of range: the value must be {bound} {value:,}"
    if keyword == "pattern" and value == "\\S":
        return "invalid-value", "the text is empty: it holds only spaces or line breaks"
    if keyword == "pattern" and isinstance(schema, dict) and "description" in schema:
        return "invalid-value", f"{_describe(instance)} is not valid here: {schema['description']}"
    hint = f" ({schema['description']})" if isinstance(schema, dict) and "description" in schema else ""
    return "invalid-value", f"{_describe(instance)} is not valid here: {err.message}{hint}"


def check(doc: Document, schema_name: str, schemas_dir: Path) -> Iterator[Diagnostic]:
    """Yield a diagnostic for every schema violation in the document."""
    if is_valid(schemas_dir, schema_name, doc.data):
        return
    errors = sorted(
        validator(schemas_dir, schema_name).iter_errors(doc.data), key=lambda e: [str(p) for p in e.absolute_path]
    )
    for err in errors:
        leaf = _leaf(err)
        if leaf.validator == "additionalProperties":
            yield from _unknown_keys(doc, leaf)
            continue
        code, message = _message(leaf)
        path = tuple(leaf.absolute_path)
        yield error(doc.path, doc.pos(path), code, message, pointer(path))
