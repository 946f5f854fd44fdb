"""A printable "What to prepare" checklist per roadmap and language: the documents of every step as tick boxes, each
step's authority with its address and website, fees, legal time limits and the language proof.

The same list goes, as plain text, into the body of a `mailto:` link without a recipient, so it opens in the reader's
own mail program; the page sends nothing anywhere and needs no JavaScript.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

from generator.model import paths
from generator.model.entities import Authority, Project, Roadmap, Step
from generator.model.facts import Amount, Period
from generator.render import formatting as fmt
from generator.render import timeline
from generator.render.language import Language, Page


@dataclass(frozen=True)
class StepList:
    """One step of the checklist, in plain text (escaped where it lands)."""

    number: int
    title: str
    authority: str
    website: str
    address: str
    fee: str
    deadline: str
    documents: tuple[str, ...]


def _text(L: Language, text: dict[str, str] | None) -> str:
    return " ".join(text[L.lang].split()) if text and L.lang in text else L.label("untranslated")


def _who(authority: Authority) -> str:
    short = f" ({authority.short})" if authority.short and authority.short not in authority.name else ""
    return authority.name + short


def amount_text(L: Language, value: Amount) -> str:
    """An amount in plain text: 'about €200.00', 'probably free — ask …', 'Not known. Ask: …'."""
    if value.status == "unknown":
        return f"{L.label('not_known')} {L.label('ask', who=_who(L.project.authorities[value.ask]))}"
    if value.status == "free":
        return L.flagged(L.label("free_value") if value.inferred else L.label("free").rstrip("."), value)
    return L.flagged(fmt.money_range(value.low, value.high, value.currency, L.lang), value)


def period_text(L: Language, value: Period) -> str:
    if value.status == "unknown":
        return f"{L.label('not_known')} {L.label('ask', who=_who(L.project.authorities[value.ask]))}"
    return timeline.period_words(L, value)


def steps(roadmap: Roadmap, L: Language) -> list[StepList]:
    return [_step(s, L) for s in roadmap.steps]


def _step(step: Step, L: Language) -> StepList:
    contact = step.authority.contact
    address = contact.get("address")
    return StepList(
        step.number,
        _text(L, step.title),
        _who(step.authority),
        str(contact.get("website", "")),
        ", ".join(address) if isinstance(address, list) else str(address or ""),
        amount_text(L, step.fee),
        period_text(L, step.deadline),
        tuple(_text(L, d.text) for d in step.documents),
    )


def title(roadmap: Roadmap, L: Language) -> str:
    return L.label(
        "cl_title",
        profession=roadmap.profession.name[L.lang],
        origin=roadmap.origin.name[L.lang],
        destination=roadmap.destination.name[L.lang],
    )


def language_text(roadmap: Roadmap, L: Language) -> str:
    rule = roadmap.language
    level = rule.level
    if level.status == "known":
        words = f"{level.value} (CEFR)"
    elif level.status == "none":
        words = L.label("level_none").rstrip(".")
    else:
        words = f"{L.label('not_known')} {L.label('ask', who=_who(L.project.authorities[level.ask]))}"
    return f"{L.label('level')}: {words}. {L.label('proof')}: {_text(L, rule.proof.text)}"


def plain_lines(roadmap: Roadmap, L: Language, url: str) -> Iterator[str]:
    """The checklist as plain text, line by line (the body of the e-mail)."""
    yield title(roadmap, L)
    yield url
    for s in steps(roadmap, L):
        yield ""
        yield f"{L.label('step')} {s.number}: {s.title}"
        yield f"{L.label('who')}: {s.authority}"
        if s.address:
            yield f"{L.label('address')}: {s.address}"
        if s.website:
            yield f"{L.label('website')}: {s.website}"
        yield f"{L.label('fee')}: {s.fee}"
        yield f"{L.label('deadline')}: {s.deadline}"
        if s.documents:
            yield f"{L.label('documents')}:"
            yield from (f"[ ] {d}" for d in s.documents)
    for cost in roadmap.costs:
        yield ""
        yield f"{L.label('extra_costs')}: {_text(L, cost.label)}: {amount_text(L, cost.amount)}"
    yield ""
    yield f"{L.label('language')}: {language_text(roadmap, L)}"
    yield ""
    yield L.label("disclaimer", date=L.date(roadmap.oldest_check))


def mailto(subject: str, body: str) -> str:
    """A `mailto:` address with no recipient: the reader's own mail program opens with this subject and body.
    Everything is percent-encoded (RFC 6068), so no character of the text can end the link or add a header."""
    return f"mailto:?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def checklist_page(roadmap: Roadmap, L: Language) -> Page:
    path = paths.checklist_page(roadmap.key)
    url = paths.page_url(L.kit.settings.site_url, L.lang, paths.roadmap_url(roadmap.key))
    body = "\r\n".join(plain_lines(roadmap, L, url))
    markdown = L.render(
        "checklist.md.j2",
        r=roadmap,
        L=L,
        title=title(roadmap, L),
        steps=steps(roadmap, L),
        amount_text=amount_text,
        language_text=language_text(roadmap, L),
        mail=mailto(title(roadmap, L), body),
        roadmap_href=fmt.page_link(path, paths.roadmap_page(roadmap.key)),
    )
    return Page(path, markdown)


def pages(project: Project, L: Language) -> list[Page]:
    return [checklist_page(r, L) for r in project.roadmaps]
