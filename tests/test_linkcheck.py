"""`roadmaps check-links --online` against a local server: live links pass, dead ones are located."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from click.testing import CliRunner

from generator import cli
from generator.load.documents import load_text
from generator.tools.linkcheck import check_links


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_dead_links_are_located(tmp_path: Path) -> None:
    (tmp_path / "alive.html").write_text("ok", encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    doc, _ = load_text("r.yaml", f"sources:\n  - url: {base}/alive.html\n  - url: {base}/gone.html\n")
    assert doc is not None
    try:
        found = check_links([doc], timeout=5, workers=2)
    finally:
        server.shutdown()
        server.server_close()
    assert [str(d) for d in found] == [f"r.yaml:3:10: warning[dead-link]: {base}/gone.html does not answer: HTTP 404"]


def test_command_needs_the_online_flag() -> None:
    assert CliRunner().invoke(cli.main, ["check-links"]).exit_code == 2
