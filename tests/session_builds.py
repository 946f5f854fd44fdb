"""The builds a test session shares (the real site; the hostile copy): each is made once per session, in a process of
its own that starts with the session's first test, so the tests that need no build run meanwhile. Every process of
the session (one, or each pytest-xdist worker) can start them and wait for them; the first to get there starts each
build, the others wait for the same one.

Each build has a folder of its own under the session's temporary folder:
  lock     the build process holds it (flock, inherited from the process that started it) until it ends, however it
           ends; waiting is taking it shared
  started  the build was started: nobody starts it again
  log      what the build printed (its diagnostics when it failed)
  result   written only when the build succeeded: what the fixtures need besides the files (pickled)
  project  the project copy the build made, with its site/

Run as `python -m tests.session_builds NAME FOLDER` by `start`."""

from __future__ import annotations

import fcntl
import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.output.factsheets import CACHE_ENV

ROOT = Path(__file__).resolve().parent.parent
SITE = "site"
HOSTILE = "hostile"
FIXTURE_OF = {"built_site": SITE, "hostile": HOSTILE}  # the session fixture that hands each build to the tests


def folder_of(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """The build's folder, the same for every process of the session: pytest-xdist gives each worker a folder in the
    session's temporary folder, a session without workers has that folder itself."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = shared / "shared-builds" / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def needed(items: list[pytest.Item]) -> list[str]:
    """The builds the session's tests use (all of the session's tests: a worker collects them all)."""
    names: set[str] = set()
    for item in items:
        fixtures = getattr(item, "fixturenames", ())  # a test's fixtures, with the fixtures they use in turn
        names |= {name for fixture, name in FIXTURE_OF.items() if fixture in fixtures}
    return sorted(names)


def start(name: str, folder: Path) -> subprocess.Popen[bytes] | None:
    """Start the build unless another process of the session did; returns the process when this one started it."""
    lock = os.open(folder / "lock", os.O_RDWR | os.O_CREAT)
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None  # being started or running: nothing to do
        if (folder / "started").exists():
            return None  # already made
        (folder / "started").touch()
        env = {**os.environ, "PYTHONPATH": str(ROOT), CACHE_ENV: str(folder / "pdf-cache")}
        command = [sys.executable, "-m", "tests.session_builds", name, str(folder)]
        with (folder / "log").open("wb") as log:
            # The build process inherits the lock and holds it for as long as it runs.
            return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, pass_fds=[lock])
    finally:
        os.close(lock)  # this process's hold on the lock ends here


def join(name: str, folder: Path) -> None:
    """Wait for the build; fails the calling test with the build's output when it failed."""
    lock = os.open(folder / "lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(lock, fcntl.LOCK_SH)  # returns when no build process holds the lock any more
    finally:
        os.close(lock)
    if not (folder / "result").exists():
        log = (folder / "log").read_text(encoding="utf-8", errors="replace") if (folder / "log").exists() else ""
        pytest.fail(f"the session's {name} build failed:\n" + "\n".join(log.splitlines()[-200:]), pytrace=False)


def result(folder: Path) -> Any:
    """What the build's recipe returned (see `main`)."""
    return pickle.loads((folder / "result").read_bytes())


class SharedBuilds:
    """This process's side of the shared builds: starts them, waits for them, and reaps the ones it started."""

    def __init__(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        self.tmp_path_factory = tmp_path_factory
        self.started: list[subprocess.Popen[bytes]] = []

    def start(self, name: str) -> Path:
        folder = folder_of(self.tmp_path_factory, name)
        process = start(name, folder)
        if process is not None:
            self.started.append(process)
        return folder

    def join(self, name: str) -> Path:
        """The build's folder, once the build is made; starts it if nobody did."""
        folder = self.start(name)
        join(name, folder)
        return folder

    def close(self) -> None:
        """Wait for the builds this process started: another process may still need one (and none is left behind)."""
        for process in self.started:
            process.wait()


def _build_site(project: Path) -> None:
    from generator.build import build
    from tests.conftest import copy_project

    result = build(copy_project(project))
    if not result.ok:
        sys.exit("\n".join(map(str, result.diagnostics)))


def _build_hostile(project: Path) -> object:
    from tests.hostile.conftest import build_hostile

    return build_hostile(project)


RECIPES: dict[str, Callable[[Path], object]] = {SITE: _build_site, HOSTILE: _build_hostile}


def main(name: str, folder: Path) -> None:
    result = RECIPES[name](folder / "project")
    temporary = folder / "result.tmp"
    temporary.write_bytes(pickle.dumps(result))
    temporary.replace(folder / "result")  # a waiting process never reads half a result


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
