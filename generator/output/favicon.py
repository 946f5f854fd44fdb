"""site/favicon.ico: browsers ask for it at the site root whenever a page names no icon (the language chooser, a
PDF, a raw data file); without it each such visit logs a failed request. Made from Material's own icon, the one every
page names (assets/images/favicon.png): an ICO file may hold a PNG image as it is, behind a 22-byte header."""

from __future__ import annotations

import struct
from pathlib import Path

NAME = "favicon.ico"


def ico(png: bytes) -> bytes:
    """An ICO file with one image: the PNG, unchanged (supported by every browser in use)."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG image")
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk comes first
    header = struct.pack("<HHH", 0, 1, 1)  # reserved, type 1 = icon, one image
    entry = struct.pack(
        "<BBBBHHII", width % 256, height % 256, 0, 0, 1, 32, len(png), len(header) + 16
    )  # 256 px is written as 0; no palette; 1 plane; 32 bits per pixel; size; offset
    return header + entry + png


def write(site: Path, languages: tuple[str, ...]) -> None:
    """From the first language's copy of Material's icon (all languages have the same one)."""
    for lang in languages:
        png = site / lang / "assets" / "images" / "favicon.png"
        if png.is_file():
            (site / NAME).write_bytes(ico(png.read_bytes()))
            return
