"""Inputs an attacker or an unlucky maintainer could give: each ends in a located diagnostic or one line, never in a
traceback or a crash, and nothing of it reaches the site unchecked."""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator import cli
from generator.diagnostics import Diagnostic, to_json
from tests.conftest import ROOT

ROADMAP = "roadmaps/physiotherapist/nl-to-de-nw.yaml"
AUTHORITIES = "roadmaps/registry/authorities.yaml"
DEEP = "[" * 30_000 + "]" * 30_000  # about 60 KB


def replace(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(project: Path, rel: str, needle: str) -> int:
    return (project / rel).read_text(encoding="utf-8").split(needle)[0].count("\n") + 1


def roadmaps(project: Path, *args: str) -> Result:
    return CliRunner().invoke(cli.main, [args[0], "--root", str(project), *args[1:]])


def validate(project: Path, *paths: str) -> Result:
    return roadmaps(project, "validate", "-q", *(str(project / p) for p in paths))


def problems(result: Result) -> list[str]:
    """The diagnostics and one-line errors, without the summary; fails on a traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return [line for line in result.output.splitlines() if "error" in line and not line[0].isdigit()]


def run_isolated(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A separate process: a crash in C (SIGSEGV) fails the test instead of ending pytest."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "generator", *args]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=600, env=env, check=False)


# ---- nesting and numbers that crash the YAML library or Python ------------------------------------------------


def test_deep_nesting_is_located_in_validate_build_and_diff(project: Path, tmp_path: Path) -> None:
    before = tmp_path / "before"
    (before / "roadmaps").mkdir(parents=True)
    replace(project, ROADMAP, "profession: physiotherapist", "profession: " + DEEP)
    line = line_of(project, ROADMAP, "profession: [")
    expected = f"{ROADMAP}:{line}:77: error[too-deep]: data is nested more than 64 levels deep"
    for args in (["validate", ROADMAP], ["build", "--no-pdfs", "-q"]):
        result = run_isolated(project, *args)
        assert result.returncode == 1, (args, result.returncode, result.stderr[-2000:])
        assert expected in result.stderr.splitlines()
        assert "Traceback" not in result.stderr
    diff = run_isolated(project, "diff", str(before), str(project))
    assert diff.returncode == 0, diff.stderr[-2000:]
    assert expected in diff.stderr.splitlines()
    assert f"{ROADMAP}: cannot be read in {project} (run `roadmaps validate`)" in diff.stdout


def test_deep_block_nesting_is_located(project: Path) -> None:
    replace(project, ROADMAP, "profession: physiotherapist", "profession:\n" + "- " * 30_000 + "x")
    result = run_isolated(project, "validate", ROADMAP)
    assert result.returncode == 1, result.stderr[-2000:]
    line = line_of(project, ROADMAP, "profession:\n") + 1
    assert f"{ROADMAP}:{line}:129: error[too-deep]: data is nested more than 64 levels deep" in result.stderr


def test_serve_rebuild_survives_deep_nesting(project: Path) -> None:
    replace(project, ROADMAP, "profession: physiotherapist", "profession: " + DEEP)
    code = "import sys; from pathlib import Path; from generator.tools.serve import _rebuild; "
    code += "sys.exit(0 if _rebuild(Path('.'), {}) is False else 3)"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "error[too-deep]" in result.stderr and "still serving the last good site" in result.stderr


def test_integer_beyond_pythons_digit_limit(project: Path) -> None:
    replace(project, ROADMAP, "      max: 4\n", "      max: " + "9" * 4400 + "\n")
    line = line_of(project, ROADMAP, "      max: 9999")
    result = validate(project, ROADMAP)
    assert result.exit_code == 1
    assert problems(result) == [
        f"{ROADMAP}:{line}:12: error[number-out-of-range]: the number 999999999999…999999 (4,400 characters) "
        "has too many digits"
    ]


def test_registry_id_given_as_a_list(project: Path) -> None:
    rel = "roadmaps/registry/authorities-be.yaml"
    replace(project, rel, "  - id: be-psychologencommissie", "  - id: [be-psychologencommissie]")
    result = validate(project, ROADMAP)
    assert result.exit_code == 1
    assert f"{rel}:7:9: error[wrong-type]: expected text, got a list" in problems(result)


def test_jurisdiction_code_given_as_a_list(project: Path) -> None:
    rel = "roadmaps/registry/jurisdictions.yaml"
    replace(project, rel, "code: NL\n", "code: [NL]\n")
    line = line_of(project, rel, "code: [NL]")
    result = validate(project, ROADMAP)
    assert result.exit_code == 1
    found = problems(result)
    assert f"{rel}:{line}:11: error[wrong-type]: expected text, got a list" in found
    assert f"{ROADMAP}:3:9: error[unknown-jurisdiction]: origin 'NL' is not in roadmaps/registry/jurisdictions.yaml" in found


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("      min: 60\n", "      min: 1e300\n", "1e+300 is out of range: the value must be at most 1,000,000"),
        (
            "      max: 140\n",
            "      max: " + "9" * 4000 + "\n",
            "a number of 4,000 digits is out of range: the value must be at most 1,000,000",
        ),
    ],
    ids=["fee-1e300", "fee-4000-digits"],
)
def test_fee_out_of_range(project: Path, old: str, new: str, message: str) -> None:
    replace(project, ROADMAP, old, new)
    line = line_of(project, ROADMAP, new)
    result = validate(project, ROADMAP)
    assert result.exit_code == 1
    assert f"{ROADMAP}:{line}:12: error[invalid-value]: {message}" in problems(result)


def test_deadline_of_1e308(project: Path) -> None:
    replace(project, ROADMAP, "      max: 4\n", "      max: 1e308\n")
    line = line_of(project, ROADMAP, "      max: 1e308")
    result = validate(project, ROADMAP)
    assert result.exit_code == 1
    assert problems(result) == [
        f"{ROADMAP}:{line}:12: error[invalid-value]: 1e+308 is out of range: the value must be at most 120"
    ]


def test_infinity_is_refused_and_never_written_as_json(project: Path) -> None:
    from generator.output import opendata

    replace(project, ROADMAP, "      max: 140\n", "      max: 1e999\n")
    line = line_of(project, ROADMAP, "      max: 1e999")
    result = validate(project, ROADMAP)
    assert result.exit_code == 1
    assert problems(result) == [
        f"{ROADMAP}:{line}:12: error[number-out-of-range]: the number 1e999 is too large to be stored"
    ]
    with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
        opendata._dumps({"max": float("inf")})


# ---- values that pass a loose check but mislead or attack the reader ------------------------------------------


def test_formula_in_a_catalogue_name_is_neutralised(project: Path) -> None:
    from generator.build import check
    from generator.config import load_settings
    from generator.output import catalogue_export, opendata, spreadsheet

    formula = '=HYPERLINK("https://evil.example", "x")'
    for path in sorted((project / "roadmaps/catalogue").glob("*.yaml")):  # one name in every file: no warning
        text = path.read_text(encoding="utf-8")
        named = re.sub(r"(profession: doctor\n    name:\n(?:      ..: .*\n)*?      en: ).*", r"\1'" + formula + "'", text)
        path.write_text(named, encoding="utf-8")
    settings, _ = load_settings(project)
    assert settings is not None
    found = check(settings)
    assert found.project is not None, [str(d) for d in found.diagnostics if d.severity.value == "error"]
    rows = catalogue_export.to_csv(found.project).splitlines()
    quoted = formula.replace('"', '""')
    assert any(f"\"'{quoted}\"" in row for row in rows)
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.split(","))
    assert [spreadsheet.cell(v) for v in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "ok", 5)] == [
        "'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", "ok", 5,
    ]
    assert opendata.comparison_csv(found.project).count("\n'=") == 0


def test_email_with_a_hidden_recipient(project: Path) -> None:
    address = "x@y.org?cc=someone%40else.example&body=hi.org"
    replace(project, AUTHORITIES, "email: pug-anerkennung@brms.nrw.de", f"email: {address}")
    line = line_of(project, AUTHORITIES, f"email: {address}")
    result = validate(project, ROADMAP)
    assert result.exit_code == 1
    assert problems(result) == [
        f"{AUTHORITIES}:{line}:14: error[invalid-value]: '{address}' is not valid here: E-mail address only: "
        "no ?subject=, ?cc= or other query part, no second address."
    ]


def test_website_with_a_user_name_before_the_host(project: Path) -> None:
    url = "https://www.brms.nrw.de@evil.example/"
    replace(project, AUTHORITIES, "website: https://www.brms.nrw.de/go/pug", f"website: {url}")
    line = line_of(project, AUTHORITIES, f"website: {url}")
    result = validate(project, ROADMAP)
    assert result.exit_code == 1
    assert (
        f"{AUTHORITIES}:{line}:16: error[insecure-url]: a web address must not have a user name or password "
        f"before its host (got '{url}')"
    ) in problems(result)


def test_whitespace_only_text(project: Path) -> None:
    replace(project, ROADMAP, "      en: Have your training declared equivalent\n", "      en: '   '\n")
    line = line_of(project, ROADMAP, "      en: '   '")
    result = validate(project, ROADMAP)
    assert result.exit_code == 1
    assert problems(result) == [
        f"{ROADMAP}:{line}:11: error[invalid-value]: the text is empty: it holds only spaces or line breaks"
    ]


def test_control_characters_in_file_names_and_keys_are_escaped(project: Path) -> None:
    (project / "roadmaps/physiotherapist/a\nb.yaml").write_text("x: [\n", encoding="utf-8")
    replace(project, ROADMAP, "profession: physiotherapist", "profession: physiotherapist\n\"k\\n::error::x\": 1")
    result = roadmaps(project, "validate", "-q")
    assert result.exit_code == 1
    found = problems(result)
    assert (
        "roadmaps/physiotherapist/a\\nb.yaml:2:1: error[yaml-syntax]: YAML syntax error: while parsing a flow node "
        "did not find expected node content"
    ) in found
    assert any(line.startswith(f"{ROADMAP}:3:1: error[unknown-key]: unknown key 'k\\n::error::x'") for line in found)
    assert not any(line.startswith(("b.yaml", "::error")) for line in result.output.splitlines())
    forged = Diagnostic("a\r\nb\x1b[2K\u2028.yaml", 1, 1, "yaml-syntax", "m\n::error::x")
    assert str(forged) == "a\\r\\nb\\x1b[2K\\u2028.yaml:1:1: error[yaml-syntax]: m\\n::error::x"
    assert json.loads(to_json([forged]))[0]["path"] == "a\\r\\nb\\x1b[2K\\u2028.yaml"


# ---- files that are not what they seem ---------------------------------------------------------------------------


def test_content_page_linked_out_of_the_project_is_not_published(project: Path) -> None:
    for lang in ("nl", "de", "fr", "en"):
        (project / f"content/{lang}/leak.md").symlink_to("/proc/self/environ")
    result = roadmaps(project, "validate", "-q")
    assert result.exit_code == 1
    assert problems(result) == [
        f"content/{lang}/leak.md:1:1: error[unsafe-file]: not published: it is a symbolic link that leads outside "
        "the project (to /proc/self/environ)"
        for lang in ("de", "en", "fr", "nl")
    ]


def test_roadmap_linked_out_of_the_project_is_not_read(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text((project / ROADMAP).read_text(encoding="utf-8"), encoding="utf-8")
    (project / ROADMAP).unlink()
    (project / ROADMAP).symlink_to(outside)
    result = validate(project, ROADMAP)
    assert result.exit_code == 1
    assert problems(result) == [
        f"{ROADMAP}:1:1: error[unsafe-file]: not read: it is a symbolic link that leads outside the project "
        f"(to {outside.as_posix()})"
    ]


def test_link_inside_the_project_is_read(project: Path) -> None:
    moved = project / "roadmaps/physiotherapist/elsewhere.txt"
    (project / ROADMAP).rename(moved)
    (project / ROADMAP).symlink_to("elsewhere.txt")
    assert validate(project, ROADMAP).exit_code == 0


def test_fifo_folder_and_device_named_yaml_are_refused(project: Path) -> None:
    folder = project / "roadmaps/physiotherapist"
    os.mkfifo(folder / "fifo.yaml")
    (folder / "folder.yaml").mkdir()
    (project / "content/en/pages.md").mkdir()
    expected = [
        "content/en/pages.md:1:1: error[unreadable]: not published: it is a folder, not a file",
        "roadmaps/physiotherapist/fifo.yaml:1:1: error[unsafe-file]: not read: it is a FIFO, not a regular file",
        "roadmaps/physiotherapist/folder.yaml:1:1: error[unreadable]: not read: it is a folder, not a file",
    ]
    try:
        os.mknod(folder / "null.yaml", 0o600 | 0o020000, os.makedev(1, 3))  # a character device, as /dev/null
        expected.append("roadmaps/physiotherapist/null.yaml:1:1: error[unsafe-file]: not read: it is a device, not a regular file")
    except PermissionError:
        pass  # only root may make a device
    result = roadmaps(project, "validate", "-q")
    assert result.exit_code == 1
    assert [line for line in problems(result) if "missing-page" not in line] == expected


# ---- files the machine refuses -----------------------------------------------------------------------------------


def test_unreadable_content_page(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = project / "content/en/about.md"
    opened = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self == page:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return opened(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refuse)
    result = roadmaps(project, "validate", "-q")
    assert result.exit_code == 1
    assert problems(result) == [
        "content/en/about.md:1:1: error[unreadable]: not published: cannot read it: Permission denied"
    ]


def test_unreadable_roadmaps_folder(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = project / "roadmaps"
    listing = os.scandir

    def refuse(path: object = ".") -> object:
        if Path(str(path)) == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return listing(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", refuse)
    result = roadmaps(project, "validate", "-q")
    assert result.exit_code == 1
    assert "roadmaps:1:1: error[unreadable]: cannot read the folder: Permission denied" in problems(result)


@pytest.mark.slow  # renders every page (MkDocs itself is left out)
def test_read_only_site_is_one_line(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.output import finish, write

    staged = project / ".build/site-new"
    monkeypatch.setattr(write, "run_mkdocs", lambda *_args: staged.mkdir(parents=True, exist_ok=True))  # no pages
    monkeypatch.setattr(finish, "after_mkdocs", lambda *_args: None)
    moved = os.replace
    site = project / "site"

    def read_only(source: object, target: object) -> None:
        if Path(str(target)) == site or Path(str(source)) == site:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(site))
        moved(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", read_only)
    monkeypatch.chdir(project)
    result = roadmaps(project, "build", "-q", "--no-pdfs")
    assert result.exit_code == 1
    assert problems(result) == ["error: site: Read-only file system"]


@pytest.mark.slow  # renders every page (MkDocs itself is left out)
def test_full_disk_while_writing_the_pdf_cache(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.output import factsheet_pdf

    cache = project / ".build/pdf-cache"
    written = Path.write_text

    def full(self: Path, *args: object, **kwargs: object) -> int:
        if cache in self.parents:  # as a full disk: the error comes while writing, without a file name
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return written(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(factsheet_pdf.Cache, "get", lambda _self, _key: factsheet_pdf.placeholder())  # no rendering
    monkeypatch.setattr(Path, "write_text", full)
    monkeypatch.setenv("GRENSROUTES_PDF_CACHE", str(cache))
    monkeypatch.chdir(project)
    result = roadmaps(project, "build", "-q")
    assert result.exit_code == 1
    assert problems(result) == ["error: .build/pdf-cache/index.tmp: No space left on device"]


def test_non_utf8_file_in_diff(project: Path, tmp_path: Path) -> None:
    before = tmp_path / "before"
    (before / "roadmaps/physiotherapist").mkdir(parents=True)
    (before / ROADMAP).write_text("profession: physiotherapist\n", encoding="utf-8")
    (project / ROADMAP).write_bytes("profession: physiotherapist\nnote: Gr\xfc\xdfe\n".encode("latin-1"))
    result = CliRunner().invoke(cli.main, ["diff", str(before), str(project), "--root", str(project)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert (
        f"{ROADMAP}:2:9: error[encoding]: the file is not UTF-8 (byte 0xfc); save it as UTF-8" in result.output.splitlines()
    )
    assert f"{ROADMAP}: cannot be read in {project} (run `roadmaps validate`)" in result.output


# ---- serve -------------------------------------------------------------------------------------------------------


def test_serve_keeps_running_when_a_file_vanishes(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.output import incremental
    from generator.tools import serve

    temporary = project / "content/en/.about.md.swp"
    temporary.write_text("x", encoding="utf-8")
    stat = Path.stat

    def vanished(self: Path, **kwargs: bool) -> os.stat_result:
        if self == temporary:
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(self))
        return stat(self, **kwargs)

    monkeypatch.setattr(Path, "stat", vanished)
    assert [rel for rel, *_ in incremental.tree_stats(project / "content/en")] == [
        "about.md", "accessibility.md", "index.md", "privacy.md",
    ]

    def fails(*_args: object, **_kwargs: object) -> None:
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(temporary))

    monkeypatch.setattr(serve, "build", fails)
    monkeypatch.chdir(project)
    messages: list[str] = []
    monkeypatch.setattr(serve.click, "echo", lambda message, err=False: messages.append(str(message)))
    assert serve._rebuild(project, {}) is False
    assert messages == [
        "error: content/en/.about.md.swp: No such file or directory",
        "build failed; still serving the last good site",
    ]


# ---- any structure, any scalar -----------------------------------------------------------------------------------

WEIRD = [
    "1e999", "-1e999", "1e300", "9" * 4400, "0x" + "f" * 5000, "0o777", ".inf", "-.inf", ".nan", "~", "null", "NO",
    "true", "2026-02-30", "2999-01-01", "!!int 12", "!!float 1e999", "!!int " + "9" * 5000, "!!python/none ''",
    "&anchor x", "'\\t'", '"\\u2028\\x1b[2K"', '"a\\nb"', "'   '", "https://a@b.example/", "x@y.org?cc=z%40w.org",
    "=HYPERLINK(1)", "[]", "{}", "-1", "0", "''", "'\\u0000'",
]
KEYS = [
    "profession", "origin", "destination", "steps", "fee", "deadline", "duration", "min", "max", "status", "unit",
    "id", "code", "registry", "entries", "catalogue", "url", "website", "email", "text", "source", "sources",
    "checked", "date", "authority", "help", "contacts", "grensinfopunten", "regulation", "nl", "en", "k\\n::error::",
]


def _scalars() -> object:
    from hypothesis import strategies as st

    quoted = st.text(max_size=12).map(lambda s: json.dumps(s))
    return st.one_of(st.sampled_from(WEIRD), quoted, st.integers().map(str), st.floats().map(repr))


def _documents() -> object:
    from hypothesis import strategies as st

    keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=8).map(lambda s: json.dumps(s)))
    values = st.recursive(
        _scalars(),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
            st.dictionaries(keys, inner, max_size=4).map(
                lambda d: "{" + ", ".join(f"{k}: {v}" for k, v in d.items()) + "}"
            ),
        ),
        max_leaves=20,
    )
    deep = st.integers(0, 3000).map(lambda n: "[" * n + "]" * n)
    mapping = st.dictionaries(keys, st.one_of(values, deep), min_size=1, max_size=6)
    return st.tuples(st.booleans(), mapping)


@pytest.fixture(scope="module")
def shared_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import copy_project

    return copy_project(tmp_path_factory.mktemp("hostile") / "project")


def test_validate_never_raises_on_generated_documents(shared_project: Path) -> None:
    from hypothesis import HealthCheck, given, settings

    from generator.build import check
    from generator.config import load_settings

    loaded, _ = load_settings(shared_project)
    assert loaded is not None
    roadmap, registry = shared_project / ROADMAP, shared_project / "roadmaps/registry/generated.yaml"
    original = roadmap.read_text(encoding="utf-8")

    @settings(max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "30")), deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(_documents())
    def run(case: tuple[bool, dict[str, str]]) -> None:
        as_registry, mapping = case
        text = "".join(f"{key}: {value}\n" for key, value in mapping.items())
        if as_registry:
            registry.write_text("registry: authorities\n" + text, encoding="utf-8")
            roadmap.write_text(original, encoding="utf-8")
        else:
            registry.unlink(missing_ok=True)
            roadmap.write_text(original.replace("profession: physiotherapist\n", text, 1), encoding="utf-8")
        for diagnostic in check(loaded, [roadmap]).diagnostics:
            assert "\n" not in str(diagnostic) and "\r" not in str(diagnostic)

    run()


def test_loader_never_raises_on_generated_text() -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from generator.load.documents import load_text

    rendered = _documents().map(lambda case: "".join(f"{k}: {v}\n" for k, v in case[1].items()))  # type: ignore[attr-defined]
    flow = st.text(alphabet="[]{}-?:,'\"# \n\tab&*!", max_size=400)

    @settings(max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "300")), deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.one_of(rendered, flow, st.text(max_size=200)))
    def run(text: str) -> None:
        doc, diagnostics = load_text("roadmaps/x.yaml", text)
        assert (doc is None) == bool(diagnostics)
        assert all("\n" not in str(d) for d in diagnostics)

    run()


def test_serve_keeps_running_when_the_build_fails_unexpectedly(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.tools import serve

    def fails(*_args: object, **_kwargs: object) -> None:
        raise ValueError("line one\nline two")

    monkeypatch.setattr(serve, "build", fails)
    messages: list[str] = []
    monkeypatch.setattr(serve.click, "echo", lambda message, err=False: messages.append(str(message)))
    assert serve._rebuild(project, {}) is False
    assert messages == [
        "error: the build stopped: ValueError: line one\\nline two",
        "build failed; still serving the last good site",
    ]


def test_a_file_naming_its_catalogue_with_a_list_is_reported_not_raised(shared_project: Path) -> None:
    """Found by the generator above: `catalogue: []` made the catalogue order raise (a list is no dictionary key)."""
    from generator.build import check
    from generator.config import load_settings

    loaded, _ = load_settings(shared_project)
    assert loaded is not None
    roadmap = shared_project / ROADMAP
    original = roadmap.read_text(encoding="utf-8")
    roadmap.write_text(original.replace("profession: physiotherapist\n", "catalogue: []\n", 1), encoding="utf-8")
    try:
        diagnostics = check(loaded, [roadmap]).diagnostics
    finally:
        roadmap.write_text(original, encoding="utf-8")
    assert any(d.path.endswith(ROADMAP) and d.severity.name == "ERROR" for d in diagnostics)
