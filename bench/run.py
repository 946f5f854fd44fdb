"""Benchmark harness: how the build scales from the real 21 roadmaps to thousands. Not part of the tests.

    .venv/bin/python -m bench.run [--sizes 21,200,1000] [--runs 3] [--jobs 1,2,4] [--serve] [--quick] [--clean-builds]

For each size it builds a synthetic knowledge base in a temporary copy of the project (bench/synthetic.py) and
measures every stage in its own child process: the median of --runs runs, the peak memory of the largest process
(ru_maxrss of the child and its descendants, via wait4) and the peak sum over the process tree (sampled from /proc).
Results: a table on screen and bench/results/<timestamp>.json. See README, section "Benchmark".
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench import synthetic, weight

ROOT = synthetic.ROOT
PDF_CACHE_ENV = "GRENSROUTES_PDF_CACHE"  # generator/output/factsheets.py CACHE_ENV
RESULTS = Path(__file__).parent / "results"
PAGE = os.sysconf("SC_PAGE_SIZE")


# ---- one measurement: a child process ----------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found, todo = [], [pid]
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(f"/proc/{entry.name}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(ppid, []).append(int(entry.name))
    while todo:
        current = todo.pop()
        found.append(current)
        todo += parents.get(current, [])
    return found


def _tree_rss(pid: int) -> int:
    total = 0
    for member in _children(pid):
        with contextlib.suppress(OSError, IndexError, ValueError):
            total += int(Path(f"/proc/{member}/statm").read_text().split()[1]) * PAGE
    return total


class TreeSampler(threading.Thread):
    """The summed RSS of a process and all its descendants, sampled: what parallel builds need at once."""

    def __init__(self, pid: int, every: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.peak, self.done = pid, every, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.every):
            self.peak = max(self.peak, _tree_rss(self.pid))


@dataclass
class Run:
    seconds: float  # what the task timed itself (its subject only)
    wall: float  # the whole child process, interpreter start and imports included
    cpu: float  # user + system CPU seconds of the child and its descendants: robust when the machine is shared
    peak_mb: float  # largest single process (ru_maxrss over the child and its descendants)
    tree_mb: float  # largest sampled sum over the process tree
    info: dict[str, Any] = field(default_factory=dict)


def snapshot(target: Path) -> Path:
    """A copy of the code (generator/ and bench/) taken at the start: the tree is edited while the benchmark runs,
    and every child must measure the same code. Children run in it (cwd and PYTHONPATH)."""
    for name in ("generator", "bench"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "results"))
    return target


def child(task: str, root: Path, options: dict[str, str], env: dict[str, str], code: Path = ROOT) -> Run:
    args = [sys.executable, "-m", "bench.run", "--task", task, "--root", str(root)]
    args += [f"--opt={k}={v}" for k, v in options.items()]
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=code, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(process.pid)
    sampler.start()
    out, err = _drain(process)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    sampler.done.set()
    if process.returncode != 0:
        raise RuntimeError(f"task {task} on {root} failed ({process.returncode}):\n{out[-2000:]}\n{err[-4000:]}")
    info = json.loads(out.strip().splitlines()[-1])
    cpu = usage.ru_utime + usage.ru_stime
    return Run(info.pop("seconds"), wall, cpu, usage.ru_maxrss / 1024, sampler.peak / 2**20, info)


def _drain(process: subprocess.Popen[str]) -> tuple[str, str]:
    """Read both pipes to the end without waiting for the process (wait4 must reap it, to get its rusage)."""
    chunks: dict[str, list[str]] = {"out": [], "err": []}

    def pump(name: str, stream: Any) -> None:
        chunks[name].append(stream.read())

    threads = [
        threading.Thread(target=pump, args=("out", process.stdout)),
        threading.Thread(target=pump, args=("err", process.stderr)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()
    return "".join(chunks["out"]), "".join(chunks["err"])


@dataclass
class Measure:
    name: str
    size: int
    runs: list[Run]
    note: str = ""
    load: tuple[float, ...] = field(default_factory=os.getloadavg)  # how busy the shared machine was

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(r.peak_mb for r in self.runs)

    @property
    def tree_mb(self) -> float:
        return max(r.tree_mb for r in self.runs)

    def row(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "size": self.size,
            "median_s": round(self.median, 3),
            "min_s": round(min(r.seconds for r in self.runs), 3),
            "max_s": round(max(r.seconds for r in self.runs), 3),
            "median_wall_s": round(statistics.median(r.wall for r in self.runs), 3),
            "median_cpu_s": round(statistics.median(r.cpu for r in self.runs), 3),
            "load_average": self.load,
            "peak_rss_mb": round(self.peak_mb, 1),
            "peak_tree_mb": round(self.tree_mb, 1),
            "runs": [asdict(r) for r in self.runs],
            "note": self.note,
        }


class Bench:
    def __init__(self, args: argparse.Namespace, work: Path) -> None:
        self.args, self.work = args, work
        self.measures: list[Measure] = []
        self.notes: list[str] = []
        self.extra: dict[int, dict[str, Any]] = {}
        self.code = snapshot(work / "code")
        self.partial: Path | None = None  # measures so far, rewritten after each one (a long run may be stopped)
        self.env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0", "PYTHONPATH": str(self.code)}
        self.env.pop(PDF_CACHE_ENV, None)

    def say(self, text: str) -> None:
        print(f"[bench {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)

    def measure(
        self, name: str, size: int, task: str, root: Path, options: dict[str, str] | None = None, **kw: Any
    ) -> Measure:
        """`env`: the child's environment, or a function of the run's index giving it (e.g. a fresh PDF cache)."""
        runs, env = kw.get("runs", self.args.runs), kw.get("env", self.env)
        results = []
        for i in range(runs):
            self.say(f"N={size} {name} run {i + 1}/{runs}")
            results.append(child(task, root, options or {}, env(i) if callable(env) else env, self.code))
            self.say(f"  → {results[-1].seconds:.2f} s, {results[-1].peak_mb:.0f} MB")
        measure = Measure(name, size, results, kw.get("note", ""))
        self.measures.append(measure)
        if self.partial:
            self.partial.write_text(json.dumps([m.row() for m in self.measures], indent=1) + "\n", encoding="utf-8")
        return measure

    def pdf_env(self, folder: Path) -> dict[str, str]:
        return {**self.env, PDF_CACHE_ENV: str(folder)}


# ---- the scenarios per size --------------------------------------------------------------------------------------


def _real_pdfs(bench: Bench) -> Path:
    """The real 21 roadmaps' PDFs, rendered once (cold): the source for every synthetic size's cache."""
    folder = bench.work / "pdf-real"
    if not (folder / "index.json").exists():
        root = bench.work / "real-for-pdfs"
        if not root.exists():
            synthetic.make_project(root, 0)
        bench.say("rendering the real factsheets once (source of the synthetic PDF caches)")
        child("factsheets", root, {}, bench.pdf_env(folder), bench.code)
    return folder


def run_size(bench: Bench, size: int) -> None:
    """All stages of one size; a stage that fails is noted and the next one runs (the tree changes under us)."""
    try:
        _run_size(bench, size)
    except RuntimeError as exc:
        bench.notes.append(f"N={size}: stopped early: {str(exc)[-1500:]}")
        bench.say(f"N={size}: stopped early, see the notes")


def clean_builds(bench: Bench, size: int, root: Path, base: Path) -> None:
    """`roadmaps build` from clean three ways: every PDF rendered (an empty PDF cache per run), the PDF cache of such
    a build kept (as CI keeps it between runs), and without PDFs (`--no-pdfs`)."""
    folders = [base / f"pdf-clean-{i}" for i in range(bench.args.runs)]
    clean = {"clean": "1"}
    note = "site/ and .build/ removed before each run"
    bench.measure(
        "build from clean, every PDF rendered", size, "build", root, clean,
        env=lambda i: bench.pdf_env(folders[i]), note=f"{note}; an empty PDF cache",
    )  # fmt: skip
    bench.measure(
        "build from clean, PDF cache kept", size, "build", root, clean, env=bench.pdf_env(folders[-1]),
        note=f"{note}; the factsheets from the cache of the build before",
    )  # fmt: skip
    bench.measure(
        "build from clean, no PDFs (--no-pdfs)", size, "build", root, {**clean, "pdfs": "0"},
        env=bench.pdf_env(base / "pdf-none"), note=f"{note}; factsheets replaced by placeholders",
    )  # fmt: skip


def _run_size(bench: Bench, size: int) -> None:
    args, base = bench.args, bench.work / f"n{size}"
    root = base / "project"
    counts = synthetic.make_project(root, size)
    bench.extra[size] = {"counts": counts}
    bench.say(f"N={size}: {counts}")
    if args.clean_builds:
        clean_builds(bench, size, root, base)
        return
    skip = args.skip
    bench.measure("validate, cold (no parse cache)", size, "validate", root, {"cold": "1"})
    bench.measure("validate, warm (parse cache filled)", size, "validate", root)
    render = bench.measure("render (Markdown, 4 languages)", size, "render", root)
    bench.extra[size]["pages"] = render.runs[-1].info["pages"]
    if args.quick:  # the smoke run (tests/test_scale.py): the stages that need no MkDocs and no WeasyPrint
        return
    pdfs = tasks_has_factsheets()
    cache = base / "pdf-cache"
    env = bench.pdf_env(cache)
    if pdfs and size <= args.cold_pdfs_max:
        folders = [base / f"pdf-cold-{i}" for i in range(args.runs)]
        bench.measure(
            "factsheets, cold (render every PDF)", size, "factsheets", root, env=lambda i: bench.pdf_env(folders[i])
        )
        if size == len(synthetic.real_roadmaps()) and not (bench.work / "pdf-real").exists():
            shutil.copytree(folders[-1], bench.work / "pdf-real")
    if pdfs:
        child("prime", root, {"source": str(_real_pdfs(bench))}, env, bench.code)
        bench.measure("factsheets, all cached", size, "factsheets", root, env=env)
    elif size == args.sizes[0]:
        bench.notes.append("factsheets: generator has no WeasyPrint factsheets here; PDF stages skipped")
    bench.measure("generate (render + cached PDFs + write docs)", size, "generate", root, env=env)
    for jobs in [] if "mkdocs" in skip else args.jobs:
        bench.measure(f"MkDocs, 4 languages, {jobs} at a time", size, "mkdocs", root, {"jobs": str(jobs)}, env=env)
    if "bare" not in skip:
        bench.measure("bare mkdocs-material, 1 language (nl)", size, "bare", root, {"work": str(base)}, env=env)
    if "i18n" in skip:
        pass
    elif _has_i18n():
        bench.measure("mkdocs-static-i18n, 1 build, 4 languages", size, "i18n", root, {"work": str(base)}, env=env)
    elif size == args.sizes[0]:
        bench.notes.append("mkdocs-static-i18n is not installed (pip install -e '.[bench]'); i18n reference skipped")
    if "build" in skip:  # the MkDocs stage's output (.build/site-new) is the site, less root pages and open data
        staged = root / ".build" / "site-new"
        bench.extra[size]["weight"] = weight.measure(staged) if staged.is_dir() else None
        return
    if pdfs and size <= args.cold_pdfs_max and "build-cold" not in skip:
        bench.measure(
            "build from clean, PDFs rendered (cold cache)",
            size,
            "build",
            root,
            {"clean": "1"},
            env=bench.env,
            note="site/ and .build/ (the PDF cache included) removed before each run",
        )
    bench.measure(
        "build from clean, PDF cache kept",
        size,
        "build",
        root,
        {"clean": "1"},
        env=env,
        note="site/ and .build/ removed before each run; factsheets from the cache",
    )
    bench.measure(
        "build from clean, no PDFs (--no-pdfs)", size, "build", root, {"clean": "1", "pdfs": "0"}, env=env,
        note="site/ and .build/ removed before each run; cached factsheets or placeholders, none rendered",
    )  # fmt: skip
    bench.measure("build, nothing changed", size, "build", root, env=env)
    bench.extra[size]["weight"] = weight.measure(root / "site")
    if args.serve:
        from bench import serve_bench

        bench.measures.append(serve_bench.measure(bench, size, root, env))


def tasks_has_factsheets() -> bool:
    from bench import tasks

    return tasks.has_factsheets()


def _has_i18n() -> bool:
    import importlib.util

    return importlib.util.find_spec("mkdocs_static_i18n") is not None


# ---- report ------------------------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "0"
    )
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(int(memory) / 2**20, 1),
        "python": platform.python_version(),
        "load_average_at_start": os.getloadavg(),
    }


def table(measures: list[Measure]) -> str:
    head = (
        f"{'N':>5}  {'stage':<48} {'median s':>9} {'min–max s':>13} {'wall s':>8} {'CPU s':>8} {'peak MB':>8}"
        f" {'tree MB':>8} {'load':>5}"
    )
    lines = [head, "-" * len(head)]
    for m in measures:
        spread = f"{min(r.seconds for r in m.runs):.2f}–{max(r.seconds for r in m.runs):.2f}"
        wall, cpu = statistics.median(r.wall for r in m.runs), statistics.median(r.cpu for r in m.runs)
        lines.append(
            f"{m.size:>5}  {m.name:<48} {m.median:>9.2f} {spread:>13} {wall:>8.2f} {cpu:>8.2f} {m.peak_mb:>8.0f}"
            f" {m.tree_mb:>8.0f} {m.load[0]:>5.1f}"
        )
    return "\n".join(lines)


def _find(measures: list[Measure], size: int, prefix: str) -> Measure | None:
    return next((m for m in measures if m.size == size and m.name.startswith(prefix)), None)


def ratios(measures: list[Measure], sizes: list[int], jobs: list[int]) -> dict[int, dict[str, float]]:
    out: dict[int, dict[str, float]] = {}
    for size in sizes:
        got: dict[str, float] = {}
        one = _find(measures, size, "MkDocs, 4 languages, 1 at")
        fast = min(
            (m for m in measures if m.size == size and m.name.startswith("MkDocs, 4")),
            key=lambda m: m.median,
            default=None,
        )
        bare, i18n = _find(measures, size, "bare"), _find(measures, size, "mkdocs-static-i18n")
        gen, val = _find(measures, size, "generate"), _find(measures, size, "validate")
        build = _find(measures, size, "build from clean, PDF cache kept")
        if one and bare:
            got["our MkDocs per language / bare mkdocs-material"] = one.median / 4 / bare.median
        if gen and val and fast:
            got["generator (validate + generate) / MkDocs"] = (gen.median + val.median) / fast.median
        if i18n and build:
            got["mkdocs-static-i18n single build / our whole build"] = i18n.median / build.median
        if one and fast and fast is not one:
            got[f"MkDocs speed-up, {fast.runs[0].info.get('jobs')} jobs vs 1"] = one.median / fast.median
        out[size] = {k: round(v, 3) for k, v in got.items()}
    return out


def print_report(bench: Bench, ratio: dict[int, dict[str, float]]) -> None:
    print(table(bench.measures))
    for size, values in ratio.items():
        for name, value in values.items():
            print(f"{size:>5}  ratio  {name}: {value:.2f}")
    for size, extra in bench.extra.items():
        if extra.get("weight"):
            print(f"\nN={size}: first load per page kind (gzip: HTML + CSS + JS) and search index")
            print(weight.format_report(extra["weight"]))
    for note in bench.notes:
        print(f"note: {note}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="21,200,1000", help="numbers of roadmaps (default 21,200,1000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement; the median is reported")
    parser.add_argument("--jobs", default="1,2,4", help="MkDocs languages built at once, one measurement each")
    parser.add_argument("--cold-pdfs-max", type=int, default=21, help="render PDFs from a cold cache up to this size")
    parser.add_argument("--serve", action="store_true", help="also time an edit in `roadmaps serve`")
    parser.add_argument("--quick", action="store_true", help="smoke run: 1 run, validation and render only")
    parser.add_argument(
        "--clean-builds", action="store_true",
        help="only `roadmaps build` from clean: every PDF rendered, PDF cache kept, --no-pdfs",
    )  # fmt: skip
    parser.add_argument(
        "--skip",
        default="",
        help="stages to leave out: mkdocs,bare,i18n,build-cold,build (all builds, weight and serve)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects (path is printed)")
    parser.add_argument("--output", type=Path, help="JSON file (default bench/results/<timestamp>.json)")
    parser.add_argument("--task", help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--opt", action="append", default=[], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in str(args.sizes).split(",") if s]
    args.jobs = [int(j) for j in str(args.jobs).split(",") if j]
    args.skip = {s for s in str(args.skip).split(",") if s}
    if args.quick:
        args.runs, args.jobs, args.cold_pdfs_max = 1, [os.cpu_count() or 1], 0
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.task:
        from bench.tasks import child_main

        child_main(args.task, args.root, dict(o.split("=", 1) for o in args.opt))
        return 0
    work = Path(tempfile.mkdtemp(prefix="grensroutes-bench-"))
    bench = Bench(args, work)
    started = dt.datetime.now(dt.UTC)
    output = args.output or RESULTS / f"{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    bench.partial = output.with_suffix(".partial.json")
    info = machine()
    try:
        for size in args.sizes:
            run_size(bench, size)
    finally:
        if args.keep:
            bench.say(f"projects kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    ratio = ratios(bench.measures, args.sizes, args.jobs)
    print_report(bench, ratio)
    report = {
        "started": started.isoformat(timespec="seconds"),
        "machine": info,
        "arguments": {
            k: str(v) if isinstance(v, Path) else sorted(v) if isinstance(v, set) else v
            for k, v in vars(args).items()
            if k not in ("task", "root", "opt")
        },
        "measures": [m.row() for m in bench.measures],
        "ratios": {str(k): v for k, v in ratio.items()},
        "sizes": {str(k): v for k, v in bench.extra.items()},
        "notes": bench.notes,
    }
    output.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    bench.partial.unlink(missing_ok=True)
    print(f"results: {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
