"""Which paths the project reads: regular files whose real location is inside the project.

A data file or a hand-written page ends up on the public site. A symbolic link that leads out of the project
(`content/en/leak.md -> /proc/self/environ`) would publish whatever it points at, and a FIFO or a device would
block or never end; such paths are refused with a diagnostic, never read.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def refusal(path: Path, root: Path) -> tuple[str, str] | None:
    """(rule id, reason) why `path` must not be read, or None for a regular file. A path named outside `root` (given on the command
    line) is judged only by its kind: it is the caller's own file, not one a pull request placed in the project.
    Raises OSError when the path cannot be examined at all (it vanished, a folder cannot be entered)."""
    named = Path(os.path.normpath(path.absolute()))
    base = Path(os.path.normpath(root.absolute()))
    if _inside(named, base) and named != base:
        real = path.resolve()
        if not _inside(real, root.resolve()):
            target = os.readlink(path) if path.is_symlink() else real.as_posix()  # as written: /proc/self/…
            return "unsafe-file", f"it is a symbolic link that leads outside the project (to {target})"
    mode = os.stat(path).st_mode
    if stat.S_ISDIR(mode):
        return "unreadable", "it is a folder, not a file"
    if not stat.S_ISREG(mode):
        kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        return "unsafe-file", f"it is {kind}, not a regular file"
    return None


def is_safe_file(path: Path, root: Path) -> bool:
    """A regular file inside the project that still exists: what the writer may copy onto the site."""
    try:
        return refusal(path, root) is None and path.is_file()
    except OSError:
        return False


@contextlib.contextmanager
def naming(path: Path) -> Iterator[None]:
    """An OSError raised inside names `path` where the system did not: a full disk is noticed while writing, and
    that error carries no file name, so the one-line message could not say where."""
    try:
        yield
    except OSError as exc:
        if exc.filename is None:
            raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
        raise
