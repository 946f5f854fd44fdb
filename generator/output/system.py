"""The system libraries a build needs, checked before anything is built, so a bare machine gets one line that says
what to install instead of hundreds of errors."""

from __future__ import annotations

from ctypes.util import find_library

# (what needs it, shared-library names as ctypes looks them up, the Debian packages that bring them)
NEEDED = (("the factsheets (WeasyPrint)", ("pango-1.0", "pangoft2-1.0"), "libpango-1.0-0 libpangoft2-1.0-0"),)
# Missing is allowed: WeasyPrint then subsets fonts with fontTools and warns; the sheets print the same text.
OPTIONAL = (("faster font subsetting in the factsheets", ("harfbuzz-subset",), "libharfbuzz-subset0"),)
HARMLESS_WARNINGS = ("Using fontTools instead of HarfBuzz-Subset",)


def missing(needed: tuple[tuple[str, tuple[str, ...], str], ...] = NEEDED) -> list[str]:
    """One sentence per missing library group: what needs it and the command that installs it."""
    return [
        f"{what} need the system {'libraries' if len(libraries) > 1 else 'library'} {', '.join(libraries)}: "
        f"install {'them' if len(libraries) > 1 else 'it'} with `apt-get install {packages}`"
        for what, libraries, packages in needed
        if any(find_library(name) is None for name in libraries)
    ]


def harmless(message: str) -> bool:
    """A WeasyPrint warning that does not change what a sheet shows (a library's deprecation or fallback notice)."""
    return any(message.startswith(prefix) for prefix in HARMLESS_WARNINGS)
