"""Read the knowledge base as it is in a folder or in a git revision, for `roadmaps diff`.

Git is only read (rev-parse, ls-tree, show); nothing in the repository changes.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostic, error
from generator.load.documents import decode, load_text
from generator.load.files import refusal

ROADMAPS = "roadmaps"


class RevisionError(Exception):
    """The folder or revision cannot be read."""


@dataclass
class Tree:
    """The YAML files under roadmaps/ of one version: data by path, and the paths that cannot be read (with the
    diagnostics that say why)."""

    label: str
    files: dict[str, Any] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)
    problems: list[Diagnostic] = field(default_factory=list)


def _add(tree: Tree, rel: str, raw: bytes) -> None:
    text, problems = decode(rel, raw)
    doc, problems = load_text(rel, text) if text is not None else (None, problems)
    if doc is None:
        tree.unreadable.add(rel)
        tree.problems += problems
    else:
        tree.files[rel] = doc.data


def from_folder(folder: Path) -> Tree:
    """A project folder (holding roadmaps/) or a roadmaps folder itself."""
    base = folder / ROADMAPS if (folder / ROADMAPS).is_dir() else folder
    tree = Tree(str(folder))
    for path in sorted(base.rglob("*.yaml")):
        rel = f"{ROADMAPS}/{path.relative_to(base).as_posix()}"
        refused = refusal(path, folder) if path.is_file() else None
        if refused:
            tree.unreadable.add(rel)
            tree.problems.append(error(rel, (1, 1), refused[0], f"not read: {refused[1]}"))
        elif path.is_file():
            _add(tree, rel, path.read_bytes())
    return tree


def _git(root: Path, *args: str) -> str:
    return _git_bytes(root, *args).decode("utf-8", errors="replace")


def _git_bytes(root: Path, *args: str) -> bytes:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", errors="replace").strip()
        raise RevisionError(message or f"git {' '.join(args)} failed")
    return result.stdout


def from_git(root: Path, revision: str) -> Tree:
    """The files of a commit, branch or tag of the repository at `root`."""
    if revision.startswith("-"):
        raise RevisionError(f"'{revision}' is not a revision")
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").strip()
    tree = Tree(revision)
    # ls-tree names paths relative to `root`, and `<commit>:./<path>` reads them relative to it too
    names = _git(root, "ls-tree", "-r", "-z", "--name-only", commit, "--", ROADMAPS).split("\0")
    for name in sorted(n for n in names if n.endswith(".yaml")):
        _add(tree, name, _git_bytes(root, "show", f"{commit}:./{name}"))
    return tree


def load(spec: str, root: Path) -> Tree:
    """A folder if `spec` names one, otherwise a git revision of the repository at `root`."""
    path = Path(spec)
    if path.is_dir():
        return from_folder(path)
    try:
        return from_git(root, spec)
    except (OSError, RevisionError) as exc:
        raise RevisionError(f"'{spec}' is neither a folder nor a git revision ({exc})") from None
