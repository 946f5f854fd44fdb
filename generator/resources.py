"""Where the package's own files live: templates, labels, theme overrides, assets, fonts and vendored scripts.

Only the load and output stages open them; everything else receives their contents as values.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE / "templates"
LABELS = PACKAGE / "labels"
LABELS_MAIN = PACKAGE / "labels.yaml"
ASSETS = PACKAGE / "assets"
OVERRIDES = PACKAGE / "overrides"
FONTS = PACKAGE / "fonts"
VENDOR = PACKAGE / "vendor"
