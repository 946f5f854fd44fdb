"""The site search's word separator: besides spaces and punctuation, the short function words of the four languages
("de", "la", "der", "van" …) separate words instead of being words.

The search (MkDocs-Material's, lunr) adds a trailing wildcard to every word of a query, so "de" would find every page
with a word that starts with "de". The separator applies both when the index is built (in the browser) and to what
the visitor types, so these words are never indexed and are dropped from every query. Every language's pages carry
titles in all four languages, so each language's search drops the function words of all four.
"""

from __future__ import annotations

STOP_WORDS: dict[str, tuple[str, ...]] = {
    "nl": ("de", "het", "een", "van", "en", "in", "op", "voor", "met", "te", "aan", "bij", "of", "uit"),
    "de": (
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einer",
        "eines",
        "und",
        "in",
        "im",
        "von",
        "vom",
        "zu",
        "zur",
        "zum",
        "für",
        "mit",
        "auf",
        "an",
        "am",
        "oder",
    ),
    "fr": (
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "l",
        "d",
        "un",
        "une",
        "et",
        "en",
        "au",
        "aux",
        "à",
        "pour",
        "par",
        "sur",
        "dans",
        "ou",
    ),
    "en": ("the", "a", "an", "of", "and", "in", "on", "for", "to", "with", "or", "at"),
}
# What separates words anyway: white space, hyphens, brackets, slashes and punctuation that does not join words
# (not the full stop: "z.B.", "B.Sc.", "Nr. 78").
SEPARATORS = r"\s\-,;:!?()\[\]\"/'’"


def _any_case(word: str) -> str:
    """The word with its first letter in either case ("[Dd]e"): the separator sees the text before lower-casing."""
    first, rest = word[:1], word[1:]
    head = f"[{first.upper()}{first}]" if first.upper() != first else first
    return head + rest


def separator(languages: tuple[str, ...] = tuple(STOP_WORDS)) -> str:
    """A JavaScript regular expression (no flags): runs of separators, and any function words standing between
    them (or at the start of a text), so "professeur de mathématiques" is two words."""
    words = sorted({w for lang in languages for w in STOP_WORDS[lang]}, key=lambda w: (-len(w), w))
    stop = "|".join(_any_case(w) for w in words)
    return f"(?:^|[{SEPARATORS}]+)(?:(?:{stop})(?=[{SEPARATORS}]|$)[{SEPARATORS}]*)*"
