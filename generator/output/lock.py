"""One build at a time in a project folder: builds share .build/ and site/, and two at once would publish a site
that mixes both (or loses files)."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Busy(Exception):
    """Another build holds the lock; the message names it."""


@contextmanager
def exclusive(build_dir: Path) -> Iterator[None]:
    """Hold .build/build.lock for the whole build. The lock is the kernel's (flock): it ends with the process, so a
    build that was killed never leaves a stale lock behind."""
    build_dir.mkdir(parents=True, exist_ok=True)
    path = build_dir / "build.lock"
    with path.open("a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise Busy(f"another build is running in this folder ({holder}); wait for it to finish") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
