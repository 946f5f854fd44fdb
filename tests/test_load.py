"""Stage 1: YAML is read without silent retyping, and every bad input becomes a located diagnostic."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load import parse_cache
from generator.load.documents import MAX_BYTES, load_file, load_text


def data(text: str) -> dict[str, object]:
    doc, diagnostics = load_text("x.yaml", text)
    assert doc is not None, diagnostics
    return doc.data  # type: ignore[no-any-return]


def codes(text: str) -> list[str]:
    return [f"{d.line}:{d.column}:{d.code}" for d in load_text("x.yaml", text)[1]]


@pytest.mark.parametrize("value", ["NO", "no", "yes", "on", "Off", "y", "2024-01-05", "12:30", "0x", "1_000"])
def test_yaml_11_words_stay_text(value: str) -> None:
    assert data(f"k: {value}") == {"k": value}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12),
        ("-3", -3),
        ("1.5", 1.5),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ('"12"', "12"),
    ],
)
def test_core_schema_scalars(text: str, expected: object) -> None:
    assert data(f"k: {text}") == {"k": expected}


def test_positions_are_recorded() -> None:
    doc, _ = load_text("x.yaml", "a:\n  b:\n    - c\n    - d: 1\n")
    assert doc is not None
    assert doc.pos(("a", "b", 1, "d")) == (4, 10)
    assert doc.pos(("a", "b", 1, "d"), key=True) == (4, 7)
    assert doc.pos(("a", "missing")) == (2, 3)  # falls back to the nearest parent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: 2\na: 3\n", ["3:1:yaml-duplicate-key"]),
        ("a: &x 1\nb: *x\n", ["2:4:yaml-alias"]),
        ("a: !!python/object:os.system x\n", ["1:4:yaml-tag"]),
        ("a: !!int twelve\n", ["1:4:yaml-tag"]),
        ("a: [1, 2\n", ["2:1:yaml-syntax"]),
        ("", ["1:1:empty-file"]),
        ("# only\n", ["1:1:empty-file"]),
        ("- a\n- b\n", ["1:1:not-a-mapping"]),
        ("just text\n", ["1:1:not-a-mapping"]),
        ("a: 1\n---\nb: 2\n", ["2:1:yaml-syntax"]),
        ("a: \x07\n", ["1:4:yaml-syntax"]),
    ],
)
def test_bad_yaml_is_located(text: str, expected: list[str]) -> None:
    assert codes(text) == expected


def test_alias_bomb_is_refused_without_expanding() -> None:
    bomb = "a: &a [x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    assert codes(bomb) == ["2:8:yaml-alias"]


def test_deep_nesting_is_refused() -> None:
    assert codes("a: " + "[" * 200 + "]" * 200)[0].endswith("too-deep")


def test_bom_and_mixed_line_endings_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: 2\rc: 3\n")
    doc, diagnostics = load_file(path, tmp_path)
    assert diagnostics == [] and doc is not None and doc.data == {"a": 1, "b": 2, "c": 3}


def test_non_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes("a: ok\nb: Gr\xfc\xdfe\n".encode("latin-1"))
    _, diagnostics = load_file(path, tmp_path)
    assert [(d.line, d.column, d.code) for d in diagnostics] == [(2, 6, "encoding")]


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)  # a 20 MB file costs no time to make
    _, diagnostics = load_file(path, tmp_path)
    assert [d.code for d in diagnostics] == ["file-too-large"] and MAX_BYTES < 20 * 1024 * 1024


def test_unreadable_path(tmp_path: Path) -> None:
    (tmp_path / "dir.yaml").mkdir()
    _, diagnostics = load_file(tmp_path / "dir.yaml", tmp_path)
    assert [d.code for d in diagnostics] == ["unreadable"]


# ---- the parse cache ----------------------------------------------------------------------------------------


def _project_with(tmp_path: Path, text: str) -> Path:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")  # the cache is only kept inside a project
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _fresh_process_cache(tmp_path: Path) -> parse_cache.ParseCache:
    return parse_cache.ParseCache(tmp_path)  # as a new process: only the file on disk is left


def test_parse_cache_gives_the_same_data_and_positions(tmp_path: Path) -> None:
    path = _project_with(tmp_path, "a:\n  b:\n    - c\n    - d: NO\n")
    stale = tmp_path / parse_cache.FOLDER / "parsed-000000000000.marshal"  # left by an older loader
    stale.parent.mkdir()
    stale.write_bytes(b"old")
    cache = parse_cache.ParseCache(tmp_path)
    first, _ = load_file(path, tmp_path, cache)
    cache.save()
    assert (tmp_path / parse_cache.FOLDER / parse_cache.file_name()).is_file() and not stale.exists()
    again, diagnostics = load_file(path, tmp_path, _fresh_process_cache(tmp_path))
    assert diagnostics == [] and first is not None and again is not None
    assert again.node is None  # from the cache: nothing composed yet …
    assert again.data == first.data == {"a": {"b": ["c", {"d": "NO"}]}}
    assert again.pos(("a", "b", 1, "d")) == first.pos(("a", "b", 1, "d")) == (4, 10)  # … until a position is asked
    assert again.pos(("a", "b", 1, "d"), key=True) == (4, 7)


def test_parse_cache_follows_the_bytes_and_never_keeps_a_broken_file(tmp_path: Path) -> None:
    path = _project_with(tmp_path, "a: 1\n")
    cache = parse_cache.ParseCache(tmp_path)
    load_file(path, tmp_path, cache)
    cache.save()
    path.write_text("a: 2\n", encoding="utf-8")  # same size, new bytes
    doc, _ = load_file(path, tmp_path, _fresh_process_cache(tmp_path))
    assert doc is not None and doc.data == {"a": 2}
    path.write_text("a: 1\na: 3\n", encoding="utf-8")
    for _ in range(2):  # the error comes back every time: a failed load is not cached
        cache = _fresh_process_cache(tmp_path)
        doc, diagnostics = load_file(path, tmp_path, cache)
        cache.save()
        assert doc is None and [d.code for d in diagnostics] == ["yaml-duplicate-key"]


def test_a_damaged_parse_cache_is_ignored(tmp_path: Path) -> None:
    path = _project_with(tmp_path, "a: 1\n")
    (tmp_path / parse_cache.FOLDER).mkdir()
    (tmp_path / parse_cache.FOLDER / parse_cache.file_name()).write_bytes(b"\x00not marshal")
    doc, diagnostics = load_file(path, tmp_path, _fresh_process_cache(tmp_path))
    assert diagnostics == [] and doc is not None and doc.data == {"a": 1}
