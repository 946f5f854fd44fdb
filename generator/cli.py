"""The `roadmaps` command: a thin layer over the pipeline. Exit codes: 0 ok, 1 content errors, 2 usage errors."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.diagnostics import Diagnostic, os_error, summary, to_json

ROOT_HELP = "Project folder (the one holding mkdocs.yml). Default: the current folder."


def _root(path: str | None) -> Path:
    root = Path(path or ".").resolve()
    if not (root / "mkdocs.yml").exists():
        raise click.UsageError(f"{root} has no mkdocs.yml; run this in the grensroutes folder or pass --root")
    return root


def _progress(quiet: bool) -> object:
    """On a terminal, long steps say what they are doing; in CI or with --quiet, nothing."""
    if quiet or not sys.stderr.isatty():
        return lambda _msg: None
    return lambda msg: click.echo(f"… {msg}", err=True)


def _report(diagnostics: list[Diagnostic], fmt: str, quiet: bool, strict: bool) -> int:
    if fmt == "json":
        click.echo(to_json(diagnostics))
    else:
        for d in diagnostics:
            click.echo(str(d), err=True)
        if diagnostics or not quiet:
            click.echo(summary(diagnostics), err=True)
    failing = [d for d in diagnostics if d.severity.value == "error" or strict]
    return 1 if failing else 0


class _Commands(click.Group):
    """Every command ends on an operating-system error with one line and exit code 1, never with a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except OSError as exc:
            click.echo(f"error: {os_error(exc)}", err=True)
            sys.exit(1)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="grensroutes")
def main() -> None:
    """Validate the grensroutes knowledge base and build its four-language site."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--root", help=ROOT_HELP)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Output format.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (CI does).")
@click.option("-q", "--quiet", is_flag=True, help="Print problems only.")
def validate(paths: tuple[Path, ...], root: str | None, fmt: str, strict: bool, quiet: bool) -> None:
    """Run every check on PATHS (default: all roadmaps and registries). Writes nothing.

    Exit code 0 when valid, 1 when problems were found, 2 on usage errors.
    """
    from generator.build import check
    from generator.config import load_settings

    settings, diagnostics = load_settings(_root(root))
    if settings is not None:
        # the folder resolved, the name kept: a link named on the command line is judged like one found in a folder
        named = [p.absolute().parent.resolve() / p.name for p in paths]
        diagnostics = check(settings, named or None).diagnostics
    sys.exit(_report(diagnostics, fmt, quiet, strict))


@main.command()
@click.option("--root", help=ROOT_HELP)
@click.option("--strict", is_flag=True, help="Treat warnings as errors (CI does).")
@click.option("-q", "--quiet", is_flag=True, help="Print problems only.")
@click.option(
    "-j", "--jobs", type=click.IntRange(1, 64), help="Languages built at the same time. Default: one per core."
)
@click.option(
    "--pdfs/--no-pdfs", default=True, show_default=True, help="Render factsheets missing from .build/pdf-cache/."
)
def build(root: str | None, strict: bool, quiet: bool, jobs: int | None, pdfs: bool) -> None:
    """Validate, then generate and build the static site into site/.

    If anything fails, the previous site/ stays as it was. Exit code 0 ok, 1 errors, 2 usage errors.
    """
    from generator.build import build as run_build

    result = run_build(_root(root), _progress(quiet), jobs, pdfs)  # type: ignore[arg-type]
    code = _report(result.diagnostics, "text", quiet, strict)
    if code == 0 and not quiet:
        click.echo(f"site built in {Path(_root(root)) / 'site'}: open site/index.html or run `make serve`", err=True)
    sys.exit(code)


@main.command()
@click.option("--root", help=ROOT_HELP)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port on 127.0.0.1.")
def serve(root: str | None, port: int) -> None:
    """Build, serve the site on http://127.0.0.1:PORT/ and rebuild when a roadmap or page changes."""
    from generator.tools.serve import serve as run_serve

    sys.exit(run_serve(_root(root), port))


@main.command("check-links")
@click.option("--root", help=ROOT_HELP)
@click.option("--online", is_flag=True, required=True, help="Really ask every external address (needs the internet).")
@click.option("--timeout", type=click.FloatRange(1, 120), default=15, show_default=True, help="Seconds per request.")
def check_links(root: str | None, online: bool, timeout: float) -> None:
    """Report external links (sources, authority websites) that do not answer. For maintainers; not run in CI.

    Exit code 0 when every link answers, 1 when some do not, 2 on usage errors.
    """
    from generator.config import load_settings
    from generator.load.inputs import load_inputs
    from generator.tools.linkcheck import check_links as run_check

    settings, diagnostics = load_settings(_root(root))
    if settings is not None:
        inputs, diagnostics = load_inputs(settings)
        diagnostics += run_check(inputs.documents(), timeout)
    sys.exit(_report(diagnostics, "text", False, True))


@main.command("catalogue-report")
@click.option("--root", help=ROOT_HELP)
def catalogue_report(root: str | None) -> None:
    """List catalogue professions without a full roadmap, and catalogue entries whose authority is not known.

    Exit code 0 when the knowledge base is valid, 1 when it is not (the problems are printed instead).
    """
    from generator.build import check
    from generator.config import load_settings
    from generator.resolve.maintenance import catalogue_report as report

    settings, diagnostics = load_settings(_root(root))
    result = check(settings) if settings is not None else None
    if result is None or result.project is None:
        sys.exit(_report(result.diagnostics if result else diagnostics, "text", False, False) or 1)
    click.echo(report(result.project), nl=False)


# ---- the maintainers' workflow -------------------------------------------------------------------


@main.command("new")
@click.argument("profession")
@click.argument("origin")
@click.argument("destination")
@click.option("--root", help=ROOT_HELP)
@click.option("--authority", help="Authority id of the first step. Default: a first guess, named in the file.")
def new(profession: str, origin: str, destination: str, root: str | None, authority: str | None) -> None:
    """Write roadmaps/PROFESSION/ORIGIN-to-DESTINATION.yaml: every section, "not known" values and open items.

    Example: roadmaps new physiotherapist BE DE-NW. Never overwrites a file. Exit code 0 written, 1 when the
    registries cannot be read, 2 on usage errors (unknown profession, jurisdiction or authority; the file exists).
    """
    from generator.build import check, today
    from generator.config import load_settings
    from generator.load.inputs import load_inputs
    from generator.tools import scaffold

    settings, diagnostics = load_settings(_root(root))
    if settings is None:
        sys.exit(_report(diagnostics, "text", False, False))
    inputs, diagnostics = load_inputs(settings, [settings.roadmaps_dir / "registry"])
    if diagnostics:
        sys.exit(_report(diagnostics, "text", False, False))
    inputs, _ = load_inputs(settings)  # every roadmap too: the first guesses come from similar routes
    try:
        route = scaffold.check_route(inputs, profession, origin, destination)
        path = scaffold.write(settings, route, scaffold.render(settings, inputs, route, today(), authority))
    except scaffold.ScaffoldError as exc:
        raise click.UsageError(str(exc)) from None
    found = check(settings, [path]).diagnostics
    items = sum(d.code == "open-item" for d in found)
    click.echo(
        f"wrote {path.relative_to(settings.root).as_posix()} with {items} open items; "
        "`roadmaps validate` lists them with their lines. How to fill them in: CONTRIBUTING.md, section 5.",
        err=True,
    )


@main.command()
@click.argument("base")
@click.argument("head", default=".")
@click.option("--root", help=ROOT_HELP)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", help="Output format.")
def diff(base: str, head: str, root: str | None, fmt: str) -> None:
    """What changes for citizens from BASE to HEAD (git revisions or folders; HEAD defaults to this folder).

    Example: roadmaps diff origin/main HEAD --format markdown. A file that cannot be read is listed as such, and its
    diagnostics go to stderr. Exit code 0, or 2 when a version cannot be read.
    """
    from generator.load import revisions
    from generator.tools import semdiff

    folder = _root(root)
    try:
        old, new = revisions.load(base, folder), revisions.load(head, folder)
    except revisions.RevisionError as exc:
        raise click.UsageError(str(exc)) from None
    for problem in old.problems + new.problems:  # the files listed as "cannot be read", located
        click.echo(str(problem), err=True)
    changes = semdiff.compare(old, new)
    writers = {
        "text": lambda: semdiff.as_text(changes),
        "json": lambda: semdiff.as_json(changes),
        "markdown": lambda: semdiff.as_markdown(changes, base, head),
    }
    click.echo(writers[fmt]())


@main.command()
@click.option("--root", help=ROOT_HELP)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Output format.")
@click.option("--today", "day", type=click.DateTime(["%Y-%m-%d"]), help="Report as of this date. Default: today.")
def report(root: str | None, fmt: str, day: object) -> None:
    """Coverage matrix, translations, facts past their review date, unknown and uncertain facts, missing contacts.

    Exit code 0, 1 when the knowledge base has errors (fix them first: roadmaps validate), 2 on usage errors.
    """
    import datetime as dt

    from generator.build import check, today
    from generator.config import load_settings
    from generator.resolve import maintenance

    settings, diagnostics = load_settings(_root(root))
    result = check(settings, coverage=False) if settings is not None else None
    if settings is None or result is None or result.project is None:
        sys.exit(_report(result.diagnostics if result else diagnostics, "text", False, False))
    as_of = day.date() if isinstance(day, dt.datetime) else today()
    data = maintenance.build_report(result.project, settings, as_of)
    click.echo(maintenance.as_json(data) if fmt == "json" else maintenance.as_text(data))


@main.command()
@click.option("--root", help=ROOT_HELP)
@click.option("--check", "check_only", is_flag=True, help="Change nothing; exit 1 if the catalogue is out of date.")
def docs(root: str | None, check_only: bool) -> None:
    """Regenerate the rule catalogue in CONTRIBUTING.md from generator/rules.py.

    Exit code 0 up to date (or rewritten), 1 with --check when it is out of date, 2 on usage errors.
    """
    from generator.tools import rule_docs as catalogue

    folder = _root(root)
    try:
        fresh = catalogue.update(folder, check_only)
    except (OSError, catalogue.StaleError) as exc:
        raise click.UsageError(f"CONTRIBUTING.md: {exc}") from None
    if check_only and not fresh:
        click.echo("CONTRIBUTING.md's rule catalogue is out of date: run `roadmaps docs`", err=True)
        sys.exit(1)
    click.echo("CONTRIBUTING.md's rule catalogue is up to date" if fresh else "CONTRIBUTING.md rewritten", err=True)


if __name__ == "__main__":
    main()
