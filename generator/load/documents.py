"""Stage 1 — load: read YAML files into plain data, keeping the line and column of every node.

YAML is read with YAML 1.2 core-schema rules: `NO`, `on`, `yes` and `2024-01-05` stay strings; only
true/false are booleans. Duplicate keys, aliases and unknown tags are errors, never silent rewrites.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.diagnostics import Diagnostic, error
from generator.load import parse_cache

MAX_BYTES = 2 * 1024 * 1024  # a roadmap is ~40 KB; anything this large is a mistake or an attack
MAX_DEPTH = 64

Pos = tuple[int, int]
JsonPath = tuple[str | int, ...]

_PLAIN = "tag:grensroutes:plain"
_QUOTED = "tag:grensroutes:quoted"
_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_PLAIN, _QUOTED} | {_CORE + t for t in ("str", "int", "float", "bool", "null", "map", "seq")}
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)

_ALIAS_MESSAGE = "aliases (*name) are not allowed: write the value out in full"
_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~9x faster


class _Loader(_BaseLoader):  # type: ignore[misc]
    """Marks implicit scalars instead of resolving them with YAML 1.1 rules."""

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return _PLAIN if implicit[0] else _QUOTED
        return str(super().resolve(kind, value, implicit))


@dataclass(eq=False)  # identity: `doc in inputs.roadmaps` must not compare whole documents
class Document:
    """One loaded YAML file: its data, and its composed YAML nodes to say where a value stands in the file."""

    path: str  # as shown in diagnostics, relative to the project root
    data: Any
    node: Node | None = field(default=None, repr=False)  # positions are looked up here only when a rule reports
    text: str | None = field(default=None, repr=False)  # to compose `node` when it was read from the parse cache
    digest: str | None = None  # hash of the file's bytes (generator/load/parse_cache.py); None for text not from a file
    _nodes: list[tuple[JsonPath, Any]] | None = field(default=None, repr=False)

    def nodes(self) -> list[tuple[JsonPath, Any]]:
        """Every (path, value) pair of the data, parents first; walked once, then shared by all rules (
        about ten rules look at every node, and a fresh walk each cost more than the JSON Schema check)."""
        if self._nodes is None:
            self._nodes = _flatten(self.data, (), [])
        return self._nodes

    def pos(self, path: JsonPath, key: bool = False) -> Pos:
        """Position of the value at `path` (or of its key), falling back to the nearest parent that exists (to its
        key, where it has one and `key` is asked)."""
        if self.node is None and self.text is not None:
            self.node = yaml.compose(self.text, Loader=_Loader)
        node = self.node
        if node is None:
            return (1, 1)
        found = _pos(node)
        for part in path:
            if isinstance(node, MappingNode):
                pair = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == part), None)
                if pair is None:
                    return found
                node, found = pair[1], (_pos(pair[0]) if key else _pos(pair[1]))
            elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
                found = _pos(node)
            else:
                return found
        return found


def walk(data: Any, path: JsonPath = ()) -> Iterator[tuple[JsonPath, Any]]:
    """Every (path, value) pair in the data, parents before children, in document order."""
    return iter(_flatten(data, path, []))


def _flatten(data: Any, path: JsonPath, out: list[tuple[JsonPath, Any]]) -> list[tuple[JsonPath, Any]]:
    # Plain recursion into a list: about twice as fast as nested generators or an explicit stack.
    out.append((path, data))
    if isinstance(data, dict):
        for key, value in data.items():
            _flatten(value, path + (key,), out)  # noqa: RUF005 — concatenation is the faster form here
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _flatten(value, path + (i,), out)  # noqa: RUF005
    return out


class _LoadError(Exception):
    def __init__(self, pos: Pos, code: str, message: str) -> None:
        super().__init__(message)
        self.pos, self.code, self.message = pos, code, message


def _pos(node: Node) -> Pos:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _scalar(node: ScalarNode) -> Any:
    value = node.value
    if node.tag == _QUOTED or node.tag == _CORE + "str":
        return value
    if node.tag == _PLAIN:
        if _NULL.match(value):
            return None
        if _BOOL.match(value):
            return value.lower() == "true"
        if _INT.match(value):
            return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
        if _FLOAT.match(value) and not value.lower().lstrip("+-").startswith((".inf", ".nan")):
            return float(value)
        return value
    return _explicit_scalar(node)


def _explicit_scalar(node: ScalarNode) -> Any:
    tag, value = node.tag[len(_CORE) :], node.value
    try:
        if tag == "int":
            return int(value, 0)
        if tag == "float":
            return float(value)
        if tag == "bool" and _BOOL.match(value):
            return value.lower() == "true"
        if tag == "null" and _NULL.match(value):
            return None
    except ValueError:
        pass
    raise _LoadError(_pos(node), "yaml-tag", f"value {value!r} does not fit its tag !!{tag}")


class _Builder:
    """Turns a composed node graph into plain data. Aliases never get here: `_first_alias` refuses them first."""

    def build(self, node: Node, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise _LoadError(_pos(node), "too-deep", f"data is nested more than {MAX_DEPTH} levels deep")
        if node.tag not in _ALLOWED_TAGS:
            raise _LoadError(_pos(node), "yaml-tag", f"the tag {node.tag!r} is not allowed")
        if isinstance(node, ScalarNode):
            return _scalar(node)
        if isinstance(node, SequenceNode):
            return [self.build(item, depth + 1) for item in node.value]
        assert isinstance(node, MappingNode)  # the composer makes only these three kinds
        return self._mapping(node, depth)

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _LoadError(_pos(key_node), "yaml-key", "keys must be plain text")
            key = key_node.value
            if key in result:
                first = next(_pos(k) for k, _ in node.value if k.value == key)
                raise _LoadError(
                    _pos(key_node), "yaml-duplicate-key", f"key '{key}' is already defined at line {first[0]}"
                )
            result[key] = self.build(value_node, depth + 1)
        return result


def _line_col(text: str, offset: int) -> Pos:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _decode(raw: bytes) -> str:
    text = raw.decode("utf-8")
    return text[1:] if text.startswith("\ufeff") else text


def _first_alias(text: str) -> Pos | None:
    """Where the first alias (*name) stands; checked before composing so alias bombs are never expanded."""
    if "*" not in text:
        return None
    for token in yaml.scan(text, Loader=_BaseLoader):
        if isinstance(token, yaml.AliasToken):
            return token.start_mark.line + 1, token.start_mark.column + 1
    return None


def load_text(rel: str, text: str) -> tuple[Document | None, list[Diagnostic]]:
    """Parse YAML text; returns the document, or None and the diagnostics that explain why not."""
    doc = Document(rel, None)
    try:
        alias = _first_alias(text)
        if alias:
            return None, [error(rel, alias, "yaml-alias", _ALIAS_MESSAGE)]
        node = yaml.compose(text, Loader=_Loader)
        if node is None:
            return None, [error(rel, (1, 1), "empty-file", "the file is empty: it must hold a mapping of keys")]
        doc.data, doc.node = _Builder().build(node), node
    except _LoadError as exc:
        return None, [error(rel, exc.pos, exc.code, exc.message)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(filter(None, [exc.context, exc.problem]))
        return None, [error(rel, pos, "yaml-syntax", f"YAML syntax error: {problem}")]
    except yaml.YAMLError as exc:  # ReaderError: a character YAML does not allow
        offset = getattr(exc, "position", 0)
        return None, [error(rel, _line_col(text, offset), "yaml-syntax", f"YAML cannot read this file: {exc}")]
    except RecursionError:
        return None, [error(rel, (1, 1), "too-deep", "data is nested too deeply to read")]
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        return None, [error(rel, (1, 1), "not-a-mapping", f"the file holds {kind}; it must hold a mapping of keys")]
    return doc, []


def load_file(
    path: Path, root: Path, cache: parse_cache.ParseCache | None = None
) -> tuple[Document | None, list[Diagnostic]]:
    """Read one file as UTF-8 and parse it; with a `cache`, a file whose bytes were parsed before is not parsed again."""
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [
                error(rel, (1, 1), "file-too-large", f"the file has {size:,} bytes; the limit is {MAX_BYTES:,}")
            ]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [error(rel, (1, 1), "unreadable", f"cannot read the file: {exc.strerror}")]
    try:
        text = _decode(raw)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            error(
                rel, (line, col), "encoding", f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8"
            )
        ]
    file_key = parse_cache.key(raw)
    data = cache.get(file_key) if cache is not None else None
    if data is not None:
        return Document(rel, data, text=text, digest=file_key), []
    doc, diagnostics = load_text(rel, text)
    if doc is not None:
        doc.digest = file_key
        if cache is not None:
            cache.put(file_key, doc.data)
    return doc, diagnostics


def iter_yaml(paths: list[Path]) -> Iterator[Path]:
    """Every .yaml file under the given files and folders, sorted so that output is deterministic."""
    for path in sorted(paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.yaml") if p.is_file())
        elif path.suffix in (".yaml", ".yml"):
            yield path
