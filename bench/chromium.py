"""Debian's Chromium and the flags every headless run here starts it with (tests, benchmarks, audits): no sandbox
(containers), no GPU, and no background traffic, so a run sends no request to any third party."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
