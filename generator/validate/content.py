"""The hand-written pages: each must exist in every language, so the language switcher never leads nowhere."""

from __future__ import annotations

from generator.diagnostics import Diagnostic, error
from generator.load.inputs import Inputs


def check(inputs: Inputs, languages: tuple[str, ...]) -> list[Diagnostic]:
    pages = {lang: inputs.content_pages.get(lang, frozenset()) for lang in languages}
    every = set().union(*pages.values())
    return [
        error(f"content/{lang}/{page}", (1, 1), "missing-page", f"page exists in other languages but not in '{lang}'")
        for lang in languages
        for page in sorted(every - pages[lang])
    ]
