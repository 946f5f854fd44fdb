"""How one fact changed, in words: values (amounts, periods, levels), texts, evidence (source, confidence, date),
lists and authorities. Used by `semdiff`; tolerant of invalid data, since pull requests are summarised before they
pass validation.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from generator.load.revisions import Tree

Parts = list[str]


class Names:
    """Display names of authorities, taken from the newer registry (falling back to the older one)."""

    def __init__(self, *trees: Tree) -> None:
        self.authorities: dict[str, str] = {}
        for tree in reversed(trees):
            for data in tree.files.values():
                if isinstance(data, dict) and data.get("registry") == "authorities":
                    for entry in as_list(data.get("entries")):
                        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                            self.authorities[entry["id"]] = str(entry.get("short") or entry.get("name") or entry["id"])

    def authority(self, value: Any) -> str:
        return f"'{self.authorities.get(value, value)}'" if value is not None else "none"


# ---- small helpers -------------------------------------------------------------------------------------------


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def get_in(data: Any, *path: str) -> Any:
    for key in path:
        data = as_dict(data).get(key)
    return data


def canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def short(text: Any, width: int = 80) -> str:
    words = " ".join(str(text).split())
    return words if len(words) <= width else words[: width - 1].rstrip() + "…"


def english(text: Any) -> str:
    text = as_dict(text)
    return short(text.get("en") or next(iter(text.values()), ""))


def _number(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"
    return str(value)


def route_name(data: dict[str, Any]) -> str:
    return f"{data.get('profession')} {data.get('origin')} → {data.get('destination')}"


# ---- values in words -----------------------------------------------------------------------------------------


def _in_words(value: Any, names: Names, known: Callable[[dict[str, Any]], str], others: dict[str, str]) -> str:
    """A fact value in words: `known` formats a known value, `others` names the other fixed statuses, and an
    unknown value says whom to ask."""
    if not isinstance(value, dict):
        return plain(value)
    status = value.get("status")
    if status == "unknown":
        return f"not known (ask {names.authority(value.get('ask'))})"
    words = known(value) if status == "known" else others.get(str(status), str(status))
    if value.get("approximate") is True:
        words = f"up to about {words[6:]}" if words.startswith("up to ") else f"about {words}"
    if value.get("inferred") is True:  # our reading of the rules, not stated by a source
        words = f"probably {words} (not confirmed; ask {names.authority(value.get('ask'))})"
    return words


def _amount(value: dict[str, Any]) -> str:
    symbol = "€ " if value.get("currency", "EUR") == "EUR" else f"{value.get('currency')} "
    low, high = value.get("min"), value.get("max", value.get("min"))
    return symbol + (_number(low) if low == high else f"{_number(low)}–{_number(high)}")


def _period(value: dict[str, Any]) -> str:
    low, high, unit = value.get("min"), value.get("max"), value.get("unit")
    return f"{_number(low)}–{_number(high)} {unit}" if low not in (None, high) else f"up to {_number(high)} {unit}"


def amount(value: Any, names: Names) -> str:
    return _in_words(value, names, _amount, {"free": "free"})


def period(value: Any, names: Names) -> str:
    return _in_words(value, names, _period, {"none": "no time limit"})


def level(value: Any, names: Names) -> str:
    return _in_words(value, names, lambda v: str(v.get("value")), {"none": "no level set"})


_VALUE_KEYS = ("status", "min", "max", "unit", "currency", "value", "ask", "approximate", "inferred")
_FACT_KEYS = {"text", "note", "source", "checked", "confidence", *_VALUE_KEYS}


def languages(old: Any, new: Any) -> str:
    old, new = as_dict(old), as_dict(new)
    return ", ".join(lang for lang in sorted(set(old) | set(new)) if old.get(lang) != new.get(lang))


def _meta(old: Any, new: Any) -> Parts:
    """How a fact's evidence changed: note, source, confidence, check date."""
    old, new = as_dict(old), as_dict(new)
    parts: Parts = []
    if old.get("note") != new.get("note"):
        parts.append(f"note changed ({languages(old.get('note'), new.get('note'))})")
    if old.get("source") != new.get("source"):
        parts.append("source updated")
    if old.get("confidence") != new.get("confidence"):
        parts.append(f"confidence {old.get('confidence', 'not given')} → {new.get('confidence', 'not given')}")
    if old.get("checked") != new.get("checked"):
        parts.append(f"checked {new['checked']}" if new.get("checked") else "own check date removed")
    if set(old) - _FACT_KEYS or set(new) - _FACT_KEYS:
        extra = {k for k in set(old) | set(new) if k not in _FACT_KEYS and old.get(k) != new.get(k)}
        parts += [f"other change in `{k}`" for k in sorted(extra)]
    return parts


Describe = Callable[[Any, Names], str]


def valued(label: str, old: Any, new: Any, names: Names, describe: Describe) -> Iterator[str]:
    """A fact with a value (fee, deadline, level): 'fee of step 2 changed from € 60 to € 75; source updated'."""
    if old == new:
        return
    before, after = describe(old, names), describe(new, names)
    parts = _meta(old, new)
    if before != after:
        yield "; ".join([f"{label} changed from {before} to {after}", *parts])
    else:
        yield f"{label}: " + ("; ".join(parts) or "changed")


def cited(label: str, old: Any, new: Any, names: Names) -> Iterator[str]:
    """A text fact: which languages changed, then its evidence."""
    if old == new:
        return
    if old is None or new is None:
        yield f"{label} {'added' if old is None else 'removed'}"
        return
    text_old = get_in(old, "text") if "text" in as_dict(old) else old
    text_new = get_in(new, "text") if "text" in as_dict(new) else new
    parts = [f"text changed ({languages(text_old, text_new)})"] if text_old != text_new else []
    if "text" in as_dict(old) or "text" in as_dict(new):
        parts += _meta(old, new)
    yield f"{label}: " + "; ".join(parts)


def scalar(label: str, old: Any, new: Any, names: Names) -> Iterator[str]:
    if old != new:
        yield f"{label} changed from {plain(old)} to {plain(new)}"


def authority(label: str, old: Any, new: Any, names: Names) -> Iterator[str]:
    if old != new:
        yield f"{label} changed from {names.authority(old)} to {names.authority(new)}"


def ids(label: str, old: Any, new: Any, names: Names) -> Iterator[str]:
    old, new = as_list(old), as_list(new)
    if old == new:
        return
    added = [str(x) for x in new if x not in old]
    removed = [str(x) for x in old if x not in new]
    parts = ([f"added {', '.join(added)}"] if added else []) + ([f"removed {', '.join(removed)}"] if removed else [])
    yield f"{label}: " + ("; ".join(parts) if parts else "order changed")


def cited_list(label: str, old: Any, new: Any, names: Names) -> Iterator[str]:
    """Lists of text facts (documents, tips): items are matched by their text."""
    old, new = as_list(old), as_list(new)
    if old == new:
        return
    before = {canon(get_in(item, "text")): item for item in old}
    after = {canon(get_in(item, "text")): item for item in new}
    added = [item for key, item in after.items() if key not in before]
    removed = [item for key, item in before.items() if key not in after]
    parts: Parts = []
    if added and len(added) == len(removed):
        parts.append(f"{len(added)} changed: " + ", ".join(f"'{english(get_in(i, 'text'))}'" for i in added))
    else:
        parts += [f"added '{english(get_in(i, 'text'))}'" for i in added]
        parts += [f"removed '{english(get_in(i, 'text'))}'" for i in removed]
    for key in before.keys() & after.keys():
        parts += [f"'{english(get_in(after[key], 'text'))}': {p}" for p in _meta(before[key], after[key])]
    if not parts:
        parts.append("order changed")
    yield f"{label}: " + "; ".join(parts)


def plain(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return short(value if isinstance(value, str) else canon(value), 60)


Rule = Callable[[str, Any, Any, Names], Iterator[str]]


def fact_rule(describe: Describe) -> Rule:
    return lambda label, old, new, names: valued(label, old, new, names, describe)


def online_services(label: str, old: Any, new: Any, names: Names) -> Iterator[str]:
    """The official online applications, matched by their address."""
    before = {str(get_in(s, "url")): s for s in as_list(old)}
    after = {str(get_in(s, "url")): s for s in as_list(new)}
    for url, service in after.items():
        if url not in before:
            yield f"{label} added: {url} ({names.authority(get_in(service, 'authority'))})"
            continue
        was = before[url]
        if get_in(was, "authority") != get_in(service, "authority"):
            yield from authority(
                f"{label} {url}: who runs it", get_in(was, "authority"), get_in(service, "authority"), names
            )
        yield from cited(
            f"{label} {url}",
            {k: v for k, v in as_dict(was).items() if k not in ("url", "authority")},
            {k: v for k, v in as_dict(service).items() if k not in ("url", "authority")},
            names,
        )
    for url in before.keys() - after.keys():
        yield f"{label} removed: {url}"


def notices(label: str, old: Any, new: Any, names: Names) -> Iterator[str]:
    """Notices of the authorities, matched by authority and first day; their dates say when they show."""

    def key(notice: Any) -> tuple[str, str]:
        return str(get_in(notice, "authority")), str(get_in(notice, "from"))

    def when(notice: Any) -> str:
        return f"{get_in(notice, 'from')} to {get_in(notice, 'until')}"

    before = {key(n): n for n in as_list(old)}
    after = {key(n): n for n in as_list(new)}
    for k, notice in after.items():
        who = names.authority(k[0])
        if k not in before:
            yield f"{label} added ({who}, {when(notice)}): '{english(get_in(notice, 'text'))}'"
            continue
        was = before[k]
        if get_in(was, "until") != get_in(notice, "until"):
            yield f"{label} of {who} now shown until {get_in(notice, 'until')} (was {get_in(was, 'until')})"
        rest = ("authority", "from", "until")
        yield from cited(
            f"{label} of {who} from {k[1]}",
            {a: b for a, b in as_dict(was).items() if a not in rest},
            {a: b for a, b in as_dict(notice).items() if a not in rest},
            names,
        )
    for k, notice in before.items():
        if k not in after:
            yield f"{label} removed ({names.authority(k[0])}, {when(notice)})"


def objection(label: str, old: Any, new: Any, names: Names) -> Iterator[str]:
    """How to object: its kind in words, its time limit (a value) and where it goes."""
    yield from cited(label, get_in(old, "details"), get_in(new, "details"), names)
    yield from valued("time limit to object", get_in(old, "deadline"), get_in(new, "deadline"), names, period)
    yield from authority("where the objection goes", get_in(old, "authority"), get_in(new, "authority"), names)


def status_words(words: dict[str, str]) -> Rule:
    """A section's status in words ('not available' rather than 'not-available')."""

    def rule(label: str, old: Any, new: Any, names: Names) -> Iterator[str]:
        if old != new:
            yield f"{label}: {words.get(str(new), plain(new))} (was: {words.get(str(old), plain(old))})"

    return rule
