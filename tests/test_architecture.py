"""The generator's folders are its architecture: these tests keep the promises the layout makes."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "generator"
STAGES = ("model", "load", "validate", "resolve", "render", "output", "tools")
MAX_LINES = 400
# Calls that read or write files, start processes or touch the environment.
IO_NAMES = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "iterdir", "glob", "rglob", "stat", "mkdir",
            "unlink", "rmtree", "copy2", "copyfile", "Popen", "getenv", "getcwd"}  # fmt: skip
IO_MODULES = {"os", "shutil", "subprocess", "tempfile", "pathlib"}
ISSUE_NUMBER = re.compile(r"\b[Ii]ssues? #?\d+|\(#\d+\)")


def modules() -> dict[str, Path]:
    return {
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p
        for p in sorted(PACKAGE.rglob("*.py"))
    }


def imports(path: Path, name: str) -> set[str]:
    """Every generator module this module imports, at any depth of the file (TYPE_CHECKING and functions too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("generator")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if base.startswith("generator"):
                found.add(base)
                found |= {f"{base}.{a.name}" for a in node.names}
    return found


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: {m for m in imports(path, name) if m in known and m != name} for name, path in known.items()}


def test_the_generator_has_a_package_per_stage() -> None:
    assert all((PACKAGE / stage / "__init__.py").is_file() for stage in STAGES)


def test_no_import_cycle_not_even_for_typing() -> None:
    edges, state, cycles = graph(), {}, []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for target in sorted(edges[node]):
            if state.get(target) == "open":
                cycles.append(" → ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = "done"

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    assert cycles == []


@pytest.mark.parametrize("name", sorted(n for n in modules() if n.startswith("generator.render")))
def test_render_reads_and_writes_no_file(name: str) -> None:
    tree = ast.parse(modules()[name].read_text(encoding="utf-8"))
    calls = {
        node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
    }
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {
        (n.module or "").split(".")[0]
        for n in ast.walk(tree)
        if isinstance(n, ast.ImportFrom) and not all(a.name.startswith("Pure") for a in n.names)  # pure paths: no I/O
    }
    assert calls & IO_NAMES == set()
    assert imported & IO_MODULES == set()


def test_model_imports_only_the_model() -> None:
    edges = graph()
    for name, targets in edges.items():
        if name.startswith("generator.model"):
            assert {t for t in targets if not t.startswith("generator.model")} == set(), name


@pytest.mark.parametrize("name", sorted(modules()))
def test_modules_stay_short(name: str) -> None:
    assert len(modules()[name].read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_no_issue_numbers_in_code_tests_or_docs() -> None:
    files = [
        *(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in {".py", ".j2", ".html", ".css", ".js", ".yaml"}),
        *(p for p in (ROOT / "tests").rglob("*.py")),
        *(ROOT / name for name in ("README.md", "CONTRIBUTING.md", "ARCHITECTURE.md") if (ROOT / name).exists()),
    ]
    found = [
        f"{p.relative_to(ROOT)}:{i}"
        for p in files
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if ISSUE_NUMBER.search(line) and p.name != "test_architecture.py"
    ]
    assert found == []
