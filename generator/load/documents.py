"""Stage 1 — load: read YAML files into plain data, keeping the line and column of every node.

YAML is read with YAML 1.2 core-schema rules: `NO`, `on`, `yes` and `2024-01-05` stay strings; only
true/false are booleans. Duplicate keys, aliases and unknown tags are errors, never silent rewrites.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.diagnostics import Diagnostic, error
from generator.load import parse_cache
from generator.load.files import refusal

MAX_BYTES = 2 * 1024 * 1024  # a roadmap is ~40 KB; anything this large is a mistake or an attack
MAX_DEPTH = 64
# libyaml composes nodes recursively in C: ~30,000 nested brackets overflow the stack (a crash, not an exception).
# Nesting is therefore measured before composing: a cheap bound first, the exact event stream where the bound is high.
SAFE_DEPTH = 1000  # far below the crash, far above any real file (the catalogue's bound is ~500)

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
            return _number(node, int, value, 0) if value[:2] in ("0o", "0x") else _number(node, int, value)
        if _FLOAT.match(value) and not value.lower().lstrip("+-").startswith((".inf", ".nan")):
            return _number(node, float, value)
        return value
    return _explicit_scalar(node)


def _number(node: ScalarNode, kind: type, value: str, *base: int) -> Any:
    """int() refuses more than 4,300 digits and float() turns 1e999 into infinity: both are located errors."""
    shown = value if len(value) <= 24 else f"{value[:12]}…{value[-6:]} ({len(value):,} characters)"
    try:
        number = kind(value, *base)
    except ValueError:
        raise _LoadError(_pos(node), "number-out-of-range", f"the number {shown} has too many digits") from None
    if isinstance(number, float) and not math.isfinite(number):
        raise _LoadError(_pos(node), "number-out-of-range", f"the number {shown} is too large to be stored") from None
    return number


def _explicit_scalar(node: ScalarNode) -> Any:
    tag, value = node.tag[len(_CORE) :], node.value
    try:
        if tag == "int" and len(value) <= 4300:
            return int(value, 0)
        if tag == "float" and math.isfinite(float(value)):
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


def _depth_bound(text: str) -> int:
    """An upper bound of the file's nesting depth, at about 25 ns a byte. Flow collections nest at most once per
    bracket. A block collection opened on an earlier line is indented less than the line (a mapping and a list can
    share one column), and each one opened on the line itself starts with `-`, `?` or `:`."""
    block = 0
    for line in text.split("\n"):
        rest = line.lstrip(" ")
        bound = 2 * (len(line) - len(rest) + 1) + rest.count("-") + rest.count("?") + rest.count(":")
        if bound > block:
            block = bound
    return text.count("[") + text.count("{") + block + 1


def _too_deep(text: str) -> Pos | None:
    """Where the first node deeper than MAX_DEPTH starts, read from libyaml's event stream (which keeps its state on
    the heap); only run when the cheap bound is too high to compose the file safely."""
    if _depth_bound(text) <= SAFE_DEPTH:
        return None
    depth = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.NodeEvent):
            if depth > MAX_DEPTH:
                mark = event.start_mark
                return (mark.line + 1, mark.column + 1) if mark else (1, 1)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def load_text(rel: str, text: str) -> tuple[Document | None, list[Diagnostic]]:
    """Parse YAML text; returns the document, or None and the diagnostics that explain why not."""
    doc = Document(rel, None)
    try:
        alias = _first_alias(text)
        if alias:
            return None, [error(rel, alias, "yaml-alias", _ALIAS_MESSAGE)]
        deep = _too_deep(text)
        if deep:
            return None, [error(rel, deep, "too-deep", f"data is nested more than {MAX_DEPTH} levels deep")]
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
        refused = refusal(path, root)
        if refused:
            return None, [error(rel, (1, 1), refused[0], f"not read: {refused[1]}")]
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [
                error(rel, (1, 1), "file-too-large", f"the file has {size:,} bytes; the limit is {MAX_BYTES:,}")
            ]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [error(rel, (1, 1), "unreadable", f"cannot read the file: {exc.strerror}")]
    text, problems = decode(rel, raw)
    if text is None:
        return None, problems
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


def decode(rel: str, raw: bytes) -> tuple[str | None, list[Diagnostic]]:
    """A file's bytes as text, or None and the diagnostic that locates the first byte that is not UTF-8."""
    try:
        return _decode(raw), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8"
        return None, [error(rel, (line, col), "encoding", message)]


def iter_yaml(paths: list[Path]) -> Iterator[Path]:
    """Every .yaml file under the given files and folders, sorted so that output is deterministic."""
    for path in sorted(paths):
        if path.is_dir():
            # FIFOs, links and folders too (load_file refuses them), but no dangling link such as an editor's lock file
            yield from sorted(p for p in path.rglob("*.yaml") if p.exists() or not p.is_symlink())
        elif path.suffix in (".yaml", ".yml"):
            yield path
