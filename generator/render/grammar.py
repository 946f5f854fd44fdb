"""What a language's grammar decides: a jurisdiction's name inside a sentence (from the registry's `forms`), language
names in the reader's language and plural forms (both from CLDR, through Babel), and the route titles built from
them. Pure functions of the model and the labels."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from babel import Locale

from generator.config import LOCALES
from generator.model.entities import Jurisdiction, Roadmap

CASES = ("from", "to", "in")


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES.get(lang, lang))


def form(jurisdiction: Jurisdiction, lang: str, case: str) -> str:
    """'aus den Niederlanden' (from), 'in die Niederlande' (to), 'in den Niederlanden' (in). The registry requires
    every form; a model made without them (tests, tools) falls back to the bare name."""
    return jurisdiction.forms.get(lang, {}).get(case) or jurisdiction.name.get(lang, jurisdiction.code)


def route_names(roadmap: Roadmap, lang: str) -> dict[str, str]:
    """Every value a route label may use: bare names ({origin}, {destination}) and names in a sentence
    ({origin_from}, {destination_to}, {destination_in})."""
    origin, destination = roadmap.origin, roadmap.destination
    return {
        "profession": roadmap.profession.name.get(lang, roadmap.profession.id),
        "origin": origin.name.get(lang, origin.code),
        "destination": destination.name.get(lang, destination.code),
        "origin_from": form(origin, lang, "from"),
        "destination_to": form(destination, lang, "to"),
        "destination_in": form(destination, lang, "in"),
    }


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def route_title(roadmap: Roadmap, labels: Mapping[str, str], lang: str) -> str:
    """'Physiotherapeut: aus den Niederlanden nach Nordrhein-Westfalen' — the title of a route everywhere."""
    return capitalised(labels["title"].format(**route_names(roadmap, lang)))


def language_name(code: str, lang: str) -> str:
    """A language's name in the reader's language, from CLDR: 'nl' → néerlandais (fr), Niederländisch (de)."""
    return str(_locale(lang).languages.get(code, code))


def plural_category(n: int, lang: str) -> str:
    """The CLDR plural category of `n` in `lang`: one, other (and few, many … where the language has them)."""
    return str(_locale(lang).plural_form(n))


def plural_key(labels: Mapping[str, str], key: str, n: int, lang: str) -> str:
    """The label key for `n`: 'key.one', 'key.other', … (a label with plural variants); 'key.other' where the
    language's category has no variant of its own."""
    chosen = f"{key}.{plural_category(n, lang)}"
    return chosen if chosen in labels else f"{key}.other"


def plural_forms(labels: Mapping[str, str], key: str) -> dict[str, str]:
    """Every plural variant of a label, by category (for the browser, which picks one with Intl.PluralRules)."""
    prefix = key + "."
    return {k.removeprefix(prefix): v for k, v in sorted(labels.items()) if k.startswith(prefix)}
