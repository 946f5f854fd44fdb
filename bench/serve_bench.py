"""The `--serve` scenario: edit one roadmap while `roadmaps serve` runs, time until the new HTML is on disk.

The edit puts a new word into the Dutch summary of physiotherapist/nl-to-de-nw; the clock stops when
site/nl/roadmaps/physiotherapist/nl-to-de-nw/index.html contains it. Serve itself is a child of this process (only
this one is stopped at the end, by its own pid).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROADMAP = "roadmaps/physiotherapist/nl-to-de-nw.yaml"
PAGE = "site/nl/roadmaps/physiotherapist/nl-to-de-nw/index.html"
_SUMMARY = re.compile(r"summary:\n  text:\n    nl: >-\n      ")
TIMEOUT = 1800.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Serve:
    """`roadmaps serve` on a free port, its stderr collected line by line."""

    def __init__(self, root: Path, env: dict[str, str], code: Path) -> None:
        args = [sys.executable, "-m", "generator", "serve", "--root", str(root), "--port", str(_free_port())]
        self.process = subprocess.Popen(
            args, cwd=code, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip())

    def wait_for(self, pattern: str, count: int, timeout: float = TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while sum(pattern in line for line in self.lines) < count:
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("serve stopped or timed out:\n" + "\n".join(self.lines[-30:]))
            time.sleep(0.05)

    def stop(self) -> Any:
        self.process.send_signal(signal.SIGINT)
        try:
            _, _status, usage = os.wait4(self.process.pid, 0)
        except ChildProcessError:
            return None
        self.process.returncode = 0
        return usage


def edit(root: Path, word: str) -> None:
    path = root / ROADMAP
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"Benchmarkwoord\w+ ", "", text)
    at = _SUMMARY.search(text)
    if not word:
        path.write_text(text, encoding="utf-8")
        return
    assert at is not None, "the roadmap's summary moved; update bench/serve_bench.py"
    path.write_text(text[: at.end()] + word + " " + text[at.end() :], encoding="utf-8")


def measure(bench: Any, size: int, root: Path, env: dict[str, str]) -> Any:
    """One Measure: `--runs` edits, each timed from the write to the updated page on disk."""
    from bench.run import Measure, Run

    serve = Serve(root, env, bench.code)
    runs = []
    try:
        serve.wait_for("serving http", 1)
        for i in range(bench.args.runs):
            word = f"Benchmarkwoord{size}x{i}"
            bench.say(f"N={size} serve: edit {i + 1}/{bench.args.runs}")
            rebuilt = sum("rebuilt in" in line or "build failed" in line for line in serve.lines)
            started = time.perf_counter()
            edit(root, word)
            page = root / PAGE
            while not (page.exists() and word in page.read_text(encoding="utf-8", errors="replace")):
                if time.perf_counter() - started > TIMEOUT:
                    raise RuntimeError("serve did not update the page:\n" + "\n".join(serve.lines[-30:]))
                time.sleep(0.02)
            seconds = time.perf_counter() - started
            serve.wait_for("rebuilt in", rebuilt + 1)  # let it finish before the next edit
            said = next((line for line in reversed(serve.lines) if "rebuilt in" in line), "")
            runs.append(Run(seconds, seconds, 0.0, 0.0, 0.0, {"serve_says": said}))
            bench.say(f"  → {seconds:.2f} s ({said})")
    finally:
        usage = serve.stop()
        edit(root, "")  # leave the roadmap as it was (apart from a space)
    peak = usage.ru_maxrss / 1024 if usage else 0.0
    for run in runs:
        run.peak_mb = peak
    return Measure("serve: edit one roadmap → new HTML on disk", size, runs, "time from the write to the page on disk")
