"""The `roadmaps` command: a thin layer over the pipeline. Exit codes: 0 ok, 1 content errors, 2 usage errors."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.diagnostics import Diagnostic, summary, to_json

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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
        diagnostics = check(settings, [p.resolve() for p in paths] or None).diagnostics
    sys.exit(_report(diagnostics, fmt, quiet, strict))


@main.command()
@click.option("--root", help=ROOT_HELP)
@click.option("--strict", is_flag=True, help="Treat warnings as errors (CI does).")
@click.option("-q", "--quiet", is_flag=True, help="Print problems only.")
@click.option(
    "-j", "--jobs", type=click.IntRange(1, 64), help="Languages built at the same time. Default: one per core."
)
def build(root: str | None, strict: bool, quiet: bool, jobs: int | None) -> None:
    """Validate, then generate and build the static site into site/.

    If anything fails, the previous site/ stays as it was. Exit code 0 ok, 1 errors, 2 usage errors.
    """
    from generator.build import build as run_build

    result = run_build(_root(root), _progress(quiet), jobs)  # type: ignore[arg-type]
    code = _report(result.diagnostics, "text", quiet, strict)
    if code == 0 and not quiet:
        click.echo(f"site built in {Path(_root(root)) / 'site'}: open site/index.html or run `make serve`", err=True)
    sys.exit(code)


@main.command()
@click.option("--root", help=ROOT_HELP)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port on 127.0.0.1.")
def serve(root: str | None, port: int) -> None:
    """Build, serve the site on http://127.0.0.1:PORT/ and rebuild when a roadmap or page changes."""
    from generator.serve import serve as run_serve

    sys.exit(run_serve(_root(root), port))


if __name__ == "__main__":
    main()
